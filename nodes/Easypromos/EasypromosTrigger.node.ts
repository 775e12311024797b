import type { IDataObject, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { outputProperty, contactJson } from '../shared/contact/contact';
import { openCredentialSession } from '../shared/http/credential-session';
import {
	pollMethod,
	type PollFrameOptions,
	type PollMethod,
	type SetUpPoll,
} from '../shared/trigger/poll-frame';
import { promotionIdProperty, simplifyProperty } from './descriptions';
import { listSearch } from './methods';
import { flattenCoinTransaction } from './helpers/coinTransaction';
import { easypromosContact, promotionRef, type EasypromosPersonKind } from './helpers/contact';
import { readWatchedPromotionId } from './parameters';
import { easypromosPage, paths } from './transport';
import { easypromosPoll, type PollState } from './trigger/poll';

const EVENTS: Record<
	string,
	{ path: (promotionId: string) => string; what: string; kind: EasypromosPersonKind }
> = {
	newCoinTransaction: {
		path: paths.coinTransactions,
		what: 'coin transaction',
		kind: 'coinTransaction',
	},
	newParticipation: { path: paths.participations, what: 'participation', kind: 'participation' },
	newPrize: { path: paths.prizes, what: 'prize', kind: 'prize' },
	newUser: { path: paths.users, what: 'user', kind: 'user' },
};

export class EasypromosTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Easypromos Trigger',
		name: 'easypromosTrigger',
		icon: { light: 'file:easypromos.svg', dark: 'file:easypromos.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when an Easypromos promotion has a new user, participation, coin transaction or prize won',
		defaults: { name: 'Easypromos Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'easypromosApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Coin Transaction',
						value: 'newCoinTransaction',
						description: 'Virtual coins were added to a user or taken away',
					},
					{
						name: 'New Participation',
						value: 'newParticipation',
						description: 'A user took part in a stage (a game, a quiz, a wheel...)',
					},
					{ name: 'New Prize Won', value: 'newPrize', description: 'A user won a prize' },
					{
						name: 'New User',
						value: 'newUser',
						description: 'A person registered in the promotion',
					},
				],
				default: 'newUser',
			},
			promotionIdProperty,
			{
				displayName: 'Full Format',
				name: 'fullFormat',
				type: 'boolean',
				default: false,
				description:
					'Whether to include the user, the prize won and the requirement in each participation',
				displayOptions: { show: { event: ['newParticipation'] } },
			},
			{
				...simplifyProperty,
				displayOptions: { show: { event: ['newCoinTransaction'] }, hide: { output: ['contact'] } },
			},
			outputProperty,
			{
				displayName:
					'The first check records what is already there and emits nothing; later checks emit each new item once, oldest first.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { listSearch };

	poll: PollMethod;

	/** n8n builds the trigger without options; a test may set the request timeout. */
	constructor(frame: PollFrameOptions = {}) {
		this.poll = pollMethod(setUpPoll, frame);
	}
}

/** The trigger's parameters (checked before any request) and its pages, for the poll frame. */
const setUpPoll: SetUpPoll<PollState> = async (context, reading) => {
	const event = context.getNodeParameter('event') as string;
	const source = EVENTS[event];
	if (!source) throw new NodeOperationError(context.getNode(), `The event "${event}" is not known`);
	const promotionId = readWatchedPromotionId(context);
	// No "created since" filter exists: read newest first and stop at the newest item already seen.
	const qs: IDataObject = { order: 'created_desc' };
	const contact = context.getNodeParameter('output', 'raw') === 'contact';
	// A contact needs the participation's person and prize, which only the full format embeds.
	if (event === 'newParticipation' && (contact || context.getNodeParameter('fullFormat', false)))
		qs.format = 'full';
	const output = (items: IDataObject[]): IDataObject[] => {
		if (contact) {
			const promotion = promotionRef(context.getNodeParameter('promotionId'), promotionId);
			return items.map((item) => contactJson(easypromosContact(source.kind, item, promotion)));
		}
		const simplify =
			event === 'newCoinTransaction' && (context.getNodeParameter('simplify', true) as boolean);
		return simplify ? items.map(flattenCoinTransaction) : items;
	};
	const path = source.path(promotionId);
	const about = `promotion ID ${promotionId}`;
	// One credential read for every page of the poll.
	const session = await openCredentialSession(context, 'easypromosApi');
	const { timeoutMs } = reading;
	const strategy = easypromosPoll(
		`${event}:${promotionId}`,
		async (cursor, maxWaitSeconds) =>
			await easypromosPage.call(context, path, qs, cursor, {
				about,
				maxWaitSeconds,
				session,
				timeoutMs,
			}),
		reading,
	);
	return { strategy, output };
};
