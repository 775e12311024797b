/** One page of a list: its records, and where the next page starts (none on the last page). */
export interface ListPage<Item, Cursor> {
	items: Item[];
	next?: Cursor;
}

/** How far a reading has got: pages and records read so far. */
export interface PageProgress {
	pages: number;
	items: number;
}

/**
 * Reads pages from the first on until `limit` items are in hand or a page has no next one. A cursor
 * that comes back a second time would loop for ever, so the reading stops there too.
 *
 * `fetchPage` retries what is worth retrying; when it still fails after a page or more was read, its
 * error goes on with how far the reading got at the end of its message (`what` names the records,
 * e.g. "users"). A failure on the first page is the transport's error alone: nothing was read.
 */
export async function readAllPages<Item, Cursor>(
	fetchPage: (
		cursor: Cursor | undefined,
		progress: PageProgress,
	) => Promise<ListPage<Item, Cursor>>,
	limit = Infinity,
	what?: string,
): Promise<Item[]> {
	const items: Item[] = [];
	const cursorsSeen = new Set<string>();
	let cursor: Cursor | undefined;
	let pages = 0;
	do {
		let page: ListPage<Item, Cursor>;
		try {
			page = await fetchPage(cursor, { pages, items: items.length });
		} catch (error) {
			throw withProgress(error, { pages, items: items.length }, what);
		}
		pages++;
		items.push(...page.items);
		cursor = page.next;
		if (cursor !== undefined && cursorsSeen.has(String(cursor))) break;
		if (cursor !== undefined) cursorsSeen.add(String(cursor));
	} while (cursor !== undefined && items.length < limit);
	return items.slice(0, limit);
}

/**
 * The same error (its type, description and item index kept) with how far the reading got at the
 * end of its message, so that a failure in the middle of a list is never taken for a short list.
 */
function withProgress(error: unknown, progress: PageProgress, what: string | undefined): unknown {
	if (progress.pages === 0 || !(error instanceof Error)) return error;
	const of = what ? ` of ${what}` : '';
	const records = `${progress.items} ${progress.items === 1 ? 'record' : 'records'}`;
	error.message = `${error.message} (stopped while reading page ${progress.pages + 1}${of}: ${records} read so far, none output)`;
	return error;
}
