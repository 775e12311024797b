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

/** Reads one page, oldest first, of the records created at or after `since` (all when undefined). */
export type FetchSince = (since: string | undefined, page: number) => Promise<IDataObject[]>;

export interface PollReader {
	fetchSince: FetchSince;
	/** Records a page holds when it is full. */
	pageSize: number;
	/** The record's hash id (undefined when it has none). */
	idOf: (record: IDataObject) => string | undefined;
	/** The record's `created_at`, `YYYY-MM-DD HH:MM:SS`. */
	createdAtOf: (record: IDataObject) => string | undefined;
	/** Seconds a record may show after its `created_at` (LIST_DELAY_SECONDS). */
	delaySeconds: number;
	/** Milliseconds left for reading; at 0 or below no further page is asked for. */
	timeLeft: () => number;
	/** Whether a failure only means "later" (rate limit, outage) rather than "this is wrong". */
	isTransient: (error: unknown) => boolean;
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
	while (reader.timeLeft() > 0) {
		const outcome = await settle(async () => await reader.fetchSince(since, page));
		if ('error' in outcome) {
			// A rate limit or an outage once records are in hand: emit them, read the rest next poll.
			if (read.length > 0 && reader.isTransient(outcome.error)) break;
			throw outcome.error;
		}
		const records = outcome.records;
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

/** The page or the error as a value, so the caller decides (and throws) outside a catch. */
async function settle(
	fetch: () => Promise<IDataObject[]>,
): Promise<{ records: IDataObject[] } | { error: unknown }> {
	try {
		return { records: await fetch() };
	} catch (error) {
		return { error };
	}
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
