import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { openCredentialSession } from '../shared/http/credential-session';
import { outputProperty, contactJson } from '../shared/contact/contact';
import { productProperties } from './descriptions';
import { participantToContact } from './helpers/contact';
import { requireProduct } from './parameters';
import { leeviaPage, paths } from './transport';
import { pollNewRecords, type FetchPage } from './trigger/poll';

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
			outputProperty,
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
		const asContacts = this.getNodeParameter('output', 'raw') === 'contact';
		const output = (records: IDataObject[]) =>
			this.helpers.returnJsonArray(
				asContacts
					? records.map((record) =>
							contactJson(
								participantToContact(record, product.productId, { winner: event === 'newWinner' }),
							),
						)
					: records,
			);
		const qs: IDataObject = event === 'newWinner' ? { type: 'winner' } : {};
		// One credential read for every page of the poll; a refused connection after page 1 is a server
		// restarting, worth another try like any lost reply.
		const session = await openCredentialSession(this, 'leeviaApi');
		const fetchPage: FetchPage = async (page) =>
			await leeviaPage.call(this, path, qs, page, { session, answeredBefore: page > 1 });

		if (this.getMode() === 'manual') {
			// A test run shows real data without moving the baseline: the first page's last record.
			const sample = (await fetchPage(1)).records.slice(-1);
			return sample.length ? [output(sample)] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const watching = `${event}:${product.productType}/${product.productId}`;
		const { newRecords, state, fullRead } = await pollNewRecords(staticData, watching, fetchPage, {
			// A winner listed twice has won twice (README: "New Winner").
			countRepeats: event === 'newWinner',
		});
		if (fullRead) {
			this.logger.debug(`Leevia Trigger read the whole participant export: ${fullRead}`, {
				watching,
			});
		}
		if (state) {
			// Replaced whole, so no field of an older format stays behind.
			for (const key of Object.keys(staticData)) delete staticData[key];
			Object.assign(staticData, state);
		}
		return newRecords.length ? [output(newRecords)] : null;
	}
}
