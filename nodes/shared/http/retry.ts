import { sleep } from 'n8n-workflow';

import { outcomeUnknown, readHttpFailure, type HttpFailure } from './http-failure';

export interface RetryPolicy {
	/** Statuses worth another try for this request (a POST that may have been applied must not list 5xx). */
	retryStatuses: number[];
	/**
	 * Whether a request whose reply never came whole is worth another try: the connection broke, no
	 * reply came in time, or the reply was cut off. True for reads, which change nothing; never for
	 * writes, which may have been carried out (the transport then says the outcome is unknown).
	 */
	retryNetworkFailures?: boolean;
	/**
	 * Whether a refused connection or an unknown host is worth another try too. Only for a read in the
	 * middle of a run, when the host answered before (a server restarting): on a first request it is
	 * most often a wrong base URL, which no wait mends.
	 */
	retryUnreachable?: boolean;
	/** Other failures this vendor deems worth another try (a status not listed, a failure in words). */
	retryAlso?: (failure: HttpFailure) => boolean;
	/** The longest the whole call may spend waiting before giving up, in milliseconds. */
	maxWaitMs: number;
	/** The most retries after the first attempt (no cap when absent: the wait bound applies). */
	maxRetries?: number;
	/** Wait when the vendor sends no Retry-After, for the given attempt (1-based) and failure. */
	fallbackDelayMs: (attempt: number, failure: HttpFailure) => number;
	/** Told of each failure that is about to be waited out and sent again (a list's reader slows down on 429). */
	onRetry?: (failure: HttpFailure) => void;
}

/** What the retries of one call came to, for the transport's message. */
export interface RetryLog {
	/** Requests sent, the first one included. */
	attempts: number;
}

/** Seconds or an HTTP date, as RFC 9110 allows for Retry-After. */
export function retryAfterMs(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Whether the policy gives this failure another try. */
export function isRetryable(policy: RetryPolicy, failure: HttpFailure): boolean {
	if (failure.kind === 'status' && policy.retryStatuses.includes(failure.status ?? 0)) return true;
	if (failure.kind === 'unreachable' && policy.retryUnreachable) return true;
	if (outcomeUnknown(failure) && policy.retryNetworkFailures) return true;
	return policy.retryAlso?.(failure) ?? false;
}

/**
 * Runs `request` again while it fails in a way the policy retries, waiting as the vendor asks.
 * Gives up with the last error once the next wait would pass `maxWaitMs` in total (time spent on a
 * request that got no reply in time counts as waiting too).
 */
export async function withRetry<T>(
	policy: RetryPolicy,
	request: () => Promise<T>,
	log: RetryLog = { attempts: 0 },
): Promise<T> {
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		let lastError: unknown;
		const startedAt = Date.now();
		log.attempts = attempt;
		try {
			return await request();
		} catch (error) {
			lastError = error;
		}
		// The error is n8n's own NodeApiError: it goes on as it is, for the vendor's transport to word.
		const failure = readHttpFailure(lastError);
		if (!isRetryable(policy, failure)) throw lastError;
		if (attempt > (policy.maxRetries ?? Infinity)) throw lastError;
		if (failure.kind === 'timeout') waitedMs += Date.now() - startedAt;
		const delayMs =
			retryAfterMs(failure.headers['retry-after']) ?? policy.fallbackDelayMs(attempt, failure);
		if (waitedMs + delayMs > policy.maxWaitMs) throw lastError;
		waitedMs += delayMs;
		policy.onRetry?.(failure);
		await sleep(delayMs);
	}
}
