/**
 * Easypromos under faults: a tenth of all requests get a 429, a 5xx, a reset, a cut reply or a
 * stall. Exports and the trigger lose and repeat nothing in every seed; a read that keeps failing
 * says how far it got; a write is never applied twice, and when its outcome is unknown the message
 * names its record; no access token leaks anywhere.
 */
import { randomBytes } from 'crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { EasypromosApi } from '../../credentials/EasypromosApi.credentials';
import { Easypromos } from '../../nodes/Easypromos/Easypromos.node';
import { EasypromosTrigger } from '../../nodes/Easypromos/EasypromosTrigger.node';
import { requestOptionsProperty } from '../../nodes/Easypromos/descriptions';
import { REQUEST_TIMEOUT_MS } from '../../nodes/shared/http/request-timeout';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import type { RequestRecord, SimRequest } from '../../sandbox/simulators/http-server';
import {
	EasypromosSimulator,
	type EasypromosPromotion,
	type EasypromosStage,
} from '../../sandbox/simulators/easypromos';
import {
	captureLogs,
	CLIENT_TIMEOUT_MS,
	Evidence,
	expectedWrite,
	FAULT_TEST_TIMEOUT_MS,
	faultMode,
	faultTolerantPoller,
	forEverySeed,
	itemSays,
	NO_REPLY,
	oneAtATime,
	requestsFor,
	workflowError,
} from './setup';

jest.setTimeout(FAULT_TEST_TIMEOUT_MS);

const CREDENTIAL_ID = 'easypromos-faults';
const credentialRef = { easypromosApi: { id: CREDENTIAL_ID, name: 'Easypromos under faults' } };
const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

interface Bed {
	simulator: EasypromosSimulator;
	environment: TestEnvironment;
	/** The promotion the tests work in, with a game stage and a wheel stage. */
	big: EasypromosPromotion;
	game: EasypromosStage;
}

/** What a test needs in its promotion: users, and records spread over the first 300 of them. */
interface Records {
	users?: number;
	participations?: number;
	prizes?: number;
	coinTransactions?: number;
}

const secrets = new Set<string>();
const evidence = new Evidence(() => secrets);
/** Runs finished, so the secret scan can tell it comes after all of them. */
let runsDone = 0;
let restoreConsole: () => void;

beforeAll(() => {
	restoreConsole = captureLogs(evidence);
});
afterAll(() => {
	restoreConsole();
});

/** Runs `use` on a fresh Easypromos account under the faults of `seed` (none when undefined). */
async function withEasypromos<T>(
	seed: number | undefined,
	records: Records,
	use: (bed: Bed) => Promise<T>,
): Promise<T> {
	const simulator = await new EasypromosSimulator().start();
	simulator.logRequests = true;
	const token = simulator.addToken(`ep_fault_suite_${randomBytes(16).toString('hex')}`);
	secrets.add(token);
	const { big, game } = await oneAtATime(() => {
		const promotion = simulator.addPromotion({ title: 'Under faults' });
		const gameStage = simulator.addStage(promotion.id, { type: 'game', participationLimit: 10 });
		const wheel = simulator.addStage(promotion.id, { type: 'wheel', participationLimit: 10 });
		simulator.addPrizeType(promotion.id, { qty: 5000 });
		const players = simulator.addUsers(promotion.id, records.users ?? 300).slice(0, 300);
		const player = (index: number) => players[index % players.length].id;
		for (let index = 0; index < (records.participations ?? 0); index++) {
			simulator.addParticipation(promotion.id, {
				stageId: gameStage.id,
				userId: player(index),
				points: index,
			});
		}
		for (let index = 0; index < (records.prizes ?? 0); index++)
			simulator.addPrize(promotion.id, { stageId: wheel.id, userId: player(index) });
		simulator.addCoinTransactions(promotion.id, records.coinTransactions ?? 0);
		return { big: promotion, game: gameStage };
	});
	const environment = new TestEnvironment(
		[new Easypromos(), new EasypromosTrigger({ requestTimeoutMs: CLIENT_TIMEOUT_MS })],
		[new EasypromosApi()],
	);
	environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'Easypromos under faults',
		type: 'easypromosApi',
		data: { accessToken: token, baseUrl: simulator.apiUrl },
	});
	if (seed !== undefined) simulator.setFaultMode(faultMode(seed));
	try {
		return await use({ simulator, environment, big, game });
	} finally {
		await simulator.close();
		runsDone++;
	}
}

/** The node, waiting the suite's timeout for a reply unless the test names another (Request Options). */
const easypromosNode = (parameters: IDataObject, extra: IDataObject = {}) =>
	packageNode(
		'Easypromos',
		'easypromos',
		{
			...parameters,
			requestOptions: {
				timeout: CLIENT_TIMEOUT_MS / 1000,
				...(parameters.requestOptions as IDataObject | undefined),
			},
		},
		{ credentials: credentialRef, ...extra },
	);

async function run(bed: Bed, parameters: IDataObject, items: IDataObject[] = [{}], extra = {}) {
	const result = await bed.environment.runWorkflow(
		chain(items, [easypromosNode(parameters, extra), nextNode()]),
	);
	evidence.addResult(result);
	return result;
}

const ids = (items: INodeExecutionData[] | undefined) => (items ?? []).map((item) => item.json.id);
const newestFirst = (records: Array<{ id: number }>) =>
	records.map((record) => record.id).sort((a, b) => b - a);

function sameList(actual: unknown[], expected: unknown[]): boolean {
	return (
		actual.length === expected.length && actual.every((value, index) => value === expected[index])
	);
}

describe('Return All under a tenth of faulted requests of every kind, 12 seeds', () => {
	const exports: Array<[string, string, Records, (bed: Bed) => number[]]> = [
		['users', 'user', { users: 3000 }, (bed) => newestFirst(bed.simulator.users(bed.big.id))],
		[
			'participations',
			'participation',
			{ participations: 2500 },
			(bed) => newestFirst(bed.simulator.participations(bed.big.id)),
		],
		[
			'coin transactions',
			'coinTransaction',
			{ coinTransactions: 2500 },
			(bed) => newestFirst(bed.simulator.coinTransactions(bed.big.id)),
		],
		['prizes', 'prize', { prizes: 2000 }, (bed) => newestFirst(bed.simulator.prizes(bed.big.id))],
	];

	test.concurrent.each(exports)(
		'%s: every record once, newest first',
		async (_name, resource, records, expected) => {
			const outcomes = await forEverySeed(
				async (seed) =>
					await withEasypromos(seed, records, async (bed) => {
						const result = await run(bed, {
							resource,
							operation: 'getAll',
							promotionId: byId(bed.big.id),
							returnAll: true,
						});
						const exact = sameList(ids(result.output.Easypromos), expected(bed));
						return { seed, error: result.error, exact, faults: bed.simulator.faultCount() };
					}),
			);
			expect(outcomes.filter((outcome) => outcome.error || !outcome.exact)).toEqual([]);
			// The suite proves something only if faults happened: about 3 a run.
			expect(outcomes.reduce((sum, outcome) => sum + outcome.faults, 0)).toBeGreaterThan(12);
		},
	);
});

describe('Easypromos Trigger under faults, 12 seeds', () => {
	test.concurrent(
		'new users arriving between polls are each emitted once; failed and cut-short polls lose nothing',
		async () => {
			const usersKey = 'GET /users/{pid}';
			const outcomes = await forEverySeed(
				async (seed) =>
					await withEasypromos(seed, {}, async ({ simulator, environment, big }) => {
						const node = packageNode(
							'Easypromos Trigger',
							'easypromosTrigger',
							{ event: 'newUser', promotionId: byId(big.id) },
							{ credentials: credentialRef },
						);
						const staticData: IDataObject = {};
						const poller = faultTolerantPoller(environment, node, staticData, evidence);
						const poll = poller.poll;
						const hasBaseline = () =>
							Object.values(staticData).some((state) => (state as IDataObject)?.seenIds);
						for (let tries = 0; !hasBaseline() && tries < 10; tries++) await poll();
						const arrived: number[] = [];
						const emitted: unknown[] = [];
						let throttledPollFailed = false;
						for (let round = 0; round < 4; round++) {
							arrived.push(...simulator.addUsers(big.id, 150).map((user) => user.id));
							// A rate limit longer than any wait allowed: on the first page the poll fails; on
							// the second it emits what it read and keeps the rest for the next poll.
							const throttled = { status: 429, body: {}, headers: { 'Retry-After': '3600' } };
							if (round === 1) simulator.injectFault(usersKey, throttled);
							if (round === 2) simulator.injectFault(usersKey, throttled, 1, 1);
							const failedBefore = poller.failedPolls;
							emitted.push(...(await poll()));
							if (round === 1) throttledPollFailed = poller.failedPolls === failedBefore + 1;
						}
						simulator.setFaultMode(undefined);
						emitted.push(...(await poll()), ...(await poll()));
						const once = new Set(emitted).size === emitted.length;
						const all = sameList([...(emitted as number[])].sort(), [...arrived].sort());
						return { seed, throttledPollFailed, exact: once && all };
					}),
			);
			expect(outcomes.filter((outcome) => !outcome.exact || !outcome.throttledPollFailed)).toEqual(
				[],
			);
		},
	);
});

describe('a read that keeps failing says how far it got', () => {
	/** Faults only the request for page 7 of the big promotion's users (newest first). */
	const page7 = (bed: Bed) => {
		const cursor = String(newestFirst(bed.simulator.users(bed.big.id))[600]);
		return (key: string, request: SimRequest) =>
			key === 'GET /users/{pid}' && request.url.searchParams.get('next_cursor') === cursor;
	};
	const exportUsers = (bed: Bed, extra: IDataObject = {}) => ({
		resource: 'user',
		operation: 'getAll',
		promotionId: byId(bed.big.id),
		returnAll: true,
		requestOptions: { maxRateLimitWait: 3 },
		...extra,
	});

	test.concurrent('HTTP 500 on page 7 past the wait allowed: what, and how far', async () => {
		await withEasypromos(undefined, { users: 700 }, async (bed) => {
			bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['500'], requests: page7(bed) });
			const result = await run(bed, exportUsers(bed));
			const error = workflowError(result)!;
			expect(error.message).toBe(
				'Easypromos had an internal error (HTTP 500): try again later; if it keeps happening, write to support@easypromosapp.com with the time of the request (stopped while reading page 7 of users: 600 records read so far, none output)',
			);
			expect(error.description).toBe('(HTTP 500)');
			expect(error.name).toBe('NodeApiError');
			expect(error.httpCode).toBe('500');
			expect(error.context?.itemIndex).toBe(0);
			// Tried, then after 1 s and 2 s; a third wait (4 s) would pass the 3 s allowed.
			expect(bed.simulator.faultCount()).toBe(3);
		});
	});

	test.concurrent(
		'a connection that keeps breaking; with Continue On Fail, an error item',
		async () => {
			await withEasypromos(undefined, { users: 700 }, async (bed) => {
				bed.simulator.setFaultMode({
					share: 1,
					seed: 1,
					kinds: ['reset-before'],
					requests: page7(bed),
				});
				const result = await run(bed, exportUsers(bed), [{}], { onError: 'continueRegularOutput' });
				expect(result.output.Easypromos).toHaveLength(1);
				expect(result.output.Easypromos[0].json).toEqual({
					error:
						'The connection to Easypromos kept breaking (tried 3 times): try again later (stopped while reading page 7 of users: 600 records read so far, none output)',
					errorDescription:
						'The connection broke before a reply came (ECONNRESET: socket hang up).',
				});
			});
		},
	);

	test.concurrent('no reply on page 7 past the wait allowed: what, and how far', async () => {
		await withEasypromos(undefined, { users: 700 }, async (bed) => {
			bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['stall'], requests: page7(bed) });
			const result = await run(bed, exportUsers(bed, { requestOptions: { maxRateLimitWait: 0 } }));
			expect(result.error).toBe(
				`Easypromos sent no reply within ${CLIENT_TIMEOUT_MS / 1000} s: try again later, or raise "Timeout (Seconds)" in the node's Request Options (stopped while reading page 7 of users: 600 records read so far, none output)`,
			);
			expect(bed.simulator.faultCount('stall')).toBe(1);
		});
	});

	test.concurrent('Timeout (Seconds) sets how long a request waits for a reply', async () => {
		await withEasypromos(undefined, {}, async (bed) => {
			// The run's one request stalls: a short Timeout can end no other request.
			bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['stall'] });
			const result = await run(bed, {
				resource: 'promotion',
				operation: 'get',
				promotionId: byId(bed.big.id),
				requestOptions: { timeout: 0.5, maxRateLimitWait: 0 },
			});
			expect(result.error).toBe(
				'Easypromos sent no reply within 0.5 s: try again later, or raise "Timeout (Seconds)" in the node\'s Request Options',
			);
			// Not sent again. (On a busy machine the 0.5 s may run out before the simulator reads it.)
			expect(bed.simulator.count('GET /promotions/{pid}')).toBeLessThanOrEqual(1);
		});
	});
});

const COIN_POST = 'POST /coin_transactions/{pid}';
const PARTICIPATION_POST = 'POST /participations/{pid}';
/** The faults after which Easypromos's node sends a write again: they say it was not carried out. */
const AGAIN_ON = ['429', '429-retry-after', '503'];
/**
 * What leaves a write's outcome unknown: no reply, or a server error the vendor does not document as
 * "not processed" (nodes/shared/http/request.ts words both as an unknown outcome that names the record).
 */
const UNKNOWN_ON = [...NO_REPLY, '500', '502'];
const metBy = (sent: RequestRecord[]) =>
	sent.map((request) => request.fault ?? 'a reply').join(', ');

describe('writes under faults are applied once at most, and an unknown outcome names its record', () => {
	test.concurrent('Coin Transaction → Create, 20 a run, 12 seeds: never booked twice', async () => {
		const problems: string[] = [];
		let unknown = 0;
		await forEverySeed(
			async (seed) =>
				await withEasypromos(seed, {}, async (bed) => {
					const pid = bed.big.id;
					const users = bed.simulator.users(pid).slice(0, 20);
					const items = users.map((user, index) => ({
						userId: String(user.id),
						amount: 10 + index,
						reason: `fault suite ${seed}/${index}`,
					}));
					const result = await run(
						bed,
						{
							resource: 'coinTransaction',
							operation: 'create',
							promotionId: byId(pid),
							userId: '={{ $json.userId }}',
							amount: '={{ $json.amount }}',
							reason: '={{ $json.reason }}',
						},
						items,
						{ onError: 'continueRegularOutput' },
					);
					const output = result.output.Easypromos ?? [];
					if (output.length !== items.length) problems.push(`seed ${seed}: ${output.length} items`);
					items.forEach((item, index) => {
						const booked = bed.simulator
							.coinTransactions(pid)
							.filter((transaction) => transaction.reason === item.reason);
						const json = output[index]?.json ?? {};
						if (booked.length > 1) problems.push(`seed ${seed}: ${item.reason} booked twice`);
						// What its requests met decides what the item must say, and whether it is booked.
						const sent = requestsFor(
							bed.simulator,
							COIN_POST,
							(body) => body.reason === item.reason,
						);
						const at = `seed ${seed}: ${item.reason} met ${metBy(sent)}`;
						const expected = expectedWrite(sent, AGAIN_ON, UNKNOWN_ON);
						if (expected.sentAgainAfter.length) problems.push(`${at}: sent again`);
						if (itemSays(json) !== expected.says) problems.push(`${at}, said ${itemSays(json)}`);
						if (booked.length !== expected.applied)
							problems.push(`${at}, booked ${booked.length} times`);
						if (json.error === undefined) {
							if (booked.length !== 1 || json.id !== booked[0].id)
								problems.push(`seed ${seed}: ${item.reason} output without its transaction`);
							return;
						}
						const message = String(json.error);
						if (message.includes('the outcome is unknown')) {
							unknown++;
							const named = `booked ${item.amount} coins for user ID ${item.userId} in promotion ID ${pid}`;
							if (!message.includes(named))
								problems.push(`seed ${seed}: unknown outcome without the record: ${message}`);
						} else if (booked.length) {
							problems.push(`seed ${seed}: ${item.reason} booked, but the error says: ${message}`);
						}
					});
				}),
		);
		expect(problems).toEqual([]);
		expect(unknown).toBeGreaterThan(0);
	});

	test.concurrent('Participation → Create, 20 a run, 12 seeds: never recorded twice', async () => {
		const problems: string[] = [];
		await forEverySeed(
			async (seed) =>
				await withEasypromos(seed, {}, async (bed) => {
					const pid = bed.big.id;
					const users = bed.simulator.users(pid).slice(0, 20);
					const result = await run(
						bed,
						{
							resource: 'participation',
							operation: 'create',
							promotionId: byId(pid),
							stageId: byId(bed.game.id),
							userId: '={{ $json.userId }}',
						},
						users.map((user) => ({ userId: String(user.id) })),
						{ onError: 'continueRegularOutput' },
					);
					const output = result.output.Easypromos ?? [];
					if (output.length !== users.length) problems.push(`seed ${seed}: ${output.length} items`);
					const participations = bed.simulator.participations(pid);
					users.forEach((user, index) => {
						const recorded = participations.filter(
							(p) => p.user_id === user.id && p.stage_id === bed.game.id,
						);
						const message = String(output[index]?.json.error ?? '');
						if (recorded.length > 1) problems.push(`seed ${seed}: user ${user.id} recorded twice`);
						// What its requests met decides what the item must say, and whether it is recorded.
						const sent = requestsFor(
							bed.simulator,
							PARTICIPATION_POST,
							(body) => body.user_id === user.id,
						);
						const at = `seed ${seed}: user ${user.id} met ${metBy(sent)}`;
						const expected = expectedWrite(sent, AGAIN_ON, UNKNOWN_ON);
						const json = output[index]?.json ?? {};
						if (expected.sentAgainAfter.length) problems.push(`${at}: sent again`);
						if (itemSays(json) !== expected.says) problems.push(`${at}, said ${itemSays(json)}`);
						if (recorded.length !== expected.applied)
							problems.push(`${at}, recorded ${recorded.length} times`);
						if (recorded.length === 1 && message && !message.includes('the outcome is unknown'))
							problems.push(`seed ${seed}: recorded, but the error says: ${message}`);
						if (
							message.includes('the outcome is unknown') &&
							!message.includes(`user ID ${user.id}`)
						)
							problems.push(`seed ${seed}: unknown outcome without the user: ${message}`);
					});
				}),
		);
		expect(problems).toEqual([]);
	});

	/** Each write with its parameters, the record its message names, and what shows it was applied. */
	const writes: Array<
		[
			string,
			(bed: Bed, userId: number) => IDataObject,
			(bed: Bed, userId: number) => string,
			(bed: Bed, userId: number) => unknown,
			unknown,
		]
	> = [
		[
			'Coin Transaction → Create',
			(bed, userId) => ({
				resource: 'coinTransaction',
				operation: 'create',
				promotionId: byId(bed.big.id),
				userId: String(userId),
				amount: 25,
			}),
			(bed, userId) =>
				`booked 25 coins for user ID ${userId} in promotion ID ${bed.big.id} but its reply was cut off: the outcome is unknown. Check the user's coin history (Coin Transaction → Get Many by User) before running this item again`,
			(bed, userId) =>
				bed.simulator
					.coinTransactions(bed.big.id)
					.filter((t) => t.user_id === userId && t.amount === 25).length,
			1,
		],
		[
			'Coin Balance → Set',
			(bed, userId) => ({
				resource: 'coinBalance',
				operation: 'set',
				promotionId: byId(bed.big.id),
				userId: String(userId),
				balance: 40,
			}),
			(bed, userId) =>
				`set the balance of user ID ${userId} in promotion ID ${bed.big.id} to 40 but its reply was cut off: the outcome is unknown. Check the user's coin balance (Coin Balance → Get) before running this item again`,
			(bed, userId) => bed.simulator.coinBalance(bed.big.id, userId),
			40,
		],
		[
			'Participation → Participate',
			(bed, userId) => ({
				resource: 'participation',
				operation: 'participate',
				promotionId: byId(bed.big.id),
				stageId: byId(bed.game.id),
				userId: String(userId),
			}),
			(bed, userId) =>
				`made user ID ${userId} take part in stage ID ${bed.game.id} of promotion ID ${bed.big.id} but its reply was cut off: the outcome is unknown. Check the user's participations (Participation → Get Many by User) before running this item again`,
			(bed, userId) =>
				bed.simulator.participations(bed.big.id).filter((p) => p.user_id === userId).length,
			1,
		],
		[
			'Participation → Create',
			(bed, userId) => ({
				resource: 'participation',
				operation: 'create',
				promotionId: byId(bed.big.id),
				stageId: byId(bed.game.id),
				userId: String(userId),
			}),
			(bed, userId) =>
				`recorded a participation of user ID ${userId} in stage ID ${bed.game.id} of promotion ID ${bed.big.id} but its reply was cut off: the outcome is unknown. Check the user's participations (Participation → Get Many by User) before running this item again`,
			(bed, userId) =>
				bed.simulator.participations(bed.big.id).filter((p) => p.user_id === userId).length,
			1,
		],
		[
			'User → Autologin',
			(bed) => ({
				resource: 'user',
				operation: 'autologin',
				promotionId: byId(bed.big.id),
				externalId: 'crm-fault-77',
				// The promotion's form requires its terms checkbox of a new user.
				additionalFields: { legals: { legal: [{ name: 'legal_terms', accepted: true }] } },
			}),
			(bed) =>
				`registered or found the user with External ID crm-fault-77 in promotion ID ${bed.big.id} but its reply was cut off: the outcome is unknown. The same External ID finds the same user again, so running this item again is safe`,
			(bed) =>
				bed.simulator.users(bed.big.id).filter((user) => user.external_id === 'crm-fault-77')
					.length,
			1,
		],
		[
			'User → Add Segments',
			(bed, userId) => ({
				resource: 'user',
				operation: 'addSegments',
				promotionId: byId(bed.big.id),
				userId: String(userId),
				segments: 'vip, loyal_customer',
			}),
			(bed, userId) =>
				`added the segments vip, loyal_customer to user ID ${userId} in promotion ID ${bed.big.id} but its reply was cut off: the outcome is unknown. Check the user's segments in Easypromos before running this item again`,
			(bed, userId) => bed.simulator.segmentsOf(bed.big.id, userId),
			['vip', 'loyal_customer'],
		],
	];

	test.concurrent.each(writes)(
		'%s: a cut reply is applied once, not sent again, and its message names the record',
		async (_name, parameters, named, applied, expected) => {
			await withEasypromos(undefined, {}, async (bed) => {
				const user = bed.simulator.addUser(bed.big.id);
				const key = (method: string) =>
					Object.keys(bed.simulator.requestCounts).find((candidate) =>
						candidate.startsWith(method),
					);
				const before = { ...bed.simulator.requestCounts };
				const params = parameters(bed, user.id);
				// Every write endpoint of the test gets a cut reply.
				bed.simulator.setFaultMode({
					share: 1,
					seed: 1,
					kinds: ['cut'],
					requests: (_key, request) => request.method !== 'GET',
				});
				const result = await run(bed, params);
				expect(result.error).toBe(`Easypromos may have ${named(bed, user.id)}`);
				expect(applied(bed, user.id)).toEqual(expected);
				const writes = Object.entries(bed.simulator.requestCounts).filter(
					([name]) => !name.startsWith('GET') && name !== key('GET'),
				);
				expect(writes.map(([name, count]) => count - (before[name] ?? 0))).toEqual([1]);
			});
		},
	);

	test.concurrent.each([
		['reset-after', 'before the connection broke'],
		['stall', `but sent no reply within ${CLIENT_TIMEOUT_MS / 1000} s`],
		['reset-before', 'before the connection broke'],
	] as const)('a %s on a coin transaction: sent once, the record named', async (kind, how) => {
		await withEasypromos(undefined, {}, async (bed) => {
			const user = bed.simulator.addUser(bed.big.id);
			bed.simulator.injectFault('POST /coin_transactions/{pid}', kind);
			const result = await run(bed, {
				resource: 'coinTransaction',
				operation: 'create',
				promotionId: byId(bed.big.id),
				userId: String(user.id),
				amount: -5 + 30,
			});
			expect(result.error).toBe(
				`Easypromos may have booked 25 coins for user ID ${user.id} in promotion ID ${bed.big.id} ${how}: the outcome is unknown. Check the user's coin history (Coin Transaction → Get Many by User) before running this item again`,
			);
			const booked = bed.simulator
				.coinTransactions(bed.big.id)
				.filter((t) => t.user_id === user.id);
			// Applied when the handler ran before the fault; never twice.
			expect(booked).toHaveLength(kind === 'reset-before' ? 0 : 1);
			expect(bed.simulator.count('POST /coin_transactions/{pid}')).toBe(1);
		});
	});
});

test("the Timeout option's default is the transport's timeout", () => {
	const option = requestOptionsProperty.options!.find((candidate) => candidate.name === 'timeout');
	expect((option as { default: number }).default * 1000).toBe(REQUEST_TIMEOUT_MS);
});

test('no access token in any output, error or log of this suite', () => {
	// Every run above has finished: 7 tests of 12 seeds, 13 single runs.
	expect(runsDone).toBe(7 * 12 + 13);
	expect(evidence.searched).toBeGreaterThan(100);
	expect(evidence.leaks()).toEqual([]);
});
