/** The Kimple Trigger polled as n8n's scheduler polls it, against the simulator over HTTP. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { packageNode } from '../harness';
import { credentialRef, fromList, startKimple, type KimpleTestbed } from './setup';

let bed: KimpleTestbed;
afterEach(async () => await bed.simulator.close());

const trigger = (parameters: IDataObject) =>
	packageNode('Kimple Trigger', 'kimpleTrigger', parameters, { credentials: credentialRef });
const emitted = (result: INodeExecutionData[][] | null) =>
	result ? result[0].map((item) => item.json) : [];
const entryIds = (records: IDataObject[]) => records.map((record) => record.contest_entry_hash_id);
/** Records of one second have no order between them: compare them as sets. */
const sameSecondIds = (records: IDataObject[]) => entryIds(records).map(String).sort();

describe('Kimple Trigger', () => {
	beforeEach(async () => {
		bed = await startKimple();
	});

	test('baseline, then each new entry of the contest once, oldest first, in one request a poll', async () => {
		const quiz = bed.sandbox.contests.quiz.hash_id;
		const node = trigger({ event: 'newContestEntry', contestId: fromList(quiz) });
		const staticData: IDataObject = {};
		expect(await bed.environment.poll(node, staticData)).toBeNull();
		expect(await bed.environment.poll(node, staticData)).toBeNull();
		const emittedSoFar: unknown[] = [];
		for (let poll = 1; poll <= 5; poll++) {
			bed.simulator.resetCounts();
			const added = bed.simulator.appendEntries(quiz, poll);
			// Another contest's entries are not this trigger's.
			bed.simulator.appendEntries(bed.sandbox.contests.photo.hash_id, 2);
			const records = emitted(await bed.environment.poll(node, staticData));
			expect(entryIds(records)).toEqual(entryIds(added));
			expect(bed.simulator.count('GET /contest_entry/list')).toBe(1);
			emittedSoFar.push(...entryIds(records));
		}
		expect(new Set(emittedSoFar).size).toBe(15);
		const query = bed.simulator.received.at(-1)?.query;
		expect(query?.order).toBe('created_at asc,contest_entry_hash_id asc');
		expect(query?.search).toMatch(
			new RegExp(`^contest_hash_id='${quiz}' AND created_at>'[0-9: -]+'$`),
		);
	});

	test('a backlog of 250 entries comes whole across three pages, and the static data stays small', async () => {
		const node = trigger({ event: 'newContestEntry' });
		const staticData: IDataObject = {};
		await bed.environment.poll(node, staticData);
		const added = bed.simulator.appendEntries(bed.sandbox.contests.quiz.hash_id, 250, {
			secondsApart: 1,
		});
		expect(entryIds(emitted(await bed.environment.poll(node, staticData)))).toEqual(
			entryIds(added),
		);
		expect(await bed.environment.poll(node, staticData)).toBeNull();
		// About a minute of ids, not the 250 nor the whole list.
		expect(JSON.stringify(staticData).length).toBeLessThan(1500);
	});

	test('entries that share a second, split across polls, come once each', async () => {
		const quiz = bed.sandbox.contests.quiz.hash_id;
		const node = trigger({ event: 'newContestEntry', contestId: fromList(quiz) });
		const staticData: IDataObject = {};
		await bed.environment.poll(node, staticData);
		const first = bed.simulator.appendEntries(quiz, 2, { sameSecond: true });
		expect(sameSecondIds(emitted(await bed.environment.poll(node, staticData)))).toEqual(
			sameSecondIds(first),
		);
		// Two more in that same second, seen only now.
		bed.simulator.setClock(String(first[0].created_at));
		const second = [
			bed.simulator.addEntry(quiz, { created_at: first[0].created_at }),
			bed.simulator.addEntry(quiz, { created_at: first[0].created_at }),
		];
		expect(second.every((entry) => entry.created_at === first[0].created_at)).toBe(true);
		expect(sameSecondIds(emitted(await bed.environment.poll(node, staticData)))).toEqual(
			sameSecondIds(second),
		);
		expect(await bed.environment.poll(node, staticData)).toBeNull();
	});

	test('new participations, simplified, and a change of event or contest starts a new baseline', async () => {
		const photo = bed.sandbox.contests.photo.hash_id;
		const staticData: IDataObject = {};
		const entries = trigger({ event: 'newContestEntry' });
		await bed.environment.poll(entries, staticData);
		const participations = trigger({
			event: 'newContestParticipation',
			contestId: fromList(photo),
		});
		bed.simulator.appendParticipations(photo, 2);
		// The event changed: a new baseline, nothing emitted.
		expect(await bed.environment.poll(participations, staticData)).toBeNull();
		const added = bed.simulator.appendParticipations(photo, 3);
		const records = emitted(await bed.environment.poll(participations, staticData));
		expect(records.map((record) => record.contest_participation_hash_id)).toEqual(
			added.map((record) => record.contest_participation_hash_id),
		);
		expect(records[0].game).toEqual(
			expect.objectContaining({ type: 'photo', photo_link: expect.any(String) }),
		);
		const otherContest = trigger({
			event: 'newContestParticipation',
			contestId: fromList(bed.sandbox.contests.quiz.hash_id),
		});
		bed.simulator.appendParticipations(bed.sandbox.contests.quiz.hash_id, 2);
		expect(await bed.environment.poll(otherContest, staticData)).toBeNull();
	});

	test('manual mode shows the newest real record and leaves the baseline alone', async () => {
		const node = trigger({ event: 'newContestEntry' });
		const staticData: IDataObject = {};
		await bed.environment.poll(node, staticData);
		const before = JSON.stringify(staticData);
		const [newest] = bed.simulator.appendEntries(bed.sandbox.contests.quiz.hash_id, 1);
		const sample = emitted(await bed.environment.poll(node, staticData, 'manual'));
		expect(entryIds(sample)).toEqual([newest.contest_entry_hash_id]);
		expect(JSON.stringify(staticData)).toBe(before);
		expect(entryIds(emitted(await bed.environment.poll(node, staticData)))).toEqual([
			newest.contest_entry_hash_id,
		]);
	});

	test('a fault after the first page emits what was read; the next poll brings the rest, nothing twice', async () => {
		const node = trigger({ event: 'newContestEntry' });
		const staticData: IDataObject = {};
		await bed.environment.poll(node, staticData);
		const added = bed.simulator.appendEntries(bed.sandbox.contests.quiz.hash_id, 230, {
			secondsApart: 1,
		});
		// The second page fails for longer than the poll may read (a 3 s budget: 2.4 s of reading):
		// a 503, 1 s of waiting, a 503 again, and the next wait (2 s) would pass the budget.
		bed.simulator.injectFault('GET /contest_entry/list', '503', 2, 1);
		const first = entryIds(
			emitted(await bed.environment.poll(node, staticData, 'trigger', { pollBudgetMs: 3000 })),
		);
		expect(first.length).toBeGreaterThan(90);
		expect(first).toEqual(entryIds(added).slice(0, first.length));
		const second = entryIds(emitted(await bed.environment.poll(node, staticData)));
		expect([...first, ...second]).toEqual(entryIds(added));
	}, 20_000);
});

describe('Kimple Trigger with masked ids', () => {
	beforeEach(async () => {
		bed = await startKimple({ maskIds: true });
	});

	test('every id is 0: records are told apart by their hash ids', async () => {
		const node = trigger({ event: 'newContestEntry' });
		const staticData: IDataObject = {};
		await bed.environment.poll(node, staticData);
		const added = bed.simulator.appendEntries(bed.sandbox.contests.quiz.hash_id, 4, {
			sameSecond: true,
		});
		const records = emitted(await bed.environment.poll(node, staticData));
		expect(records.map((record) => record.id)).toEqual([0, 0, 0, 0]);
		expect(sameSecondIds(records)).toEqual(sameSecondIds(added));
		expect(await bed.environment.poll(node, staticData)).toBeNull();
	});
});
