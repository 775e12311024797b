/**
 * The only place that knows Leevia's URLs, pagination envelope and error bodies (API v1 document,
 * December 2022). Authentication headers live in the credential, because n8n applies them.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { readHttpFailure } from '../shared/http-failure';
import { withRetry, type RetryPolicy } from '../shared/retry';
import { leeviaApiRoot, type LeeviaProductType } from './constants';

type LeeviaContext = IExecuteFunctions | IPollFunctions;

/** Leevia pages hold at most this many records. */
export const LEEVIA_PAGE_SIZE = 100;

export interface LeeviaProduct {
	productType: LeeviaProductType;
	productId: string;
}

interface LeeviaPagination {
	current?: number;
	next_page?: number | null;
	pages?: number;
	count?: number;
}

// Leevia documents 500 and 503 ("temporarily offline for maintenance"). Reads may be retried on
// either; a registration only on 503, which says the request was not processed. The document
// names no rate limit, so a 429 is treated like a 503 in case one is added.
const READ_RETRY: RetryPolicy = {
	retryStatuses: [429, 500, 502, 503, 504],
	maxRetries: 4,
	maxWaitMs: 60_000,
	fallbackDelayMs: (attempt) => 1000 * 2 ** (attempt - 1),
};
const WRITE_RETRY: RetryPolicy = { ...READ_RETRY, retryStatuses: [429, 503] };

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
	options: { qs?: IDataObject; body?: IDataObject; buildBody?: () => unknown; itemIndex?: number } = {},
): Promise<IDataObject> {
	const credentials = await this.getCredentials('leeviaApi');
	const request = async () => {
		const requestOptions: IHttpRequestOptions = {
			method,
			url: `${leeviaApiRoot(String(credentials.baseUrl))}${path}`,
			qs: options.qs,
			json: true,
		};
		// A multipart body can be sent once only, so it is built afresh for every attempt.
		const body = options.buildBody ? options.buildBody() : options.body;
		if (body !== undefined) requestOptions.body = body as IDataObject;
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			'leeviaApi',
			requestOptions,
		)) as IDataObject;
	};
	try {
		return await withRetry(method === 'GET' ? READ_RETRY : WRITE_RETRY, request);
	} catch (error) {
		throw leeviaError(this, error, options.itemIndex);
	}
}

/** Follows Leevia's page numbers until `limit` records are in hand or the last page is read. */
export async function leeviaRequestAllPages(
	this: LeeviaContext,
	path: string,
	collectionKey: 'participants' | 'campaigns',
	qs: IDataObject,
	limit = Infinity,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let page = 1; records.length < limit; ) {
		const response = await leeviaRequest.call(this, 'GET', path, { qs: { ...qs, page }, itemIndex });
		const pageRecords = (response[collectionKey] as IDataObject[] | undefined) ?? [];
		records.push(...pageRecords);
		const pagination = (response.pagination ?? {}) as LeeviaPagination;
		const nextPage = Number(pagination.next_page);
		if (!pageRecords.length || !Number.isInteger(nextPage) || nextPage <= page) break;
		page = nextPage;
	}
	return records.slice(0, limit);
}

/** Turns Leevia's error replies into messages that say what to fix. */
export function leeviaError(context: LeeviaContext, error: unknown, itemIndex?: number): Error {
	const failure = readHttpFailure(error);
	const node = context.getNode();
	const errors = ((failure.body as IDataObject | undefined)?.errors ?? undefined) as
		| IDataObject
		| undefined;
	const options = { itemIndex, httpCode: failure.status ? String(failure.status) : undefined };
	const apiError = (message: string, description?: string) =>
		new NodeApiError(node, ((failure.body as JsonObject | undefined) ?? { message }) as JsonObject, {
			...options,
			message,
			description,
		});

	switch (failure.status) {
		case undefined:
			// No HTTP answer: the host is unreachable, or the sign-in failed (its message says why).
			if (failure.networkCode) {
				// (n8n rewrites a message that names a network error code, so the code goes in the description.)
				return apiError(
					'Could not reach Leevia: check the Base URL in the credential',
					`The connection failed with ${failure.networkCode}.`,
				);
			}
			return apiError(failure.message);
		case 401:
			return apiError(
				'Leevia refused the request (HTTP 401) even after signing in again: check the API key, the API secret, the product type and the product ID in the credential',
			);
		case 403:
			return apiError(
				'Leevia forbids this request (HTTP 403): check that the product type and ID belong to the account of the API key in the credential',
			);
		case 404:
			return apiError(
				'Leevia found no such contest or product (HTTP 404): check the campaign ID or product ID',
			);
		case 422:
			return apiError(describeValidationErrors(errors) ?? 'Leevia rejected the request (HTTP 422)');
		case 400:
			return apiError(
				'Leevia says the request is invalid (HTTP 400)',
				describeValidationErrors(errors) ?? undefined,
			);
		case 503:
			return apiError('Leevia is offline for maintenance (HTTP 503): try again later');
		default:
			return apiError(
				failure.status >= 500
					? `Leevia had a server error (HTTP ${failure.status}): try again later`
					: `Leevia answered HTTP ${failure.status}`,
			);
	}
}

/**
 * `{errors: {email: ["has already been taken"], rules: [...]}}` → "email: has already been taken; rules: ...";
 * `{errors: {parameters_missing: {param: "x"}}}` → "missing required field x";
 * `{errors: {campaign: ["not online", "ended on ..."]}}` → the contest is not online, and why.
 */
export function describeValidationErrors(errors: IDataObject | undefined): string | undefined {
	if (!errors || typeof errors !== 'object') return undefined;
	const parts: string[] = [];
	for (const [field, value] of Object.entries(errors)) {
		if (field === 'parameters_missing') {
			const param = (value as IDataObject | undefined)?.param;
			parts.push(`missing required field ${Array.isArray(param) ? param.join(', ') : String(param)}`);
		} else if (field === 'campaign') {
			const reasons = (Array.isArray(value) ? value : [value]).map(String);
			const why = reasons.filter((reason) => reason !== 'not online');
			parts.push(
				`the contest is not online${why.length ? `: ${why.join(', ')}` : ' (it has not started yet)'}`,
			);
		} else {
			parts.push(`${field}: ${(Array.isArray(value) ? value : [value]).map(String).join(', ')}`);
		}
	}
	return parts.length ? parts.join('; ') : undefined;
}
