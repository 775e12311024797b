/**
 * SPREAD under faults: a tenth of all requests get a 429 (with and without Retry-After), a 5xx, a
 * reset, a cut reply or a stall. A Return All export of the cagnotte lines loses and repeats nothing in
 * every seed; a read that keeps failing says how far it got; Add Points over many items is never
 * applied twice nor lost in silence: each item succeeds, or fails saying the outcome is unknown (or
 * that nothing was done), exactly as the faults its requests met say it must, and SPREAD's ledger
 * holds exactly the successes and the unknown outcomes that were applied; the trigger emits each new
 * line once over its polls, lines sharing a second included, and each customer change once (New or
 * Updated Customer); Customer → Find gives the right customer or an error, never another; no key leaks.
 *
 * The node's own Request Options carry the suite's timeout (Timeout, in seconds); the trigger is
 * built with it (the poll frame passes it to every request).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SpreadApi } from '../../credentials/SpreadApi.credentials';
import { Spread } from '../../nodes/Spread/Spread.node';
import { SpreadTrigger } from '../../nodes/Spread/SpreadTrigger.node';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import type { SimRequest } from '../../sandbox/simulators/http-server';
import {
	SpreadSimulator,
	wallClockString,
	type SpreadCagnotteLine,
	type SpreadSandbox,
} from '../../sandbox/simulators/spread';
import {
	CLIENT_TIMEOUT_MS,
	Evidence,
	FAULT_TEST_TIMEOUT_MS,
	NO_REPLY,
	captureLogs,
	expectedWrite,
	faultMode,
	faultTolerantPoller,
	forEverySeed,
	itemSays,
	mostFaultsOnOnePage,
	oneAtATime,
	requestsFor,
	workflowError,
} from './setup';

jest.setTimeout(FAULT_TEST_TIMEOUT_MS);

const PUBLIC_KEY = 'pk_fault_suite_5c2e94d1a7';
const PRIVATE_KEY = 'sk_fault_suite_0b7f3e61d9c2a485';
/** What goes over the wire: HTTP Basic of the pair, a secret as much as the keys. */
const BASIC_TOKEN = Buffer.from(`${PUBLIC_KEY}:${PRIVATE_KEY}`).toString('base64');
const CREDENTIAL_ID = 'spread-faults';
const credentialRef = { spreadApi: { id: CREDENTIAL_ID, name: 'SPREAD under faults' } };

/** Cagnotte lines in the export besides the document's three: pages of 5,000, 5,000 and 4. */
const EXPORT_LINES = 10_001;
const CAGNOTTES = 'GET /v2/cagnottes/';
const POINTS = 'POST /v2/cagnottes/';
/** Add Points items per run, each for its own customer. */
const POINT_ITEMS = 20;

/** The suite's client timeout, through the node's own option (in seconds). */
const TIMEOUT_SECONDS = CLIENT_TIMEOUT_MS / 1000;

interface Bed {
	simulator: SpreadSimulator;
	environment: TestEnvironment;
	sandbox: SpreadSandbox;
}

const evidence = new Evidence(() => [PUBLIC_KEY, PRIVATE_KEY, BASIC_TOKEN]);
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
 * `count` lines over the sandbox's customers, a few a second on the day before yesterday, written
 * straight into the ledger: the simulator's addLine looks up the customer's cagnotte and formats a
 * date per line, which takes seconds for ten thousand lines; their ids lie far above addLine's own.
 */
function bulkLines(bed: Bed, count: number): void {
	const start = bed.simulator.now() - 2 * 86_400_000;
	const customers = bed.sandbox.customers;
	let second = '';
	for (let index = 0; index < count; index++) {
		if (index % 4 === 0) second = wallClockString(start + index * 250, bed.simulator.timeZone);
		const customer = customers[index % customers.length];
		const line: SpreadCagnotteLine = {
			cagnotteId: String(300_000 + (index % customers.length)),
			cagnotteLineId: String(50_000_001 + index),
			customerId: customer.id,
			campaignId: bed.sandbox.campaigns[index % bed.sandbox.campaigns.length].id,
			cagnotteLineDate: second,
			cagnotteLineValidationDate: second,
			amount: String([5, 10, 15, 20, 50][index % 5]),
			code: '',
		};
		bed.simulator.lines.push(line);
	}
}

/**
 * Runs `use` on a fresh sandbox account (40 customers, the document's three lines, `lines` more),
 * under the faults of `seed` (none when undefined), then closes it.
 */
async function withSpread<T>(
	seed: number | undefined,
	lines: number,
	use: (bed: Bed) => Promise<T>,
): Promise<T> {
	const simulator = await new SpreadSimulator().start();
	simulator.logRequests = true;
	const bed = await oneAtATime(() => {
		const sandbox = simulator.seedSandbox({
			publicKey: PUBLIC_KEY,
			privateKey: PRIVATE_KEY,
			customers: 40,
			cagnotteLines: 0,
		});
		const environment = new TestEnvironment(
			[new Spread(), new SpreadTrigger({ requestTimeoutMs: CLIENT_TIMEOUT_MS })],
			[new SpreadApi()],
		);
		const made: Bed = { simulator, environment, sandbox };
		bulkLines(made, lines);
		return made;
	});
	bed.environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'SPREAD under faults',
		type: 'spreadApi',
		data: {
			publicKey: PUBLIC_KEY,
			privateKey: PRIVATE_KEY,
			baseUrl: simulator.apiUrl,
			timeZone: 'Europe/Paris',
		},
	});
	if (seed !== undefined) simulator.setFaultMode(faultMode(seed));
	try {
		return await use(bed);
	} finally {
		await simulator.close();
		runsDone++;
	}
}

const spreadNode = (parameters: IDataObject, extra: IDataObject = {}) =>
	packageNode('SPREAD', 'spread', parameters, { credentials: credentialRef, ...extra });

async function run(bed: Bed, parameters: IDataObject, items: IDataObject[] = [{}], extra = {}) {
	const result = await bed.environment.runWorkflow(
		chain(items, [spreadNode(parameters, extra), nextNode()]),
	);
	evidence.addResult(result);
	return result;
}

const lineIds = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => item.json.cagnotteLineId);

/** The same values in the same order. */
function sameList(actual: unknown[], expected: unknown[]): boolean {
	return (
		actual.length === expected.length && actual.every((value, index) => value === expected[index])
	);
}

/** The same values, each once, in any order. */
function sameSet(actual: unknown[], expected: unknown[]): boolean {
	const sorted = (values: unknown[]) => values.map(String).sort();
	const [a, b] = [sorted(actual), sorted(expected)];
	return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * Return All of every cagnotte line. Keep Date Strings: turning the dates of 24 exports of 10,000
 * lines into ISO would double the CPU the suite spends, while a dozen runs share one event loop; the
 * shaping is pure and tested apart, the paging and retries are what is tested here.
 */
const exportLines = (requestOptions: IDataObject = {}) => ({
	resource: 'cagnotte',
	operation: 'getAll',
	returnAll: true,
	outputOptions: { keepDateStrings: true },
	requestOptions: { timeout: TIMEOUT_SECONDS, ...requestOptions },
});

describe('Return All under a tenth of faulted requests of every kind, 12 seeds', () => {
	test.concurrent(
		`${EXPORT_LINES + 3} cagnotte lines over 3 pages of up to 5,000, 4 at once, exported twice: each once, in the API's order`,
		async () => {
			const kinds = new Set<string>();
			const outcomes = await forEverySeed(
				async (seed) =>
					await withSpread(seed, EXPORT_LINES, async (bed) => {
						const expected = bed.simulator.lines.map((line) => line.cagnotteLineId);
						// The API's order, read one page after the other without faults; then the seed's
						// faults (from the start of its sequence) and replies 20 ms late, so that the
						// export's pages are in flight together.
						bed.simulator.setFaultMode(undefined);
						const reference = await run(bed, exportLines({ pagesAtOnce: 1 }));
						const inOrder = lineIds(reference.output.SPREAD);
						bed.simulator.resetCounts();
						bed.simulator.setFaultMode(faultMode(seed));
						bed.simulator.setLatency(20);
						const exports = [];
						// Twice on the same account: the seed's faults fall on other requests the second time.
						for (let round = 0; round < 2; round++) {
							const faultsBefore = bed.simulator.faultsInjected.length;
							const result = await run(bed, exportLines());
							const output = lineIds(result.output.SPREAD);
							exports.push({
								seed,
								round,
								whole:
									!result.error &&
									expected.length === EXPORT_LINES + 3 &&
									sameSet(output, expected) &&
									sameList(output, inOrder),
								message: result.error,
								mostFaultsOnAPage: mostFaultsOnOnePage(
									bed.simulator.faultsInjected.slice(faultsBefore),
								),
							});
						}
						for (const fault of bed.simulator.faultsInjected) kinds.add(fault.kind);
						return {
							exports,
							faults: bed.simulator.faultCount(),
							peakOpen: bed.simulator.peakOpenRequests,
						};
					}),
			);
			const exports = outcomes.flatMap((outcome) => outcome.exports);
			// The default Max Wait (60 s) outlasts any 3 faults on a page, 3 stalls included (3 times
			// the Timeout, and 1 + 2 + 4 s between the tries): the seeds fault no page more often, so
			// every export must come whole.
			expect(exports.filter((outcome) => outcome.mostFaultsOnAPage > 3)).toEqual([]);
			expect(exports.filter((outcome) => !outcome.whole)).toEqual([]);
			// The suite proves something only if faults happened: some 72 requests, a tenth faulted.
			expect(outcomes.reduce((sum, outcome) => sum + outcome.faults, 0)).toBeGreaterThan(6);
			expect(kinds.size).toBeGreaterThan(4);
			// Pages were in flight together (4 at most: Pages at Once's default), in some seed at least.
			expect(Math.max(...outcomes.map((outcome) => outcome.peakOpen))).toBeGreaterThan(1);
			expect(outcomes.filter((outcome) => outcome.peakOpen > 4)).toEqual([]);
		},
	);
});

/** How the items of the Add Points runs came out. */
interface PointsCount {
	succeeded: number;
	unknownApplied: number;
	unknownNotApplied: number;
	notDone: number;
}

/** The faults after which SPREAD's node sends a write again: a 429 says it was not carried out. */
const AGAIN_ON = ['429', '429-retry-after'];
/** The faults after which it says the outcome is unknown: a 5xx too (SPREAD may have acted). */
const UNKNOWN_ON = [...NO_REPLY, '500', '502', '503'];

describe('Add Points over many items with Continue On Fail, 12 seeds', () => {
	test.concurrent(
		`${POINT_ITEMS} items a run: never applied twice, never lost in silence; the ledger is the successes and the unknown outcomes applied`,
		async () => {
			const zero = (): PointsCount => ({
				succeeded: 0,
				unknownApplied: 0,
				unknownNotApplied: 0,
				notDone: 0,
			});
			// What the items came to, and what the requests each met say they must come to.
			const tally = zero();
			const expected = zero();
			const problems: string[] = [];
			let faults = 0;
			const problem = (text: string) => problems.push(text);
			await forEverySeed(
				async (seed) =>
					await withSpread(seed, 0, async (bed) => {
						const { simulator } = bed;
						const customers = bed.sandbox.customers.slice(0, POINT_ITEMS);
						const before = simulator.lines.length;
						const balances = customers.map((customer) => Number(customer.cagnotteAmount));
						const result = await run(
							bed,
							{
								resource: 'cagnotte',
								operation: 'addPoints',
								identifyBy: 'customerId',
								customerId: '={{ $json.customerId }}',
								amount: '={{ $json.points }}',
								requestOptions: { timeout: TIMEOUT_SECONDS, maxRateLimitWait: 20 },
							},
							customers.map((customer, index) => ({ customerId: customer.id, points: index + 1 })),
							{ onError: 'continueRegularOutput' },
						);
						const output = result.output.SPREAD ?? [];
						const ledger = simulator.lines.slice(before);
						const rateLimited = simulator.faultsInjected.filter(
							(fault) => fault.key === POINTS && fault.kind.startsWith('429'),
						).length;
						faults += simulator.faultCount();
						let failedOn429 = 0;
						let applied = 0;
						if (result.error) problem(`seed ${seed}: the run failed: ${result.error}`);
						if (output.length !== customers.length)
							problem(`seed ${seed}: ${output.length} items for ${customers.length}`);
						output.forEach((item, index) => {
							const json = item.json;
							const customer = customers[index];
							const at = `seed ${seed}, item ${index}`;
							const paired = item.pairedItem as { item?: number } | undefined;
							if (paired?.item !== index) problem(`${at}: paired with ${JSON.stringify(paired)}`);
							const lines = ledger.filter((line) => line.customerId === customer.id);
							applied += lines.length;
							// What its requests met decides what the item must say, and whether it is applied.
							const sent = requestsFor(
								simulator,
								POINTS,
								(body) => String((body.customer as IDataObject)?.id) === String(customer.id),
							);
							const met = sent.map((request) => request.fault ?? 'a reply').join(', ');
							const should = expectedWrite(sent, AGAIN_ON, UNKNOWN_ON);
							if (should.sentAgainAfter.length) problem(`${at}: met ${met}: sent again`);
							if (itemSays(json) !== should.says)
								problem(`${at}: met ${met}, said ${itemSays(json)}`);
							if (lines.length !== should.applied)
								problem(`${at}: met ${met}, applied ${lines.length} times`);
							if (should.says === 'done') expected.succeeded++;
							else if (should.says === 'failed') expected.notDone++;
							else if (should.applied) expected.unknownApplied++;
							else expected.unknownNotApplied++;
							if (lines.length > 1) problem(`${at}: applied ${lines.length} times`);
							if (lines.some((line) => Number(line.amount) !== index + 1))
								problem(`${at}: a line of another amount`);
							const balance = Number(customer.cagnotteAmount);
							if (balance !== balances[index] + lines.length * (index + 1))
								problem(`${at}: balance ${balance} after ${lines.length} lines`);
							if (json.error === undefined) {
								tally.succeeded++;
								const line = json.cagnotte as IDataObject | undefined;
								if (lines.length !== 1 || line?.cagnotteLineId !== lines[0].cagnotteLineId)
									problem(`${at}: a success whose line is not the ledger's one`);
								return;
							}
							const message = String(json.error);
							if (/the outcome is unknown/.test(message)) {
								if (lines.length) tally.unknownApplied++;
								else tally.unknownNotApplied++;
								// It names the record, and what to check before running the item again.
								if (
									!message.includes(`${index + 1} point`) ||
									!message.includes(`customer ID ${customer.id}`) ||
									!message.includes("Check the customer's cagnotte lines")
								)
									problem(`${at}: an unknown outcome that does not say what: ${message}`);
							} else if (/too many requests/.test(message)) {
								// 429 says the request was not carried out.
								failedOn429++;
								tally.notDone++;
								if (lines.length) problem(`${at}: refused with a 429 yet applied`);
							} else {
								problem(`${at}: unclear error ${message}`);
							}
						});
						// Exactly the successes plus the unknown outcomes that were applied.
						if (simulator.pointsPostsApplied !== ledger.length || applied !== ledger.length)
							problem(`seed ${seed}: ${ledger.length} lines, ${applied} of them the items'`);
						// Only a 429 is sent again: one request an item, and one more for each 429 waited out.
						const posts = simulator.count(POINTS);
						const sendings = customers.length + rateLimited - failedOn429;
						if (posts !== sendings)
							problem(`seed ${seed}: ${posts} POSTs for ${sendings}: a write retried or lost`);
					}),
			);
			expect(problems).toEqual([]);
			expect(tally).toEqual(expected);
			expect(tally.succeeded + tally.unknownApplied + tally.unknownNotApplied + tally.notDone).toBe(
				12 * POINT_ITEMS,
			);
			// The suite proves something only if faults happened, both kinds of unknown outcome among them.
			expect(faults).toBeGreaterThan(12);
			expect(tally.unknownApplied).toBeGreaterThan(0);
			expect(tally.unknownNotApplied).toBeGreaterThan(0);
		},
	);
});

describe('SPREAD Trigger under faults, 12 seeds', () => {
	test.concurrent(
		'lines appended between polls, some in the second of the last poll, are each emitted once; failed polls lose nothing',
		async () => {
			const outcomes = await forEverySeed(
				async (seed) =>
					await withSpread(seed, 0, async ({ simulator, environment, sandbox }) => {
						const node = packageNode(
							'SPREAD Trigger',
							'spreadTrigger',
							{ event: 'newCagnotteLine' },
							{ credentials: credentialRef },
						);
						const staticData: IDataObject = {};
						const emitted: unknown[] = [];
						// The poller tells polls by `id`; a cagnotte line's is cagnotteLineId: read it here.
						const watched = {
							poll: async (...args: Parameters<TestEnvironment['poll']>) => {
								const result = await environment.poll(...args);
								emitted.push(...lineIds(result?.[0]));
								return result;
							},
						} as TestEnvironment;
						const poller = faultTolerantPoller(watched, node, staticData, evidence);
						const poll = poller.poll;
						// n8n keeps the node's state under its name in the workflow's static data.
						const hasBaseline = () =>
							Object.values(staticData).some((state) => (state as IDataObject)?.watching);
						for (let tries = 0; !hasBaseline() && tries < 10; tries++) await poll();
						// The account's clock, a second a round: lines of one round share their second.
						const start = Date.now();
						const arrived: unknown[] = [];
						const add = (second: number, count: number) => {
							simulator.now = () => start + second * 1000;
							for (let index = 0; index < count; index++) {
								const customer = sandbox.customers[(arrived.length * 7) % sandbox.customers.length];
								arrived.push(simulator.addLine(customer, 5).cagnotteLineId);
							}
						};
						// A rate limit longer than any wait allowed: the poll fails.
						const throttled = {
							status: 429,
							body: { code: 429, message: 'Too many requests' },
							headers: { 'Retry-After': '3600' },
						};
						// The rounds whose poll failed: the throttled one (1) and the refused one (3) must.
						const failedRounds: number[] = [];
						for (let round = 0; round < 5; round++) {
							// Late lines in the second the last poll saw, then this round's own.
							if (round > 0) add(round - 1, 2);
							add(round, 3);
							if (round === 1) simulator.injectFault(CAGNOTTES, throttled);
							// Keys refused: n8n's helper sends the request once more after a 401.
							if (round === 3)
								simulator.injectFault(
									CAGNOTTES,
									{ status: 401, body: { message: 'Unauthorized' } },
									2,
								);
							const failedBefore = poller.failedPolls;
							await poll();
							if (poller.failedPolls > failedBefore) failedRounds.push(round);
						}
						// The network heals: the next polls emit whatever a failed one left.
						simulator.setFaultMode(undefined);
						await poll();
						await poll();
						const once = new Set(emitted).size === emitted.length;
						return {
							seed,
							injectedFailuresFailed: [1, 3].every((round) => failedRounds.includes(round)),
							exact: once && sameSet(emitted, arrived),
							emitted: emitted.length,
							arrived: arrived.length,
						};
					}),
			);
			expect(
				outcomes.filter((outcome) => !outcome.exact || !outcome.injectedFailuresFailed),
			).toEqual([]);
		},
	);
});

describe('SPREAD Trigger, New or Updated Customer, under faults, 12 seeds', () => {
	test.concurrent(
		'customers changed between polls, some in the second of the last poll, are each emitted once a change; failed polls lose nothing',
		async () => {
			const outcomes = await forEverySeed(
				async (seed) =>
					await withSpread(seed, 0, async ({ simulator, environment, sandbox }) => {
						const node = packageNode(
							'SPREAD Trigger',
							'spreadTrigger',
							{ event: 'newOrUpdatedCustomer', outputOptions: { keepDateStrings: true } },
							{ credentials: credentialRef },
						);
						const staticData: IDataObject = {};
						// A change is a customer at a moment: its id and its updatedAt.
						const changes = (items: INodeExecutionData[] | undefined) =>
							(items ?? []).map((item) => `${item.json.id}@${item.json.updatedAt}`);
						const emitted: string[] = [];
						const watched = {
							poll: async (...args: Parameters<TestEnvironment['poll']>) => {
								const result = await environment.poll(...args);
								emitted.push(...changes(result?.[0]));
								return result;
							},
						} as TestEnvironment;
						const poller = faultTolerantPoller(watched, node, staticData, evidence);
						const hasBaseline = () =>
							Object.values(staticData).some((state) => (state as IDataObject)?.watching);
						for (let tries = 0; !hasBaseline() && tries < 10; tries++) await poller.poll();
						const start = Date.now();
						const made: string[] = [];
						let turn = 0;
						// Customers changed in `second`; a customer changed twice in one second is one change.
						const change = (second: number, count: number) => {
							simulator.now = () => start + (second + 1) * 1000;
							for (let index = 0; index < count; index++) {
								const customer = sandbox.customers[(turn++ * 7) % sandbox.customers.length];
								simulator.touchCustomer(customer, { city: `City ${turn}` });
								made.push(`${customer.id}@${customer.updatedAt}`);
							}
						};
						const failedRounds: number[] = [];
						for (let round = 0; round < 5; round++) {
							if (round > 0) change(round - 1, 2);
							change(round, 3);
							if (round === 2)
								simulator.injectFault('GET /v2/customers', {
									status: 429,
									body: { code: 429, message: 'Too many requests' },
									headers: { 'Retry-After': '3600' },
								});
							const failedBefore = poller.failedPolls;
							await poller.poll();
							if (poller.failedPolls > failedBefore) failedRounds.push(round);
						}
						simulator.setFaultMode(undefined);
						await poller.poll();
						await poller.poll();
						const expected = [...new Set(made)];
						return {
							seed,
							throttledFailed: failedRounds.includes(2),
							exact: new Set(emitted).size === emitted.length && sameSet(emitted, expected),
							emitted: emitted.length,
							changes: expected.length,
						};
					}),
			);
			expect(outcomes.filter((outcome) => !outcome.exact || !outcome.throttledFailed)).toEqual([]);
		},
	);
});

describe('Customer → Find under a tenth of faulted requests, 12 seeds', () => {
	test.concurrent(
		'finds the customer on page 3, or fails saying so: never another customer, never nothing in silence',
		async () => {
			const outcomes = await forEverySeed(
				async (seed) =>
					await withSpread(seed, 0, async (bed) => {
						for (let index = 0; index < 10_000; index++)
							bed.simulator.addCustomer({
								email: `bulk.${index}@example.fr`,
								createdAt: '2024-01-01 00:00:00',
							});
						const result = await run(bed, {
							resource: 'customer',
							operation: 'find',
							findBy: 'email',
							email: 'bulk.9990@example.fr',
							outputOptions: { keepDateStrings: true },
							requestOptions: { timeout: TIMEOUT_SECONDS },
						});
						const found = (result.output.SPREAD ?? []).map((item) => item.json.email);
						const error = workflowError(result);
						return {
							seed,
							right:
								error === undefined
									? found.length === 1 && found[0] === 'bulk.9990@example.fr'
									: found.length === 0 && /SPREAD|timed out|reply/i.test(error.message),
						};
					}),
			);
			expect(outcomes.filter((outcome) => !outcome.right)).toEqual([]);
		},
	);
});

describe('single faults, each where it matters', () => {
	test.concurrent('HTTP 503 on page 3 past the Max Wait: what, and how far', async () => {
		await withSpread(undefined, EXPORT_LINES, async (bed) => {
			const page3 = (key: string, request: SimRequest) =>
				key === CAGNOTTES && request.url.searchParams.get('startAt') === '10000';
			bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['503'], requests: page3 });
			const result = await run(bed, exportLines({ maxRateLimitWait: 3 }));
			const error = workflowError(result)!;
			expect(error.message).toBe(
				'SPREAD had a server error (HTTP 503) (tried 3 times): try again later (stopped while reading page 3 of cagnotte lines: 10000 records read so far, none output)',
			);
			expect(error.name).toBe('NodeApiError');
			expect(error.httpCode).toBe('503');
			expect(error.context?.itemIndex).toBe(0);
			expect(result.output.SPREAD).toEqual([]);
			// Tried, then after 1 s and 2 s; a third wait (4 s) would pass the 3 s allowed.
			expect(bed.simulator.faultCount()).toBe(3);
		});
	});

	test.concurrent(
		'Add Points: a 5xx and a lost, cut or late reply are never sent again; a 429 is',
		async () => {
			await withSpread(undefined, 0, async (bed) => {
				const { simulator } = bed;
				const customers = bed.sandbox.customers.slice(0, 5);
				const before = simulator.lines.length;
				// One fault an item, in order: 503, cut, stall, 429 (then the retry goes through), none.
				simulator.injectFault(POINTS, '503');
				simulator.injectFault(POINTS, 'cut');
				simulator.injectFault(POINTS, 'stall');
				simulator.injectFault(POINTS, {
					status: 429,
					body: { code: 429, message: 'Too many requests' },
					headers: { 'Retry-After': '0' },
				});
				const result = await run(
					bed,
					{
						resource: 'cagnotte',
						operation: 'addPoints',
						identifyBy: 'customerId',
						customerId: '={{ $json.customerId }}',
						amount: 5,
						requestOptions: { timeout: TIMEOUT_SECONDS, maxRateLimitWait: 5 },
					},
					customers.map((customer) => ({ customerId: customer.id })),
					{ onError: 'continueRegularOutput' },
				);
				const json = (result.output.SPREAD ?? []).map((item) => item.json);
				const check =
					"Check the customer's cagnotte lines (Cagnotte → Get Many, filter Customer ID) before running this item again";
				const added = (index: number) => `added 5 points to customer ID ${customers[index].id}`;
				expect(json.map((item) => item.error)).toEqual([
					`SPREAD had a server error (HTTP 503) and may have ${added(0)}: the outcome is unknown, so the request was not sent again. ${check}`,
					`SPREAD may have ${added(1)} but its reply was cut off: the outcome is unknown. ${check}`,
					`SPREAD may have ${added(2)} but sent no reply within ${TIMEOUT_SECONDS} s: the outcome is unknown. ${check}`,
					undefined,
					undefined,
				]);
				// The 503 came before SPREAD did anything; the cut and the late reply came after.
				expect(simulator.lines.slice(before).map((line) => line.customerId)).toEqual(
					customers.slice(1).map((customer) => customer.id),
				);
				expect(simulator.count(POINTS)).toBe(6);
			});
		},
	);

	test.concurrent('keys refused: the message names the fields, never their values', async () => {
		await withSpread(undefined, 0, async (bed) => {
			bed.simulator.injectFault(CAGNOTTES, { status: 401, body: { message: 'Unauthorized' } }, 2);
			const result = await run(bed, exportLines());
			expect(result.error).toBe(
				'SPREAD rejected the keys (HTTP 401): check the Public Key and the Private Key in the credential; both are in the SPREAD back office under Paramétrage → Tracker',
			);
		});
	});
});

test('no key, public or private, nor the Basic token, in any output, error or log of this suite', () => {
	// Every run above has finished: 5 tests of 12 seeds, 3 single runs.
	expect(runsDone).toBe(5 * 12 + 3);
	expect(evidence.searched).toBeGreaterThan(100);
	expect(evidence.leaks()).toEqual([]);
});
