/**
 * Easypromos bound to the shared request kernel (nodes/shared/http/request.ts): its credential, how
 * it is retried and paced, its envelope. The API's facts are in api.ts; its error words in errors.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RequestContext } from '../../shared/http/credential-session';
import { RateWindow } from '../../shared/http/rate-window';
import type { TransportOptions } from '../../shared/http/binding';
import { createTransport } from '../../shared/http/request';
import {
	EASYPROMOS_BASE_URL,
	RATE_LIMIT_PER_WINDOW,
	RATE_LIMIT_WINDOW_MS,
	collectionName,
	nextCursor,
	pageItems,
} from './api';
import { describeEasypromosFailure, easypromosStatusError } from './errors';

export * from './api';

export type EasypromosContext = RequestContext;

/** How long one request may wait in total on 429s (and brief 503s) unless the user sets otherwise. */
export const DEFAULT_MAX_WAIT_SECONDS = 90;

export type EasypromosRequestOptions = Omit<TransportOptions, 'form' | 'buildBody'> & {
	/** An Autologin: a refusal of its registration form names the parameter to fix. */
	registration?: boolean;
};

/**
 * [doc] 200 requests a minute per account. Each execution of a node (the context object n8n hands it)
 * counts its own requests in one window, so that a long export waits before the request Easypromos
 * would refuse instead of running into the 429. The window goes with the execution.
 */
const rateWindows = new WeakMap<object, RateWindow>();

function rateWindowOf(context: EasypromosContext): RateWindow {
	let window = rateWindows.get(context);
	if (!window) {
		window = new RateWindow(RATE_LIMIT_PER_WINDOW, RATE_LIMIT_WINDOW_MS);
		rateWindows.set(context, window);
	}
	return window;
}

// [doc] Every POST must say Content-Type: application/json, or the API answers 415: the kernel sends
// a JSON body with it.
const transport = createTransport<EasypromosRequestOptions>({
	vendor: 'Easypromos',
	credentialType: 'easypromosApi',
	baseUrl: (credential) => String(credential.baseUrl || EASYPROMOS_BASE_URL).replace(/\/+$/, ''),
	accept: 'application/json',
	timeoutHint: `raise "Timeout (Seconds)" in the node's Request Options`,
	retry: {
		// A 503 says the write was not carried out; a 500 may have been applied.
		writeStatuses: [429, 503],
		maxWaitSeconds: DEFAULT_MAX_WAIT_SECONDS,
		backoffMs: (attempt, failure, context) => {
			const backoff = Math.min(RATE_LIMIT_WINDOW_MS, 1000 * 2 ** (attempt - 1));
			// [doc] No Retry-After is promised: a 429 lasts until 60 s after the window's first request.
			// Back off 1, 2, 4 … s, but never past the end of this execution's own window, which is when
			// Easypromos frees the account when nobody else used it.
			const untilOver = failure.status === 429 ? rateWindowOf(context).msUntilOver() : undefined;
			return untilOver === undefined ? backoff : Math.min(backoff, Math.max(untilOver, 0));
		},
	},
	send: async (context, { request, session, maxWaitMs }) => {
		const window = rateWindowOf(context);
		// Pacing waits no longer than the user lets a request wait on rate limits; past that,
		// Easypromos's own answer decides.
		const paceMs = window.waitMs();
		if (paceMs > 0 && paceMs <= maxWaitMs) await sleep(paceMs);
		try {
			return await session.request(request);
		} finally {
			window.record();
		}
	},
	describe: describeEasypromosFailure,
	statusError: easypromosStatusError,
});

/** One call of the API: the reply body, retried and paced; a failure worded by errors.ts. */
export const easypromosRequest = transport.request;

/** One page of a collection: its items and the cursor of the next page, if any. */
export async function easypromosPage(
	this: EasypromosContext,
	path: string,
	qs: IDataObject,
	cursor: string | number | undefined,
	options: EasypromosRequestOptions = {},
): Promise<{ items: IDataObject[]; next?: string | number }> {
	const response = await easypromosRequest.call(this, 'GET', path, {
		...options,
		// [doc] The cursor goes back as the `next_cursor` query parameter.
		qs: cursor === undefined ? qs : { ...qs, next_cursor: cursor },
	});
	return { items: pageItems(response), next: nextCursor(response) };
}

/** Follows `next_cursor` until `limit` items are in hand or the last page is read. */
export async function easypromosRequestAllItems(
	this: EasypromosContext,
	path: string,
	qs: IDataObject,
	limit = Infinity,
	options: EasypromosRequestOptions = {},
): Promise<IDataObject[]> {
	return await transport.readAll<string | number>(
		this,
		options,
		limit,
		collectionName(path),
		async (cursor, pageOptions) => await easypromosPage.call(this, path, qs, cursor, pageOptions),
	);
}
