/**
 * The only place that knows SPREAD's URLs, envelopes, wire names and paging (error bodies: errors.ts).
 * Sources: the cagnotte document (spread-cagnottes-api.txt, "[doc]", in French) and API-NOTES.md, which
 * quotes SPREAD's help centre and its e-commerce module ("[src]"). What no public source states is
 * marked ASSUMED: each is one line to fix against the live API. Basic authentication and the time zone
 * live in the credential.
 *
 * ASSUMED, read where the document is silent:
 * - `count` is the number of records on this page (not the list's total); a page shorter than the page
 *   size asked for, or empty, is the last one, whatever `nextPageUrl` says ([doc]'s own example carries
 *   a `nextPageUrl` on a page that holds the whole list).
 * - The other v2 lists take the cagnottes' filters and `startAt`, and their page size as `maxResult`
 *   (sponsorships: `maxResults` [src]); a page size above 5,000 is never sent ([doc] caps cagnottes).
 * - Dates in filters are sent as `YYYY-MM-DD HH:MM:SS` in the account's time zone, as dates come back.
 * - `createdAfter` on cagnotte lines compares `cagnotteLineDate`; on the other lists `createdAt`.
 * - Error bodies: JSON with the words in `message` or `error` (a string or `{message}`); see errors.ts.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import {
	openCredentialSession,
	type CredentialSession,
} from '../../shared/http/credential-session';
import { brokenJsonReply, readHttpFailure, type WriteRecord } from '../../shared/http/http-failure';
import { readAllPages } from '../../shared/http/pagination';
import { defaultRequestTimeoutMs } from '../../shared/http/request-timeout';
import { withRetry, type RetryLog, type RetryPolicy } from '../../shared/http/retry';
import { redirectError, spreadError } from './errors';

export type SpreadContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** [doc] The API's root; v2 lives under /v2, the v1 writes at the root [src]. */
export const SPREAD_BASE_URL = 'https://social-sb.com/api';

/** ASSUMED: the platform's dates are wall-clock times of the account, which is French by default. */
export const SPREAD_TIME_ZONE = 'Europe/Paris';

/** [doc] maxResult is at most 5000; we ask for full pages, the fewest requests an export can take. */
export const SPREAD_MAX_PAGE_SIZE = 5000;

/** How long one request may wait in total on 429s (and 5xx on reads) unless the user sets otherwise. */
export const DEFAULT_MAX_WAIT_SECONDS = 60;

/** Redirects a write follows, each with its method and body kept. */
export const MAX_WRITE_REDIRECTS = 5;

const segment = (value: string | number) => encodeURIComponent(String(value));

/** Every path, relative to the credential's base URL (…/api). */
export const paths = {
	/** [doc] POST adds a cagnotte line; GET lists them. The document writes it with a final slash. */
	cagnottes: () => '/v2/cagnottes/',
	/** [src] The other v2 reads. */
	customers: () => '/v2/customers',
	customer: (id: string) => `/v2/customers/${segment(id)}`,
	campaigns: () => '/v2/campaigns',
	campaign: (id: string) => `/v2/campaigns/${segment(id)}`,
	participations: () => '/v2/participations',
	participation: (id: string) => `/v2/participations/${segment(id)}`,
	sponsorships: () => '/v2/sponsorships',
	orders: () => '/v2/orders',
	/** ASSUMED: the path takes the shop's order reference (the record's `orderId`), as its name says. */
	order: (orderId: string) => `/v2/orders/${segment(orderId)}`,
	/** [src] API v1: form-encoded `data[...]` writes. */
	createAccount: () => '/CreateAccount',
	updateAccount: () => '/UpdateAccount',
	createOrder: () => '/CreateOrder',
	updateOrder: () => '/UpdateOrder',
};

/** [src] The key of a list reply's records: the path's last segment (`{cagnottes: [...]}`). */
export function envelopeKey(path: string): string {
	const parts = path.split('/').filter(Boolean);
	return parts[parts.length - 1] ?? '';
}

/** [doc] `maxResult` on cagnottes; [src] `maxResults` on sponsorships; ASSUMED `maxResult` elsewhere. */
export function pageSizeName(path: string): string {
	return envelopeKey(path) === 'sponsorships' ? 'maxResults' : 'maxResult';
}

/** [doc] The cagnottes' filters, with the document's spellings (`createBefore`, sic). */
export const FILTER_NAMES = {
	createdAfter: 'createdAfter',
	createdBefore: 'createBefore',
	modifiedAfter: 'modifiedAfter',
	modifiedBefore: 'modifiedBefore',
	customerId: 'customerId',
	cagnotteId: 'cagnotteId',
	campaignId: 'campaignId',
	minAmount: 'minAmount',
	maxAmount: 'maxAmount',
	amount: 'amount',
} as const;
export type FilterName = keyof typeof FILTER_NAMES;

/** The field each list's `createdAfter` compares, and each record's own id, for the trigger. */
export const RECORD_KEYS: Record<string, { date: string; id: string }> = {
	cagnottes: { date: 'cagnotteLineDate', id: 'cagnotteLineId' },
	customers: { date: 'createdAt', id: 'id' },
	participations: { date: 'createdAt', id: 'id' },
	sponsorships: { date: 'createdAt', id: 'id' },
	orders: { date: 'createdAt', id: 'id' },
};

/**
 * Fields that hold amounts, balances and counts, sent as strings ([doc]: "amount": "5"); ids stay
 * strings. ASSUMED for the fields of the other reads [src lists their names, not their types].
 */
export const NUMBER_FIELDS = ['amount', 'cagnotteAmount', 'actionCount', 'count'];

/** The customer of a points operation: by email or by SPREAD's id. */
export type CustomerKey = { email: string } | { customerId: string };

/** Request bodies and v1 form fields. */
export const bodies = {
	/**
	 * [doc] The example's body, which the document's text contradicts ("contact", "cagnotteAmount"):
	 * `{customer: {email}, cagnotte: {amount}}`. ASSUMED: a customer given by SPREAD's id goes as
	 * `customer.id`, the name the reply gives it. Removing points sends a negative amount [src].
	 */
	cagnotteLine: (customer: CustomerKey, amount: number): IDataObject => ({
		customer: 'email' in customer ? { email: customer.email } : { id: customer.customerId },
		cagnotte: { amount },
	}),
};

/** [src] The v1 form's field names, wrapped as `data[<name>]`. */
export const V1_FIELDS = {
	email: 'customer_email',
	externalId: 'external_id',
	lastName: 'customer_name',
	firstName: 'customer_firstname',
	optIn: 'customer_isoptin',
	gender: 'customer_gender',
	address: 'customer_address',
	zip: 'customer_cp',
	city: 'customer_city',
	country: 'customer_country',
	phone: 'customer_tel',
	mobile: 'customer_mobile',
	birthday: 'customer_birthday',
	language: 'customer_lang',
	company: 'customer_company',
	addTags: 'add_tag',
	removeTags: 'del_tag',
	customFields: 'custom_fields',
	orderId: 'order_idorder',
	orderAmount: 'order_amount',
	orderState: 'order_state',
	orderDate: 'date',
} as const;

/** [src] 1 / 0 / -1. */
export const OPT_IN_VALUES: Record<string, string> = { yes: '1', no: '0', notAsked: '-1' };

/** ASSUMED: the gender as one letter. */
export const GENDER_VALUES: Record<string, string> = { female: 'F', male: 'M' };

/**
 * How the contact output (helpers/contact.ts) reads SPREAD's persons. [src] A customer carries
 * firstName, lastName, email, phone, mobile, address, zip, city, country, lang, birthday, gender,
 * cagnotteAmount, custom_fields, createdAt; a participation customerId, campaignId, isWinner; a
 * sponsorship godfatherId (referrer) and godsonId (referee). [doc] A cagnotte line carries customerId,
 * campaignId, amount, cagnotteLineDate; the points reply adds `customer: {id, cagnotteAmount}`.
 * ASSUMED, each one line to fix:
 * - `gender` is the letter of GENDER_VALUES; `birthday` a date (`YYYY-MM-DD`, perhaps with a time).
 * - the customer's marketing opt-in comes back as `isOptin`, with the values v1 takes (OPT_IN_VALUES:
 *   1 yes, 0 no, -1 not asked: no consent stated).
 * - `isWinner` "1" / "0" says whether the participation won.
 * - the points reply's `cagnotteAmount` is the balance after the line it added.
 */
export const CUSTOMER_OPT_IN_FIELD = 'isOptin';

/** A v1 form as `data[name]=value`, lists as `data[name][]`, maps as `data[name][key]`. */
export function v1Form(fields: Record<string, string | string[] | Record<string, string>>): string {
	const form = new URLSearchParams();
	for (const [name, value] of Object.entries(fields)) {
		if (Array.isArray(value)) for (const entry of value) form.append(`data[${name}][]`, entry);
		else if (typeof value === 'object')
			for (const [key, entry] of Object.entries(value)) form.append(`data[${name}][${key}]`, entry);
		else form.append(`data[${name}]`, value);
	}
	return form.toString();
}

/**
 * ASSUMED: v1 answers `{datas: {...}}`; a refusal may come with a success status and `error` or
 * `status: "error"` in the body: that is a refusal too (nothing was written).
 */
export function v1Result(reply: IDataObject): { datas?: IDataObject; refusal?: string } {
	const status = typeof reply.status === 'string' ? reply.status.toLowerCase() : '';
	const error = reply.error ?? reply.errors;
	if (status === 'error' || (error !== undefined && error !== null && error !== false)) {
		const words = typeof error === 'string' ? error : (reply.message ?? JSON.stringify(error));
		return { refusal: String(words) };
	}
	const datas = reply.datas;
	return { datas: datas && typeof datas === 'object' ? (datas as IDataObject) : reply };
}

export interface SpreadRequestOptions {
	qs?: IDataObject;
	/** A JSON body (v2). */
	body?: IDataObject;
	/** A form-encoded body (v1), from v1Form. */
	form?: string;
	itemIndex?: number;
	/** How long the request may wait in total on 429s (reads: and 5xx) before giving up. */
	maxWaitSeconds?: number;
	/** What the request points at, for the 404 message (e.g. "customer ID 12"). */
	about?: string;
	/** A write's record, named in the message when its outcome is unknown. */
	record?: WriteRecord;
	/** A removal of points: a refusal that speaks of the balance is worded as such. */
	removal?: { amount: number; customer: string };
	/** Whether SPREAD answered earlier in this run: a refused connection is then retried on a read. */
	answeredBefore?: boolean;
	/** How long to wait for a reply, in milliseconds. */
	timeoutMs?: number;
	/** The credential, read once for the many requests of a list; read here when not given. */
	session?: CredentialSession;
}

/** The base URL of the credential, without a final slash. */
export function baseUrlOf(session: CredentialSession): string {
	return String(session.data.baseUrl || SPREAD_BASE_URL).replace(/\/+$/, '');
}

/**
 * Reads retry 429 and every 5xx, and a reply lost, late or cut off; writes retry only 429, which says
 * the request was not carried out: on a 5xx or a lost reply the points may have been added.
 */
function retryPolicy(
	method: IHttpRequestMethods,
	maxWaitSeconds: number,
	options: SpreadRequestOptions,
): RetryPolicy {
	const read = method === 'GET';
	return {
		retryStatuses: read ? [429, 500, 502, 503, 504] : [429],
		retryNetworkFailures: read,
		retryUnreachable: read && options.answeredBefore === true,
		maxWaitMs: Math.max(0, maxWaitSeconds) * 1000,
		// No rate limit is documented: back off 1, 2, 4 … s, at most 30 s, unless Retry-After says.
		fallbackDelayMs: (attempt) => Math.min(30_000, 1000 * 2 ** (attempt - 1)),
	};
}

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

export async function spreadRequest(
	this: SpreadContext,
	method: IHttpRequestMethods,
	path: string,
	options: SpreadRequestOptions = {},
): Promise<IDataObject> {
	const session = options.session ?? (await openCredentialSession(this, 'spreadApi'));
	const baseUrl = baseUrlOf(session);
	const maxWaitSeconds = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
	const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs();
	const write = method !== 'GET';
	const send = async (url: string) => {
		const requestOptions: IHttpRequestOptions = {
			method,
			url,
			qs: options.qs,
			headers: { Accept: 'application/json' },
			json: true,
			timeout: timeoutMs,
		};
		if (options.body !== undefined) {
			requestOptions.body = options.body;
			requestOptions.headers = { ...requestOptions.headers, 'Content-Type': 'application/json' };
		} else if (options.form !== undefined) {
			requestOptions.body = options.form;
			requestOptions.headers = {
				...requestOptions.headers,
				'Content-Type': 'application/x-www-form-urlencoded',
			};
		}
		if (!write) return await session.request(requestOptions);
		// [doc] SPREAD's sample follows redirects on POST (CURL_REDIR_POST_ALL). n8n's client would turn a
		// 301/302 into a GET without the body, which adds no points and reports success: a write follows
		// redirects here, itself, with its method and body. It asks for the whole reply, because n8n 1.x
		// drops a failed reply's headers (the Location) from the error it throws.
		requestOptions.disableFollowRedirect = true;
		requestOptions.returnFullResponse = true;
		requestOptions.ignoreHttpStatusErrors = true;
		const reply = (await session.request(requestOptions)) as FullReply;
		const status = Number(reply.statusCode);
		if (status >= 300) throw httpStatusError(status, reply);
		return reply.body;
	};
	const request = async () => {
		let url = `${baseUrl}${path}`;
		for (let hops = 0; ; hops++) {
			const outcome = await settle(async () => await send(url));
			if ('error' in outcome) {
				const failure = readHttpFailure(outcome.error);
				const location = failure.headers.location;
				if (!write || !REDIRECT_STATUSES.includes(failure.status ?? 0) || !location)
					throw outcome.error;
				const target = new URL(location, url);
				// Only on the same host: the keys must not travel elsewhere; a loop ends too.
				if (hops >= MAX_WRITE_REDIRECTS || target.hostname !== new URL(url).hostname)
					throw redirectError(this, failure, target, baseUrl, options.itemIndex);
				url = target.toString();
				continue;
			}
			const cut = brokenJsonReply(outcome.reply);
			if (cut) throw cut;
			return outcome.reply as IDataObject;
		}
	};
	const log: RetryLog = { attempts: 0 };
	try {
		const response = await withRetry(retryPolicy(method, maxWaitSeconds, options), request, log);
		if (response === undefined || response === null || (response as unknown) === '') return {};
		return typeof response === 'object' ? response : { result: response };
	} catch (error) {
		throw spreadError(this, error, {
			...options,
			maxWaitSeconds,
			baseUrl,
			method,
			attempts: log.attempts,
			timeoutMs,
		});
	}
}

/**
 * ASSUMED: a read of one record answers the record itself, or wraps it under its singular name
 * (`{customer: {...}}`) or as the only entry of the list's envelope; each is unwrapped.
 */
export function unwrapOne(path: string, reply: IDataObject): IDataObject {
	const parts = path.split('/').filter(Boolean);
	const plural = parts[parts.length - 2] ?? '';
	const singular = plural.replace(/s$/, '');
	if (reply[singular] && typeof reply[singular] === 'object' && !Array.isArray(reply[singular]))
		return reply[singular] as IDataObject;
	const list = reply[plural];
	if (Array.isArray(list) && list.length === 1) return list[0] as IDataObject;
	return reply;
}

/** [doc] `startAt` of the reply's `nextPageUrl`, read, not followed: its scheme may be http. */
export function nextStartAt(response: IDataObject): number | undefined {
	const next = response.nextPageUrl;
	if (typeof next !== 'string' || !next) return undefined;
	try {
		const startAt = Number(new URL(next, 'https://spread.invalid').searchParams.get('startAt'));
		return Number.isInteger(startAt) && startAt >= 0 ? startAt : undefined;
	} catch {
		return undefined;
	}
}

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

/** Every record of a v2 list, or the first `limit`, page after page. */
export async function spreadRequestAllItems(
	this: SpreadContext,
	path: string,
	qs: IDataObject,
	limit = Infinity,
	options: SpreadRequestOptions = {},
): Promise<IDataObject[]> {
	const session = options.session ?? (await openCredentialSession(this, 'spreadApi'));
	return await readAllPages(
		async (startAt: number | undefined, progress) =>
			await spreadPage.call(this, path, qs, startAt, {
				...options,
				session,
				answeredBefore: progress.pages > 0,
				// No more than the limit asks for: a Limit of 10 reads 10 records, not 5,000.
				pageSize: Number.isFinite(limit) ? Math.max(1, limit - progress.items) : undefined,
			}),
		limit,
		envelopeKey(path) === 'cagnottes' ? 'cagnotte lines' : envelopeKey(path),
	);
}
