/**
 * The polling trigger's strategy, apart from n8n and HTTP: which items are new since the last poll.
 * Easypromos lists newest first with cursor pages and has no "created since" filter, so a poll reads
 * from the top down to the newest ids already seen. A backlog one poll cannot finish (out of time, or
 * a rate limit / outage once items are in hand) is kept as a gap that later polls read.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	nextPage,
	type PollReading,
	type PollStrategy,
	type ReadingBudget,
} from '../../shared/trigger/poll-frame';
import { DEFAULT_MAX_WAIT_SECONDS } from '../transport';

export type ItemId = string | number;

/** Where an older stretch of new items still waits to be read: from `cursor` down to `stopIds`. */
export interface Gap {
	cursor: ItemId;
	stopIds: ItemId[];
}

/** Kept in the workflow's static data under these keys, so saved workflows carry on. */
export interface PollState {
	/** Which event and promotion the ids below belong to; a change of either starts a new baseline. */
	watching?: string;
	/** Ids of the newest items already emitted (or recorded by the baseline), newest first. */
	seenIds?: ItemId[];
	/** Stretches a poll had no time to read; the next polls read them. */
	gaps?: Gap[];
}

export interface Page {
	items: IDataObject[];
	next?: ItemId;
}

/**
 * One page newest first, from the top when `cursor` is undefined; `maxWaitSeconds` bounds the wait
 * on 429s (the transport's usual wait when undefined).
 */
export type FetchPage = (cursor: ItemId | undefined, maxWaitSeconds?: number) => Promise<Page>;

export interface PageReader extends ReadingBudget {
	/** One page newest first: from the top when `cursor` is undefined. */
	fetchPage: (cursor: ItemId | undefined) => Promise<Page>;
}

export interface PollOutcome {
	/** The new items, oldest first, each once. */
	items: IDataObject[];
	state: PollState;
}

/** How many of the newest ids the state keeps to recognise where the new items end. */
export const SEEN_IDS_KEPT = 100;

/** A stretch to read this poll: the head has no cursor (it starts at the top). */
interface Stretch {
	cursor?: ItemId;
	stopIds: ItemId[];
}

/** What reading one stretch gave; `unread` is set when the poll had to stop inside it. */
interface StretchRead {
	found: IDataObject[];
	stopped: boolean;
	unread?: Gap;
}

/** What the poll frame runs for the Easypromos Trigger: `watching` names the event and promotion. */
export function easypromosPoll(
	watching: string,
	fetchPage: FetchPage,
	reading: PollReading,
): PollStrategy<PollState> {
	return {
		// The newest real item. Without maxWaitSeconds (sample, baseline) the transport's usual wait
		// on 429s applies.
		sample: async () => (await fetchPage(undefined)).items.slice(0, 1),
		readState: (stored: PollState) => (needsBaseline(stored, watching) ? undefined : stored),
		baseline: async () => baselineState(watching, await fetchPage(undefined)),
		readNew: async (state) => {
			const { items, state: next } = await readNewItems(state, {
				// While reading new items, a 429 is waited on only for the reading time that is left.
				fetchPage: async (cursor) =>
					await fetchPage(cursor, reading.maxWaitSeconds(DEFAULT_MAX_WAIT_SECONDS)),
				timeLeft: reading.timeLeft,
				isTransient: reading.isTransient,
			});
			return { records: items, state: next };
		},
	};
}

/** A coin-transaction item is `{transaction, user}`; every other item carries its own id. */
export function itemId(item: IDataObject): ItemId {
	const transaction = item.transaction as IDataObject | undefined;
	return (transaction?.id ?? item.id) as ItemId;
}

/** The ids are only comparable within one event of one promotion. */
export function needsBaseline(state: PollState, watching: string): boolean {
	return state.watching !== watching || !Array.isArray(state.seenIds);
}

/** The first poll records what is already there (one page) and emits nothing. */
export function baselineState(watching: string, firstPage: Page): PollState {
	return { watching, seenIds: newestIds(firstPage.items), gaps: [] };
}

/**
 * Reads what is new since `state` (which must not need a baseline): first from the top, then each
 * gap, newest first. Throws the fetch's error when it is not transient or nothing is in hand yet.
 */
export async function readNewItems(state: PollState, reader: PageReader): Promise<PollOutcome> {
	const seenIds = state.seenIds ?? [];
	const stretches: Stretch[] = [{ cursor: undefined, stopIds: seenIds }, ...(state.gaps ?? [])];
	const { foundPerStretch, gaps } = await readStretches(stretches, reader);
	const head = foundPerStretch[0] ?? [];
	return {
		// Each stretch is newest first and older than the one before it: reversed, oldest first.
		items: foundPerStretch.flat().reverse(),
		state: {
			watching: state.watching,
			// Nothing read from the top leaves the seen ids as they were.
			seenIds: head.length ? newestIds(head) : seenIds,
			gaps,
		},
	};
}

async function readStretches(
	stretches: Stretch[],
	reader: PageReader,
): Promise<{ foundPerStretch: IDataObject[][]; gaps: Gap[] }> {
	const foundPerStretch: IDataObject[][] = [];
	for (const [index, stretch] of stretches.entries()) {
		const inHand = foundPerStretch.some((found) => found.length > 0);
		const read = await readStretch(stretch, reader, inHand);
		foundPerStretch.push(read.found);
		if (read.stopped) {
			// What this stretch left unread and the stretches not started wait for the next poll.
			const rest = stretches.slice(index + 1) as Gap[];
			return { foundPerStretch, gaps: read.unread ? [read.unread, ...rest] : rest };
		}
	}
	return { foundPerStretch, gaps: [] };
}

/** Reads pages from the stretch's cursor until an id already seen, the last page, or a stop. */
async function readStretch(
	stretch: Stretch,
	reader: PageReader,
	inHand: boolean,
): Promise<StretchRead> {
	const found: IDataObject[] = [];
	let cursor = stretch.cursor;
	do {
		const page = await nextPage(
			reader,
			async () => await reader.fetchPage(cursor),
			inHand || found.length > 0,
		);
		if (!page) {
			// The head needs no gap when stopped at the top: the next poll starts there anyway.
			const unread = cursor === undefined ? undefined : { cursor, stopIds: stretch.stopIds };
			return { found, stopped: true, unread };
		}
		const seenAt = page.items.findIndex((item) => isSeen(itemId(item), stretch.stopIds));
		if (seenAt !== -1) {
			found.push(...page.items.slice(0, seenAt));
			return { found, stopped: false };
		}
		found.push(...page.items);
		cursor = page.next;
	} while (cursor !== undefined);
	return { found, stopped: false };
}

/** Ids are assumed to grow (see `isAtOrBefore`), so one at or below the newest seen was seen too. */
function isSeen(id: ItemId, stopIds: ItemId[]): boolean {
	return stopIds.includes(id) || isAtOrBefore(id, stopIds);
}

function newestIds(itemsNewestFirst: IDataObject[]): ItemId[] {
	return itemsNewestFirst.slice(0, SEEN_IDS_KEPT).map(itemId);
}

/**
 * ASSUMED: item ids are integers that grow with creation, so an id at or below one already seen
 * belongs to an item that was seen too. (The guide only says each item has a unique ID.)
 */
export function isAtOrBefore(id: unknown, seenIds: Array<string | number>): boolean {
	const numericId = Number(id);
	if (!Number.isFinite(numericId) || id === '' || id === null) return false;
	const numericSeen = seenIds.map(Number).filter(Number.isFinite);
	return numericSeen.length > 0 && numericId <= Math.max(...numericSeen);
}
