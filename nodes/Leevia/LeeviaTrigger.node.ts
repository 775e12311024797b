import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { productProperties, requireProduct } from './actions/common';
import { leeviaPage, leeviaRequestAllItems, paths } from './transport';

interface PollState {
	/** Which event and product the ids below belong to; a change of either starts a new baseline. */
	watching?: string;
	seenIds?: Array<string | number>;
}

export class LeeviaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leevia Trigger',
		name: 'leeviaTrigger',
		icon: { light: 'file:leevia.svg', dark: 'file:leevia.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when a Leevia contest has a new participant or a new winner',
		defaults: { name: 'Leevia Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leeviaApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Participant',
						value: 'newParticipant',
						description: 'A person registered or took part',
					},
					{
						name: 'New Winner',
						value: 'newWinner',
						description: 'A participant won a prize (contests and WhatsApp campaigns)',
					},
				],
				default: 'newParticipant',
			},
			...productProperties('to watch'),
			{
				displayName:
					'The first check records who is already there and emits nothing; later checks emit each new participant once.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const product = await requireProduct(this, {
			productType: this.getNodeParameter('productType', '') as string,
			productId: String(this.getNodeParameter('productId', '')),
		});
		if (event === 'newWinner' && product.productType === 'loyalty_portals') {
			throw new NodeOperationError(
				this.getNode(),
				'Loyalty portals have no winner export: choose New Participant, or a contest or WhatsApp campaign',
			);
		}
		const path = paths.participants(product);
		const qs: IDataObject = event === 'newWinner' ? { type: 'winner' } : {};

		if (this.getMode() === 'manual') {
			// A test run shows real data without moving the baseline: the first page's last record.
			const firstPage = await leeviaPage.call(this, path, qs, 1);
			const sample = firstPage.records.slice(-1);
			return sample.length ? [this.helpers.returnJsonArray(sample)] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const watching = `${event}:${product.productType}/${product.productId}`;
		// The export has no "since" filter and no documented order, so every poll reads it whole and
		// compares ids with the ones already seen.
		const participants = await leeviaRequestAllItems.call(this, path, qs);
		const ids = participants.map((participant) => participant.id as string | number);

		if (state.watching !== watching || !Array.isArray(state.seenIds)) {
			state.watching = watching;
			state.seenIds = ids;
			return null;
		}
		const seen = new Set(state.seenIds);
		const fresh = participants.filter((participant) => !seen.has(participant.id as string | number));
		if (!fresh.length) return null;
		state.seenIds = [...state.seenIds, ...fresh.map((participant) => participant.id as string | number)];
		return [this.helpers.returnJsonArray(fresh)];
	}
}
