/**
 * The Leevia Trigger's poll logic over an export held in memory: no server, no n8n engine.
 * State goes through JSON between polls, as n8n saves static data to its database.
 */
import type { IDataObject } from 'n8n-workflow';

import { pollNewRecords, readExport, type FetchPage } from '../../nodes/Leevia/trigger/poll';
import { decodeEnd, encodeEnd, readState } from '../../nodes/Leevia/trigger/state';
import { countSeenIds, type ItemId } from '../../nodes/shared/trigger/seen-ids';

const PAGE_SIZE = 100;
const WATCHING = 'newParticipant:campaigns/90';

/** A participant export in Leevia's envelope, whose records a test can change between polls. */
function fakeExport(ids: ItemId[] = []) {
	const records: IDataObject[] = ids.map((id) => ({ id, email: `p${id}@example.com` }));
	const pagesRead: number[] = [];
	const fetchPage: FetchPage = async (page) => {
		pagesRead.push(page);
		const pages = Math.max(1, Math.ceil(records.length / PAGE_SIZE));
		return {
			records: records.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
			pagination: {
				current: page,
				next_page: page < pages ? page + 1 : null,
				pages,
				count: records.length,
			},
		};
	};
	const add = (...more: ItemId[]) =>
		records.push(...more.map((id) => ({ id, email: `p${id}@example.com` })));
	return { records, fetchPage, pagesRead, add };
}

/** Polls like the node does: the stored state is what the last poll that changed it returned. */
function trigger(fetchPage: FetchPage, stored: unknown = {}) {
	const poller = {
		stored,
		saves: 0,
		async poll(watching = WATCHING): Promise<ItemId[]> {
			const outcome = await pollNewRecords(poller.stored, watching, fetchPage);
			if (outcome.state) {
				poller.stored = JSON.parse(JSON.stringify(outcome.state));
				poller.saves++;
			}
			return outcome.newRecords.map((record) => record.id as ItemId);
		},
		bytes: () => JSON.stringify(poller.stored).length,
	};
	return poller;
}

const range = (first: number, count: number) =>
	Array.from({ length: count }, (_, index) => first + index);

/** A fixed shuffle, so a failure can be replayed. */
function shuffled<T>(values: T[], seed = 7): T[] {
	const result = [...values];
	let state = seed;
	for (let index = result.length - 1; index > 0; index--) {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		const other = state % (index + 1);
		[result[index], result[other]] = [result[other], result[index]];
	}
	return result;
}

describe('Leevia poll state', () => {
	test('the first poll reads every page, records a baseline and emits nothing', async () => {
		const source = fakeExport(range(1000, 250));
		const poller = trigger(source.fetchPage);
		expect(await poller.poll()).toEqual([]);
		expect(source.pagesRead).toEqual([1, 2, 3]);
		expect(poller.stored).toEqual({
			watching: WATCHING,
			seen: { ranges: [[1000, 1249]] },
			// Where the next poll starts: page 3, which holds 1200 to 1249.
			end: { page: 3, ids: [[1200, 1249]], count: 250 },
		});
		expect(await poller.poll()).toEqual([]);
		expect(source.pagesRead).toEqual([1, 2, 3, 3]);
	});

	test('an empty export is a baseline too: its first participant is then new', async () => {
		const source = fakeExport();
		const poller = trigger(source.fetchPage);
		expect(await poller.poll()).toEqual([]);
		expect(poller.stored).toEqual({
			watching: WATCHING,
			seen: {},
			end: { page: 1, ids: [], count: 0 },
		});
		source.add(1);
		expect(await poller.poll()).toEqual([1]);
	});

	test('new participants spread over several pages are emitted in export order', async () => {
		const source = fakeExport(range(1000, 250));
		const poller = trigger(source.fetchPage);
		await poller.poll();
		source.add(...range(1250, 130));
		expect(await poller.poll()).toEqual(range(1250, 130));
		expect(poller.stored).toMatchObject({ watching: WATCHING, seen: { ranges: [[1000, 1379]] } });
		// Read on from page 3: 3 and 4.
		expect(source.pagesRead.slice(3)).toEqual([3, 4]);
	});

	test('each participant is emitted exactly once over many polls, and quiet polls save nothing', async () => {
		const source = fakeExport(range(1, 40));
		const poller = trigger(source.fetchPage);
		await poller.poll();
		const emitted: ItemId[] = [];
		let next = 41;
		for (const batch of [0, 1, 99, 0, 250, 3, 0]) {
			source.add(...range(next, batch));
			next += batch;
			const savesBefore = poller.saves;
			const fresh = await poller.poll();
			expect(fresh).toHaveLength(batch);
			expect(poller.saves - savesBefore).toBe(batch ? 1 : 0);
			emitted.push(...fresh);
		}
		expect(emitted).toEqual(range(41, next - 41));
		expect(new Set(emitted).size).toBe(emitted.length);
	});

	test('a change of event or product starts a new baseline instead of flooding', async () => {
		const source = fakeExport(range(1000, 120));
		const poller = trigger(source.fetchPage);
		await poller.poll('newParticipant:campaigns/90');
		expect(await poller.poll('newWinner:campaigns/90')).toEqual([]);
		expect(poller.stored).toMatchObject({ watching: 'newWinner:campaigns/90' });
		expect(await poller.poll('newWinner:campaigns/91')).toEqual([]);
		source.add(5000);
		expect(await poller.poll('newWinner:campaigns/91')).toEqual([5000]);
		// Back to the first product: its old baseline is gone, so this is a new one, not a flood.
		expect(await poller.poll('newParticipant:campaigns/90')).toEqual([]);
	});

	test('the old state (every id in a list) is converted: no new baseline, no duplicate, no loss', async () => {
		const oldIds = range(1000, 300);
		const source = fakeExport(oldIds);
		const poller = trigger(source.fetchPage, { watching: WATCHING, seenIds: oldIds });
		// Two joined after the last poll of the old version, one while the new version was installed.
		source.add(1300, 1301, 1302);
		expect(await poller.poll()).toEqual([1300, 1301, 1302]);
		expect(poller.stored).toMatchObject({ watching: WATCHING, seen: { ranges: [[1000, 1302]] } });
		expect(await poller.poll()).toEqual([]);
		source.add(1303);
		expect(await poller.poll()).toEqual([1303]);
	});

	test('the old state is converted and saved even when nothing is new, then left alone', async () => {
		// The old list mixes numbers and strings, and a null where a record had no id.
		const oldIds = [...range(1, 50), 'x-1', null, 60];
		const source = fakeExport([...range(1, 50), 'x-1', 60]);
		const poller = trigger(source.fetchPage, { watching: WATCHING, seenIds: oldIds });
		expect(await poller.poll()).toEqual([]);
		expect(poller.saves).toBe(1);
		expect(poller.stored).toEqual({
			watching: WATCHING,
			seen: { ranges: [[1, 50], 60], others: ['x-1'] },
		});
		expect(await poller.poll()).toEqual([]);
		expect(poller.saves).toBe(1);
	});

	test('old ids are read as they were saved, so none of them is emitted again', async () => {
		const oldIds = shuffled([...range(1, 500), 'a', 'b', 7000]);
		const state = readState({ watching: WATCHING, seenIds: oldIds }, WATCHING);
		expect(state?.converted).toBe(true);
		expect(countSeenIds(state!.seen)).toBe(oldIds.length);
		const source = fakeExport(oldIds);
		expect(await trigger(source.fetchPage, { watching: WATCHING, seenIds: oldIds }).poll()).toEqual(
			[],
		);
	});

	test('gaps left by deleted participants cost a range each, and a late id that fills one is emitted', async () => {
		// 1010-1019 deleted before the baseline; 1015 then turns up (a registration committed late).
		const ids = range(1000, 100).filter((id) => id < 1010 || id > 1019);
		const source = fakeExport(ids);
		const poller = trigger(source.fetchPage);
		await poller.poll();
		expect(poller.stored).toMatchObject({
			seen: {
				ranges: [
					[1000, 1009],
					[1020, 1099],
				],
			},
		});
		source.add(1100);
		source.records.splice(50, 0, { id: 1015 });
		expect(await poller.poll()).toEqual([1015, 1100]);
		// Participants deleted after they were seen change nothing.
		source.records.splice(0, 30);
		expect(await poller.poll()).toEqual([]);
	});

	test('shuffled, sparse and non-numeric ids are each emitted once', async () => {
		const first = shuffled([...range(1, 300), ...range(900, 50), 'uuid-b', 'uuid-a', 10_000]);
		const source = fakeExport(first);
		const poller = trigger(source.fetchPage);
		await poller.poll();
		const later = shuffled([301, 'uuid-c', 850, 5_000, '1300', 'uuid-0'], 3);
		source.records.splice(120, 0, ...later.map((id) => ({ id })));
		expect(await poller.poll()).toEqual(later);
		expect(await poller.poll()).toEqual([]);
		expect(poller.stored).toEqual({
			watching: WATCHING,
			seen: {
				ranges: [[1, 301], 850, [900, 949], 1300, 5000, 10000],
				others: ['uuid-0', 'uuid-a', 'uuid-b', 'uuid-c'],
			},
		});
	});

	test('an id given as a number and as a decimal string is one participant', async () => {
		const source = fakeExport(range(1, 10));
		const poller = trigger(source.fetchPage);
		await poller.poll();
		source.add('5', '11', 11);
		expect(await poller.poll()).toEqual(['11']);
	});

	test('a record read twice in one poll (it moved to the next page meanwhile) is emitted once', async () => {
		const source = fakeExport(range(1, 100));
		const poller = trigger(source.fetchPage);
		await poller.poll();
		source.add(101, 102, 101);
		expect(await poller.poll()).toEqual([101, 102]);
	});

	test('records without an id are never emitted, as they cannot be told apart', async () => {
		const source = fakeExport(range(1, 5));
		const poller = trigger(source.fetchPage);
		await poller.poll();
		source.records.push({ email: 'no-id@example.com' }, { id: null }, { id: '' }, { id: 6 });
		expect(await poller.poll()).toEqual([6]);
		expect(await poller.poll()).toEqual([]);
	});

	test('a state that cannot be read starts a new baseline rather than emitting everyone', async () => {
		const source = fakeExport(range(1, 250));
		for (const broken of [
			{ watching: WATCHING, seen: { ranges: [[5, 1]] } },
			{ watching: WATCHING, seen: 'x' },
			{ watching: WATCHING },
			null,
			[],
		]) {
			const poller = trigger(source.fetchPage, broken);
			expect(await poller.poll()).toEqual([]);
			expect(poller.stored).toMatchObject({ watching: WATCHING, seen: { ranges: [[1, 250]] } });
		}
	});

	test('the state stays a few bytes for 50,000 sequential participants, where the old list took about 300 KB', async () => {
		const source = fakeExport(range(100_000, 50_000));
		const poller = trigger(source.fetchPage);
		await poller.poll();
		source.add(...range(150_000, 5));
		expect(await poller.poll()).toHaveLength(5);
		expect(poller.bytes()).toBeLessThan(200);
		const oldBytes = JSON.stringify({ watching: WATCHING, seenIds: range(100_000, 50_005) }).length;
		expect(oldBytes).toBeGreaterThan(300_000);
	});

	test('the export is read until the last page, an empty page, or a next page that does not move on', async () => {
		const pages: Record<number, IDataObject> = {
			1: { records: [{ id: 1 }], pagination: { next_page: 2 } },
			2: { records: [{ id: 2 }], pagination: { next_page: '3' } },
			3: { records: [{ id: 3 }], pagination: { next_page: 3 } },
		};
		const pagesRead: number[] = [];
		const repeating: FetchPage = async (page) => {
			pagesRead.push(page);
			return pages[page] as never;
		};
		expect(await readExport(repeating)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		// Page 1 alone, then 4 at once: the pages asked for past the end (a window at most) are dropped.
		expect(pagesRead.slice(0, 3)).toEqual([1, 2, 3]);
		expect(pagesRead.length).toBeLessThanOrEqual(3 + 4);

		const emptySecond: FetchPage = async (page) =>
			page === 1
				? { records: [{ id: 1 }], pagination: { next_page: 2 } }
				: { records: [], pagination: { next_page: page + 1 } };
		expect(await readExport(emptySecond)).toEqual([{ id: 1 }]);
	});

	test('a failed page read fails the poll and leaves the state as it was', async () => {
		const source = fakeExport(range(1, 250));
		const poller = trigger(source.fetchPage);
		await poller.poll();
		const before = poller.stored;
		source.add(251);
		const failing: FetchPage = async (page) => {
			if (page === 3) throw new Error('503');
			return await source.fetchPage(page);
		};
		await expect(pollNewRecords(before, WATCHING, failing)).rejects.toThrow('503');
		expect(await poller.poll()).toEqual([251]);
	});

	describe('reading on from where the last poll ended', () => {
		/** One poll with its outcome: what it emitted, the pages it read, why it read whole. */
		async function pollOnce(source: ReturnType<typeof fakeExport>, stored: unknown, wins = false) {
			source.pagesRead.length = 0;
			const outcome = await pollNewRecords(stored, WATCHING, source.fetchPage, {
				countRepeats: wins,
			});
			return {
				ids: outcome.newRecords.map((record) => record.id),
				pages: [...source.pagesRead],
				fullRead: outcome.fullRead,
				state: outcome.state && JSON.parse(JSON.stringify(outcome.state)),
			};
		}

		test('nothing new: one request, nothing saved', async () => {
			const source = fakeExport(range(1, 250));
			const { state } = await pollOnce(source, undefined);
			expect(await pollOnce(source, state)).toEqual({
				ids: [],
				pages: [3],
				fullRead: undefined,
				state: undefined,
			});
		});

		test('a deletion before the remembered page, an insertion, a shrink: each reads whole, once', async () => {
			const source = fakeExport(range(1, 250));
			let { state } = await pollOnce(source, undefined);
			source.records.splice(10, 1);
			source.add(251);
			let poll = await pollOnce(source, state);
			expect(poll).toMatchObject({ ids: [251], pages: [3, 1, 2, 3] });
			expect(poll.fullRead).toMatch(/page 3 no longer starts with/);
			state = poll.state;
			source.records.splice(20, 0, { id: 10_000 });
			poll = await pollOnce(source, state);
			expect(poll).toMatchObject({ ids: [10_000], pages: [3, 1, 2, 3] });
			state = poll.state;
			source.records.splice(-2, 2);
			poll = await pollOnce(source, state);
			expect(poll.fullRead).toMatch(/shrank from 251 to 249/);
			expect(poll.ids).toEqual([]);
			expect((await pollOnce(source, poll.state)).pages).toEqual([3]);
		});

		test('a newcomer whose id is not above the last one remembered has the poll read whole', async () => {
			const source = fakeExport(range(100, 150));
			const { state } = await pollOnce(source, undefined);
			source.add(50);
			const poll = await pollOnce(source, state);
			expect(poll.fullRead).toMatch(/not in ascending id order/);
			expect(poll.ids).toEqual([50]);
		});

		test('a participant seen before, listed again after the remembered page, is not emitted again', async () => {
			const source = fakeExport(range(1, 150));
			const { state } = await pollOnce(source, undefined);
			// Participant 121 moves to the end of the export, under its own id.
			source.records.push(source.records.splice(120, 1)[0]);
			const poll = await pollOnce(source, state);
			expect(poll.ids).toEqual([]);
			expect(poll.fullRead).toBeDefined();
		});

		test('a page size in the reply that differs from the remembered one reads whole', async () => {
			const source = fakeExport(range(1, 150));
			const { state } = await pollOnce(source, undefined);
			const stored = { ...state, end: { ...state.end, perPage: 50 } };
			source.add(151);
			const wider: FetchPage = async (page) => {
				const reply = await source.fetchPage(page);
				return { ...reply, pagination: { ...reply.pagination, per_page: 100 } };
			};
			const outcome = await pollNewRecords(stored, WATCHING, wider);
			expect(outcome.fullRead).toMatch(/page size changed from 50 to 100/);
			expect(outcome.newRecords.map((record) => record.id)).toEqual([151]);
		});

		test('wins: the n-th listing of an id is its n-th win, emitted once', async () => {
			const source = fakeExport([1, 2, 2, 3]);
			let { state } = await pollOnce(source, undefined, true);
			expect(state.seen).toEqual({ ranges: [[1, 3]], others: ['2#2'] });
			// 3 wins again, listed beside its first win; 4 wins twice.
			source.add(3, 4, 4);
			let poll = await pollOnce(source, state, true);
			expect(poll.ids).toEqual([3, 4, 4]);
			// A second listing beside the last remembered one cannot be told from a moved record
			// without the whole export: that poll reads whole.
			expect(poll.fullRead).toMatch(/not in ascending id order/);
			state = poll.state;
			source.add(5);
			poll = await pollOnce(source, state, true);
			expect(poll).toMatchObject({ ids: [5], pages: [1], fullRead: undefined });
			expect(poll.state.seen).toEqual({ ranges: [[1, 5]], others: ['2#2', '3#2', '4#2'] });
			// The participant event emits an id once, however often it is listed.
			expect((await pollOnce(fakeExport([7, 7, 8]), { watching: WATCHING, seen: {} })).ids).toEqual(
				[7, 8],
			);
		});

		test('a win listed last on a page and first on the next while the export grew is not taken for a second win', async () => {
			const records = [{ id: 1 }, { id: 2 }, { id: 2 }, { id: 3 }];
			// Page 1 holds ids 1 and 2; before page 2 is read, a record is inserted before them.
			const fetchPage: FetchPage = async (page) => ({
				records: page === 1 ? records.slice(0, 2) : records.slice(2),
				pagination: { next_page: page === 1 ? 2 : null, count: page === 1 ? 3 : 4 },
			});
			const outcome = await pollNewRecords(
				{ watching: WATCHING, seen: { ranges: [1] } },
				WATCHING,
				fetchPage,
				{ countRepeats: true },
			);
			expect(outcome.newRecords.map((record) => record.id)).toEqual([2, 3]);
			// Not sure where it stands, so the next poll reads whole again.
			expect(outcome.state).not.toHaveProperty('end');
		});

		test('ids that are not numbers are emitted once, and every poll reads whole', async () => {
			const source = fakeExport(['a', 'b']);
			const { state } = await pollOnce(source, undefined);
			expect(state).not.toHaveProperty('end');
			source.add('c');
			expect(await pollOnce(source, state)).toMatchObject({
				ids: ['c'],
				fullRead: 'no position is remembered',
			});
		});

		test('a malformed end is ignored: a whole read, no new baseline, no flood', async () => {
			const source = fakeExport(range(1, 150));
			const { state } = await pollOnce(source, undefined);
			source.add(151);
			for (const end of [{ page: 0, ids: [] }, { page: 2, ids: [[9, 1]] }, 'x', { page: 2 }]) {
				const poll = await pollOnce(source, { ...state, end });
				expect(poll).toMatchObject({ ids: [151], fullRead: 'no position is remembered' });
			}
		});

		test('the end is kept as runs of consecutive ids', () => {
			const end = { page: 4, ids: [301, 302, 303, 305, 305, 307, 308], count: 307, perPage: 100 };
			const stored = encodeEnd(end);
			expect(stored.ids).toEqual([[301, 303], 305, 305, [307, 308]]);
			expect(decodeEnd(JSON.parse(JSON.stringify(stored)))).toEqual(end);
		});
	});
});
