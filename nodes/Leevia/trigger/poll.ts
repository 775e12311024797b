/**
 * What the Leevia Trigger does on each poll, as functions of the stored state and an injected page
 * reader, so they run without a server or an n8n context.
 *
 * The export has no "since" filter. Its example lists participants in ascending id order, new ones
 * last (LEEVIA_EXPORT_APPENDS in the transport), so a poll reads from the page where the previous one
 * ended, after checking that this page still starts with the ids it held then. When the check fails
 * (deleted, inserted or reordered participants, another page size), the poll reads the export whole.
 * Either way a record is emitted only when its key is not in the set of keys seen so far: the check
 * saves requests, the seen set keeps a participant from coming out twice.
 *
 * This file is past 200 lines because the check, the keys of repeated wins and the saved position
 * belong together: each is only safe with the others.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	addSeenIds,
	canonicalId,
	decodeSeenIds,
	encodeSeenIds,
	hasSeenId,
	isItemId,
	seenIdsOf,
	type ItemId,
	type SeenIds,
	type StoredSeenIds,
} from '../../shared/trigger/seen-ids';
import { readPagesAhead } from '../../shared/http/pagination';
import { DEFAULT_PAGES_AT_ONCE } from '../../shared/http/request-options';
import type { PollStrategy } from '../../shared/trigger/poll-frame';
import { LEEVIA_EXPORT_APPENDS, leeviaNextPage, type LeeviaPagination } from '../transport';

export interface LeeviaPage {
	records: IDataObject[];
	pagination: LeeviaPagination;
}

/** Reads one page of the export (pages are numbered from 1). */
export type FetchPage = (page: number) => Promise<LeeviaPage>;

/** Where the previous poll ended: the last page with records, the ids on it, the export's size. */
export interface StoredEnd {
	page: number;
	/** The page's ids in order; a run of consecutive ids is `[first, last]`. */
	ids: Array<number | [number, number]>;
	count?: number;
	perPage?: number;
}

/** What the trigger keeps in its static data. */
export interface LeeviaPollState {
	/** Which event and product the ids belong to; a change of either starts a new baseline. */
	watching: string;
	/** Keys already emitted or in the baseline: an id, or `<id>#<n>` for the n-th win of that id. */
	seen: StoredSeenIds;
	/** Absent when the last read gave no place to start from (saved by 0.2, or ids that are not numbers). */
	end?: StoredEnd;
}

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

/** The stored state as a poll reads it. */
export interface PreviousState {
	seen: SeenIds;
	end?: DecodedEnd;
	/** Read from the plain list of version 0.1.0: saved in the compact form even when nothing is new. */
	converted: boolean;
}

interface PageRead extends LeeviaPage {
	page: number;
}

interface Found {
	records: IDataObject[];
	keys: ItemId[];
	/** A listing that may be one record read twice (it moved between pages while they were read). */
	unsure: boolean;
	/** A listing after the remembered page that was seen before. */
	seenAgain: boolean;
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

/** The reason the pages read from the remembered end cannot be trusted, or undefined when they can. */
export function checkFromEnd(
	end: DecodedEnd,
	pages: PageRead[],
	seen: SeenIds,
	countRepeats: boolean,
): string | undefined {
	const [first] = pages;
	const { per_page: perPage, count } = first.pagination;
	if (end.perPage !== undefined && typeof perPage === 'number' && perPage !== end.perPage) {
		return `the page size changed from ${end.perPage} to ${perPage}`;
	}
	if (end.count !== undefined && typeof count === 'number' && count < end.count) {
		return `the export shrank from ${end.count} to ${count} participants`;
	}
	const there = first.records.slice(0, end.ids.length).map((record) => numericId(record.id));
	if (there.length !== end.ids.length || there.some((id, index) => id !== end.ids[index])) {
		return `page ${end.page} no longer starts with the participants it held at the last poll`;
	}
	const after: PageRead[] = [
		{ ...first, records: first.records.slice(end.ids.length) },
		...pages.slice(1),
	];
	if (!ascendsAfter(end.ids[end.ids.length - 1], after.flatMap(idsOf))) {
		return `the participants after page ${end.page} are not in ascending id order`;
	}
	const found = findNew(after, seen, countRepeats);
	if (found.seenAgain) return `a participant seen before appears after page ${end.page}`;
	if (found.unsure) return 'a winner appears twice across pages that changed while they were read';
	return undefined;
}

/**
 * The listings of `pages` whose key is not in `seen`, each once. A key is the id; when repeats
 * count, the n-th listing of an id in the pages read is `<id>#<n>` from the second on.
 */
function findNew(pages: PageRead[], seen: SeenIds, countRepeats: boolean): Found {
	const found: Found = { records: [], keys: [], unsure: false, seenAgain: false };
	const listings = new Map<ItemId, number>();
	const emitted = new Set<ItemId>();
	pages.forEach(({ records, pagination }, pageIndex) => {
		records.forEach((record, index) => {
			// A record without an id cannot be told apart from the next one, so it is never emitted.
			if (!isItemId(record.id)) return;
			const id = canonicalId(record.id);
			let key: ItemId = id;
			if (countRepeats) {
				const before = pages[pageIndex - 1];
				// The first listing of a page equal to the last of the previous page, while the export's
				// size changed in between, can be one record pushed onto the next page.
				if (
					index === 0 &&
					before?.records.length &&
					numericId(before.records[before.records.length - 1].id) === id &&
					before.pagination.count !== pagination.count
				) {
					found.unsure = true;
					return;
				}
				const listing = (listings.get(id) ?? 0) + 1;
				listings.set(id, listing);
				if (listing > 1) key = `${id}#${listing}`;
			}
			if (hasSeenId(seen, key)) found.seenAgain = true;
			// An id can show up twice in one read when records shift between pages while it runs.
			if (hasSeenId(seen, key) || emitted.has(key)) return;
			emitted.add(key);
			found.keys.push(key);
			found.records.push(record);
		});
	});
	return found;
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

/**
 * Whether `ids` follow `last` in ascending order. Equal ids may follow each other (a participant
 * who won twice), but the first must come after the last one remembered.
 */
function ascendsAfter(last: number | undefined, ids: Array<number | undefined>): boolean {
	let previous = last;
	for (const [index, id] of ids.entries()) {
		if (id === undefined) return false;
		if (previous !== undefined && (id < previous || (index === 0 && id === previous))) return false;
		previous = id;
	}
	return true;
}

function idsOf(page: LeeviaPage): Array<number | undefined> {
	return page.records.map((record) => numericId(record.id));
}

/** An id the position can hold: a safe integer, given as a number or a decimal string. */
function numericId(id: unknown): number | undefined {
	if (!isItemId(id)) return undefined;
	const canonical = canonicalId(id);
	return typeof canonical === 'number' ? canonical : undefined;
}

/** The end as the check reads it: every id listed. */
export interface DecodedEnd {
	page: number;
	ids: number[];
	count?: number;
	perPage?: number;
}

export function encodeEnd(end: DecodedEnd): StoredEnd {
	const runs: Array<[number, number]> = [];
	for (const id of end.ids) {
		const run = runs[runs.length - 1];
		if (run && id === run[1] + 1) run[1] = id;
		else runs.push([id, id]);
	}
	const ids = runs.map(([first, last]): number | [number, number] =>
		first === last ? first : [first, last],
	);
	return { ...end, ids };
}

/** The stored end, or undefined when it is missing or malformed (the poll then reads whole). */
export function decodeEnd(stored: unknown): DecodedEnd | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const { page, ids, count, perPage } = stored as Record<string, unknown>;
	const whole = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
	if (!whole(page) || (page as number) < 1 || !Array.isArray(ids)) return undefined;
	if ((count !== undefined && !whole(count)) || (perPage !== undefined && !whole(perPage))) {
		return undefined;
	}
	const expanded: number[] = [];
	for (const entry of ids as unknown[]) {
		const [first, last] = (Array.isArray(entry) ? entry : [entry, entry]) as unknown[];
		if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) return undefined;
		if ((last as number) < (first as number) || (last as number) - (first as number) > 10_000) {
			return undefined;
		}
		for (let id = first as number; id <= (last as number); id++) expanded.push(id);
	}
	const end: DecodedEnd = { page: page as number, ids: expanded };
	if (count !== undefined) end.count = count as number;
	if (perPage !== undefined) end.perPage = perPage as number;
	return end;
}

/**
 * The seen keys and end of the stored state, or undefined when a new baseline is needed: nothing
 * stored, another event or product, or a state this code cannot read (a baseline emits nothing,
 * which is safer than emitting every participant again).
 */
export function readState(stored: unknown, watching: string): PreviousState | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const state = stored as { watching?: unknown; seen?: unknown; seenIds?: unknown; end?: unknown };
	if (state.watching !== watching) return undefined;
	if (state.seen !== undefined) {
		const seen = decodeSeenIds(state.seen);
		return seen && { seen, end: decodeEnd(state.end), converted: false };
	}
	// Version 0.1.0 kept every id seen in a plain list. Converting it keeps the baseline; `converted`
	// has the compact form saved even when nothing is new, so the list leaves the database.
	if (Array.isArray(state.seenIds)) {
		return { seen: seenIdsOf(state.seenIds.filter(isItemId)), converted: true };
	}
	return undefined;
}
