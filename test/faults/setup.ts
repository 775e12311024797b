/**
 * What the fault suites share: the seeds, the fault mode they run under, short client timeouts, and
 * the evidence every run leaves (output items, errors, log lines) for the secret scan.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import type { TestEnvironment, WorkflowResult } from '../harness';
import { FAULT_KINDS, type FaultModeOptions } from '../simulators/http-server';

/** Each seed picks other requests and other faults; a failing seed replays. */
export const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** The share of requests faulted, as in the measurement the issue reports. */
export const FAULT_SHARE = 0.1;

/**
 * The client's timeout in these suites (the transports' own is 30 s), and a stall past it. 1.5 s
 * leaves room for the event loop of dozens of runs at once (it lags up to about half a second), so
 * no timeout comes by accident.
 */
export const CLIENT_TIMEOUT_MS = 1500;
export const STALL_MS = 2000;

/** Every kind of fault, a tenth of all requests, picked by `seed`. */
export function faultMode(seed: number, options: Partial<FaultModeOptions> = {}): FaultModeOptions {
	return { share: FAULT_SHARE, seed, kinds: FAULT_KINDS, stallMs: STALL_MS, ...options };
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
 * Everything the suite's runs produced that a person or a log could see: output items, error
 * messages and descriptions, and what n8n logged. Searched for secrets at the end.
 */
export class Evidence {
	readonly texts: string[] = [];

	add(value: unknown): void {
		this.texts.push(typeof value === 'string' ? value : safeJson(value));
	}

	addItems(items: INodeExecutionData[] | undefined): void {
		if (items?.length) this.add(items.map((item) => item.json));
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

	/** Where each secret shows up, as "secret … in: <text>"; empty when none does. */
	leaks(secrets: string[]): string[] {
		const found: string[] = [];
		for (const secret of secrets.filter((value) => value.length >= 8)) {
			for (const text of this.texts) {
				if (text.includes(secret)) found.push(`${secret.slice(0, 4)}… in: ${text.slice(0, 200)}`);
			}
		}
		return found;
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
