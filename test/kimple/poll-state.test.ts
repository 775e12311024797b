/**
 * The Kimple Trigger's poll state over an in-memory list that answers as the simulator's
 * `created_at >= since` search does, so that many polls run in milliseconds. The same trigger runs
 * against the HTTP simulator in trigger.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	MAX_RECENT_IDS,
	baseline,
	needsBaseline,
	readNewRecords,
	secondsBefore,
	type KimplePollState,
	type PollReader,
} from '../../nodes/Kimple/trigger/poll';

const PAGE = 100;

/** A list of entries that can grow, lose records and be read like Kimple's sorted, searched list. */
class EntryList {
	records: IDataObject[] = [];

	requests = 0;

	private clock = Date.UTC(2026, 10, 30, 8, 0, 0);

	private next = 1;

	failNext = 0;

	/** `count` new entries, `perSecond` of them sharing each second. */
	append(count: number, perSecond = 1): IDataObject[] {
		const added: IDataObject[] = [];
		for (let i = 0; i < count; i++) {
			if (i % perSecond === 0) this.clock += 1000;
			added.push(this.entry(this.clock));
		}
		this.records.push(...added);
		return added;
	}

	/** An entry that shows late: created `secondsAgo` before the newest one. */
	appendLate(secondsAgo: number): IDataObject {
		const late = this.entry(this.clock - secondsAgo * 1000);
		this.records.push(late);
		return late;
	}

	private entry(ms: number): IDataObject {
		const n = this.next++;
		return {
			id: 0,
			contest_entry_hash_id: `h${String(n).padStart(6, '0')}`,
			created_at: new Date(ms).toISOString().slice(0, 19).replace('T', ' '),
		};
	}

	reader(overrides: Partial<PollReader> = {}): PollReader {
		return {
			fetchSince: async (since, page) => {
				this.requests++;
				if (this.failNext > 0) {
					this.failNext--;
					throw Object.assign(new Error('503'), { transient: true });
				}
				const sorted = this.records
					.filter((record) => since === undefined || String(record.created_at) >= since)
					.sort(
						(a, b) =>
							String(a.created_at).localeCompare(String(b.created_at)) ||
							String(a.contest_entry_hash_id).localeCompare(String(b.contest_entry_hash_id)),
					);
				return sorted.slice((page - 1) * PAGE, page * PAGE);
			},
			pageSize: PAGE,
			idOf: (record) => String(record.contest_entry_hash_id),
			createdAtOf: (record) => String(record.created_at),
			delaySeconds: 60,
			timeLeft: () => 1000,
			isTransient: (error) => (error as { transient?: boolean }).transient === true,
			...overrides,
		};
	}

	newest(): string | undefined {
		return this.records
			.map((record) => String(record.created_at))
			.sort()
			.pop();
	}
}

const ids = (records: IDataObject[]) => records.map((record) => record.contest_entry_hash_id);

async function start(list: EntryList): Promise<KimplePollState> {
	return await baseline('newContestEntry:', list.newest(), list.reader());
}

describe('Kimple poll state', () => {
	test('the baseline emits nothing; appended entries come once each, oldest first', async () => {
		const list = new EntryList();
		list.append(250);
		let state = await start(list);
		const emitted: unknown[] = [];
		for (let poll = 0; poll < 6; poll++) {
			const added = list.append(poll * 7);
			const outcome = await readNewRecords(state, list.reader());
			expect(ids(outcome.newRecords)).toEqual(ids(added));
			emitted.push(...ids(outcome.newRecords));
			state = outcome.state;
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toHaveLength(7 * 15);
	});

	test('an empty list at the baseline: everything later is new', async () => {
		const list = new EntryList();
		let state = await start(list);
		expect(state).toEqual({ watching: 'newContestEntry:', recent: {} });
		const added = list.append(3);
		const outcome = await readNewRecords(state, list.reader());
		expect(ids(outcome.newRecords)).toEqual(ids(added));
		state = outcome.state;
		expect((await readNewRecords(state, list.reader())).newRecords).toEqual([]);
	});

	test('several entries in the same second, split across polls, come once each', async () => {
		const list = new EntryList();
		list.append(10);
		let state = await start(list);
		// Two in one second now, three more in that same second by the next poll.
		const first = list.append(2, 5);
		let outcome = await readNewRecords(state, list.reader());
		expect(ids(outcome.newRecords)).toEqual(ids(first));
		state = outcome.state;
		const sameSecond = list.records.slice(-1)[0].created_at;
		const more = [0, 1, 2].map(() => {
			const entry = list.appendLate(0);
			expect(entry.created_at).toBe(sameSecond);
			return entry;
		});
		outcome = await readNewRecords(state, list.reader());
		expect(ids(outcome.newRecords)).toEqual(ids(more));
	});

	test('more than a page in one second pages on within that second', async () => {
		const list = new EntryList();
		list.append(5);
		let state = await start(list);
		const burst = list.append(340, 340);
		const outcome = await readNewRecords(state, list.reader());
		expect(ids(outcome.newRecords)).toEqual(ids(burst));
		state = outcome.state;
		expect((await readNewRecords(state, list.reader())).newRecords).toEqual([]);
	});

	test('an entry that shows late, within the delay, is emitted once', async () => {
		const list = new EntryList();
		list.append(20);
		let state = await start(list);
		list.append(5);
		state = (await readNewRecords(state, list.reader())).state;
		const late = list.appendLate(30);
		const outcome = await readNewRecords(state, list.reader());
		expect(ids(outcome.newRecords)).toEqual(ids([late]));
		expect((await readNewRecords(outcome.state, list.reader())).newRecords).toEqual([]);
	});

	test('a deletion early in the list moves no new entry out of reach', async () => {
		const list = new EntryList();
		list.append(50);
		let state = await start(list);
		const added = list.append(450);
		// Read the first page, then delete an old entry before the next pages are read.
		const reader = list.reader();
		let pages = 0;
		const outcome = await readNewRecords(state, {
			...reader,
			fetchSince: async (since, page) => {
				if (pages++ === 1) list.records.splice(3, 1);
				return await reader.fetchSince(since, page);
			},
		});
		expect(ids(outcome.newRecords)).toEqual(ids(added));
		state = outcome.state;
		expect((await readNewRecords(state, list.reader())).newRecords).toEqual([]);
	});

	test('a fault after a page emits what was read and the rest on the next poll', async () => {
		const list = new EntryList();
		list.append(10);
		let state = await start(list);
		const added = list.append(300);
		const reader = list.reader();
		let calls = 0;
		const first = await readNewRecords(state, {
			...reader,
			fetchSince: async (since, page) => {
				if (calls++ === 2) throw Object.assign(new Error('429'), { transient: true });
				return await reader.fetchSince(since, page);
			},
		});
		expect(first.newRecords.length).toBeGreaterThan(0);
		expect(first.newRecords.length).toBeLessThan(300);
		state = first.state;
		const second = await readNewRecords(state, list.reader());
		expect([...ids(first.newRecords), ...ids(second.newRecords)]).toEqual(ids(added));
	});

	test('a fault before anything is read fails the poll and leaves the state alone', async () => {
		const list = new EntryList();
		list.append(10);
		const state = await start(list);
		list.append(3);
		list.failNext = 1;
		await expect(readNewRecords(state, list.reader())).rejects.toThrow('503');
	});

	test('50,000 entries, 10 a second: a poll reads the last minute again, not the list; a state of a minute of ids', async () => {
		const list = new EntryList();
		list.append(50_000, 10);
		let state = await start(list);
		expect(list.requests).toBeLessThanOrEqual(8);
		list.requests = 0;
		const added = list.append(5);
		const outcome = await readNewRecords(state, list.reader());
		state = outcome.state;
		expect(ids(outcome.newRecords)).toEqual(ids(added));
		expect(list.requests).toBeLessThanOrEqual(7);
		expect(JSON.stringify(state).length).toBeLessThan(10_000);
	});

	test('a window with more ids than the cap shrinks to the newest second', async () => {
		const list = new EntryList();
		list.append(MAX_RECENT_IDS + 600, 200);
		const state = await start(list);
		expect(state.since).toBe(list.newest());
		expect(state.recent?.others).toHaveLength(200);
	});

	test('a change of event or contest needs a new baseline', () => {
		const state: KimplePollState = { watching: 'newContestEntry:', since: 'x', recent: {} };
		expect(needsBaseline(state, 'newContestEntry:')).toBe(false);
		expect(needsBaseline(state, 'newContestEntry:78HY9n')).toBe(true);
		expect(needsBaseline({}, 'newContestEntry:')).toBe(true);
		expect(
			needsBaseline({ ...state, recent: { others: 'broken' } as never }, 'newContestEntry:'),
		).toBe(true);
	});

	test('secondsBefore counts across days and leaves other forms alone', () => {
		expect(secondsBefore('2019-07-16 00:00:30', 60)).toBe('2019-07-15 23:59:30');
		expect(secondsBefore('2019-07-16T00:00:30Z', 60)).toBe('2019-07-16T00:00:30Z');
	});
});
