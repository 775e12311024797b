import type { IDataObject, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { openCredentialSession } from '../shared/http/credential-session';
import { outputProperty, contactJson } from '../shared/contact/contact';
import {
	pollMethod,
	type PollFrameOptions,
	type PollMethod,
	type SetUpPoll,
} from '../shared/trigger/poll-frame';
import { productProperties } from './descriptions';
import { participantToContact } from './helpers/contact';
import { requireProduct } from './parameters';
import { LEEVIA_LISTED_PER_EVENT, leeviaPage, paths } from './transport';
import { leeviaPoll, type FetchPage } from './trigger/poll';
import type { LeeviaPollState, PreviousState } from './trigger/state';

export class LeeviaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leevia Trigger',
		name: 'leeviaTrigger',
		icon: { light: 'file:leevia.svg', dark: 'file:leevia.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a Leevia contest has a new participant, registration, participation or winner',
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
						name: 'New Participation',
						value: 'newParticipation',
						description: 'A person played in a contest; each play once (contests only)',
					},
					{
						name: 'New Registration',
						value: 'newRegistration',
						description: 'A person registered to a contest (contests only)',
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
					'The first check records who is already there and emits nothing; later checks emit each new participant once (a win or a play once each time it is listed).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	poll: PollMethod;

	/** n8n builds the trigger without options; a test may set the request timeout. */
	constructor(frame: PollFrameOptions = {}) {
		this.poll = pollMethod(setUpPoll, frame);
	}
}

/** [doc] Each event reads the participant export with this `type` ('' for none: every participant). */
const EXPORT_TYPES = new Map([
	['newParticipant', ''],
	['newRegistration', 'registration'],
	['newParticipation', 'participation'],
	['newWinner', 'winner'],
]);

/** The trigger's parameters (checked before any request) and its pages, for the poll frame. */
const setUpPoll: SetUpPoll<LeeviaPollState, PreviousState> = async (context, reading) => {
	const event = context.getNodeParameter('event') as string;
	const product = await requireProduct(context, {
		productType: context.getNodeParameter('productType', '') as string,
		productId: String(context.getNodeParameter('productId', '')),
	});
	const type = EXPORT_TYPES.get(event);
	if (type === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`Event "${event}" is not one this trigger knows: choose an Event from the list`,
		);
	}
	if (event === 'newWinner' && product.productType === 'loyalty_portals') {
		throw new NodeOperationError(
			context.getNode(),
			'Loyalty portals have no winner export: choose New Participant, or a contest or WhatsApp campaign',
		);
	}
	// [doc] Only contests (campaigns) take type=registration and type=participation.
	if (type && type !== 'winner' && product.productType !== 'campaigns') {
		throw new NodeOperationError(
			context.getNode(),
			`Only contests have a ${type} export: choose New Participant for ${product.productType}, or set Product Type to Contest (Campaign)`,
		);
	}
	const path = paths.participants(product);
	const asContacts = context.getNodeParameter('output', 'raw') === 'contact';
	const output = (records: IDataObject[]) =>
		asContacts
			? records.map((record) =>
					contactJson(
						participantToContact(record, product.productId, { winner: event === 'newWinner' }),
					),
				)
			: records;
	const qs: IDataObject = type ? { type } : {};
	// One credential read for every page of the poll; a refused connection after page 1 is a server
	// restarting, worth another try like any lost reply.
	const session = await openCredentialSession(context, 'leeviaApi');
	const { timeoutMs } = reading;
	const fetchPage: FetchPage = async (page) =>
		await leeviaPage.call(context, path, qs, page, {
			session,
			answeredBefore: page > 1,
			timeoutMs,
		});
	const watching = `${event}:${product.productType}/${product.productId}`;
	const strategy = leeviaPoll(watching, fetchPage, {
		// A winner listed twice has won twice, a player listed twice has played twice (README: "New
		// Winner", "New Participation").
		countRepeats: LEEVIA_LISTED_PER_EVENT.includes(type),
		onFullRead: (why) =>
			context.logger.debug(`Leevia Trigger read the whole participant export: ${why}`, {
				watching,
			}),
	});
	return { strategy, output };
};
