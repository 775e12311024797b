/**
 * What is new in the pages a poll read: the listings not seen before, each once, and whether the pages
 * read from the remembered end can be trusted.
 *
 * The export has no "since" filter. Its example lists participants in ascending id order, new ones
 * last (LEEVIA_EXPORT_APPENDS in the transport), so a poll reads from the page where the previous one
 * ended, after checking (checkFromEnd) that this page still starts with the ids it held then. When the
 * check fails (deleted, inserted or reordered participants, another page size), the poll reads the
 * export whole. Either way a record is emitted only when its key is not in the set of keys seen so
 * far: the check saves requests, the seen set keeps a participant from coming out twice.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	canonicalId,
	hasSeenId,
	isItemId,
	type ItemId,
	type SeenIds,
} from '../../shared/trigger/seen-ids';
import type { LeeviaPagination } from '../transport';
import type { DecodedEnd } from './state';

export interface LeeviaPage {
	records: IDataObject[];
	pagination: LeeviaPagination;
}

/** A page read, and its number. */
export interface PageRead extends LeeviaPage {
	page: number;
}

export interface Found {
	records: IDataObject[];
	keys: ItemId[];
	/** A listing that may be one record read twice (it moved between pages while they were read). */
	unsure: boolean;
	/** A listing after the remembered page that was seen before. */
	seenAgain: boolean;
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
export function findNew(pages: PageRead[], seen: SeenIds, countRepeats: boolean): Found {
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
export function numericId(id: unknown): number | undefined {
	if (!isItemId(id)) return undefined;
	const canonical = canonicalId(id);
	return typeof canonical === 'number' ? canonical : undefined;
}
