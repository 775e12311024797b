/**
 * The polling trigger's strategy, apart from n8n and HTTP. SPREAD's lists have no cursor and no
 * documented order, but filter on `createdAfter` and `modifiedAfter`: a poll asks for what was created
 * (or modified: a customer updated, a cagnotte line validated) since the last second it saw, and
 * remembers the ids of that second, because several records can share it and more can arrive in it
 * after the poll. A record modified again in a later second is a new event; the same change is one. Dates are compared as SPREAD writes them (`YYYY-MM-DD HH:MM:SS`,
 * the account's wall clock), so no time zone arithmetic can shift them.
 */
import type { IDataObject } from 'n8n-workflow';

import { SPREAD_DATE_TIME, epochMsToSpreadDate, secondBefore } from '../helpers/dates';
import {
	addSeenIds,
	decodeSeenIds,
	encodeSeenIds,
	hasSeenId,
	isItemId,
	seenIdsOf,
	type StoredSeenIds,
} from '../../shared/trigger/seen-ids';
import type { PollStrategy } from '../../shared/trigger/poll-frame';

/** Kept in the workflow's static data under these keys, so saved workflows carry on. */
export interface SpreadPollState {
	/** Which event the state belongs to; another event starts a new baseline. */
	watching: string;
	/** The newest second emitted (or found by the baseline), as SPREAD writes it: of creation, or of modification for the "new or updated" events. */
	lastSecond: string;
	/** The ids of the records of that second already emitted: the only ids kept. */
	lastSecondIds: StoredSeenIds;
}

/** Where a record keeps the date the event watches (creation or modification) and its id. */
export interface RecordKeys {
	date: string;
	id: string;
}

/**
 * The first poll looks this far back for the newest record, so that a clock or a time zone that is
 * off by hours neither loses records nor emits old ones.
 */
export const BASELINE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Reads what a list holds: the records created (or modified) after `since`, or its first record. */
export interface ListReader {
	since: (since: string) => Promise<IDataObject[]>;
	first: () => Promise<IDataObject | undefined>;
}

/**
 * What the poll frame runs for the SPREAD Trigger: `event` is what it watches, `keys` where its
 * records keep their date and id, `timeZone` the account's wall clock.
 */
export function spreadPoll(
	event: string,
	keys: RecordKeys,
	timeZone: string,
	list: ListReader,
): PollStrategy<SpreadPollState> {
	return {
		// One real record, the newest of the last day (or any when the day had none).
		sample: async () => {
			const recent = await list.since(baselineSince(Date.now(), timeZone));
			const newest = baselineState('manual', '', recent, keys);
			const sample =
				recent.find((record) => record[keys.date] === newest.lastSecond) ?? (await list.first());
			return sample ? [sample] : [];
		},
		readState: (stored) => readPollState(stored, event),
		baseline: async () => {
			const since = baselineSince(Date.now(), timeZone);
			return baselineState(event, since, await list.since(since), keys);
		},
		readNew: async (state) => {
			const { items, state: next } = newRecords(state, await list.since(pollSince(state)), keys);
			return { records: items, state: next === state ? undefined : next };
		},
	};
}

/** The stored state of `watching`, or undefined when a new baseline is needed (none, another event, unreadable). */
export function readPollState(stored: unknown, watching: string): SpreadPollState | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const state = stored as Partial<SpreadPollState>;
	if (state.watching !== watching || typeof state.lastSecond !== 'string') return undefined;
	if (!SPREAD_DATE_TIME.test(state.lastSecond)) return undefined;
	if (!decodeSeenIds(state.lastSecondIds ?? {})) return undefined;
	return { watching, lastSecond: state.lastSecond, lastSecondIds: state.lastSecondIds ?? {} };
}

/** The `createdAfter` of the baseline's reading: a day before now, in the account's wall clock. */
export function baselineSince(nowMs: number, timeZone: string): string {
	return epochMsToSpreadDate(nowMs - BASELINE_WINDOW_MS, timeZone);
}

/**
 * The `createdAfter` of a poll: one second before the last one seen, so that the records of that
 * second come back whether SPREAD's "after" is strict or not; those already emitted are dropped.
 */
export function pollSince(state: SpreadPollState): string {
	return secondBefore(state.lastSecond);
}

/** The record's date, or undefined: none, not SPREAD's format, or SPREAD's "no date" (0000-…, a line not validated). */
function dateOf(record: IDataObject, keys: RecordKeys): string | undefined {
	const date = record[keys.date];
	return typeof date === 'string' && SPREAD_DATE_TIME.test(date) && !date.startsWith('0000-')
		? date
		: undefined;
}

/** Oldest first: by creation second, then by id (numeric ids as numbers). */
export function compareRecords(keys: RecordKeys) {
	return (a: IDataObject, b: IDataObject): number => {
		const byDate = (dateOf(a, keys) ?? '').localeCompare(dateOf(b, keys) ?? '');
		if (byDate) return byDate;
		const [idA, idB] = [String(a[keys.id] ?? ''), String(b[keys.id] ?? '')];
		const [numberA, numberB] = [Number(idA), Number(idB)];
		if (Number.isFinite(numberA) && Number.isFinite(numberB) && idA && idB)
			return numberA - numberB;
		return idA.localeCompare(idB);
	};
}

/** The state after `records` (dated, with ids), starting from `lastSecond` and its ids. */
function advance(
	watching: string,
	lastSecond: string,
	lastIds: StoredSeenIds,
	records: IDataObject[],
	keys: RecordKeys,
): SpreadPollState {
	let newest = lastSecond;
	for (const record of records) {
		const date = dateOf(record, keys)!;
		if (date > newest) newest = date;
	}
	const idsOfNewest = records
		.filter((record) => dateOf(record, keys) === newest)
		.map((record) => record[keys.id])
		.filter(isItemId);
	const base = newest === lastSecond ? (decodeSeenIds(lastIds) ?? seenIdsOf([])) : seenIdsOf([]);
	return {
		watching,
		lastSecond: newest,
		lastSecondIds: encodeSeenIds(addSeenIds(base, idsOfNewest)),
	};
}

/** The first poll: the newest second among the records of the last day (or its start), nothing emitted. */
export function baselineState(
	watching: string,
	since: string,
	records: IDataObject[],
	keys: RecordKeys,
): SpreadPollState {
	const dated = records.filter((record) => dateOf(record, keys) && isItemId(record[keys.id]));
	return advance(watching, since, {}, dated, keys);
}

/**
 * The records of a poll that are new: created after the last second, or in it with an id not yet
 * emitted; oldest first, each once. A record without a date or an id cannot be placed and is left out.
 */
export function newRecords(
	state: SpreadPollState,
	records: IDataObject[],
	keys: RecordKeys,
): { items: IDataObject[]; state: SpreadPollState } {
	const seen = decodeSeenIds(state.lastSecondIds) ?? seenIdsOf([]);
	const emitted = new Set<string>();
	const fresh = records.filter((record) => {
		const date = dateOf(record, keys);
		const id = record[keys.id];
		if (!date || !isItemId(id) || emitted.has(String(id))) return false;
		if (date < state.lastSecond) return false;
		if (date === state.lastSecond && hasSeenId(seen, id)) return false;
		emitted.add(String(id));
		return true;
	});
	fresh.sort(compareRecords(keys));
	if (!fresh.length) return { items: [], state };
	return {
		items: fresh,
		state: advance(state.watching, state.lastSecond, state.lastSecondIds, fresh, keys),
	};
}
