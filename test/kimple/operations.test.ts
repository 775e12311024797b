/** Every Kimple operation as a real workflow in n8n's engine, against the simulator over HTTP. */
import type { IDataObject } from 'n8n-workflow';

import { DOCUMENTED_CONTEST, DOCUMENTED_ENTRY } from '../../sandbox/simulators/kimple';
import { byId, fromList, run, startKimple, type KimpleTestbed } from './setup';

let bed: KimpleTestbed;
beforeAll(async () => {
	bed = await startKimple();
});
afterAll(async () => await bed.simulator.close());
beforeEach(() => bed.simulator.resetCounts());

const lastQuery = (key: string) =>
	[...bed.simulator.received].reverse().find((request) => request.key === key)?.query;

describe('Get', () => {
	test('a contest by its hash ID, picked from the list: the document object as printed', async () => {
		const { json, error } = await run(bed.environment, {
			resource: 'contest',
			operation: 'get',
			contestId: fromList(DOCUMENTED_CONTEST.hash_id),
		});
		expect(error).toBeUndefined();
		expect(json).toEqual([DOCUMENTED_CONTEST]);
	});

	test('a contest entry by its hash ID', async () => {
		const { json } = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'get',
			contestEntryId: DOCUMENTED_ENTRY.contest_entry_hash_id,
		});
		expect(json).toEqual([DOCUMENTED_ENTRY]);
		expect(bed.simulator.count('GET /contest_entry/{id}')).toBe(1);
	});

	test('a client, a campaign and a participation by hash ID; one input item each', async () => {
		const client = bed.sandbox.clients[1];
		const campaign = bed.sandbox.campaigns[0];
		const [participation] = bed.simulator.records<IDataObject>('contest_participation');
		const clients = await run(
			bed.environment,
			{ resource: 'client', operation: 'get', clientId: '={{ $json.id }}' },
			[{ id: bed.sandbox.clients[0].hash_id }, { id: client.hash_id }],
		);
		expect(clients.json.map((record) => record.name)).toEqual([
			bed.sandbox.clients[0].name,
			client.name,
		]);
		expect(clients.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const campaigns = await run(bed.environment, {
			resource: 'campaign',
			operation: 'get',
			campaignId: campaign.hash_id,
		});
		expect(campaigns.json[0]).toEqual(campaign);
		const raw = await run(bed.environment, {
			resource: 'contestParticipation',
			operation: 'get',
			contestParticipationId: participation.contest_participation_hash_id,
			simplify: false,
		});
		expect(raw.json[0]).toEqual(participation);
	});

	test('a numeric ID works while Kimple shows it', async () => {
		const [client] = bed.simulator.records<IDataObject>('client');
		const { json } = await run(bed.environment, {
			resource: 'client',
			operation: 'get',
			clientId: String(client.id),
		});
		expect(json[0].hash_id).toBe(client.hash_id);
	});
});

describe('Get Many', () => {
	test('Return All pages through the 250 entries of a contest, 100 a page, stopping on the short page', async () => {
		const quiz = bed.sandbox.contests.quiz;
		const { json } = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'getAll',
			contestId: fromList(quiz.hash_id),
			returnAll: true,
			requestOptions: { pagesAtOnce: 1 },
		});
		expect(json).toHaveLength(bed.sandbox.entryCounts[quiz.hash_id]);
		expect(new Set(json.map((entry) => entry.contest_entry_hash_id)).size).toBe(json.length);
		expect(json.every((entry) => entry.contest_hash_id === quiz.hash_id)).toBe(true);
		expect(bed.simulator.count('GET /contest_entry/list')).toBe(3);
		expect(lastQuery('GET /contest_entry/list')).toMatchObject({
			page: '3',
			limit: '100',
			search: `contest_hash_id='${quiz.hash_id}'`,
		});
	});

	test('a list of exactly a page ends with one empty page', async () => {
		const all = bed.simulator.records<IDataObject>('contest_entry');
		const { json } = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { pagesAtOnce: 1 },
		});
		expect(json).toHaveLength(all.length);
		expect(bed.simulator.count('GET /contest_entry/list')).toBe(Math.floor(all.length / 100) + 1);
	});

	test('4 pages at once (the default): the same entries in the same order, the pages past the end dropped', async () => {
		const quiz = bed.sandbox.contests.quiz;
		const parameters = {
			resource: 'contestEntry',
			operation: 'getAll',
			contestId: fromList(quiz.hash_id),
			returnAll: true,
		};
		const oneByOne = await run(bed.environment, {
			...parameters,
			requestOptions: { pagesAtOnce: 1 },
		});
		const before = bed.simulator.count('GET /contest_entry/list');
		const { json } = await run(bed.environment, parameters);
		const ids = (items: IDataObject[]) => items.map((entry) => entry.contest_entry_hash_id);
		expect(ids(json)).toEqual(ids(oneByOne.json));
		// 250 entries: pages 1 to 3, and past the short page 3 at most a window of 4, dropped.
		const asked = bed.simulator.count('GET /contest_entry/list') - before;
		expect(asked).toBeGreaterThanOrEqual(3);
		expect(asked).toBeLessThanOrEqual(3 + 4);
	});

	test('Limit asks for no more than it needs', async () => {
		const { json } = await run(bed.environment, {
			resource: 'client',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(json).toHaveLength(2);
		expect(lastQuery('GET /client/list')).toMatchObject({ page: '1', limit: '2' });
	});

	test('a sort on two fields', async () => {
		const { json } = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'getAll',
			contestId: byId(bed.sandbox.contests.quiz.hash_id),
			returnAll: true,
			sort: {
				fields: [
					{ field: 'lastname', direction: 'desc' },
					{ field: 'firstname', direction: 'asc' },
				],
			},
		});
		expect(lastQuery('GET /contest_entry/list')?.order).toBe('lastname desc,firstname asc');
		const keys = json.map((entry) => [String(entry.lastname), String(entry.firstname)]);
		// Kimple's collation is unknown; the simulator compares as a person reads (é beside e).
		const sorted = [...keys].sort(
			([lastA, firstA], [lastB, firstB]) =>
				lastB.localeCompare(lastA) || firstA.localeCompare(firstB),
		);
		expect(keys).toEqual(sorted);
	});

	test('a filter whose value holds a quote, with the contest scope and a raw expression', async () => {
		const quiz = bed.sandbox.contests.quiz;
		const oneil = bed.simulator.addEntry(quiz.hash_id, {
			lastname: "O'Neil",
			city: 'Lyon',
			email: 'oneil@example.fr',
		});
		bed.simulator.addEntry(quiz.hash_id, { lastname: "O'Neil", city: 'Paris' });
		const { json } = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'getAll',
			contestId: fromList(quiz.hash_id),
			returnAll: true,
			filters: { conditions: [{ field: 'lastname', operator: 'equals', value: "O'Neil" }] },
			options: { search: "city~='lyo'" },
		});
		expect(json.map((entry) => entry.contest_entry_hash_id)).toEqual([oneil.contest_entry_hash_id]);
		expect(lastQuery('GET /contest_entry/list')?.search).toBe(
			`contest_hash_id='${quiz.hash_id}' AND lastname='O''Neil' AND city~='lyo'`,
		);
	});

	test('greater than and less than on dates', async () => {
		const all = bed.simulator.records<IDataObject>('contest_entry');
		const middle = String(all[Math.floor(all.length / 2)].created_at);
		const { json } = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'created_at', operator: 'greaterThan', value: middle }] },
		});
		expect(json.length).toBe(all.filter((entry) => String(entry.created_at) > middle).length);
		const before = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'getAll',
			returnAll: true,
			filters: { conditions: [{ field: 'created_at', operator: 'lessThan', value: middle }] },
		});
		expect(before.json.length).toBe(
			all.filter((entry) => String(entry.created_at) < middle).length,
		);
	});

	test('clients, contests and campaigns (with statistics) list whole', async () => {
		for (const [resource, section] of [
			['client', 'client'],
			['contest', 'contest'],
			['campaign', 'campaign'],
		] as const) {
			const { json } = await run(bed.environment, {
				resource,
				operation: 'getAll',
				returnAll: true,
			});
			expect(json).toEqual(bed.simulator.records(section));
		}
		const campaigns = bed.simulator.records<IDataObject>('campaign');
		expect(campaigns[0].statistics).toEqual(
			expect.objectContaining({ open_rate: expect.any(Number), emails_sent: expect.any(Number) }),
		);
	});
});

describe('Campaign → Get Many by contest', () => {
	test("only the chosen contest's campaigns, scoped on Kimple's side", async () => {
		const quiz = bed.sandbox.contests.quiz;
		const { json, error } = await run(bed.environment, {
			resource: 'campaign',
			operation: 'getAll',
			contestId: fromList(quiz.hash_id),
			returnAll: true,
		});
		expect(error).toBeUndefined();
		// The sandbox seeds two campaigns about the quiz: the first two.
		expect(json.map((campaign) => campaign.hash_id)).toEqual([
			bed.sandbox.campaigns[0].hash_id,
			bed.sandbox.campaigns[1].hash_id,
		]);
		expect(json.every((campaign) => campaign.contest_hash_id === 'YP67sgn')).toBe(true);
		expect(lastQuery('GET /campaign/list')).toMatchObject({
			search: "contest_hash_id='YP67sgn'",
			page: '1',
		});
	});

	test('the contest scope combines with a filter; empty lists every contest', async () => {
		const purchase = bed.sandbox.contests.purchase;
		const title = String(bed.sandbox.campaigns[4].title);
		const scoped = await run(bed.environment, {
			resource: 'campaign',
			operation: 'getAll',
			contestId: byId(purchase.hash_id),
			returnAll: true,
			filters: { conditions: [{ field: 'title', operator: 'equals', value: title }] },
		});
		expect(scoped.json.map((campaign) => campaign.hash_id)).toContain(
			bed.sandbox.campaigns[4].hash_id,
		);
		expect(scoped.json.every((campaign) => campaign.contest_hash_id === purchase.hash_id)).toBe(
			true,
		);
		const every = await run(bed.environment, {
			resource: 'campaign',
			operation: 'getAll',
			contestId: byId(''),
			returnAll: true,
		});
		expect(every.json).toHaveLength(8);
		expect(lastQuery('GET /campaign/list')?.search).toBeUndefined();
	});

	test('a contest that is not a hash ID is refused before anything is sent', async () => {
		const { error } = await run(bed.environment, {
			resource: 'campaign',
			operation: 'getAll',
			contestId: byId('quiz contest!'),
			returnAll: true,
		});
		expect(error?.message).toMatch(/^Contest "quiz contest!" is not valid: pick a contest/);
		expect(bed.simulator.count('GET /campaign/list')).toBe(0);
	});

	test("Kimple's refusal of a filter on a campaign's nested statistics says what to check", async () => {
		const { error } = await run(bed.environment, {
			resource: 'campaign',
			operation: 'getAll',
			contestId: fromList(bed.sandbox.contests.quiz.hash_id),
			returnAll: true,
			filters: { conditions: [{ field: 'statistics', operator: 'equals', value: '1' }] },
		});
		expect(error?.message).toMatch(
			/^Kimple refused the list options \(HTTP 400\): search: .*statistics.*Check the Sort fields, the Filters and the Search expression/,
		);
	});
});

describe('Participations', () => {
	test('Simplify puts each game type under game, in Kimple names', async () => {
		const { json } = await run(bed.environment, {
			resource: 'contestParticipation',
			operation: 'getAll',
			returnAll: true,
		});
		const raw = bed.simulator.records<IDataObject>('contest_participation');
		expect(json).toHaveLength(raw.length);
		const byType = (type: string) =>
			json.find((record) => (record.game as IDataObject).type === type);
		expect(byType('quiz')?.game).toEqual(
			expect.objectContaining({
				answers: expect.arrayContaining([
					expect.objectContaining({ is_good: expect.any(Boolean) }),
				]),
				score: expect.any(Number),
				time_spend: expect.any(Number),
			}),
		);
		expect(Object.keys(byType('photo')?.game as IDataObject)).toEqual(
			expect.arrayContaining(['photo_link', 'photo_title', 'photo_description', 'vote']),
		);
		expect(Object.keys(byType('purchase')?.game as IDataObject)).toEqual(
			expect.arrayContaining(['access_codes', 'purchase_proofs']),
		);
		expect(
			json.every((record) => record.form === undefined && record.game_data === undefined),
		).toBe(true);
		expect(json[0].email).toBe((raw[0].form as IDataObject).email);
	});

	test('Simplify off gives the raw records; the contest scope holds', async () => {
		const photo = bed.sandbox.contests.photo;
		const { json } = await run(bed.environment, {
			resource: 'contestParticipation',
			operation: 'getAll',
			contestId: fromList(photo.hash_id),
			returnAll: true,
			simplify: false,
		});
		expect(json).toEqual(
			bed.simulator
				.records<IDataObject>('contest_participation')
				.filter((record) => record.contest_hash_id === photo.hash_id),
		);
	});
});

describe('Masked ids', () => {
	test('with every id shown as 0, Get and lists work by hash ID', async () => {
		const masked = await startKimple({ maskIds: true });
		try {
			const entry = masked.sandbox.documentedEntry;
			const { json } = await run(masked.environment, {
				resource: 'contestEntry',
				operation: 'get',
				contestEntryId: entry.contest_entry_hash_id,
			});
			expect(json[0]).toMatchObject({ id: 0, contest_entry_hash_id: entry.contest_entry_hash_id });
			const list = await run(masked.environment, {
				resource: 'client',
				operation: 'getAll',
				returnAll: true,
			});
			expect(list.json.every((client) => client.id === 0)).toBe(true);
		} finally {
			await masked.simulator.close();
		}
	});
});

describe('Contest picker', () => {
	test('lists contests by title, searched on Kimple, and pages on', async () => {
		const { environment } = bed;
		const node = (await import('./setup')).kimpleNode({ resource: 'contest', operation: 'get' });
		const all = await environment.listSearch(node, 'searchContests');
		expect(all.results.map((result) => result.value)).toEqual(
			expect.arrayContaining([bed.sandbox.contests.quiz.hash_id, DOCUMENTED_CONTEST.hash_id]),
		);
		expect(all.results.find((result) => result.value === DOCUMENTED_CONTEST.hash_id)?.name).toBe(
			`Untitled contest ${DOCUMENTED_CONTEST.hash_id}`,
		);
		const found = await environment.listSearch(node, 'searchContests', 'quiz');
		expect(found.results.map((result) => result.value)).toEqual([
			bed.sandbox.contests.quiz.hash_id,
		]);
		expect(lastQuery('GET /contest/list')?.search).toBe("title~='quiz'");
	});
});
