/**
 * The only place that knows Leevia's URLs, headers, sign-in signature and pagination envelope
 * (API v1 document, December 2022: "[doc]"). The credential applies the headers, because n8n runs
 * its authenticate; it takes them from here.
 */
import { createHmac } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IPollFunctions,
} from 'n8n-workflow';

import {
	openCredentialSession,
	type CredentialSession,
} from '../../shared/http/credential-session';
import { brokenJsonReply, type WriteRecord } from '../../shared/http/http-failure';
import { readAllPages } from '../../shared/http/pagination';
import { defaultRequestTimeoutMs } from '../../shared/http/request-timeout';
import { withRetry, type RetryLog, type RetryPolicy } from '../../shared/http/retry';
import { isTransientSignInFailure, leeviaError } from './errors';

export type LeeviaContext = IExecuteFunctions | IPollFunctions;

/** [doc] The media type that selects API v1; Leevia requires it on every request. */
export const LEEVIA_ACCEPT = 'application/vnd.leevia.api.v1+json';

/** [doc] The kinds of product an API key can belong to, as the editor names them. */
export const LEEVIA_PRODUCT_TYPES = [
	{ name: 'Contest (Campaign)', value: 'campaigns' },
	{ name: 'Loyalty Portal', value: 'loyalty_portals' },
	{ name: 'WhatsApp Campaign', value: 'whatsapp_campaigns' },
] as const;
export type LeeviaProductType = (typeof LEEVIA_PRODUCT_TYPES)[number]['value'];

/** [doc] Leevia pages hold at most this many records. */
export const LEEVIA_PAGE_SIZE = 100;

export interface LeeviaProduct {
	productType: LeeviaProductType;
	productId: string;
}

/** [doc] The credential stores the host only; the API lives under this path. */
export function leeviaApiRoot(baseUrl: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/api/v1`;
}

/** [doc] The sign-in signature: hex HMAC-SHA256 of "<api_key>.<timestamp>", keyed with the API secret. */
export function leeviaSignature(
	apiKey: string,
	apiSecret: string,
	timestamp: number | string,
): string {
	return createHmac('sha256', apiSecret).update(`${apiKey}.${timestamp}`).digest('hex');
}

const segment = (value: string) => encodeURIComponent(value);

/** [doc] Every path, relative to the API root. */
export const paths = {
	authenticate: (product: LeeviaProduct) =>
		`/${product.productType}/${segment(product.productId)}/authenticate`,
	participants: (product: LeeviaProduct) =>
		`/${product.productType}/${segment(product.productId)}/participants`,
	instantWinParticipants: (campaignId: string) =>
		`/campaigns/instant_wins/${segment(campaignId)}/participants`,
	portalCampaigns: (portalId: string) => `/loyalty_portals/${segment(portalId)}/campaigns`,
};

/** [doc] A list reply: `{<collection>: [...], pagination: {current, next_page, pages, count, ...}}`. */
export interface LeeviaPagination {
	current?: number;
	next_page?: number | null;
	per_page?: number;
	pages?: number;
	count?: number;
}

/**
 * ASSUMED: the participant export lists participants in ascending `id` order and appends new ones
 * at the end, so that a poll can read on from the page where the previous one ended. The
 * document's example is in that order, but its words do not promise it; the trigger checks it on
 * every poll and reads the export whole when it does not hold. `false` makes every poll read whole.
 * ASSUMED too: a page past the last one answers with an empty list (as `next_page` is null there),
 * not with an error; the trigger asks for one only after participants were deleted.
 */
export const LEEVIA_EXPORT_APPENDS = true;

export interface LeeviaRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	/** A body that can be sent once only (multipart), built afresh for every attempt. */
	buildBody?: () => unknown;
	itemIndex?: number;
	/** A write's record, named in the message when its outcome is unknown (reply lost or cut off). */
	record?: WriteRecord;
	/** Whether Leevia answered earlier in this run: a refused connection is then retried on a read. */
	answeredBefore?: boolean;
	/** How long to wait for a reply, in milliseconds; REQUEST_TIMEOUT_MS unless told. */
	timeoutMs?: number;
	/** The credential, read once for the many requests of a list; read here when not given. */
	session?: CredentialSession;
}

// [doc] Leevia documents 500 and 503 ("temporarily offline for maintenance"). Reads may be retried
// on either, and when the reply was lost or cut off; a registration only on 503, which says the
// request was not processed. The document names no rate limit, so a 429 is treated like a 503 in
// case one is added. A sign-in that failed for a while (the credential's words) sent nothing else.
const READ_RETRY: RetryPolicy = {
	retryStatuses: [429, 500, 502, 503, 504],
	retryNetworkFailures: true,
	retryAlso: isTransientSignInFailure,
	maxRetries: 4,
	maxWaitMs: 60_000,
	fallbackDelayMs: (attempt) => 1000 * 2 ** (attempt - 1),
};
const WRITE_RETRY: RetryPolicy = {
	...READ_RETRY,
	retryStatuses: [429, 503],
	retryNetworkFailures: false,
};

/** The product the credential belongs to, unless the node names another one. */
export async function resolveProduct(
	context: LeeviaContext,
	override: { productType?: string; productId?: string } = {},
): Promise<LeeviaProduct> {
	const credentials = await context.getCredentials('leeviaApi');
	return {
		productType: (override.productType || credentials.productType) as LeeviaProductType,
		productId: String(override.productId || credentials.productId || '').trim(),
	};
}

export async function leeviaRequest(
	this: LeeviaContext,
	method: IHttpRequestMethods,
	path: string,
	options: LeeviaRequestOptions = {},
): Promise<IDataObject> {
	const session = options.session ?? (await openCredentialSession(this, 'leeviaApi'));
	const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs();
	const request = async () => {
		const requestOptions: IHttpRequestOptions = {
			method,
			url: `${leeviaApiRoot(String(session.data.baseUrl))}${path}`,
			qs: options.qs,
			json: true,
			timeout: timeoutMs,
		};
		const body = options.buildBody ? options.buildBody() : options.body;
		if (body !== undefined) requestOptions.body = body as IDataObject;
		const reply: unknown = await session.request(requestOptions);
		const cut = brokenJsonReply(reply);
		if (cut) throw cut;
		return reply as IDataObject;
	};
	const read = method === 'GET';
	const policy = read ? { ...READ_RETRY, retryUnreachable: options.answeredBefore } : WRITE_RETRY;
	const log: RetryLog = { attempts: 0 };
	try {
		return await withRetry(policy, request, log);
	} catch (error) {
		throw leeviaError(this, error, {
			itemIndex: options.itemIndex,
			record: read ? undefined : options.record,
			write: !read,
			attempts: log.attempts,
			timeoutMs,
		});
	}
}

/** One page of a list: its records, and where the list stands. */
export async function leeviaPage(
	this: LeeviaContext,
	path: string,
	qs: IDataObject,
	page: number,
	options: LeeviaRequestOptions = {},
): Promise<{ records: IDataObject[]; pagination: LeeviaPagination }> {
	const response = await leeviaRequest.call(this, 'GET', path, {
		...options,
		qs: { ...qs, page },
	});
	// [doc] The records sit under the collection's name, which is the path's last segment.
	const collection = path.slice(path.lastIndexOf('/') + 1);
	return {
		records: (response[collection] as IDataObject[] | undefined) ?? [],
		pagination: (response.pagination ?? {}) as LeeviaPagination,
	};
}

/** [doc] The page after `page`, or undefined on the last page (an empty page ends the list too). */
export function leeviaNextPage(
	page: number,
	current: { records: IDataObject[]; pagination: LeeviaPagination },
): number | undefined {
	const next = Number(current.pagination.next_page);
	// A next page that is not after this one would read the same pages again, for ever.
	return current.records.length && Number.isInteger(next) && next > page ? next : undefined;
}

/** Follows Leevia's page numbers until `limit` records are in hand or the last page is read. */
export async function leeviaRequestAllItems(
	this: LeeviaContext,
	path: string,
	qs: IDataObject,
	limit = Infinity,
	options: LeeviaRequestOptions = {},
): Promise<IDataObject[]> {
	const session = options.session ?? (await openCredentialSession(this, 'leeviaApi'));
	return await readAllPages<IDataObject, number>(
		async (page = 1, progress) => {
			const current = await leeviaPage.call(this, path, qs, page, {
				...options,
				session,
				answeredBefore: progress.pages > 0,
			});
			return { items: current.records, next: leeviaNextPage(page, current) };
		},
		limit,
		// [doc] The records are named by the path's last segment: participants, campaigns.
		path.slice(path.lastIndexOf('/') + 1),
	);
}
