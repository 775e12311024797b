/**
 * The polling trigger's state (nodes/Easypromos/trigger/poll.ts) against an in-memory collection:
 * no server, no n8n. The fake lists newest first with cursor pages, like Easypromos.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	baselineState,
	itemId,
	needsBaseline,
	readNewItems,
	SEEN_IDS_KEPT,
	type ItemId,
	type Page,
	type PageReader,
	type PollState,
} from '../../nodes/Easypromos/trigger/poll';
import { BUDGET_SHARE, readingTimeLeft } from '../../nodes/shared/trigger/poll-frame';

const WATCHING = 'newUser:12';

const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });
const isTransient = (error: unknown) => {
	const status = (error as { status?: number }).status;
	return status === 429 || (status !== undefined && status >= 500);
};

/**
 * A collection with growing integer ids. A cursor is the id of the last item of the page before,
 * so it stays valid while new items arrive (as the trigger assumes of Easypromos's cursors). Each
 * request takes `msPerPage` on the fake clock, and `failures` answers a request with an error.
 */
class FakeCollection {
	ids: number[] = [];
	/** The cursor of every request, in order (undefined: from the top). */
	requests: Array<ItemId | undefined> = [];
	now = 0;
	msPerPage = 100;
	/** Called with the number of the request (1-based, across polls); an error it returns is thrown. */
	failures: (request: number) => Error | undefined = () => undefined;

	constructor(readonly pageSize = 3) {}

	add(count: number): number[] {
		const first = (this.ids.at(-1) ?? 0) + 1;
		const added = Array.from({ length: count }, (_, index) => first + index);
		this.ids.push(...added);
		return added;
	}

	fetchPage = async (cursor: ItemId | undefined): Promise<Page> => {
		this.requests.push(cursor);
		this.now += this.msPerPage;
		const failure = this.failures(this.requests.length);
		if (failure) throw failure;
		const below = this.ids.filter((id) => cursor === undefined || id < Number(cursor)).reverse();
		const items = below.slice(0, this.pageSize).map((id) => ({ id, name: `user ${id}` }));
		const next = below.length > this.pageSize ? items[items.length - 1].id : undefined;
		return { items, next };
	};

	/** A reader whose poll may read `pages` pages before its time is up. */
	reader(pages = Infinity): PageReader {
		// Half a page short of `pages` pages: the last allowed page starts with time left, none after it.
		const readingMs = (pages - 0.5) * this.msPerPage;
		const budgetMs = Number.isFinite(pages) ? readingMs / BUDGET_SHARE : 1e12;
		return {
			fetchPage: this.fetchPage,
			timeLeft: readingTimeLeft(budgetMs, () => this.now),
			isTransient,
		};
	}
}

/** What the trigger node does with the module: baseline first, then new items; state kept in place. */
async function poll(
	state: PollState,
	collection: FakeCollection,
	pages = Infinity,
): Promise<number[]> {
	if (needsBaseline(state, WATCHING)) {
		Object.assign(state, baselineState(WATCHING, await collection.fetchPage(undefined)));
		return [];
	}
	const { items, state: next } = await readNewItems(state, collection.reader(pages));
	Object.assign(state, next);
	return items.map((item) => item.id as number);
}

const newestFirst = (ids: number[]) => [...ids].reverse();

let collection: FakeCollection;
let state: PollState;

beforeEach(() => {
	collection = new FakeCollection();
	state = {};
});

describe('baseline', () => {
	test('the first poll reads one page, records its ids newest first and emits nothing', async () => {
		collection.add(5);
		expect(await poll(state, collection)).toEqual([]);
		expect(collection.requests).toEqual([undefined]);
		expect(state).toEqual({ watching: WATCHING, seenIds: [5, 4, 3], gaps: [] });
		expect(await poll(state, collection)).toEqual([]);
		expect(collection.requests).toEqual([undefined, undefined]);
	});

	test('another event or promotion, or a state without seen ids, starts a new baseline', () => {
		expect(needsBaseline({}, WATCHING)).toBe(true);
		expect(needsBaseline({ watching: WATCHING }, WATCHING)).toBe(true);
		expect(needsBaseline({ watching: 'newUser:13', seenIds: [1] }, WATCHING)).toBe(true);
		expect(needsBaseline({ watching: WATCHING, seenIds: [] }, WATCHING)).toBe(false);
	});

	test('keeps at most the newest 100 ids, and a coin transaction is known by its transaction id', () => {
		const items = Array.from({ length: 150 }, (_, index) => ({ id: 150 - index }));
		expect(baselineState(WATCHING, { items }).seenIds).toHaveLength(SEEN_IDS_KEPT);
		const coin: IDataObject = { transaction: { id: 77 }, user: { id: 5 } };
		expect(itemId(coin)).toBe(77);
		expect(baselineState(WATCHING, { items: [coin] }).seenIds).toEqual([77]);
	});

	test('an empty collection baselines on nothing, then emits its first items', async () => {
		await poll(state, collection);
		expect(state.seenIds).toEqual([]);
		const first = collection.add(4);
		expect(await poll(state, collection)).toEqual(first);
	});
});

describe('new items', () => {
	test('are read across pages down to the newest id seen and emitted oldest first', async () => {
		collection.add(5);
		await poll(state, collection);
		collection.requests = [];
		const added = collection.add(7);
		expect(await poll(state, collection)).toEqual(added);
		// 12 11 10 | 9 8 7 | 6 5: the third page reaches id 5, already seen.
		expect(collection.requests).toEqual([undefined, 10, 7]);
		expect(state).toEqual({ watching: WATCHING, seenIds: newestFirst(added), gaps: [] });
	});

	test('a quiet poll reads one page, emits nothing and keeps the seen ids', async () => {
		collection.add(5);
		await poll(state, collection);
		const before = { ...state };
		expect(await poll(state, collection)).toEqual([]);
		expect(state).toEqual(before);
	});

	test('each item exactly once, in order, over many polls', async () => {
		collection.add(4);
		await poll(state, collection);
		const added: number[] = [];
		const emitted: number[] = [];
		for (const count of [1, 0, 7, 3, 0, 12, 2]) {
			added.push(...collection.add(count));
			emitted.push(...(await poll(state, collection)));
		}
		expect(emitted).toEqual(added);
	});
});

describe('ids at or below the newest seen stop the read', () => {
	test('a lower id stops it even when the seen ids themselves are gone (deleted)', async () => {
		const pages: Page[] = [{ items: [{ id: 12 }, { id: 11 }, { id: 9 }, { id: 8 }], next: 8 }];
		const reader = staticReader(pages);
		const { items, state: next } = await readNewItems(
			{ watching: WATCHING, seenIds: [10, 7], gaps: [] },
			reader,
		);
		expect(items.map(itemId)).toEqual([11, 12]);
		expect(next.seenIds).toEqual([12, 11]);
		expect(reader.cursors).toEqual([undefined]);
	});

	test('an id that is not a number stops it only where it is one of the ids seen', async () => {
		const pages: Page[] = [
			{ items: [{ id: 'c' }, { id: 'b' }], next: 'p2' },
			{ items: [{ id: 'x' }, { id: 'a' }] },
		];
		const reader = staticReader(pages);
		const { items } = await readNewItems({ watching: WATCHING, seenIds: ['a'], gaps: [] }, reader);
		expect(items.map(itemId)).toEqual(['x', 'b', 'c']);
		expect(reader.cursors).toEqual([undefined, 'p2']);
	});
});

describe('the poll runs out of time mid-backlog', () => {
	test('a gap is recorded, and the next polls finish it: nothing lost, nothing repeated', async () => {
		collection.add(5);
		await poll(state, collection);
		const backlog = collection.add(10); // ids 6-15
		collection.requests = [];

		const first = await poll(state, collection, 2);
		expect(first).toEqual(backlog.slice(4)); // 10-15, oldest first
		expect(collection.requests).toEqual([undefined, 13]);
		expect(state.seenIds).toEqual(newestFirst(backlog.slice(4)));
		expect(state.gaps).toEqual([{ cursor: 10, stopIds: [5, 4, 3] }]);

		const late = collection.add(2); // 16, 17
		collection.requests = [];
		const second = await poll(state, collection, 2);
		// The head (17 16, then 15 already seen) takes one page; the gap gets the other: 9 8 7.
		expect(collection.requests).toEqual([undefined, 10]);
		expect(second).toEqual([7, 8, 9, 16, 17]);
		expect(state.gaps).toEqual([{ cursor: 7, stopIds: [5, 4, 3] }]);

		const third = await poll(state, collection, 2);
		expect(third).toEqual([6]);
		expect(state.gaps).toEqual([]);
		expect(await poll(state, collection, 2)).toEqual([]);

		expect([...first, ...second, ...third].sort((a, b) => a - b)).toEqual([...backlog, ...late]);
	});

	test('with no time at all nothing is read and the state stays as it was', async () => {
		collection.add(5);
		await poll(state, collection);
		collection.add(3);
		state.gaps = [{ cursor: 2, stopIds: [1] }];
		const before = structuredClone(state);
		collection.requests = [];
		expect(await poll(state, collection, 0)).toEqual([]);
		expect(collection.requests).toEqual([]);
		expect(state).toEqual(before);
	});

	test('readingTimeLeft gives the pages 80% of the budget', () => {
		let now = 1_000;
		const timeLeft = readingTimeLeft(10_000, () => now);
		expect(timeLeft()).toBe(8_000);
		now += 8_000;
		expect(timeLeft()).toBe(0);
	});
});

describe('a failure', () => {
	test.each([429, 503, 500])(
		'%i after items are in hand ends the poll early, and a gap keeps the rest',
		async (status) => {
			collection.add(5);
			await poll(state, collection);
			const backlog = collection.add(8); // ids 6-13
			const refused = collection.requests.length + 2;
			collection.failures = (request) => (request === refused ? httpError(status) : undefined);
			const first = await poll(state, collection);
			expect(first).toEqual([11, 12, 13]);
			expect(state.gaps).toEqual([{ cursor: 11, stopIds: [5, 4, 3] }]);

			const second = await poll(state, collection);
			expect(second).toEqual(backlog.slice(0, 5));
			expect(state.gaps).toEqual([]);
		},
	);

	test('in a gap, after the head found items, leaves that gap as it was', async () => {
		state = { watching: WATCHING, seenIds: [10], gaps: [{ cursor: 7, stopIds: [3] }] };
		collection.add(12);
		collection.failures = (request) => (request === 2 ? httpError(429) : undefined);
		expect(await poll(state, collection)).toEqual([11, 12]);
		expect(collection.requests).toEqual([undefined, 7]);
		expect(state).toEqual({
			watching: WATCHING,
			seenIds: [12, 11],
			gaps: [{ cursor: 7, stopIds: [3] }],
		});
	});

	test('with nothing in hand fails the poll with that error, and changes nothing', async () => {
		collection.add(5);
		await poll(state, collection);
		const added = collection.add(2);
		const before = structuredClone(state);
		const error = httpError(429);
		collection.failures = () => error;
		await expect(poll(state, collection)).rejects.toBe(error);
		expect(state).toEqual(before);

		collection.failures = () => undefined;
		expect(await poll(state, collection)).toEqual(added);
	});

	test('an error that is not transient fails the poll even with items in hand', async () => {
		collection.add(5);
		await poll(state, collection);
		collection.add(8);
		const before = structuredClone(state);
		const error = httpError(401);
		collection.failures = (request) => (request === 3 ? error : undefined);
		await expect(poll(state, collection)).rejects.toBe(error);
		expect(state).toEqual(before);
	});

	test('in a gap, when the head found nothing new, fails the poll too', async () => {
		state = { watching: WATCHING, seenIds: [12], gaps: [{ cursor: 7, stopIds: [3] }] };
		collection.add(12);
		const error = httpError(503);
		collection.failures = (request) => (request === 2 ? error : undefined);
		await expect(poll(state, collection)).rejects.toBe(error);
		expect(collection.requests).toEqual([undefined, 7]);
	});
});

describe('several gaps', () => {
	test('are kept newest first and read in that order, then forgotten, each item once', async () => {
		collection.add(5);
		await poll(state, collection);
		const older = collection.add(9); // 6-14
		await poll(state, collection, 1); // emits 12-14, gap from cursor 12
		const newer = collection.add(9); // 15-23
		const emitted = await poll(state, collection, 1); // emits 21-23, gap from cursor 21
		expect(emitted).toEqual([21, 22, 23]);
		expect(state.gaps).toEqual([
			{ cursor: 21, stopIds: [14, 13, 12] },
			{ cursor: 12, stopIds: [5, 4, 3] },
		]);

		collection.requests = [];
		// Head (nothing new), then the newer gap to its end, then the older gap.
		const rest = await poll(state, collection);
		expect(collection.requests).toEqual([undefined, 21, 18, 15, 12, 9, 6]);
		expect(rest).toEqual([...older.slice(0, 6), ...newer.slice(0, 6)]);
		expect(state.gaps).toEqual([]);
	});

	test('a stop in the first gap keeps it, with the gaps after it untouched', async () => {
		const gaps = [
			{ cursor: 40, stopIds: [30] },
			{ cursor: 20, stopIds: [10] },
		];
		state = { watching: WATCHING, seenIds: [50], gaps };
		collection.add(55);
		// Head: 55-51 (two pages). First gap: 39-37, then no time left.
		const emitted = await poll(state, collection, 3);
		expect(collection.requests).toEqual([undefined, 53, 40]);
		expect(emitted).toEqual([37, 38, 39, 51, 52, 53, 54, 55]);
		expect(state.gaps).toEqual([{ cursor: 37, stopIds: [30] }, gaps[1]]);
		expect(state.seenIds).toEqual([55, 54, 53, 52, 51]);
	});
});

/** A reader over fixed pages: page n+1 is asked for with page n's `next`. */
function staticReader(pages: Page[]): PageReader & { cursors: Array<ItemId | undefined> } {
	const cursors: Array<ItemId | undefined> = [];
	return {
		cursors,
		fetchPage: async (cursor) => {
			cursors.push(cursor);
			const index =
				cursor === undefined ? 0 : pages.findIndex((_, at) => pages[at - 1]?.next === cursor);
			return pages[index];
		},
		timeLeft: () => 1_000,
		isTransient,
	};
}
