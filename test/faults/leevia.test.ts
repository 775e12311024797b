/**
 * Leevia under faults: a tenth of all requests (the sign-in too) get a 429, a 5xx, a reset, a cut
 * reply or a stall. Exports and the trigger lose and repeat nothing in every seed; a read that keeps
 * failing says how far it got; a registration is never applied twice, and when its outcome is
 * unknown the message names it; an expired token costs one sign-in; no secret leaks anywhere.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { LeeviaApi } from '../../credentials/LeeviaApi.credentials';
import { Leevia } from '../../nodes/Leevia/Leevia.node';
import { LeeviaTrigger } from '../../nodes/Leevia/LeeviaTrigger.node';
import { requestOptionsProperty } from '../../nodes/Leevia/descriptions';
import { REQUEST_TIMEOUT_MS } from '../../nodes/shared/http/request-timeout';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import type { SimReply, SimRequest } from '../../sandbox/simulators/http-server';
import { LeeviaSimulator, makeCampaigns } from '../../sandbox/simulators/leevia';
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

const API_KEY = 'fault_suite_app_key_5f1c2e';
const API_SECRET = 'fault_suite_app_secret_9a7b3d';
const CREDENTIAL_ID = 'leevia-faults';
const credentialRef = { leeviaApi: { id: CREDENTIAL_ID, name: 'Leevia under faults' } };

const EXPORT_SIZE = 3000;
const CAMPAIGNS = 2000;

/** Every token the simulators issued: none may show up in anything the runs produced. */
const tokensSeen = new Set<string>();

/** A Leevia whose tokens all expire once `expireAt` participant pages have been asked for. */
class ExpiringLeevia extends LeeviaSimulator {
	expireAt = Infinity;

	private pagesAsked = 0;

	protected override async handle(request: SimRequest): Promise<SimReply> {
		if (request.url.pathname.endsWith('/participants') && request.method === 'GET') {
			if (++this.pagesAsked === this.expireAt) this.expireTokens();
		}
		const reply = await super.handle(request);
		const issued = reply.headers?.Authorization?.replace(/^Bearer /, '');
		if (issued) tokensSeen.add(issued);
		return reply;
	}
}

interface Bed {
	simulator: ExpiringLeevia;
	environment: TestEnvironment;
}

const evidence = new Evidence(() => [API_KEY, API_SECRET, ...tokensSeen]);
/** Runs finished, so the secret scan can tell it comes after all of them. */
let runsDone = 0;
let restoreConsole: () => void;

beforeAll(() => {
	restoreConsole = captureLogs(evidence);
});
afterAll(() => {
	restoreConsole();
});

/**
 * Runs `use` on a fresh Leevia (a contest of 3000 participants, a small one of 450 for the trigger,
 * a portal of 2000 campaigns) under the faults of `seed` (none when undefined), then closes it.
 */
async function withLeevia<T>(seed: number | undefined, use: (bed: Bed) => Promise<T>): Promise<T> {
	const simulator = await new ExpiringLeevia().start();
	simulator.logRequests = true;
	await oneAtATime(() =>
		simulator.addAccount({
			apiKey: API_KEY,
			apiSecret: API_SECRET,
			accountId: 1,
			products: [
				{
					type: 'campaigns',
					id: '80',
					state: 'online',
					participants: simulator.makeParticipants(EXPORT_SIZE, 10),
					winEvery: 2,
				},
				{
					type: 'campaigns',
					id: '81',
					state: 'online',
					participants: simulator.makeParticipants(450),
				},
				{
					type: 'loyalty_portals',
					id: '456',
					participants: [],
					campaigns: makeCampaigns(CAMPAIGNS),
				},
			],
		}),
	);
	const environment = new TestEnvironment(
		[new Leevia(), new LeeviaTrigger({ requestTimeoutMs: CLIENT_TIMEOUT_MS })],
		[new LeeviaApi()],
	);
	environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'Leevia under faults',
		type: 'leeviaApi',
		data: {
			apiKey: API_KEY,
			apiSecret: API_SECRET,
			productType: 'campaigns',
			productId: '80',
			baseUrl: simulator.url,
		},
	});
	if (seed !== undefined) simulator.setFaultMode(faultMode(seed));
	try {
		return await use({ simulator, environment });
	} finally {
		await simulator.close();
		runsDone++;
	}
}

/** The node, waiting the suite's timeout for a reply (Request Options). */
const leeviaNode = (parameters: IDataObject, extra: IDataObject = {}) =>
	packageNode(
		'Leevia',
		'leevia',
		{ ...parameters, requestOptions: { timeout: CLIENT_TIMEOUT_MS / 1000 } },
		{ credentials: credentialRef, ...extra },
	);

async function run(bed: Bed, parameters: IDataObject, items: IDataObject[] = [{}], extra = {}) {
	const result = await bed.environment.runWorkflow(
		chain(items, [leeviaNode(parameters, extra), nextNode()]),
	);
	evidence.addResult(result);
	return result;
}

const ids = (items: INodeExecutionData[] | undefined) => (items ?? []).map((item) => item.json.id);
const exportAll = { resource: 'participant', operation: 'getAll', returnAll: true };

function sameList(actual: unknown[], expected: unknown[]): boolean {
	return (
		actual.length === expected.length && actual.every((value, index) => value === expected[index])
	);
}

describe('Return All under a tenth of faulted requests of every kind, 12 seeds', () => {
	test.concurrent(
		'participants: 3000 over 30 pages arrive once each, in order; the token expiring midway costs one sign-in',
		async () => {
			const outcomes = await forEverySeed(
				async (seed) =>
					await withLeevia(seed, async ({ simulator, environment }) => {
						simulator.expireAt = 10;
						const result = await run({ simulator, environment }, exportAll);
						const expected = simulator.product('campaigns', '80')!.participants.map((p) => p.id);
						return {
							seed,
							error: result.error,
							exact: sameList(ids(result.output.Leevia), expected),
							faults: simulator.faultCount(),
							// Sign-ins that worked: the first, and one after the token expired (a faulted
							// sign-in is tried again, but brings no token).
							signIns: environment.credentials.preAuthenticationCalls[CREDENTIAL_ID],
						};
					}),
			);
			expect(outcomes.filter((o) => o.error || !o.exact || o.signIns !== 2)).toEqual([]);
			// The suite proves something only if faults happened: about 3 a run.
			expect(outcomes.reduce((sum, outcome) => sum + outcome.faults, 0)).toBeGreaterThan(12);
		},
	);

	test.concurrent('loyalty-portal campaigns: 2000 over 20 pages arrive once each', async () => {
		const kinds = new Set<string>();
		const outcomes = await forEverySeed(
			async (seed) =>
				await withLeevia(seed, async (bed) => {
					const result = await run(bed, {
						resource: 'campaign',
						operation: 'getAll',
						portalId: '456',
						returnAll: true,
					});
					for (const fault of bed.simulator.faultsInjected) kinds.add(fault.kind);
					const expected = makeCampaigns(CAMPAIGNS).map((campaign) => campaign.id);
					return {
						seed,
						error: result.error,
						exact: sameList(ids(result.output.Leevia), expected),
					};
				}),
		);
		expect(outcomes.filter((outcome) => outcome.error || !outcome.exact)).toEqual([]);
		expect(kinds.size).toBeGreaterThan(5);
	});
});

describe('Leevia Trigger under faults, 12 seeds', () => {
	test.concurrent(
		'new participants arriving between polls are each emitted once; a failed poll loses nothing',
		async () => {
			const outcomes = await forEverySeed(
				async (seed) =>
					await withLeevia(seed, async ({ simulator, environment }) => {
						const node = packageNode(
							'Leevia Trigger',
							'leeviaTrigger',
							{ event: 'newParticipant', productId: '81' },
							{ credentials: credentialRef },
						);
						const staticData: IDataObject = {};
						const poller = faultTolerantPoller(environment, node, staticData, evidence);
						const poll = poller.poll;
						// n8n keeps the node's state under its name in the workflow's static data.
						const hasBaseline = () =>
							Object.values(staticData).some((state) => (state as IDataObject)?.seen);
						for (let tries = 0; !hasBaseline() && tries < 10; tries++) await poll();
						const contest = simulator.product('campaigns', '81')!;
						const arrived: unknown[] = [];
						const emitted: unknown[] = [];
						let throttledPollFailed = false;
						for (let round = 0; round < 4; round++) {
							const newcomers = simulator.makeParticipants(60);
							contest.participants.push(...newcomers);
							arrived.push(...newcomers.map((participant) => participant.id));
							// One poll meets a page that fails past every retry: it emits nothing, keeps its state.
							if (round === 1) simulator.injectFault('GET participants', '429-retry-after', 5);
							const failedBefore = poller.failedPolls;
							emitted.push(...(await poll()));
							if (round === 1) throttledPollFailed = poller.failedPolls === failedBefore + 1;
						}
						// The network heals: the next poll emits whatever a failed one left.
						simulator.setFaultMode(undefined);
						emitted.push(...(await poll()));
						return { seed, throttledPollFailed, exact: sameList(emitted, arrived) };
					}),
			);
			expect(outcomes.filter((outcome) => !outcome.exact || !outcome.throttledPollFailed)).toEqual(
				[],
			);
		},
	);
});

describe('a read that keeps failing says how far it got', () => {
	const page7 = (key: string, request: SimRequest) =>
		key === 'GET participants' && request.url.searchParams.get('page') === '7';

	test.concurrent(
		'429 on page 7 past every retry: the error says so, and what was read',
		async () => {
			await withLeevia(undefined, async (bed) => {
				bed.simulator.setFaultMode({
					share: 1,
					seed: 1,
					kinds: ['429-retry-after'],
					requests: page7,
				});
				const result = await run(bed, exportAll);
				const error = workflowError(result)!;
				expect(error.message).toBe(
					'Leevia kept answering "too many requests" (HTTP 429): try again later, or send fewer requests at once (stopped while reading page 7 of participants: 600 records read so far, none output)',
				);
				expect(error.description).toBe('(HTTP 429)');
				expect(error.name).toBe('NodeApiError');
				expect(error.httpCode).toBe('429');
				expect(error.context?.itemIndex).toBe(0);
				expect(result.output.Leevia).toEqual([]);
				// The first try and four retries.
				expect(bed.simulator.faultCount()).toBe(5);
			});
		},
	);

	test.concurrent(
		'a reply cut off again and again: never "HTTP 200"; with Continue On Fail, an error item',
		async () => {
			await withLeevia(undefined, async (bed) => {
				bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['cut'], requests: page7 });
				const result = await run(bed, exportAll, [{}], { onError: 'continueRegularOutput' });
				expect(result.output.Leevia).toHaveLength(1);
				const json = result.output.Leevia[0].json;
				expect(json.error).toBe(
					"Leevia's reply was cut off before its end (tried 5 times): try again later (stopped while reading page 7 of participants: 600 records read so far, none output)",
				);
				expect(json.errorDescription).toMatch(/^The reply began but was cut off \(/);
				expect(JSON.stringify(json)).not.toMatch(/HTTP 2\d\d/);
			});
		},
	);
});

const POST = 'POST participants';
/** The faults after which Leevia's node sends a registration again: they say it was not made. */
const AGAIN_ON = ['429', '429-retry-after', '503'];
/**
 * What leaves a write's outcome unknown: no reply, or a server error the vendor does not document as
 * "not processed" (nodes/shared/http/request.ts words both as an unknown outcome that names the record).
 */
const UNKNOWN_ON = [...NO_REPLY, '500', '502'];

describe('a registration under faults is applied once at most, and an unknown outcome names it', () => {
	const register = (extra: IDataObject) => ({
		resource: 'participant',
		operation: 'register',
		campaignId: '80',
		acceptRules: true,
		...extra,
	});

	test.concurrent(
		'20 registrations a run, 12 seeds: each done, refused or unknown as its requests met; never twice; each lost reply named',
		async () => {
			const problems: string[] = [];
			let unknown = 0;
			await forEverySeed(
				async (seed) =>
					await withLeevia(seed, async ({ simulator, environment }) => {
						// By phone: Leevia refuses a second registration of an email, not of a phone.
						const phones = Array.from(
							{ length: 20 },
							(_, index) => `+39 333 ${seed}00 ${100 + index}`,
						);
						const contest = simulator.product('campaigns', '80')!;
						const result = await run(
							{ simulator, environment },
							register({ phone: '={{ $json.phone }}' }),
							phones.map((phone) => ({ phone })),
							{ onError: 'continueRegularOutput' },
						);
						const output = result.output.Leevia ?? [];
						if (output.length !== phones.length)
							problems.push(`seed ${seed}: ${output.length} items`);
						phones.forEach((phone, index) => {
							const stored = contest.participants.filter(
								(participant) => participant.phone === phone,
							);
							const json = output[index]?.json ?? {};
							if (stored.length > 1) problems.push(`seed ${seed}: ${phone} registered twice`);
							// What its requests met decides what the item must say, and whether it is stored.
							const sent = requestsFor(simulator, POST, (body) => body.phone === phone);
							const expected = expectedWrite(sent, AGAIN_ON, UNKNOWN_ON);
							const met = sent.map((request) => request.fault ?? 'a reply').join(', ');
							if (expected.sentAgainAfter.length)
								problems.push(`seed ${seed}: ${phone} sent again after ${met}`);
							if (itemSays(json) !== expected.says)
								problems.push(`seed ${seed}: ${phone} met ${met}, said ${itemSays(json)}`);
							if (stored.length !== expected.applied)
								problems.push(`seed ${seed}: ${phone} met ${met}, stored ${stored.length} times`);
							if (json.error === undefined) {
								if (stored.length !== 1 || json.id !== stored[0].id)
									problems.push(`seed ${seed}: ${phone} output without its record`);
								return;
							}
							const message = String(json.error);
							if (message.includes('the outcome is unknown')) {
								unknown++;
								if (!message.includes(`registered ${phone} in contest 80`))
									problems.push(`seed ${seed}: unknown outcome without the record: ${message}`);
							} else if (stored.length) {
								problems.push(`seed ${seed}: ${phone} applied, but the error says: ${message}`);
							}
						});
					}),
			);
			expect(problems).toEqual([]);
			// Over 12 seeds some replies were lost after the registration was made.
			expect(unknown).toBeGreaterThan(0);
		},
	);

	test.concurrent.each([
		['cut', 'but its reply was cut off'],
		['reset-after', 'before the connection broke'],
		['stall', `but sent no reply within ${CLIENT_TIMEOUT_MS / 1000} s`],
	] as const)(
		'a %s reply: applied once, not sent again, the message names it',
		async (kind, how) => {
			await withLeevia(undefined, async (bed) => {
				bed.simulator.injectFault('POST participants', kind);
				const result = await run(bed, register({ email: 'anna@example.com' }));
				expect(result.error).toBe(
					`Leevia may have registered anna@example.com in contest 80 ${how}: the outcome is unknown. Check the contest's participants (Participant → Get Many) for anna@example.com before running this item again`,
				);
				const contest = bed.simulator.product('campaigns', '80')!;
				expect(contest.participants.filter((p) => p.email === 'anna@example.com')).toHaveLength(1);
				expect(bed.simulator.count('POST participants')).toBe(1);
			});
		},
	);

	test.concurrent(
		'a reset before processing: unknown to the node, and nothing was applied',
		async () => {
			await withLeevia(undefined, async (bed) => {
				bed.simulator.injectFault('POST participants', 'reset-before');
				const result = await run(bed, register({ email: 'bruno@example.com' }));
				expect(result.error).toContain(
					'Leevia may have registered bruno@example.com in contest 80',
				);
				const contest = bed.simulator.product('campaigns', '80')!;
				expect(contest.participants.filter((p) => p.email === 'bruno@example.com')).toHaveLength(0);
				expect(bed.simulator.count('POST participants')).toBe(1);
			});
		},
	);
});

describe('a token that expires in the middle of an export', () => {
	test.concurrent('costs exactly one sign-in and loses nothing', async () => {
		await withLeevia(undefined, async ({ simulator, environment }) => {
			simulator.expireAt = 10;
			const result = await run({ simulator, environment }, exportAll);
			const expected = simulator.product('campaigns', '80')!.participants.map((p) => p.id);
			expect(result.error).toBeUndefined();
			expect(sameList(ids(result.output.Leevia), expected)).toBe(true);
			// The first sign-in, and one after the token expired.
			expect(simulator.count('authenticate')).toBe(2);
			expect(environment.credentials.preAuthenticationCalls[CREDENTIAL_ID]).toBe(2);
			// Page 10 was asked twice: refused with 401, then answered.
			expect(simulator.count('GET participants')).toBe(31);
		});
	});
});

test('no API key, API secret or token in any output, error or log of this suite', () => {
	// Every run above has finished: 4 tests of 12 seeds, 7 single runs.
	expect(runsDone).toBe(4 * 12 + 7);
	expect(tokensSeen.size).toBeGreaterThan(0);
	expect(evidence.searched).toBeGreaterThan(100);
	expect(evidence.leaks()).toEqual([]);
});

test("the Timeout option's default is the transport's timeout", () => {
	const option = requestOptionsProperty.options!.find((candidate) => candidate.name === 'timeout');
	expect((option as { default: number }).default * 1000).toBe(REQUEST_TIMEOUT_MS);
	expect(REQUEST_TIMEOUT_MS).toBe(30_000);
});
