/** One page of a list: its records, and where the next page starts (none on the last page). */
export interface ListPage<Item, Cursor> {
	items: Item[];
	next?: Cursor;
}

/**
 * Reads pages from the first on until `limit` items are in hand or a page has no next one. A cursor
 * that comes back a second time would loop for ever, so the reading stops there too.
 */
export async function readAllPages<Item, Cursor>(
	fetchPage: (cursor: Cursor | undefined) => Promise<ListPage<Item, Cursor>>,
	limit = Infinity,
): Promise<Item[]> {
	const items: Item[] = [];
	const cursorsSeen = new Set<string>();
	let cursor: Cursor | undefined;
	do {
		const page = await fetchPage(cursor);
		items.push(...page.items);
		cursor = page.next;
		if (cursor !== undefined && cursorsSeen.has(String(cursor))) break;
		if (cursor !== undefined) cursorsSeen.add(String(cursor));
	} while (cursor !== undefined && items.length < limit);
	return items.slice(0, limit);
}
