import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { outputProperty, contactJson } from '../shared/contact/contact';
import { openCredentialSession } from '../shared/http/credential-session';
import { isTransientFailure, readHttpFailure } from '../shared/http/http-failure';
import { promotionIdProperty } from './descriptions';
import { listSearch } from './methods';
import { flattenCoinTransaction } from './helpers/coinTransaction';
import { easypromosContact, promotionRef, type EasypromosPersonKind } from './helpers/contact';
import { DEFAULT_MAX_WAIT_SECONDS, easypromosPage, paths } from './transport';
import {
	baselineState,
	needsBaseline,
	readingTimeLeft,
	readNewItems,
	type ItemId,
	type PollState,
} from './trigger/poll';

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

/** A rate limit, an outage or a lost reply: the poll emits what it has and reads the rest later. */
function isTransient(error: unknown): boolean {
	return isTransientFailure(readHttpFailure(error));
}

/** What the trigger watches, from its parameters; the Promotion ID is checked before any request. */
function readParameters(context: IPollFunctions) {
	const event = context.getNodeParameter('event') as string;
	const source = EVENTS[event];
	if (!source) throw new NodeOperationError(context.getNode(), `The event "${event}" is not known`);
	const promotionId = String(
		context.getNodeParameter('promotionId', '', { extractValue: true }) ?? '',
	).trim();
	if (!/^[1-9][0-9]*$/.test(promotionId)) {
		throw new NodeOperationError(
			context.getNode(),
			`Promotion ID "${promotionId}" is not valid: pick a promotion from the list or give its ID, a whole number`,
		);
	}
	// No "created since" filter exists: read newest first and stop at the newest item already seen.
	const qs: IDataObject = { order: 'created_desc' };
	const contact = context.getNodeParameter('output', 'raw') === 'contact';
	// A contact needs the participation's person and prize, which only the full format embeds.
	if (event === 'newParticipation' && (contact || context.getNodeParameter('fullFormat', false)))
		qs.format = 'full';
	const shape = (items: IDataObject[]): IDataObject[] => {
		if (contact) {
			const promotion = promotionRef(context.getNodeParameter('promotionId'), promotionId);
			return items.map((item) => contactJson(easypromosContact(source.kind, item, promotion)));
		}
		const simplify =
			event === 'newCoinTransaction' && (context.getNodeParameter('simplify', true) as boolean);
		return simplify ? items.map(flattenCoinTransaction) : items;
	};
	return {
		watching: `${event}:${promotionId}`,
		path: source.path(promotionId),
		qs,
		about: `promotion ID ${promotionId}`,
		shape,
	};
}

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
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					"Whether to return each transaction's fields at the top level, with the user's fields beside them as user_&lt;field&gt;, instead of Easypromos's {transaction, user} pair",
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

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const { watching, path, qs, about, shape } = readParameters(this);
		const output = (items: IDataObject[]) => this.helpers.returnJsonArray(shape(items));
		// Without maxWaitSeconds (sample, baseline) the transport's usual wait on 429s applies.
		// One credential read for every page of the poll.
		const session = await openCredentialSession(this, 'easypromosApi');
		const fetchPage = (cursor?: ItemId, maxWaitSeconds?: number) =>
			easypromosPage.call(this, path, qs, cursor, { about, maxWaitSeconds, session });

		if (this.getMode() === 'manual') {
			// A test run shows the newest real item without moving the baseline.
			const page = await fetchPage();
			return page.items.length ? [output(page.items.slice(0, 1))] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		if (needsBaseline(state, watching)) {
			Object.assign(state, baselineState(watching, await fetchPage()));
			return null;
		}

		const budgetMs =
			typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 5 * 60_000;
		const timeLeft = readingTimeLeft(budgetMs);
		const { items, state: next } = await readNewItems(state, {
			// While reading new items, a 429 is waited on only for the reading time that is left.
			fetchPage: (cursor) =>
				fetchPage(cursor, Math.min(DEFAULT_MAX_WAIT_SECONDS, Math.max(0, timeLeft() / 1000))),
			timeLeft,
			isTransient,
		});
		Object.assign(state, next);
		return items.length ? [output(items)] : null;
	}
}
