/**
 * The ids a polling trigger has already seen, in a form small enough for workflow static data,
 * which n8n writes to its database after every poll that changes it.
 *
 * Platforms mostly number their records 1, 2, 3, ...: integer ids are kept as sorted, merged runs
 * `[first, last]`, so 50,000 sequential ids take a few bytes and a deleted record costs one split.
 * Ids that are not integers (UUIDs, codes) are kept as strings in a separate sorted list.
 * 1001 and "1001" are the same id, as an API may send either.
 *
 * Every function is pure: it returns a new set and never changes the one it was given.
 */

export type ItemId = string | number;

/** A run of consecutive integer ids, both ends included. */
export type IdRange = readonly [first: number, last: number];

/** The set in memory. */
export interface SeenIds {
	/** Sorted ascending; no two runs overlap or touch (they would have been merged). */
	readonly ranges: readonly IdRange[];
	/** Ids that are not integers, sorted, each once. */
	readonly others: readonly string[];
}

/**
 * The set as JSON in static data. A run of one id is the bare number, so a sparse set (a contest's
 * winners, say) costs no more than a plain list of its ids. Empty fields are left out.
 */
export type StoredSeenIds = {
	ranges?: Array<number | [number, number]>;
	others?: string[];
};

export const EMPTY_SEEN_IDS: SeenIds = { ranges: [], others: [] };

/** Whether a record's id field holds something that can be remembered. */
export function isItemId(value: unknown): value is ItemId {
	if (typeof value === 'number') return Number.isFinite(value);
	return typeof value === 'string' && value !== '';
}

/** How the set compares ids: integers (as numbers or decimal strings) as numbers, else strings. */
export function canonicalId(id: ItemId): number | string {
	const integer = typeof id === 'number' || /^(0|-?[1-9]\d*)$/.test(id) ? Number(id) : NaN;
	return Number.isSafeInteger(integer) ? integer : String(id);
}

export function seenIdsOf(ids: Iterable<ItemId>): SeenIds {
	const integers: number[] = [];
	const others: string[] = [];
	for (const id of ids) {
		const key = canonicalId(id);
		if (typeof key === 'number') integers.push(key);
		else others.push(key);
	}
	return {
		ranges: mergeRanges(integers.map((id): IdRange => [id, id])),
		others: sortedUnique(others),
	};
}

export function hasSeenId(seen: SeenIds, id: ItemId): boolean {
	const key = canonicalId(id);
	if (typeof key === 'string') return binarySearch(seen.others, (other) => compare(key, other));
	return binarySearch(seen.ranges, ([first, last]) => (key < first ? -1 : key > last ? 1 : 0));
}

export function addSeenIds(seen: SeenIds, ids: Iterable<ItemId>): SeenIds {
	return mergeSeenIds(seen, seenIdsOf(ids));
}

/** The union of two sets. */
export function mergeSeenIds(a: SeenIds, b: SeenIds): SeenIds {
	return {
		ranges: mergeRanges([...a.ranges, ...b.ranges]),
		others: sortedUnique([...a.others, ...b.others]),
	};
}

/** How many ids the set holds. */
export function countSeenIds(seen: SeenIds): number {
	const integers = seen.ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
	return integers + seen.others.length;
}

export function encodeSeenIds(seen: SeenIds): StoredSeenIds {
	const stored: StoredSeenIds = {};
	if (seen.ranges.length) {
		stored.ranges = seen.ranges.map(([first, last]) => (first === last ? first : [first, last]));
	}
	if (seen.others.length) stored.others = [...seen.others];
	return stored;
}

/**
 * Reads a stored set back. Static data outlives versions of this code and can be edited by hand, so
 * the input is checked and normalised; anything unreadable gives undefined, and the caller decides
 * what to do (a trigger starts a new baseline rather than emitting everything again).
 */
export function decodeSeenIds(stored: unknown): SeenIds | undefined {
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
	const { ranges = [], others = [] } = stored as { ranges?: unknown; others?: unknown };
	if (!Array.isArray(ranges) || !Array.isArray(others)) return undefined;

	const decodedRanges: IdRange[] = [];
	for (const entry of ranges as unknown[]) {
		const range = Array.isArray(entry) ? entry : [entry, entry];
		const [first, last] = range as unknown[];
		const valid =
			range.length === 2 &&
			Number.isSafeInteger(first) &&
			Number.isSafeInteger(last) &&
			(first as number) <= (last as number);
		if (!valid) return undefined;
		decodedRanges.push([first as number, last as number]);
	}
	if (!others.every((other) => typeof other === 'string')) return undefined;
	return { ranges: mergeRanges(decodedRanges), others: sortedUnique(others as string[]) };
}

/** Sorts runs and merges those that overlap or touch: [1,3] and [4,9] become [1,9]. */
function mergeRanges(ranges: readonly IdRange[]): IdRange[] {
	const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
	const merged: Array<[number, number]> = [];
	for (const [first, last] of sorted) {
		const previous = merged[merged.length - 1];
		if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
		else merged.push([first, last]);
	}
	return merged;
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function sortedUnique(values: readonly string[]): string[] {
	return [...new Set(values)].sort(compare);
}

/** Whether a sorted list holds an entry for which `direction` gives 0 (-1: look left, 1: right). */
function binarySearch<T>(sorted: readonly T[], direction: (entry: T) => number): boolean {
	let low = 0;
	let high = sorted.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const where = direction(sorted[middle]);
		if (where === 0) return true;
		if (where < 0) high = middle - 1;
		else low = middle + 1;
	}
	return false;
}
