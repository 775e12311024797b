/**
 * One poll of a polling trigger, the same for every vendor. The vendor's strategy
 * (nodes/<Vendor>/trigger/poll.ts) knows its API; the frame knows what n8n expects of a poll:
 *
 * - a manual run (the editor's "Fetch Test Event") shows a sample of real records and leaves the
 *   state alone;
 * - the first poll of what the trigger watches (event, product, promotion, contest), or one whose
 *   stored state the strategy cannot read, records a baseline and emits nothing;
 * - a later poll emits what is new since the stored state;
 * - the state is replaced whole, so no field of an older format stays behind (the strategy reads
 *   the older formats: the keys are saved in users' workflows);
 * - reading has a budget, a share of the time n8n gives the poll, and settles: a rate limit or an
 *   outage once records are in hand ends the reading, the records are emitted and the rest is read
 *   by the next poll;
 * - every request of the poll waits for its reply as long as the trigger was told (PollFrameOptions).
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { isTransientFailure, readHttpFailure } from '../http/http-failure';

/** What n8n does not set on a trigger: n8n builds it without options, a test may pass them. */
export interface PollFrameOptions {
	/** How long each request waits for a reply, in ms; undefined: the transport's REQUEST_TIMEOUT_MS. */
	requestTimeoutMs?: number;
}

/** How long a poll may go on reading pages, and which failures only mean "later". */
export interface ReadingBudget {
	/** Milliseconds left for reading pages; at 0 or below no further page is asked for. */
	timeLeft: () => number;
	/** Whether a failure only means "later" (rate limit, outage) rather than "this is wrong". */
	isTransient: (error: unknown) => boolean;
}

/** What the frame hands a trigger for one poll. */
export interface PollReading extends ReadingBudget {
	/** For every request of the poll (undefined: the transport's own timeout). */
	timeoutMs?: number;
	/** How long a request may wait on rate limits and outages: `capSeconds`, or the reading time left when shorter. */
	maxWaitSeconds: (capSeconds: number) => number;
}

/**
 * A vendor's way of telling new records, over its page reader. `State` is what it stores, `Previous`
 * the stored state as it reads it back (the same unless it decodes it).
 */
export interface PollStrategy<State, Previous = State> {
	/** The records a manual run shows. */
	sample: () => Promise<IDataObject[]>;
	/** The stored state to go on from, or undefined when a new baseline is needed. */
	readState: (stored: IDataObject) => Previous | undefined;
	/** The state that records what is there now; nothing is emitted. */
	baseline: () => Promise<State>;
	/** The records new since `previous`, oldest first, each once, and the state after them. */
	readNew: (previous: Previous) => Promise<NewRecords<State>>;
}

export interface NewRecords<State> {
	records: IDataObject[];
	/** The state to store, or undefined when it has not changed (n8n need not save it then). */
	state?: State;
}

/** One poll's strategy, bound to the trigger's parameters and its vendor's pages. */
export interface PollSetup<State, Previous = State> {
	strategy: PollStrategy<State, Previous>;
	/** The records as the items the trigger emits (raw, simplified or as contacts). */
	output: (records: IDataObject[]) => IDataObject[];
}

/** Reads the trigger's parameters and opens its credential: an error here sends no request. */
export type SetUpPoll<State, Previous = State> = (
	context: IPollFunctions,
	reading: PollReading,
) => Promise<PollSetup<State, Previous>>;

/** A trigger's poll(): n8n calls it with the poll's context as `this`. */
export type PollMethod = (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>;

/** Of the time n8n gives a poll, the share spent reading pages; the rest is kept for emitting. */
export const BUDGET_SHARE = 0.8;

/** A poll's time where n8n does not say it (n8n 1.x): n8n 2.x's own default. */
const DEFAULT_POLL_BUDGET_MS = 5 * 60_000;

/** The poll() of a trigger that `setUp` binds, with the frame options it was built with. */
export function pollMethod<State extends object, Previous>(
	setUp: SetUpPoll<State, Previous>,
	frame: PollFrameOptions = {},
): PollMethod {
	return async function (this: IPollFunctions) {
		return await runPoll(this, setUp, frame);
	};
}

/** One poll: sample, baseline or what is new, and the state replaced. */
async function runPoll<State extends object, Previous>(
	context: IPollFunctions,
	setUp: SetUpPoll<State, Previous>,
	frame: PollFrameOptions,
): Promise<INodeExecutionData[][] | null> {
	let timeLeft = () => Infinity;
	const reading: PollReading = {
		timeoutMs: frame.requestTimeoutMs,
		timeLeft: () => timeLeft(),
		maxWaitSeconds: (capSeconds) => Math.min(capSeconds, Math.max(0, timeLeft() / 1000)),
		isTransient: (error) => isTransientFailure(readHttpFailure(error)),
	};
	const { strategy, output } = await setUp(context, reading);
	// The reading time starts once the parameters are read and the credential is open.
	timeLeft = readingTimeLeft(pollBudgetMs(context));
	const emit = (records: IDataObject[]) =>
		records.length ? [context.helpers.returnJsonArray(output(records))] : null;

	if (context.getMode() === 'manual') return emit(await strategy.sample());

	const stored = context.getWorkflowStaticData('node');
	const previous = strategy.readState(stored);
	if (previous === undefined) {
		replaceState(stored, await strategy.baseline());
		return null;
	}
	const { records, state: next } = await strategy.readNew(previous);
	if (next) replaceState(stored, next);
	return emit(records);
}

/** The reading time of a poll given n8n's budget for it, as a `timeLeft` for `ReadingBudget`. */
export function readingTimeLeft(budgetMs: number, now: () => number = Date.now): () => number {
	const deadline = now() + budgetMs * BUDGET_SHARE;
	return () => deadline - now();
}

/**
 * The next page, or undefined when the poll stops reading here: out of time, or a rate limit or an
 * outage while records are in hand (they are emitted now, the rest later). Any other failure, or
 * one with nothing in hand, fails the poll with the fetch's own error (the transport's NodeApiError).
 */
export async function nextPage<Page>(
	budget: ReadingBudget,
	fetch: () => Promise<Page>,
	inHand: boolean,
): Promise<Page | undefined> {
	if (budget.timeLeft() <= 0) return undefined;
	const outcome = await settle(fetch);
	if ('page' in outcome) return outcome.page;
	if (inHand && budget.isTransient(outcome.error)) return undefined;
	throw outcome.error;
}

/** The page or the error as a value, so the caller decides (and throws) outside a catch. */
async function settle<Page>(
	fetch: () => Promise<Page>,
): Promise<{ page: Page } | { error: unknown }> {
	try {
		return { page: await fetch() };
	} catch (error) {
		return { error };
	}
}

function pollBudgetMs(context: IPollFunctions): number {
	return typeof context.getPollBudgetMs === 'function'
		? context.getPollBudgetMs()
		: DEFAULT_POLL_BUDGET_MS;
}

/** Static data is saved from the object n8n handed over: it is changed in place. */
function replaceState(stored: IDataObject, state: object): void {
	for (const key of Object.keys(stored)) delete stored[key];
	Object.assign(stored, state);
}
