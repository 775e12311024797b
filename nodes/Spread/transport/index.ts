/**
 * SPREAD bound to the shared request kernel (nodes/shared/http/request.ts): its credential, how it is
 * retried, a write's redirects followed with its method and body, its paging. The API's facts are in
 * api.ts (API v1's form writes in v1.ts); its error words in errors.ts.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { CredentialSession, RequestContext } from '../../shared/http/credential-session';
import { readHttpFailure } from '../../shared/http/http-failure';
import type { TransportOptions } from '../../shared/http/binding';
import { alreadyWorded, createTransport } from '../../shared/http/request';
import {
	SPREAD_BASE_URL,
	SPREAD_MAX_PAGE_SIZE,
	envelopeKey,
	nextStartAt,
	pageSizeName,
} from './api';
import {
	describeSpreadFailure,
	redirectError,
	spreadStatusError,
	type PointsRemoval,
} from './errors';

export * from './api';
export * from './v1';

export type SpreadContext = RequestContext;

/** How long one request may wait in total on 429s (and 5xx on reads) unless the user sets otherwise. */
export const DEFAULT_MAX_WAIT_SECONDS = 60;

/** Redirects a write follows, each with its method and body kept. */
export const MAX_WRITE_REDIRECTS = 5;

export type SpreadRequestOptions = Omit<TransportOptions, 'buildBody'> & {
	/** A removal of points: a refusal that speaks of the balance is worded as such. */
	removal?: PointsRemoval;
};

const REDIRECT_STATUSES = [301, 302, 307, 308];

/** A reply asked for whole (`returnFullResponse`). */
interface FullReply {
	statusCode?: number;
	headers?: IDataObject;
	body?: unknown;
}

/** A reply with a status of 300 or more, as an error shaped like n8n's (readHttpFailure reads it). */
function httpStatusError(status: number, reply: FullReply): Error {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		httpCode: String(status),
		response: { status, data: reply.body, headers: reply.headers ?? {} },
	});
}

/**
 * One write, its redirect not followed by n8n's client, which would turn a 301/302 into a GET without
 * the body: that adds no points and reports success. It asks for the whole reply, because n8n 1.x
 * drops a failed reply's headers (the Location) from the error it throws.
 */
async function sendWrite(session: CredentialSession, request: IHttpRequestOptions) {
	const reply = (await session.request({
		...request,
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as FullReply;
	const status = Number(reply.statusCode);
	if (status >= 300) throw httpStatusError(status, reply);
	return reply.body;
}

/** The reply or the error as a value, so the caller decides (and throws) outside a catch. */
async function settle(
	send: () => Promise<unknown>,
): Promise<{ reply: unknown } | { error: unknown }> {
	try {
		return { reply: await send() };
	} catch (error) {
		return { error };
	}
}

const transport = createTransport<SpreadRequestOptions>({
	vendor: 'SPREAD',
	credentialType: 'spreadApi',
	baseUrl: (credential) => String(credential.baseUrl || SPREAD_BASE_URL).replace(/\/+$/, ''),
	accept: 'application/json',
	timeoutHint: `raise "Timeout (Seconds)" in the node's Request Options`,
	// A write is sent again only on a 429, which says it was not carried out: on a 5xx or a lost reply
	// the points may have been added. No rate limit is documented: the kernel backs off 1, 2, 4 … s.
	retry: { writeStatuses: [429], maxWaitSeconds: DEFAULT_MAX_WAIT_SECONDS },
	// [doc] SPREAD's sample follows redirects on POST (CURL_REDIR_POST_ALL): a write follows them here,
	// itself, with its method and body, on the same host only (the keys must not travel elsewhere).
	send: async (context, { method, request, session, baseUrl, itemIndex }) => {
		if (method === 'GET') return await session.request(request);
		let url = String(request.url);
		for (let hops = 0; ; hops++) {
			const outcome = await settle(async () => await sendWrite(session, { ...request, url }));
			if (!('error' in outcome)) return outcome.reply;
			const failure = readHttpFailure(outcome.error);
			const location = failure.headers.location;
			if (!REDIRECT_STATUSES.includes(failure.status ?? 0) || !location) throw outcome.error;
			const target = new URL(location, url);
			// A loop ends too.
			if (hops >= MAX_WRITE_REDIRECTS || target.hostname !== new URL(url).hostname)
				throw alreadyWorded(redirectError(context, failure, target, baseUrl, itemIndex));
			url = target.toString();
		}
	},
	describe: describeSpreadFailure,
	statusError: spreadStatusError,
});

/** One call of the API: the reply body, retried as the kernel says; a failure worded by errors.ts. */
export const spreadRequest = transport.request;

/** One page of a v2 list: its records, and where the next page starts (none on the last page). */
export async function spreadPage(
	this: SpreadContext,
	path: string,
	qs: IDataObject,
	startAt: number | undefined,
	options: SpreadRequestOptions & { pageSize?: number } = {},
): Promise<{ items: IDataObject[]; next?: number }> {
	const pageSize = Math.min(options.pageSize ?? SPREAD_MAX_PAGE_SIZE, SPREAD_MAX_PAGE_SIZE);
	const query: IDataObject = { ...qs, [pageSizeName(path)]: pageSize };
	if (startAt !== undefined) query.startAt = startAt;
	const response = await spreadRequest.call(this, 'GET', path, { ...options, qs: query });
	const records = response[envelopeKey(path)];
	const items = Array.isArray(records) ? (records as IDataObject[]) : [];
	const next = nextStartAt(response);
	// A short or empty page is the last, whatever nextPageUrl says; so is a startAt that goes nowhere.
	const last = items.length < pageSize || next === undefined || next <= (startAt ?? 0);
	return { items, next: last ? undefined : next };
}

/**
 * Every record of a v2 list, or the first `limit`: the first page, then up to `pagesAtOnce` pages at
 * once, each at its `startAt` (the pages read past a short one are discarded).
 */
export async function spreadRequestAllItems(
	this: SpreadContext,
	path: string,
	qs: IDataObject,
	limit = Infinity,
	options: SpreadRequestOptions = {},
): Promise<IDataObject[]> {
	const pageSize = Math.min(SPREAD_MAX_PAGE_SIZE, limit);
	return await transport.readNumbered(
		this,
		options,
		{
			pageSize,
			limit,
			what: envelopeKey(path) === 'cagnottes' ? 'cagnotte lines' : envelopeKey(path),
		},
		async (index, pageOptions) => {
			// [doc] startAt is the place in the list of the page's first record.
			const startAt = index * pageSize;
			// No more than the limit asks for: a Limit of 7,000 reads 5,000 then 2,000.
			const asked = Math.min(pageSize, limit - startAt);
			const page = await spreadPage.call(this, path, qs, index === 0 ? undefined : startAt, {
				...pageOptions,
				pageSize: asked,
			});
			return { items: page.items, last: page.next === undefined };
		},
	);
}
