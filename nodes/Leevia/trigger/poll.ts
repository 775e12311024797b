/**
 * What the Leevia Trigger does on each poll, as functions of the stored state (state.ts) and an
 * injected page reader, so they run without a server or an n8n context: the first poll of an event and
 * product records a baseline, a later one reads from where the previous one ended when that still
 * holds, else the export whole, and emits what it had not seen (new-records.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { readPagesAhead } from '../../shared/http/pagination';
import { DEFAULT_PAGES_AT_ONCE } from '../../shared/http/request-options';
import type { PollStrategy } from '../../shared/trigger/poll-frame';
import { addSeenIds, encodeSeenIds, seenIdsOf } from '../../shared/trigger/seen-ids';
import { LEEVIA_EXPORT_APPENDS, leeviaNextPage } from '../transport';
import { checkFromEnd, findNew, numericId, type LeeviaPage, type PageRead } from './new-records';
import {
	encodeEnd,
	readState,
	type DecodedEnd,
	type LeeviaPollState,
	type PreviousState,
} from './state';

/** Reads one page of the export (pages are numbered from 1). */
export type FetchPage = (page: number) => Promise<LeeviaPage>;

export interface PollOptions {
	/** Winners: a participant listed n times has won n times, and each win is emitted. */
	countRepeats?: boolean;
}

export interface PollOutcome {
	/** Records not seen before, in the export's order, each once. */
	newRecords: IDataObject[];
	/** The state to store, or undefined when it has not changed, so n8n need not save it. */
	state?: LeeviaPollState;
	/** Why this poll read the export whole although it is not the first: for the debug log. */
	fullRead?: string;
}

/**
 * What the poll frame runs for the Leevia Trigger: `watching` names the event and product.
 * `onFullRead` hears why a poll that is not the first read the export whole (for the debug log).
 */
export function leeviaPoll(
	watching: string,
	fetchPage: FetchPage,
	options: PollOptions & { onFullRead?: (why: string) => void } = {},
): PollStrategy<LeeviaPollState, PreviousState> {
	return {
		// Real data: the first page's last record.
		sample: async () => (await fetchPage(1)).records.slice(-1),
		readState: (stored) => readState(stored, watching),
		baseline: async () => await baseline(watching, fetchPage, options),
		readNew: async (previous) => {
			const outcome = await readNewRecords(previous, watching, fetchPage, options);
			if (outcome.fullRead) options.onFullRead?.(outcome.fullRead);
			return { records: outcome.newRecords, state: outcome.state };
		},
	};
}

/**
 * One poll, as the frame runs it. `stored` is the node's static data as last saved; `watching`
 * names the event and product now configured. The first poll of a `watching` records a baseline
 * and emits nothing.
 */
export async function pollNewRecords(
	stored: unknown,
	watching: string,
	fetchPage: FetchPage,
	options: PollOptions = {},
): Promise<PollOutcome> {
	const previous = readState(stored, watching);
	if (!previous) return { newRecords: [], state: await baseline(watching, fetchPage, options) };
	return await readNewRecords(previous, watching, fetchPage, options);
}

/** The first poll of `watching`: the keys of the whole export, and where it ends. */
async function baseline(
	watching: string,
	fetchPage: FetchPage,
	options: PollOptions,
): Promise<LeeviaPollState> {
	const pages = await readPages(fetchPage, 1);
	const found = findNew(pages, seenIdsOf([]), options.countRepeats ?? false);
	const seen = encodeSeenIds(seenIdsOf(found.keys));
	return withEnd({ watching, seen }, pages, found.unsure);
}

/** A later poll: the records not seen before, read from the remembered end when it still holds. */
async function readNewRecords(
	previous: PreviousState,
	watching: string,
	fetchPage: FetchPage,
	options: PollOptions,
): Promise<PollOutcome> {
	const countRepeats = options.countRepeats ?? false;
	let pages: PageRead[] | undefined;
	let fullRead: string | undefined = LEEVIA_EXPORT_APPENDS
		? 'no position is remembered'
		: 'the export is always read whole (LEEVIA_EXPORT_APPENDS is off)';
	if (previous.end && LEEVIA_EXPORT_APPENDS) {
		pages = await readPages(fetchPage, previous.end.page);
		fullRead = checkFromEnd(previous.end, pages, previous.seen, countRepeats);
	}
	if (fullRead) pages = await readPages(fetchPage, 1);
	const found = findNew(pages!, previous.seen, countRepeats);

	const state = withEnd(
		{ watching, seen: encodeSeenIds(addSeenIds(previous.seen, found.keys)) },
		pages!,
		found.unsure,
	);
	const changed =
		found.records.length > 0 ||
		previous.converted ||
		JSON.stringify(state.end) !== JSON.stringify(previous.end && encodeEnd(previous.end));
	return { newRecords: found.records, state: changed ? state : undefined, fullRead };
}

/** The state with the end of `pages` remembered, when its ids allow a check at the next poll. */
function withEnd(state: LeeviaPollState, pages: PageRead[], unsure: boolean): LeeviaPollState {
	const last = [...pages].reverse().find((page) => page.records.length) ?? pages[0];
	const ids = last.records.map((record) => numericId(record.id));
	if (unsure || ids.some((id) => id === undefined)) return state;
	const { count, per_page: perPage } = last.pagination;
	const end: DecodedEnd = { page: last.records.length ? last.page : 1, ids: ids as number[] };
	if (typeof count === 'number') end.count = count;
	if (typeof perPage === 'number') end.perPage = perPage;
	return { ...state, end: encodeEnd(end) };
}

/**
 * The pages from `from` to the end, in order: the first alone (a poll mostly reads one or two), then up
 * to DEFAULT_PAGES_AT_ONCE at once, as far as its `pages` says the export goes.
 */
async function readPages(fetchPage: FetchPage, from: number): Promise<PageRead[]> {
	return await readPagesAhead<PageRead>(
		async (index) => {
			const page = from + index;
			const current = await fetchPage(page);
			const pages = Number(current.pagination.pages);
			return {
				items: [{ page, ...current }],
				last: leeviaNextPage(page, current) === undefined,
				...(Number.isInteger(pages) && pages >= page && { pageCount: pages - from + 1 }),
			};
		},
		{ pageSize: 1, pagesAtOnce: DEFAULT_PAGES_AT_ONCE },
	);
}

/** Reads the export from page 1 to the end (see `leeviaNextPage` for where it ends). */
export async function readExport(fetchPage: FetchPage): Promise<IDataObject[]> {
	return (await readPages(fetchPage, 1)).flatMap((page) => page.records);
}
