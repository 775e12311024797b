import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readHttpFailure } from '../shared/http-failure';
import { promotionIdProperty } from './actions/common';
import { listSearch } from './methods';
import { flattenCoinTransaction } from './helpers/coinTransaction';
import { DEFAULT_MAX_WAIT_SECONDS, easypromosPage, isAtOrBefore, paths } from './transport';

type ItemId = string | number;

/** Where an older stretch of new items still waits to be read: from `cursor` down to `stopIds`. */
interface Gap {
	cursor: ItemId;
	stopIds: ItemId[];
}

interface PollState {
	/** Which event and promotion the ids below belong to; a change of either starts a new baseline. */
	watching?: string;
	/** Ids of the newest items already emitted (or recorded by the baseline), newest first. */
	seenIds?: ItemId[];
	/** Stretches a poll had no time to read; the next polls read them. */
	gaps?: Gap[];
}

/** How many of the newest ids the state keeps to recognise where the new items end. */
const SEEN_IDS_KEPT = 100;

/** Of the time n8n gives a poll, the share spent reading pages; the rest is kept for emitting. */
const BUDGET_SHARE = 0.8;

const EVENTS: Record<string, { path: (promotionId: string) => string; what: string }> = {
	newCoinTransaction: { path: paths.coinTransactions, what: 'coin transaction' },
	newParticipation: { path: paths.participations, what: 'participation' },
	newPrize: { path: paths.prizes, what: 'prize' },
	newUser: { path: paths.users, what: 'user' },
};

/** A coin-transaction item is `{transaction, user}`; every other item carries its own id. */
function itemId(item: IDataObject): ItemId {
	const transaction = item.transaction as IDataObject | undefined;
	return (transaction?.id ?? item.id) as ItemId;
}

function isTransient(error: unknown): boolean {
	const status = readHttpFailure(error).status;
	return status === 429 || (status !== undefined && status >= 500);
}

export class EasypromosTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Easypromos Trigger',
		name: 'easypromosTrigger',
		icon: { light: 'file:easypromos.svg', dark: 'file:easypromos.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when an Easypromos promotion has a new user, participation, coin transaction or prize won',
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
					{ name: 'New User', value: 'newUser', description: 'A person registered in the promotion' },
				],
				default: 'newUser',
			},
			promotionIdProperty,
			{
				displayName: 'Full Format',
				name: 'fullFormat',
				type: 'boolean',
				default: false,
				description: 'Whether to include the user, the prize won and the requirement in each participation',
				displayOptions: { show: { event: ['newParticipation'] } },
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					"Whether to return each transaction's fields at the top level, with the user's fields beside them as user_&lt;field&gt;, instead of Easypromos's {transaction, user} pair",
				displayOptions: { show: { event: ['newCoinTransaction'] } },
			},
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
		const event = this.getNodeParameter('event') as string;
		const source = EVENTS[event];
		if (!source) throw new NodeOperationError(this.getNode(), `The event "${event}" is not known`);
		const promotionId = String(this.getNodeParameter('promotionId', '', { extractValue: true }) ?? '').trim();
		if (!/^[1-9][0-9]*$/.test(promotionId)) {
			throw new NodeOperationError(
				this.getNode(),
				`Promotion ID "${promotionId}" is not valid: pick a promotion from the list or give its ID, a whole number`,
			);
		}
		const path = source.path(promotionId);
		// No "created since" filter exists: read newest first and stop at the newest item already seen.
		const qs: IDataObject = { order: 'created_desc' };
		if (event === 'newParticipation' && this.getNodeParameter('fullFormat', false)) qs.format = 'full';
		const simplify = event === 'newCoinTransaction' && (this.getNodeParameter('simplify', true) as boolean);
		const output = (items: IDataObject[]) =>
			this.helpers.returnJsonArray(simplify ? items.map(flattenCoinTransaction) : items);
		const about = { about: `promotion ID ${promotionId}` };

		if (this.getMode() === 'manual') {
			// A test run shows the newest real item without moving the baseline.
			const page = await easypromosPage.call(this, path, qs, undefined, about);
			return page.items.length ? [output(page.items.slice(0, 1))] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const watching = `${event}:${promotionId}`;
		if (state.watching !== watching || !Array.isArray(state.seenIds)) {
			const page = await easypromosPage.call(this, path, qs, undefined, about);
			state.watching = watching;
			state.seenIds = page.items.slice(0, SEEN_IDS_KEPT).map(itemId);
			state.gaps = [];
			return null;
		}

		const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 5 * 60_000;
		const deadline = Date.now() + budgetMs * BUDGET_SHARE;
		const tasks: Array<{ cursor?: ItemId; stopIds: ItemId[] }> = [
			{ cursor: undefined, stopIds: state.seenIds },
			...(state.gaps ?? []),
		];
		const collected: IDataObject[] = [];
		const gaps: Gap[] = [];
		let headIds: ItemId[] = [];
		let stopped = false;

		for (const [index, task] of tasks.entries()) {
			if (stopped) {
				gaps.push(task as Gap);
				continue;
			}
			let cursor = task.cursor;
			const found: IDataObject[] = [];
			for (;;) {
				const outOfTime = Date.now() >= deadline;
				let page: { items: IDataObject[]; next?: ItemId } | undefined;
				let failure: unknown;
				if (!outOfTime) {
					const maxWaitSeconds = Math.min(DEFAULT_MAX_WAIT_SECONDS, Math.max(0, (deadline - Date.now()) / 1000));
					page = await easypromosPage
						.call(this, path, qs, cursor, { ...about, maxWaitSeconds })
						.catch((error: unknown) => ((failure = error), undefined));
				}
				// With items in hand, a rate limit or an outage only ends this poll early; else it fails
				// (the error is the transport's NodeApiError).
				if (failure && (!isTransient(failure) || (collected.length === 0 && found.length === 0))) throw failure;
				if (!page) {
					// Out of time (or throttled): what is unread from `cursor` down waits for the next poll.
					// (The head read from the top needs no gap: the next poll starts there anyway.)
					if (cursor !== undefined) gaps.push({ cursor, stopIds: task.stopIds });
					stopped = true;
					break;
				}
				const stopAt = page.items.findIndex(
					(item) => task.stopIds.includes(itemId(item)) || isAtOrBefore(itemId(item), task.stopIds),
				);
				found.push(...(stopAt === -1 ? page.items : page.items.slice(0, stopAt)));
				if (stopAt !== -1 || page.next === undefined) break;
				cursor = page.next;
			}
			if (index === 0) headIds = found.slice(0, SEEN_IDS_KEPT).map(itemId);
			collected.push(...found);
		}

		if (headIds.length) state.seenIds = headIds;
		state.gaps = gaps;
		if (!collected.length) return null;
		// Read newest first; emitted oldest first, each item once.
		return [output(collected.reverse())];
	}
}
