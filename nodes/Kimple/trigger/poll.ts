/**
 * What the Kimple Trigger does on each poll, as functions of the stored state and an injected page
 * reader, so they run without a server or an n8n context.
 *
 * Kimple's lists sort and search on any field, so a poll asks only for what is new: the records
 * created at or after `since`, oldest first. Numeric ids may be masked (0), so records are known by
 * their hash ids; the state keeps the hash ids of the records read in the last LIST_DELAY_SECONDS,
 * which the next poll reads again (a record may show late) and skips. The state is small whatever the
 * size of the contest: a timestamp and the ids of about one minute of records.
 *
 * A page asks for `created_at >= since`; when a page is full, the next one starts at its last
 * record's second (a deletion earlier in the list then cannot shift a record out of reach), or, when
 * the whole page shares `since`'s second, at the next page of the same query.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	addSeenIds,
	decodeSeenIds,
	encodeSeenIds,
	hasSeenId,
	EMPTY_SEEN_IDS,
	type SeenIds,
	type StoredSeenIds,
} from '../../shared/trigger/seen-ids';
import { wallClockSecondsBefore } from '../../shared/time/wall-clock';
import { nextPage, type PollStrategy, type ReadingBudget } from '../../shared/trigger/poll-frame';
import { buildCondition, joinSearch } from '../helpers/search';
import {
	CONTEST_FIELD,
	CREATED_AT_FIELD,
	HASH_ID_FIELDS,
	LIST_DELAY_SECONDS,
	MAX_PAGE_SIZE,
	type KimpleResource,
} from '../transport';

/** Reads one page of a list: `qs` holds its order and its search; pages count from 1. */
export type ReadList = (qs: IDataObject, page: number, pageSize: number) => Promise<IDataObject[]>;

/** Reads one page, oldest first, of the records created at or after `since` (all when undefined). */
export type FetchSince = (since: string | undefined, page: number) => Promise<IDataObject[]>;

export interface PollReader extends ReadingBudget {
	fetchSince: FetchSince;
	/** Records a page holds when it is full. */
	pageSize: number;
	/** The record's hash id (undefined when it has none). */
	idOf: (record: IDataObject) => string | undefined;
	/** The record's `created_at`, `YYYY-MM-DD HH:MM:SS`. */
	createdAtOf: (record: IDataObject) => string | undefined;
	/** Seconds a record may show after its `created_at` (LIST_DELAY_SECONDS). */
	delaySeconds: number;
}

/** What the trigger keeps in its static data. */
export interface KimplePollState {
	/** Which event and contest the state belongs to; a change of either starts a new baseline. */
	watching?: string;
	/** The next poll reads records created at or after this; none yet: from the start. */
	since?: string;
	/** Hash ids of the records read at or after `since`. */
	recent?: StoredSeenIds;
}

export interface PollOutcome {
	/** Records not emitted before, oldest first, each once. */
	newRecords: IDataObject[];
	state: KimplePollState;
}

/** Beyond this many ids in the window, the window shrinks to the newest second (still exact). */
export const MAX_RECENT_IDS = 5000;

/**
 * What the poll frame runs for the Kimple Trigger: the records of `resource` in the contest
 * `contestHashId` (in every contest when undefined), read through `readList`. `watching` names the
 * event and the contest.
 */
export function kimplePoll(
	watching: string,
	list: { resource: KimpleResource; contestHashId?: string; readList: ReadList },
	budget: ReadingBudget,
): PollStrategy<KimplePollState> {
	const { resource, contestHashId, readList } = list;
	const scope = contestHashId
		? buildCondition({ field: CONTEST_FIELD, operator: 'equals', value: contestHashId })
		: undefined;
	const hashField = HASH_ID_FIELDS[resource];
	const newest = async (): Promise<IDataObject | undefined> => {
		const search = joinSearch([scope]);
		const order = `${CREATED_AT_FIELD} desc`;
		return (await readList({ order, ...(search && { search }) }, 1, 1))[0];
	};
	const reader: PollReader = {
		fetchSince: async (since, page) => {
			// `created_at > since - 1 s` is `created_at >= since`: dates are whole seconds.
			const after = since
				? buildCondition({
						field: CREATED_AT_FIELD,
						operator: 'greaterThan',
						value: secondsBefore(since, 1),
					})
				: undefined;
			const search = joinSearch([scope, after]);
			const order = `${CREATED_AT_FIELD} asc,${hashField} asc`;
			return await readList({ order, ...(search && { search }) }, page, MAX_PAGE_SIZE);
		},
		pageSize: MAX_PAGE_SIZE,
		idOf: (record) => {
			const id = record[hashField];
			return id === undefined || id === null || id === '' ? undefined : String(id);
		},
		createdAtOf: (record) => {
			const date = record[CREATED_AT_FIELD];
			return typeof date === 'string' && date ? date : undefined;
		},
		delaySeconds: LIST_DELAY_SECONDS,
		timeLeft: budget.timeLeft,
		isTransient: budget.isTransient,
	};
	return {
		// The newest real record.
		sample: async () => {
			const record = await newest();
			return record ? [record] : [];
		},
		readState: (stored: KimplePollState) => (needsBaseline(stored, watching) ? undefined : stored),
		baseline: async () => {
			const first = await newest();
			// A newest record without a date: '' reads the whole list once, to remember it.
			const date = first ? (reader.createdAtOf(first) ?? '') : undefined;
			return await baseline(watching, date, reader);
		},
		readNew: async (state) => {
			const { newRecords: records, state: next } = await readNewRecords(state, reader);
			return { records, state: next };
		},
	};
}

export function needsBaseline(stored: KimplePollState, watching: string): boolean {
	return stored.watching !== watching || decodeSeenIds(stored.recent ?? {}) === undefined;
}

/**
 * The first poll: records what is there now and emits nothing. `newest` is the newest record's
 * `created_at` (undefined when the list is empty: everything later is new); the records of the last
 * `delaySeconds` before it are read and remembered.
 */
export async function baseline(
	watching: string,
	newest: string | undefined,
	reader: PollReader,
): Promise<KimplePollState> {
	if (newest === undefined) return { watching, recent: {} };
	const since = secondsBefore(newest, reader.delaySeconds);
	const { state } = await readSince({ watching, since, recent: {} }, reader, false);
	return state;
}

/** A later poll: the records created since the state's `since` that it has not seen, oldest first. */
export async function readNewRecords(
	stored: KimplePollState,
	reader: PollReader,
): Promise<PollOutcome> {
	return await readSince(stored, reader, true);
}

async function readSince(
	stored: KimplePollState,
	reader: PollReader,
	emitting: boolean,
): Promise<PollOutcome> {
	const remembered: SeenIds = decodeSeenIds(stored.recent ?? {}) ?? EMPTY_SEEN_IDS;
	const readNow = new Set<string>();
	const newRecords: IDataObject[] = [];
	const read: IDataObject[] = [];
	let since = stored.since;
	let page = 1;
	for (;;) {
		// Out of time, or a rate limit or an outage once records are in hand: the next poll reads on.
		const records = await nextPage(
			reader,
			async () => await reader.fetchSince(since, page),
			read.length > 0,
		);
		if (!records) break;
		for (const record of records) {
			read.push(record);
			const id = reader.idOf(record);
			if (id !== undefined && (readNow.has(id) || hasSeenId(remembered, id))) continue;
			if (id !== undefined) readNow.add(id);
			newRecords.push(record);
		}
		if (records.length < reader.pageSize) break;
		const last = reader.createdAtOf(records[records.length - 1]);
		if (last === undefined || last === since) {
			page++;
		} else {
			since = last;
			page = 1;
		}
	}
	return {
		newRecords: emitting ? newRecords : [],
		state: nextState(stored, read, reader),
	};
}

/** `since` moves to the newest record read, less the delay; the ids read from there on are kept. */
function nextState(
	stored: KimplePollState,
	read: IDataObject[],
	reader: PollReader,
): KimplePollState {
	const dates = read.map(reader.createdAtOf).filter((date): date is string => !!date);
	const previousRecent = decodeSeenIds(stored.recent ?? {}) ?? EMPTY_SEEN_IDS;
	if (!dates.length) {
		// Records without dates cannot be placed in time: remember every one read.
		const ids = read.map(reader.idOf).filter((id): id is string => id !== undefined);
		return { ...stored, recent: encodeSeenIds(addSeenIds(previousRecent, ids)) };
	}
	const newest = dates.reduce((a, b) => (b > a ? b : a));
	let since = secondsBefore(newest, reader.delaySeconds);
	if (stored.since !== undefined && stored.since > since) since = stored.since;
	let kept = idsFrom(read, since, reader);
	if (kept.length > MAX_RECENT_IDS) {
		since = newest;
		kept = idsFrom(read, since, reader);
	}
	return {
		watching: stored.watching,
		since,
		recent: encodeSeenIds(addSeenIds(EMPTY_SEEN_IDS, kept)),
	};
}

function idsFrom(read: IDataObject[], since: string, reader: PollReader): string[] {
	return read
		.filter((record) => (reader.createdAtOf(record) ?? '') >= since)
		.map(reader.idOf)
		.filter((id): id is string => id !== undefined);
}

/** `YYYY-MM-DD HH:MM:SS` less `seconds`, in the same zoneless form; a date in another form as it is. */
export const secondsBefore = wallClockSecondsBefore;
