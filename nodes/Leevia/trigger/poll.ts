/**
 * What the Leevia Trigger does on each poll, as functions of the stored state and an injected page
 * reader, so they run without a server or an n8n context.
 *
 * The participant export has no "since" filter and no documented order, so a poll reads it whole
 * and emits the records whose ids are not in the set of ids seen so far.
 *
 * Later, a poll may read only from the last page onward: the state would then also keep that page
 * and the export's count, `readState` would return them, and `readExport` would start there, with
 * a consistency check and a full read as fallback. The comparison with the seen ids stays as it is.
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
	type SeenIds,
	type StoredSeenIds,
} from '../../shared/seen-ids';
import { readAllPages } from '../../shared/pagination';
import { leeviaNextPage, type LeeviaPagination } from '../transport';

export interface LeeviaPage {
	records: IDataObject[];
	pagination: LeeviaPagination;
}

/** Reads one page of the export (pages are numbered from 1). */
export type FetchPage = (page: number) => Promise<LeeviaPage>;

/** What the trigger keeps in its static data. */
export interface LeeviaPollState {
	/** Which event and product the ids belong to; a change of either starts a new baseline. */
	watching: string;
	seen: StoredSeenIds;
}

export interface PollOutcome {
	/** Records not seen before, in the export's order, each once. */
	newRecords: IDataObject[];
	/** The state to store, or undefined when it has not changed, so n8n need not save it. */
	state?: LeeviaPollState;
}

/**
 * One poll. `stored` is the node's static data as last saved; `watching` names the event and
 * product now configured. The first poll of a `watching` records a baseline and emits nothing.
 */
export async function pollNewRecords(
	stored: unknown,
	watching: string,
	fetchPage: FetchPage,
): Promise<PollOutcome> {
	const previous = readState(stored, watching);
	const records = await readExport(fetchPage);

	if (!previous) {
		const ids = records.map((record) => record.id).filter(isItemId);
		return { newRecords: [], state: { watching, seen: encodeSeenIds(seenIdsOf(ids)) } };
	}

	// An id can show up twice in one read when records shift between pages while it runs.
	const emitted = new Set<number | string>();
	const newRecords = records.filter((record) => {
		const id = record.id;
		// A record without an id cannot be told apart from the next one, so it is never emitted.
		if (!isItemId(id) || hasSeenId(previous.seen, id)) return false;
		const key = canonicalId(id);
		if (emitted.has(key)) return false;
		emitted.add(key);
		return true;
	});

	if (!newRecords.length && !previous.converted) return { newRecords };
	const seen = addSeenIds(previous.seen, [...emitted]);
	return { newRecords, state: { watching, seen: encodeSeenIds(seen) } };
}

/**
 * The seen ids of the stored state, or undefined when a new baseline is needed: nothing stored,
 * another event or product, or a state this code cannot read (a baseline emits nothing, which is
 * safer than emitting every participant again).
 */
export function readState(
	stored: unknown,
	watching: string,
): { seen: SeenIds; converted: boolean } | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const state = stored as { watching?: unknown; seen?: unknown; seenIds?: unknown };
	if (state.watching !== watching) return undefined;
	if (state.seen !== undefined) {
		const seen = decodeSeenIds(state.seen);
		return seen && { seen, converted: false };
	}
	// Version 0.1.0 kept every id seen in a plain list. Converting it keeps the baseline; `converted`
	// has the compact form saved even when nothing is new, so the list leaves the database.
	if (Array.isArray(state.seenIds)) {
		return { seen: seenIdsOf(state.seenIds.filter(isItemId)), converted: true };
	}
	return undefined;
}

/** Reads the export from page 1 to the end (see `leeviaNextPage` for where it ends). */
export async function readExport(fetchPage: FetchPage): Promise<IDataObject[]> {
	return await readAllPages<IDataObject, number>(async (page = 1) => {
		const current = await fetchPage(page);
		return { items: current.records, next: leeviaNextPage(page, current) };
	});
}
