/**
 * Kimple under faults: a tenth of all requests get a 429 (with and without Retry-After), a 5xx, a
 * reset, a cut reply or a stall. A Return All export of the quiz contest loses and repeats nothing in
 * every seed; a read that keeps failing says how far it got; Get over many items gives one item per
 * input, the record or an error as the faults its requests met say; the trigger emits each new entry
 * once over its polls; no API key or secret leaks.
 *
 * The node's own Request Options carry the suite's timeout (Timeout, in seconds); the trigger is
 * built with it (the poll frame passes it to every request).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { KimpleApi } from '../../credentials/KimpleApi.credentials';
import { Kimple } from '../../nodes/Kimple/Kimple.node';
import { KimpleTrigger } from '../../nodes/Kimple/KimpleTrigger.node';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import type { SimRequest } from '../../sandbox/simulators/http-server';
import { KimpleSimulator, type KimpleContestEntry } from '../../sandbox/simulators/kimple';
import {
	CLIENT_TIMEOUT_MS,
	Evidence,
	FAULT_TEST_TIMEOUT_MS,
	captureLogs,
	faultMode,
	faultTolerantPoller,
	forEverySeed,
	mostFaultsOnOnePage,
	oneAtATime,
	workflowError,
} from './setup';

jest.setTimeout(FAULT_TEST_TIMEOUT_MS);

const API_KEY = 'kmp_fault_suite_key_3e8a71c0';
const API_SECRET = 'fault_suite_secret_b41d9f27c6e05a38';
const CREDENTIAL_ID = 'kimple-faults';
const credentialRef = { kimpleApi: { id: CREDENTIAL_ID, name: 'Kimple under faults' } };
const fromList = (id: string) => ({ __rl: true, mode: 'list', value: id });

/** The quiz contest's entries in the export: 25 pages of 100. */
const EXPORT_SIZE = 2500;
const ENTRY_LIST = 'GET /contest_entry/list';
const ENTRY = 'GET /contest_entry/{id}';

/** The suite's client timeout, through the node's own option (in seconds). */
const TIMEOUT_SECONDS = CLIENT_TIMEOUT_MS / 1000;

interface Bed {
	simulator: KimpleSimulator;
	environment: TestEnvironment;
	/** The quiz contest's hash id. */
	quiz: string;
}

const evidence = new Evidence(() => [API_KEY, API_SECRET]);
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
 * Runs `use` on a fresh sandbox account whose quiz contest holds `quizEntries` entries, under the
 * faults of `seed` (none when undefined), then closes it.
 */
async function withKimple<T>(
	seed: number | undefined,
	quizEntries: number,
	use: (bed: Bed) => Promise<T>,
): Promise<T> {
	const simulator = await new KimpleSimulator().start();
	simulator.logRequests = true;
	const quiz = await oneAtATime(() => {
		const sandbox = simulator.seedSandbox({ apiKey: API_KEY, apiSecret: API_SECRET });
		const hashId = sandbox.contests.quiz.hash_id;
		const more = quizEntries - sandbox.entryCounts[hashId];
		if (more > 0) simulator.appendEntries(hashId, more);
		return hashId;
	});
	const environment = new TestEnvironment(
		[new Kimple(), new KimpleTrigger({ requestTimeoutMs: CLIENT_TIMEOUT_MS })],
		[new KimpleApi()],
	);
	environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'Kimple under faults',
		type: 'kimpleApi',
		data: { apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: simulator.apiUrl },
	});
	if (seed !== undefined) simulator.setFaultMode(faultMode(seed));
	try {
		return await use({ simulator, environment, quiz });
	} finally {
		await simulator.close();
		runsDone++;
	}
}

const kimpleNode = (parameters: IDataObject, extra: IDataObject = {}) =>
	packageNode('Kimple', 'kimple', parameters, { credentials: credentialRef, ...extra });

async function run(bed: Bed, parameters: IDataObject, items: IDataObject[] = [{}], extra = {}) {
	const result = await bed.environment.runWorkflow(
		chain(items, [kimpleNode(parameters, extra), nextNode()]),
	);
	evidence.addResult(result);
	return result;
}

const hashIds = (items: INodeExecutionData[] | undefined) =>
	(items ?? []).map((item) => item.json.contest_entry_hash_id);
const quizEntries = (bed: Bed) =>
	bed.simulator
		.records<KimpleContestEntry>('contest_entry')
		.filter((entry) => entry.contest_hash_id === bed.quiz);

/** The same values, each once, in any order. */
function sameSet(actual: unknown[], expected: unknown[]): boolean {
	const sorted = (values: unknown[]) => values.map(String).sort();
	const [a, b] = [sorted(actual), sorted(expected)];
	return a.length === b.length && a.every((value, index) => value === b[index]);
}

const exportQuiz = (bed: Bed, requestOptions: IDataObject = {}) => ({
	resource: 'contestEntry',
	operation: 'getAll',
	contestId: fromList(bed.quiz),
	returnAll: true,
	requestOptions: { timeout: TIMEOUT_SECONDS, ...requestOptions },
});

describe('Return All under a tenth of faulted requests of every kind, 12 seeds', () => {
	test.concurrent(
		`the quiz contest's ${EXPORT_SIZE} entries over 25 pages: each once`,
		async () => {
			const kinds = new Set<string>();
			const outcomes = await forEverySeed(
				async (seed) =>
					await withKimple(seed, EXPORT_SIZE, async (bed) => {
						const result = await run(bed, exportQuiz(bed));
						for (const fault of bed.simulator.faultsInjected) kinds.add(fault.kind);
						const output = hashIds(result.output.Kimple);
						const expected = quizEntries(bed).map((entry) => entry.contest_entry_hash_id);
						return {
							seed,
							whole: !result.error && expected.length === EXPORT_SIZE && sameSet(output, expected),
							message: result.error,
							mostFaultsOnAPage: mostFaultsOnOnePage(bed.simulator.faultsInjected),
							faults: bed.simulator.faultCount(),
						};
					}),
			);
			// The default Max Wait (60 s) outlasts any 3 faults on a page, 3 stalls included (3 times
			// the Timeout, and 1 + 2 + 4 s between the tries): the seeds fault no page more often, so
			// every export must come whole.
			expect(outcomes.filter((outcome) => outcome.mostFaultsOnAPage > 3)).toEqual([]);
			expect(outcomes.filter((outcome) => !outcome.whole)).toEqual([]);
			// The suite proves something only if faults happened: about 3 a run, of every kind.
			expect(outcomes.reduce((sum, outcome) => sum + outcome.faults, 0)).toBeGreaterThan(12);
			expect(kinds.size).toBeGreaterThan(5);
		},
	);
});

describe('Get over many items with Continue On Fail, 12 seeds', () => {
	test.concurrent(
		'30 entries and 2 unknown IDs: one item per input, paired, with its record or an error, as its requests met',
		async () => {
			const problems: string[] = [];
			let records = 0;
			let errors = 0;
			/** Items whose last request met a fault: they must be errors. */
			let faulted = 0;
			await forEverySeed(
				async (seed) =>
					await withKimple(seed, 250, async (bed) => {
						const wanted = quizEntries(bed)
							.slice(1, 31)
							.map((entry) => entry.contest_entry_hash_id);
						const ids = [...wanted.slice(0, 10), 'nope4711', ...wanted.slice(10), 'gone0815'];
						const result = await run(
							bed,
							{
								resource: 'contestEntry',
								operation: 'get',
								contestEntryId: '={{ $json.id }}',
								// Max Wait 1 s: one retry at most, so some items fail, as they would under
								// a tight setting.
								requestOptions: { timeout: TIMEOUT_SECONDS, maxWait: 1 },
							},
							ids.map((id) => ({ id })),
							{ onError: 'continueRegularOutput' },
						);
						const output = result.output.Kimple ?? [];
						if (result.error) problems.push(`seed ${seed}: the run failed: ${result.error}`);
						if (output.length !== ids.length)
							problems.push(`seed ${seed}: ${output.length} items for ${ids.length}`);
						output.forEach((item, index) => {
							const json = item.json;
							const paired = item.pairedItem as { item?: number } | undefined;
							if (paired?.item !== index)
								problems.push(`seed ${seed}: item ${index} paired with ${JSON.stringify(paired)}`);
							const asked = ids[index];
							// Max Wait 1 s: a first 429, 5xx, reset or cut is waited out (up to 1 s) and the
							// entry asked again; a stall has used up the Timeout, far past the wait allowed.
							// Once answered, an entry is not asked again: its last request decides the item.
							const sent = bed.simulator.requestLog.filter(
								(request) =>
									request.key === ENTRY && request.url.split('?')[0].endsWith(`/${asked}`),
							);
							const met = sent.map((request) => request.fault ?? 'a reply');
							const first = sent[0]?.fault;
							if (
								!sent.length ||
								sent.slice(0, -1).some((request) => request.fault === undefined) ||
								(first !== undefined && first !== 'stall' && sent.length < 2) ||
								(first === 'stall' && sent.length > 1)
							)
								problems.push(`seed ${seed}: item ${index} asked ${sent.length} times: ${met}`);
							const lastFaulted = sent.at(-1)?.fault !== undefined;
							if (lastFaulted && wanted.includes(asked)) faulted++;
							if (lastFaulted && json.error === undefined)
								problems.push(`seed ${seed}: item ${index} met ${met}, yet output a record`);
							if (json.error !== undefined) {
								errors++;
								if (typeof json.error !== 'string' || !json.error.includes('Kimple'))
									problems.push(`seed ${seed}: item ${index}: unclear error ${String(json.error)}`);
								if (json.contest_entry_hash_id !== undefined)
									problems.push(`seed ${seed}: item ${index} has both a record and an error`);
								return;
							}
							if (!wanted.includes(asked))
								problems.push(`seed ${seed}: unknown ID ${asked} gave a record`);
							else if (json.contest_entry_hash_id !== asked)
								problems.push(
									`seed ${seed}: item ${index} asked ${asked}, got ${String(json.contest_entry_hash_id)}`,
								);
							else records++;
						});
					}),
			);
			expect(problems).toEqual([]);
			// Every entry whose last request was answered comes whole; every unknown ID (24) and every
			// item whose last request met a fault is an error, and some did.
			expect(records).toBe(12 * 32 - 24 - faulted);
			expect(errors).toBe(24 + faulted);
			expect(faulted).toBeGreaterThan(0);
		},
	);
});

describe('Kimple Trigger under faults, 12 seeds', () => {
	test.concurrent(
		'new entries arriving between polls are each emitted once; failed and cut-short polls lose nothing',
		async () => {
			const outcomes = await forEverySeed(
				async (seed) =>
					await withKimple(seed, 250, async ({ simulator, environment, quiz }) => {
						const node = packageNode(
							'Kimple Trigger',
							'kimpleTrigger',
							{ event: 'newContestEntry', contestId: fromList(quiz) },
							{ credentials: credentialRef },
						);
						const staticData: IDataObject = {};
						const poller = faultTolerantPoller(environment, node, staticData, evidence);
						const poll = poller.poll;
						// n8n keeps the node's state under its name in the workflow's static data.
						const hasBaseline = () =>
							Object.values(staticData).some((state) => (state as IDataObject)?.watching);
						for (let tries = 0; !hasBaseline() && tries < 10; tries++) await poll();
						const arrived: unknown[] = [];
						const emitted: unknown[] = [];
						// A rate limit longer than any wait allowed: on the first page the poll fails; on the
						// second it emits what it read and keeps the rest for the next poll.
						const throttled = {
							status: 429,
							body: { code: 429, message: 'Too many requests' },
							headers: { 'Retry-After': '3600' },
						};
						let throttledPollFailed = false;
						for (let round = 0; round < 4; round++) {
							arrived.push(...simulator.appendEntries(quiz, 150).map((entry) => entry.id));
							if (round === 1) simulator.injectFault(ENTRY_LIST, throttled);
							if (round === 2) simulator.injectFault(ENTRY_LIST, throttled, 1, 1);
							const failedBefore = poller.failedPolls;
							emitted.push(...(await poll()));
							if (round === 1) throttledPollFailed = poller.failedPolls === failedBefore + 1;
						}
						// The network heals: the next polls emit whatever a failed one left.
						simulator.setFaultMode(undefined);
						emitted.push(...(await poll()), ...(await poll()));
						const once = new Set(emitted).size === emitted.length;
						return {
							seed,
							throttledPollFailed,
							exact: once && sameSet(emitted, arrived),
							emitted: emitted.length,
						};
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
		key === ENTRY_LIST && request.url.searchParams.get('page') === '7';

	test.concurrent('HTTP 503 on page 7 past the Max Wait: what, and how far', async () => {
		await withKimple(undefined, 700, async (bed) => {
			bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['503'], requests: page7 });
			const result = await run(bed, exportQuiz(bed, { maxWait: 3 }));
			const error = workflowError(result)!;
			expect(error.message).toBe(
				'Kimple had a server error (HTTP 503) (tried 3 times): try again later; the node retried for as long as its Max Wait allows (stopped while reading page 7 of contest entries: 600 records read so far, none output)',
			);
			expect(error.name).toBe('NodeApiError');
			expect(error.httpCode).toBe('503');
			expect(error.context?.itemIndex).toBe(0);
			expect(result.output.Kimple).toEqual([]);
			// Tried, then after 1 s and 2 s; a third wait (4 s) would pass the 3 s allowed.
			expect(bed.simulator.faultCount()).toBe(3);
		});
	});

	test.concurrent(
		'a reply cut off again and again: never "HTTP 200"; with Continue On Fail, an error item',
		async () => {
			await withKimple(undefined, 700, async (bed) => {
				bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['cut'], requests: page7 });
				const result = await run(bed, exportQuiz(bed, { maxWait: 3 }), [{}], {
					onError: 'continueRegularOutput',
				});
				expect(result.output.Kimple).toHaveLength(1);
				const json = result.output.Kimple[0].json;
				expect(json.error).toBe(
					"Kimple's reply was cut off before its end (tried 3 times): try again later (stopped while reading page 7 of contest entries: 600 records read so far, none output)",
				);
				expect(json.errorDescription).toMatch(/^The reply began but was cut off \(/);
				expect(JSON.stringify(json)).not.toMatch(/HTTP 2\d\d/);
			});
		},
	);

	test.concurrent('no reply on page 7 past the Max Wait: what, and how far', async () => {
		await withKimple(undefined, 700, async (bed) => {
			bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['stall'], requests: page7 });
			const result = await run(bed, exportQuiz(bed, { maxWait: 0 }));
			expect(result.error).toBe(
				`Kimple sent no reply within ${TIMEOUT_SECONDS} s: try again later, or raise "Timeout (Seconds)" in the node's Request Options (stopped while reading page 7 of contest entries: 600 records read so far, none output)`,
			);
			expect(bed.simulator.faultCount('stall')).toBe(1);
		});
	});

	test.concurrent(
		"the Timeout option sets how long a request waits: a stall past it is named with the option's value",
		async () => {
			await withKimple(undefined, 700, async (bed) => {
				// The first request stalls, and no other is sent: a short Timeout can end no other request.
				bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['stall'] });
				const result = await run(bed, exportQuiz(bed, { timeout: 0.5, maxWait: 0 }));
				expect(result.error).toBe(
					`Kimple sent no reply within 0.5 s: try again later, or raise "Timeout (Seconds)" in the node's Request Options`,
				);
				// Not sent again. (On a busy machine the 0.5 s may run out before the simulator reads it.)
				expect(bed.simulator.count(ENTRY_LIST)).toBeLessThanOrEqual(1);
			});
		},
	);
});

test('no API key or secret in any output, error or log of this suite', () => {
	// Every run above has finished: 3 tests of 12 seeds, 4 single runs.
	expect(runsDone).toBe(3 * 12 + 4);
	expect(evidence.searched).toBeGreaterThan(100);
	expect(evidence.leaks()).toEqual([]);
});
