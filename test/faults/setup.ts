/**
 * What the fault suites share: the seeds, the fault mode they run under, short client timeouts, and
 * the evidence every run leaves (output items, errors, log lines) for the secret scan.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import type { TestEnvironment, WorkflowResult } from '../harness';
import {
	FAULT_KINDS,
	type FaultKind,
	type FaultModeOptions,
	type InjectedFaultRecord,
	type RequestRecord,
	type SimulatorServer,
} from '../../sandbox/simulators/http-server';

/** Each seed picks other requests and other faults; a failing seed replays. */
export const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** The share of requests faulted, as in the measurement the issue reports. */
export const FAULT_SHARE = 0.1;

/**
 * How long a request waits for a reply in these suites (the transports' own is 30 s). Only a stall
 * may run into it: a stall never answers, so it always ends in this timeout, and every other reply
 * must come well within it, however busy the machine. Dozens of runs share one event loop here; with
 * both cores kept busy (test/load/busy.cjs, on a machine already loaded) it lagged up to 2.5 s at a
 * time, and a reply that waits behind such a lag counts as late. Each stall costs this long.
 */
export const CLIENT_TIMEOUT_MS = 10_000;

/**
 * Jest's limit for one test of these suites, in place of its 30 s default. A test runs its 12 seeds
 * at once: the slowest waits out up to 4 stalls (4 × CLIENT_TIMEOUT_MS) and the waits between its
 * retries (some 15 s), while dozens of runs share one event loop. That took up to 65 s without load
 * and about 2 minutes with both cores kept busy on a machine already loaded (test/load/busy.cjs). The
 * limit only stops a test that hangs: no verdict rests on it.
 */
export const FAULT_TEST_TIMEOUT_MS = 240_000;

/** Every kind of fault, a tenth of all requests, picked by `seed`. */
export function faultMode(seed: number, options: Partial<FaultModeOptions> = {}): FaultModeOptions {
	return { share: FAULT_SHARE, seed, kinds: FAULT_KINDS, ...options };
}

/** Faults that leave the client without a whole reply: a write's outcome is then unknown to it. */
export const NO_REPLY: readonly FaultKind[] = ['reset-before', 'reset-after', 'cut', 'stall'];

/** Faults that come after the simulator carried the request out (see FAULT_KINDS). */
export const CARRIED_OUT: readonly FaultKind[] = ['reset-after', 'cut', 'stall'];

/**
 * The requests to `key` whose JSON body `isFor` a record (a write's customer, user or phone), oldest
 * first, from the simulator's request log: what one item of a run of writes met, fault by fault.
 */
export function requestsFor(
	simulator: SimulatorServer,
	key: string,
	isFor: (body: IDataObject) => boolean,
): RequestRecord[] {
	return simulator.requestLog.filter((request) => {
		if (request.key !== key) return false;
		try {
			return isFor(JSON.parse(request.body) as IDataObject);
		} catch {
			return false;
		}
	});
}

/** What one item of a run of writes says: it was done, its outcome is unknown, or it failed. */
export type WriteOutcome = 'done' | 'unknown' | 'failed';

/** What an output item says, by its error message (Continue On Fail). */
export function itemSays(json: IDataObject): WriteOutcome {
	if (json.error === undefined) return 'done';
	return String(json.error).includes('the outcome is unknown') ? 'unknown' : 'failed';
}

/**
 * What one item of a run of writes must come to, from the requests it met (see requestsFor): the
 * last one decides, since a write is sent again only after a fault in `againOn` (one that says it was
 * not carried out). `unknownOn`: the faults after which the vendor's node says the outcome is unknown.
 */
export function expectedWrite(
	sent: RequestRecord[],
	againOn: readonly string[],
	unknownOn: readonly string[] = NO_REPLY,
): { says: WriteOutcome; applied: number; sentAgainAfter: string[] } {
	const last = sent.at(-1);
	if (!last) return { says: 'failed', applied: 0, sentAgainAfter: [] };
	const fault = last.fault;
	return {
		says: fault === undefined ? 'done' : unknownOn.includes(fault) ? 'unknown' : 'failed',
		applied: fault === undefined || CARRIED_OUT.includes(fault as FaultKind) ? 1 : 0,
		// Faults a write was sent again after though it must not be.
		sentAgainAfter: sent
			.slice(0, -1)
			.map((request) => request.fault ?? 'a reply')
			.filter((kind) => !againOn.includes(kind)),
	};
}

/** The most faults that fell on one request (the same path and query: one page) among `faults`. */
export function mostFaultsOnOnePage(faults: readonly InjectedFaultRecord[]): number {
	const perPage = new Map<string, number>();
	for (const fault of faults) perPage.set(fault.url, (perPage.get(fault.url) ?? 0) + 1);
	return Math.max(0, ...perPage.values());
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs synchronous `work` (seeding a simulator) one at a time, each after a turn of the event loop:
 * a dozen runs that start together would otherwise hold the loop long enough for other runs'
 * requests to time out by accident.
 */
export async function oneAtATime<T>(work: () => T): Promise<T> {
	const turn = queue.then(async () => {
		await new Promise((resolve) => setTimeout(resolve, 0));
		return work();
	});
	queue = turn.catch(() => undefined);
	return await turn;
}

/** The runs of one test for every seed at once: their time is mostly waiting, so they overlap. */
export async function forEverySeed<T>(run: (seed: number) => Promise<T>): Promise<T[]> {
	return await Promise.all(SEEDS.map(async (seed) => await run(seed)));
}

/** The error a workflow stopped with, as n8n keeps it. */
export function workflowError(result: WorkflowResult) {
	return result.run.data.resultData.error as
		| (Error & { description?: string | null; context?: IDataObject; httpCode?: string | null })
		| undefined;
}

/**
 * Everything the suite's runs produced that a person or a log could see (output items, error messages
 * and descriptions, what n8n logged), searched for the suite's secrets as it comes in. A secret can
 * only show up after it exists, so `secrets` (read at each search) need only hold those made so far;
 * and no text is kept, which spares the memory of dozens of exports of thousands of records.
 */
export class Evidence {
	/** How many texts were searched, so that a test can tell the search saw the runs. */
	searched = 0;

	private readonly found: string[] = [];

	constructor(private readonly secrets: () => Iterable<string>) {}

	add(value: unknown): void {
		this.search(typeof value === 'string' ? value : safeJson(value));
	}

	addItems(items: INodeExecutionData[] | undefined): void {
		// Output items are plain JSON, so the native stringify does (safeJson's replacer, which reads
		// errors, costs several times as much on exports of thousands of items).
		if (items?.length) this.search(JSON.stringify(items.map((item) => item.json)));
	}

	addError(error: unknown): void {
		if (!error) return;
		const { message, description } = error as { message?: string; description?: string | null };
		this.add({ message, description });
	}

	addResult(result: WorkflowResult): void {
		for (const items of Object.values(result.output)) this.addItems(items);
		this.add(result.error ?? '');
		this.addError(workflowError(result));
		for (const runs of Object.values(result.run.data.resultData.runData)) {
			for (const run of runs) this.add(run.error ?? '');
		}
	}

	/** Where a secret showed up, as "secret … in: <text>"; empty when none did. */
	leaks(): string[] {
		return [...this.found];
	}

	private search(text: string): void {
		this.searched++;
		for (const secret of this.secrets()) {
			if (secret.length >= 8 && text.includes(secret))
				this.found.push(`${secret.slice(0, 4)}… in: ${text.slice(0, 200)}`);
		}
	}
}

/** Sends what n8n logs through LoggerProxy into `evidence`, as well as console output. */
export function captureLogs(evidence: Evidence): () => void {
	const record =
		(level: string) =>
		(message: string, meta: object = {}) =>
			evidence.add(`${level} ${message} ${safeJson(meta)}`);
	LoggerProxy.init({
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	} as unknown as Parameters<typeof LoggerProxy.init>[0]);
	const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			evidence.add(`console.${method} ${args.map((arg) => safeJson(arg)).join(' ')}`);
		}),
	);
	return () => {
		for (const spy of spies) spy.mockRestore();
	};
}

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, inner: unknown) => {
				// An error's own fields too (description, context, the response it wraps, its cause).
				if (inner instanceof Error && !seen.has(inner)) {
					seen.add(inner);
					const { cause } = inner as Error & { cause?: unknown };
					return { ...inner, message: inner.message, stack: inner.stack, cause };
				}
				if (inner && typeof inner === 'object') {
					if (seen.has(inner)) return '[circular]';
					seen.add(inner);
				}
				return inner;
			}) ?? String(value)
		);
	} catch {
		return String(value);
	}
}

/**
 * Polls a trigger the way n8n does under faults: a poll that fails is recorded (its error goes into
 * the evidence) and counted, and the next poll comes anyway. Returns the ids each poll emitted.
 */
export function faultTolerantPoller(
	environment: TestEnvironment,
	node: Parameters<TestEnvironment['poll']>[0],
	staticData: IDataObject,
	evidence: Evidence,
) {
	const poller = {
		failedPolls: 0,
		async poll(): Promise<unknown[]> {
			try {
				const result = await environment.poll(node, staticData);
				const items = result?.[0] ?? [];
				evidence.addItems(items);
				return items.map((item) => item.json.id);
			} catch (error) {
				// n8n reports the failed poll and polls again at the next interval.
				evidence.addError(error);
				poller.failedPolls++;
				return [];
			}
		},
	};
	return poller;
}
