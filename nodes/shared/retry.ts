import { sleep } from 'n8n-workflow';

import { readHttpFailure } from './http-failure';

export interface RetryPolicy {
	/** Statuses worth another try for this request (a POST that may have been applied must not list 5xx). */
	retryStatuses: number[];
	/** The longest the whole call may spend waiting before giving up, in milliseconds. */
	maxWaitMs: number;
	/** The most retries after the first attempt (no cap when absent: the wait bound applies). */
	maxRetries?: number;
	/** Wait when the vendor sends no Retry-After, for the given attempt (1-based). */
	fallbackDelayMs: (attempt: number) => number;
}

/** Seconds or an HTTP date, as RFC 9110 allows for Retry-After. */
export function retryAfterMs(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Runs `request` again while it fails with a retryable status, waiting as the vendor asks.
 * Gives up with the last error once the next wait would pass `maxWaitMs` in total.
 */
export async function withRetry<T>(policy: RetryPolicy, request: () => Promise<T>): Promise<T> {
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		let lastError: unknown;
		try {
			return await request();
		} catch (error) {
			lastError = error;
		}
		// The error is n8n's own NodeApiError: it goes on as it is, for the vendor's transport to word.
		const failure = readHttpFailure(lastError);
		if (failure.status === undefined || !policy.retryStatuses.includes(failure.status))
			throw lastError;
		if (attempt > (policy.maxRetries ?? Infinity)) throw lastError;
		const delayMs = retryAfterMs(failure.headers['retry-after']) ?? policy.fallbackDelayMs(attempt);
		if (waitedMs + delayMs > policy.maxWaitMs) throw lastError;
		waitedMs += delayMs;
		await sleep(delayMs);
	}
}
