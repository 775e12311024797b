/**
 * The Leevia Trigger's state as n8n saves it (static data, keys saved in users' workflows) and as a
 * poll reads it back: the ids seen so far, compact, and where the export ended at the last poll, its
 * ids stored as runs. Every older shape is read (version 0.1.0's plain list of ids), or gives
 * undefined, and the poll records a new baseline, which emits nothing.
 */
import {
	decodeSeenIds,
	isItemId,
	seenIdsOf,
	type SeenIds,
	type StoredSeenIds,
} from '../../shared/trigger/seen-ids';

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

/** The stored state as a poll reads it. */
export interface PreviousState {
	seen: SeenIds;
	end?: DecodedEnd;
	/** Read from the plain list of version 0.1.0: saved in the compact form even when nothing is new. */
	converted: boolean;
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
