/**
 * readPagesAhead (nodes/shared/http/pagination.ts): pages addressed by number, several in flight, the
 * records out in the list's order, each once. The fake pages answer in an order the test sets (each
 * reply waits for the test to release it), so nothing here depends on timing.
 */
import { PageWindow, readPagesAhead, type NumberedPage } from '../../nodes/shared/http/pagination';

/** A list of `total` records, `pageSize` a page, whose replies the test releases one by one. */
function gatedList(total: number, pageSize: number) {
	const asked: number[] = [];
	const waiting = new Map<number, () => void>();
	let inFlight = 0;
	let peak = 0;
	const failing = new Map<number, Error>();
	const fetchPage = async (index: number): Promise<NumberedPage<number>> => {
		asked.push(index);
		inFlight++;
		peak = Math.max(peak, inFlight);
		await new Promise<void>((resolve) => waiting.set(index, resolve));
		inFlight--;
		const failure = failing.get(index);
		if (failure) throw failure;
		const first = index * pageSize;
		const items = Array.from(
			{ length: Math.max(0, Math.min(pageSize, total - first)) },
			(_, i) => first + i,
		);
		return { items, last: items.length < pageSize };
	};
	/** Releases the replies of `indexes` in that order, letting the reader run in between. */
	const release = async (...indexes: number[]) => {
		for (const index of indexes) {
			await until(() => waiting.has(index));
			waiting.get(index)!();
			waiting.delete(index);
		}
	};
	/** Releases whatever is asked, newest first, until `done` settles. */
	const releaseAllNewestFirst = async (done: Promise<unknown>) => {
		let finished = false;
		void done.finally(() => (finished = true)).catch(() => undefined);
		while (!finished) {
			await tick();
			const newest = [...waiting.keys()].sort((a, b) => b - a)[0];
			if (newest !== undefined) await release(newest);
		}
	};
	return { fetchPage, asked, failing, release, releaseAllNewestFirst, peak: () => peak };
}

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

async function until(condition: () => boolean): Promise<void> {
	for (let turns = 0; !condition(); turns++) {
		if (turns > 1000) throw new Error('the reader never asked for the page');
		await tick();
	}
}

describe('readPagesAhead', () => {
	test('replies in reverse order: the records come out in the list order, each once', async () => {
		const list = gatedList(1050, 100);
		const reading = readPagesAhead(list.fetchPage, { pageSize: 100, pagesAtOnce: 4 });
		await list.releaseAllNewestFirst(reading);
		const records = await reading;
		expect(records).toEqual(Array.from({ length: 1050 }, (_, i) => i));
		// 11 pages, the first alone, never more than 4 at once; past the short page 10, a few more asked.
		expect(list.peak()).toBe(4);
		expect(list.asked.slice(0, 11).sort((a, b) => a - b)).toEqual([
			0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
		]);
		expect(list.asked.length).toBeLessThanOrEqual(11 + 3);
		expect(new Set(list.asked).size).toBe(list.asked.length);
	});

	test('the first page alone: a list that fits in it costs one request', async () => {
		const list = gatedList(40, 100);
		const reading = readPagesAhead(list.fetchPage, { pageSize: 100, pagesAtOnce: 4 });
		await list.release(0);
		expect(await reading).toHaveLength(40);
		expect(list.asked).toEqual([0]);
	});

	test('a page count stops the reading at the last page, whatever its size', async () => {
		const asked: number[] = [];
		const records = await readPagesAhead<number>(
			async (index) => {
				asked.push(index);
				return { items: [index], last: false, pageCount: 3 };
			},
			{ pageSize: 1, pagesAtOnce: 4 },
		);
		expect(records).toEqual([0, 1, 2]);
		expect(asked).toEqual([0, 1, 2]);
	});

	test('a limit asks for no page whose first record lies past it', async () => {
		const list = gatedList(10_000, 100);
		const reading = readPagesAhead(list.fetchPage, { pageSize: 100, pagesAtOnce: 4, limit: 250 });
		await list.releaseAllNewestFirst(reading);
		expect(await reading).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(list.asked.sort()).toEqual([0, 1, 2]);
	});

	test('1 at once reads one page after the other', async () => {
		const list = gatedList(500, 100);
		const reading = readPagesAhead(list.fetchPage, { pageSize: 100, pagesAtOnce: 1 });
		await list.releaseAllNewestFirst(reading);
		expect(await reading).toHaveLength(500);
		expect(list.peak()).toBe(1);
		expect(list.asked).toEqual([0, 1, 2, 3, 4, 5]);
	});

	test('a page that still fails stops the reading with how far it got, once the others settled', async () => {
		const list = gatedList(2000, 100);
		list.failing.set(5, new Error('Kimple answered 503'));
		list.failing.set(7, new Error('Kimple answered 500'));
		const reading = readPagesAhead(list.fetchPage, {
			pageSize: 100,
			pagesAtOnce: 4,
			what: 'entries',
		});
		const outcome = reading.catch((error: Error) => error);
		// Page 8 (index 7) fails before page 6 (index 5): the earliest failed page is the one reported.
		await list.release(0, 1, 2, 3, 4);
		await list.releaseAllNewestFirst(reading);
		const error = (await outcome) as Error;
		expect(error.message).toBe(
			'Kimple answered 503 (stopped while reading page 6 of entries: 500 records read so far, none output)',
		);
	});

	test('a failure on the first page is the error alone: nothing was read', async () => {
		await expect(
			readPagesAhead<number>(
				async () => {
					throw new Error('Leevia answered 500');
				},
				{ pageSize: 100, pagesAtOnce: 4, what: 'participants' },
			),
		).rejects.toThrow(/^Leevia answered 500$/);
	});

	test('a failure past the last page is dropped with that page', async () => {
		const list = gatedList(250, 100);
		list.failing.set(4, new Error('a page past the end broke'));
		const reading = readPagesAhead(list.fetchPage, { pageSize: 100, pagesAtOnce: 4 });
		await list.release(0);
		await list.release(4, 3, 2, 1);
		expect(await reading).toHaveLength(250);
	});

	test('the first 429 halves the window for the rest of the reading, once', async () => {
		const window = new PageWindow(4);
		let inFlight = 0;
		const peaks: number[] = [];
		const records = await readPagesAhead<number>(
			async (index) => {
				inFlight++;
				peaks.push(inFlight);
				// Page 6 met a 429 (the transport waited it out and tells the window), then page 10.
				if (index === 5 || index === 9) window.rateLimited();
				await tick();
				inFlight--;
				return { items: [index], last: index === 29 };
			},
			{ pageSize: 1, pagesAtOnce: 4 },
			window,
		);
		expect(records).toEqual(Array.from({ length: 30 }, (_, i) => i));
		expect(window.pages).toBe(2);
		expect(Math.max(...peaks.slice(0, 5))).toBe(4);
		expect(Math.max(...peaks.slice(12))).toBe(2);
	});
});
