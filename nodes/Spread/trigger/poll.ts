/**
 * The polling trigger's strategy, apart from n8n and HTTP. SPREAD's lists have no cursor and no
 * documented order, but filter on `createdAfter` and `modifiedAfter`: a poll asks for what was created
 * (or modified: a customer updated, a cagnotte line validated) since the last second it saw, and
 * remembers the ids of that second, because several records can share it and more can arrive in it
 * after the poll. A record modified again in a later second is a new event; the same change is one.
 * Dates are compared as SPREAD writes them and reads its filters (`YYYY-MM-DD HH:MM:SS`, the account's
 * wall clock), so no time zone arithmetic can shift them; a date sent as ISO-8601 with an offset is
 * read as that wall clock first.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	SPREAD_DATE_TIME,
	epochMsToSpreadDate,
	isNoDate,
	secondBefore,
	spreadDateToWallClock,
} from '../helpers/dates';
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
	/** A record without the date has not reached the event yet (a cagnotte line not validated). */
	waitsWithoutDate?: boolean;
	/** What the record is, for messages: `customer`, `cagnotte line`. */
	record?: string;
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
			const sample = newestRecord(recent, keys, timeZone) ?? (await list.first());
			return sample ? [sample] : [];
		},
		readState: (stored) => readPollState(stored, event),
		baseline: async () => {
			const since = baselineSince(Date.now(), timeZone);
			return baselineState(event, since, await list.since(since), keys, timeZone);
		},
		readNew: async (state) => {
			const records = await list.since(pollSince(state));
			const { items, state: next } = newRecords(state, records, keys, timeZone);
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

/**
 * A record whose watched date cannot be read: a poll that left it out would lose it for good, one that
 * guessed could emit it twice, so the poll fails and names it.
 */
export class UnreadableRecordDate extends Error {}

/** A record with the watched date as the account's wall clock, and its id. */
interface Placed {
	record: IDataObject;
	date: string;
	id: IDataObject[string];
}

/**
 * The records placed by their watched date (SPREAD's wall clock, or ISO-8601 with an offset read in the
 * account's zone), each read once. A record without the date is left out where that means "not yet"
 * (a cagnotte line waiting for validation: it comes once validated); elsewhere a record without it,
 * or with a date in another format, fails the poll with its id, field and value.
 */
function place(records: IDataObject[], keys: RecordKeys, timeZone: string): Placed[] {
	const placed: Placed[] = [];
	for (const record of records) {
		const value = record[keys.date];
		const date = spreadDateToWallClock(value, timeZone);
		if (date === undefined) {
			if (keys.waitsWithoutDate && isNoDate(value)) continue;
			throw new UnreadableRecordDate(unreadableDateMessage(record, keys, value));
		}
		placed.push({ record, date, id: record[keys.id] });
	}
	return placed;
}

function unreadableDateMessage(record: IDataObject, keys: RecordKeys, value: unknown): string {
	const id = record[keys.id];
	const which = `SPREAD's ${keys.record ?? 'record'} ${isItemId(id) ? String(id) : `without ${keys.id}`}`;
	const given = isNoDate(value) ? `no ${keys.date}` : `${keys.date} ${JSON.stringify(value)}`;
	return (
		`${which} has ${given}, a date the trigger cannot read (it reads YYYY-MM-DD HH:MM:SS in the ` +
		"credential's time zone, or ISO-8601 with an offset). Nothing was emitted and the trigger's " +
		'place is kept, so no record is lost; polls fail while SPREAD lists this record: report the ' +
		'value to the maintainers of n8n-nodes-spread'
	);
}

/** Oldest first: by the watched second, then by id (numeric ids as numbers). */
function compareRecords(a: Placed, b: Placed): number {
	const byDate = a.date.localeCompare(b.date);
	if (byDate) return byDate;
	const [idA, idB] = [String(a.id ?? ''), String(b.id ?? '')];
	const [numberA, numberB] = [Number(idA), Number(idB)];
	if (Number.isFinite(numberA) && Number.isFinite(numberB) && idA && idB) return numberA - numberB;
	return idA.localeCompare(idB);
}

/** The state after `records` (with ids), starting from `lastSecond` and its ids. */
function advance(
	watching: string,
	lastSecond: string,
	lastIds: StoredSeenIds,
	records: Placed[],
): SpreadPollState {
	let newest = lastSecond;
	for (const { date } of records) if (date > newest) newest = date;
	const idsOfNewest = records
		.filter(({ date }) => date === newest)
		.map(({ id }) => id)
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
	timeZone: string,
): SpreadPollState {
	const placed = place(records, keys, timeZone).filter(({ id }) => isItemId(id));
	return advance(watching, since, {}, placed);
}

/** The record a manual run shows: the newest of `records`, or undefined when there is none. */
export function newestRecord(
	records: IDataObject[],
	keys: RecordKeys,
	timeZone: string,
): IDataObject | undefined {
	const placed = place(records, keys, timeZone).sort(compareRecords);
	return placed[placed.length - 1]?.record;
}

/**
 * The records of a poll that are new: after the last second, or in it with an id not yet emitted;
 * oldest first, each once. A record without an id cannot be remembered and is left out.
 */
export function newRecords(
	state: SpreadPollState,
	records: IDataObject[],
	keys: RecordKeys,
	timeZone: string,
): { items: IDataObject[]; state: SpreadPollState } {
	const seen = decodeSeenIds(state.lastSecondIds) ?? seenIdsOf([]);
	const emitted = new Set<string>();
	const fresh = place(records, keys, timeZone).filter(({ date, id }) => {
		if (!isItemId(id) || emitted.has(String(id))) return false;
		if (date < state.lastSecond) return false;
		if (date === state.lastSecond && hasSeenId(seen, id)) return false;
		emitted.add(String(id));
		return true;
	});
	fresh.sort(compareRecords);
	if (!fresh.length) return { items: [], state };
	return {
		items: fresh.map(({ record }) => record),
		state: advance(state.watching, state.lastSecond, state.lastSecondIds, fresh),
	};
}
