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

/** One page read by its place in the list: its records, whether it is the last, the list's length. */
export interface NumberedPage<Item> {
	items: Item[];
	/** This page ends the list (a short or empty page, or the vendor's "no next page"). */
	last: boolean;
	/** How many pages the list has, when the vendor says (Leevia's `pages`). */
	pageCount?: number;
}

/** How a list that can be addressed page by page is read. */
export interface PagesAheadPlan {
	/** The records a full page holds: no page is asked for whose first record lies past `limit`. */
	pageSize: number;
	/** Pages in flight at once, 1 or more: 1 reads one page after the other. */
	pagesAtOnce: number;
	limit?: number;
	/** What the records are ("users"), for the progress in an error's message. */
	what?: string;
}

/** The pages in flight allowed now: `pagesAtOnce`, halved for good after the first rate limit. */
export class PageWindow {
	private halved = false;

	constructor(private size: number) {}

	get pages(): number {
		return this.size;
	}

	/** The vendor answered 429: fewer pages at once for the rest of the reading (once). */
	rateLimited(): void {
		if (this.halved) return;
		this.halved = true;
		this.size = Math.max(1, Math.floor(this.size / 2));
	}
}

/**
 * Reads a list whose pages are addressed by number (page index 0, 1, 2 …): the first page alone
 * (most lists fit in it, and it may say how many pages there are), then up to `window.pages` at once.
 * Records come out in the list's order, each page once; pages asked for past the end (a short page
 * ends a list that gives no count) are discarded. A page that still fails after the transport's
 * retries stops the reading, once the pages in flight have settled, with the error of the earliest
 * failed page and how far the reading got before it, as readAllPages says it.
 */
export async function readPagesAhead<Item>(
	fetchPage: (index: number, progress: PageProgress) => Promise<NumberedPage<Item>>,
	plan: PagesAheadPlan,
	window: PageWindow = new PageWindow(plan.pagesAtOnce),
): Promise<Item[]> {
	const limit = plan.limit ?? Infinity;
	const pages: Array<Item[] | undefined> = [];
	const failures = new Map<number, unknown>();
	let end = Infinity; // index of the last page, once known
	let emitted = 0; // pages before this index are in `items`
	const items: Item[] = [];
	const progress = () => ({ pages: emitted, items: items.length });
	const settle = (index: number, page: NumberedPage<Item>) => {
		pages[index] = page.items;
		if (page.last) end = Math.min(end, index);
		if (page.pageCount !== undefined && page.pageCount >= 1)
			end = Math.min(end, page.pageCount - 1);
		while (emitted <= end && pages[emitted] !== undefined) {
			items.push(...pages[emitted]!);
			pages[emitted] = undefined;
			emitted++;
		}
	};
	const wanted = (index: number) =>
		index <= end && index * plan.pageSize < limit && failures.size === 0;

	try {
		settle(0, await fetchPage(0, progress()));
	} catch (error) {
		throw withProgress(error, { pages: 0, items: 0 }, plan.what);
	}
	const inFlight = new Map<number, Promise<void>>();
	let next = 1;
	while (emitted <= end && items.length < limit && failures.size === 0) {
		while (inFlight.size < window.pages && wanted(next)) {
			const index = next++;
			const read = fetchPage(index, progress()).then(
				(page) => settle(index, page),
				(error: unknown) => void failures.set(index, error),
			);
			inFlight.set(
				index,
				read.finally(() => inFlight.delete(index)),
			);
		}
		if (inFlight.size === 0) break;
		await Promise.race(inFlight.values());
	}
	// Nothing is left running when the reading ends, not even a page past the end.
	await Promise.all(inFlight.values());
	const failed = [...failures.keys()].filter((index) => index <= end).sort((a, b) => a - b)[0];
	if (failed !== undefined && failed >= emitted) {
		throw withProgress(failures.get(failed), progress(), plan.what);
	}
	return items.slice(0, limit);
}
