/**
 * The only place that knows Easypromos's URLs, collection envelope, error bodies and rate limit.
 * Sources: the REST API v2 guide (April 2022, "[doc]") and API-NOTES.md ("[src]" for facts other
 * public sources state). Facts no public source states are marked ASSUMED: each is one line to fix
 * against the live API. Authentication (the Bearer header) lives in the credential, where n8n applies it.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { readHttpFailure } from '../shared/http-failure';
import { withRetry, type RetryPolicy } from '../shared/retry';

export type EasypromosContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** [doc] The production API; the credential's Base URL defaults to it. */
export const EASYPROMOS_BASE_URL = 'https://api.easypromosapp.com/v2';

/** [doc] A collection page holds at most this many items. */
export const EASYPROMOS_PAGE_SIZE = 100;

/** [doc] 200 requests a minute per account; over it, 429 until 60 s after the window's first request. */
export const RATE_LIMIT_PER_WINDOW = 200;
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** How long one request may wait in total on 429s (and brief 503s) unless the user sets otherwise. */
export const DEFAULT_MAX_WAIT_SECONDS = 90;

/** [src: API reference] Collections sort on creation date; the API's default is newest first. */
export const ORDERS = ['created_desc', 'created_asc'] as const;
export type EasypromosOrder = (typeof ORDERS)[number];

const segment = (value: string | number) => encodeURIComponent(String(value));

/** [src: API reference, Airbyte, Pipedream] Every path, relative to the credential's base URL (…/v2). */
export const paths = {
	promotions: () => '/promotions',
	promotion: (promotionId: string) => `/promotions/${segment(promotionId)}`,
	registrationFields: (promotionId: string) => `/promotions/${segment(promotionId)}/registration_fields`,
	organizingBrands: () => '/organizing_brands',
	organizingBrand: (brandId: string) => `/organizing_brands/${segment(brandId)}`,
	organizingBrandPromotions: (brandId: string) => `/organizing_brands/${segment(brandId)}/promotions`,
	stages: (promotionId: string) => `/stages/${segment(promotionId)}`,
	stage: (promotionId: string, stageId: string) => `/stages/${segment(promotionId)}/${segment(stageId)}`,
	users: (promotionId: string) => `/users/${segment(promotionId)}`,
	user: (promotionId: string, userId: string) => `/users/${segment(promotionId)}/${segment(userId)}`,
	autologin: (promotionId: string) => `/users/autologin/${segment(promotionId)}`,
	loginToken: (promotionId: string, userId: string) =>
		`/users/logintoken/${segment(promotionId)}/${segment(userId)}`,
	segments: (promotionId: string) => `/users/segments/${segment(promotionId)}`,
	participations: (promotionId: string) => `/participations/${segment(promotionId)}`,
	participation: (promotionId: string, participationId: string) =>
		`/participations/${segment(promotionId)}/${segment(participationId)}`,
	userParticipations: (promotionId: string, userId: string) =>
		`/participations/${segment(promotionId)}/users/${segment(userId)}`,
	remainingParticipations: (promotionId: string, stageId: string, userId: string) =>
		`/participations/${segment(promotionId)}/remaining/${segment(stageId)}/${segment(userId)}`,
	participate: (promotionId: string, stageId: string) =>
		`/participations/${segment(promotionId)}/participate/${segment(stageId)}`,
	checkRequirement: (promotionId: string, stageId: string) =>
		`/participations/${segment(promotionId)}/check_requirement/${segment(stageId)}`,
	validateCode: (promotionId: string, stageId: string) =>
		`/participations/${segment(promotionId)}/validate_code/${segment(stageId)}`,
	prizes: (promotionId: string) => `/prizes/${segment(promotionId)}`,
	userPrizes: (promotionId: string, userId: string) => `/prizes/${segment(promotionId)}/users/${segment(userId)}`,
	prizeInventory: (promotionId: string) => `/prizes/inventory/${segment(promotionId)}`,
	coinTransactions: (promotionId: string) => `/coin_transactions/${segment(promotionId)}`,
	userCoinTransactions: (promotionId: string, userId: string) =>
		`/coin_transactions/${segment(promotionId)}/users/${segment(userId)}`,
	coinBalance: (promotionId: string, userId: string) => `/coins/${segment(promotionId)}/users/${segment(userId)}`,
	/** [src] The one PUT of the API. */
	coins: (promotionId: string) => `/coins/${segment(promotionId)}`,
	ranking: (promotionId: string) => `/ranking/${segment(promotionId)}`,
	pointsOfSale: (promotionId: string) => `/pos/${segment(promotionId)}`,
};

/**
 * ASSUMED: the bodies of the POST / PUT / DELETE endpoints (the reference's bodies were not readable).
 * They follow the field names of the API's objects (user, coin transaction, requirement).
 */
export const bodies = {
	autologin: (user: {
		externalId: string;
		email?: string;
		firstName?: string;
		lastName?: string;
		nickname?: string;
		extra?: IDataObject;
	}): IDataObject => compact({
		external_id: user.externalId,
		email: user.email,
		first_name: user.firstName,
		last_name: user.lastName,
		nickname: user.nickname,
		...user.extra,
	}),
	segments: (userId: number, segments: string[]): IDataObject => ({ user_id: userId, segments }),
	coinTransaction: (userId: number, amount: number, reason?: string): IDataObject =>
		compact({ user_id: userId, amount, reason }),
	coinBalance: (userId: number, balance: number): IDataObject => ({ user_id: userId, balance }),
	/**
	 * participate / check_requirement / validate_code: the user, by ID or by a user login token, and the
	 * requirement's code when there is one.
	 */
	participation: (user: { userId?: number; loginToken?: string }, code?: string): IDataObject =>
		compact({ user_id: user.userId, login_token: user.loginToken, code }),
};

function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	) as IDataObject;
}

/** [doc] The sub-errors of a 400 `{code, message}`, and what a user can do about each. */
export const ERROR_CODES: Record<number, { meaning: string; hint?: string }> = {
	0: { meaning: 'see the message' },
	10: {
		meaning: 'User has no more participations',
		hint: 'The user has used every participation this stage allows: check Participation → Get Remaining first.',
	},
	20: {
		meaning: 'User Login Token missing or not valid',
		hint: 'Get a fresh token with User → Autologin or User → Get Login Token.',
	},
	30: {
		meaning: 'Requirement is missing or not supported by the API',
		hint: "Send the requirement the stage asks for (e.g. a code); some requirement types can't be met through the API.",
	},
	31: { meaning: 'Requirement - The code is not valid', hint: 'Check the code the participant entered.' },
	32: {
		meaning: 'Requirement - The code was already used',
		hint: 'Each code can be used once: ask the participant for another code.',
	},
	40: {
		meaning: 'External id missing or invalid',
		hint: "Send the user's ID in your own system as External ID.",
	},
	41: {
		meaning: 'Promotion is not active',
		hint: "Check the promotion's status in the Easypromos admin: it must be published.",
	},
	42: {
		meaning: 'Promotion is not open',
		hint: "Check the promotion's start and end dates in the Easypromos admin.",
	},
	43: {
		meaning: 'Autologin is not enabled',
		hint: "Enable Autologin in the promotion's settings in the Easypromos admin.",
	},
	44: {
		meaning: 'Promotion version is not White Label',
		hint: 'The API works only with White Label promotions.',
	},
	45: { meaning: 'Nickname already exists', hint: 'Choose another nickname for the user.' },
	46: { meaning: 'Domain is not authorized for the JS Api call' },
	47: { meaning: 'Email is not valid', hint: 'Fix the email address.' },
	48: { meaning: 'Promotion not valid', hint: 'Check the promotion ID.' },
	49: { meaning: 'Promotion is expired', hint: 'The promotion has ended: pick a running one.' },
	50: {
		meaning: 'Content Type is not a valid JSON',
		hint: 'The request body was not valid JSON: check the values given to the node.',
	},
	51: { meaning: 'Country code is not valid', hint: 'Use a two-letter ISO 3166 country code such as ES or IT.' },
	60: {
		meaning: 'No prizes available to spin the wheel',
		hint: "Add prize units to the wheel in the promotion's admin.",
	},
	61: {
		meaning: "Segment doesn't exist in the account or is not valid for this promotion",
		hint: 'Create the segment in the Easypromos account first, or check its spelling.',
	},
};

export interface EasypromosRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** How long the request may wait in total on 429s before giving up. */
	maxWaitSeconds?: number;
	/** What the request points at, for the 404 message (e.g. "promotion 12, user 5"). */
	about?: string;
}

/** Reads (GET) are retried on 429 and on gateway/availability errors; writes only on 429 and 503. */
function retryPolicy(method: IHttpRequestMethods, maxWaitSeconds: number): RetryPolicy {
	return {
		retryStatuses: method === 'GET' ? [429, 502, 503, 504] : [429, 503],
		maxWaitMs: Math.max(0, maxWaitSeconds) * 1000,
		// [doc] No Retry-After is promised: the window frees at most 60 s after it began, so back off
		// 1, 2, 4 … s up to a whole window.
		fallbackDelayMs: (attempt) => Math.min(RATE_LIMIT_WINDOW_MS, 1000 * 2 ** (attempt - 1)),
	};
}

export async function easypromosRequest(
	this: EasypromosContext,
	method: IHttpRequestMethods,
	path: string,
	options: EasypromosRequestOptions = {},
): Promise<IDataObject> {
	const credentials = await this.getCredentials('easypromosApi');
	const baseUrl = String(credentials.baseUrl || EASYPROMOS_BASE_URL).replace(/\/+$/, '');
	const maxWaitSeconds = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
	const request = async () => {
		const requestOptions: IHttpRequestOptions = {
			method,
			url: `${baseUrl}${path}`,
			qs: options.qs,
			headers: { Accept: 'application/json' },
			json: true,
		};
		if (options.body !== undefined) {
			// [doc] Every POST must say Content-Type: application/json, or the API answers 415.
			requestOptions.body = options.body;
			requestOptions.headers = { ...requestOptions.headers, 'Content-Type': 'application/json' };
		}
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			'easypromosApi',
			requestOptions,
		)) as IDataObject;
	};
	try {
		const response = await withRetry(retryPolicy(method, maxWaitSeconds), request);
		if (response === undefined || response === null || (response as unknown) === '') return {};
		return typeof response === 'object' ? response : { result: response };
	} catch (error) {
		throw easypromosError(this, error, { ...options, maxWaitSeconds, baseUrl });
	}
}

/**
 * [doc] `paging.next_cursor` present and above 0 means there is another page.
 * ASSUMED: a cursor stays valid later on (the trigger resumes an unread stretch from one a poll later).
 */
export function nextCursor(response: IDataObject): string | number | undefined {
	const cursor = (response.paging as IDataObject | undefined)?.next_cursor;
	if (cursor === undefined || cursor === null || cursor === '') return undefined;
	const numeric = Number(cursor);
	if (Number.isFinite(numeric)) return numeric > 0 ? (cursor as string | number) : undefined;
	return cursor as string;
}

/** [doc] A collection reply is `{items: [...], paging: {next_cursor, items_page}}`. */
export function pageItems(response: IDataObject | IDataObject[]): IDataObject[] {
	if (Array.isArray(response)) return response;
	return Array.isArray(response.items) ? (response.items as IDataObject[]) : [];
}

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
	const items: IDataObject[] = [];
	const cursorsSeen = new Set<string>();
	let cursor: string | number | undefined;
	do {
		const page = await easypromosPage.call(this, path, qs, cursor, options);
		items.push(...page.items);
		cursor = page.next;
		// A cursor that comes back twice would loop for ever: stop there.
		if (cursor !== undefined && cursorsSeen.has(String(cursor))) break;
		if (cursor !== undefined) cursorsSeen.add(String(cursor));
	} while (cursor !== undefined && items.length < limit);
	return items.slice(0, limit);
}

/**
 * ASSUMED: item ids are integers that grow with creation, so an id at or below one already seen
 * belongs to an item that was seen too. (The guide only says each item has a unique ID.)
 */
export function isAtOrBefore(id: unknown, seenIds: Array<string | number>): boolean {
	const numericId = Number(id);
	if (!Number.isFinite(numericId) || id === '' || id === null) return false;
	const numericSeen = seenIds.map(Number).filter(Number.isFinite);
	return numericSeen.length > 0 && numericId <= Math.max(...numericSeen);
}

/**
 * [src] Coin transactions come as `{transaction: {...}, user: {...}}`. Simplified: the transaction's
 * fields at the top level and the user's beside them as `user_<field>`.
 */
export function flattenCoinTransaction(item: IDataObject): IDataObject {
	const transaction = item.transaction as IDataObject | undefined;
	if (!transaction || typeof transaction !== 'object') return item;
	const flat: IDataObject = { ...transaction };
	const user = item.user as IDataObject | undefined;
	if (user && typeof user === 'object') {
		for (const [field, value] of Object.entries(user)) {
			const key = field === 'id' ? 'user_id' : `user_${field}`;
			if (!(key in flat)) flat[key] = value;
		}
	}
	return flat;
}

/**
 * ASSUMED: the webhook payloads mirror the API objects, possibly wrapped with an event name. The
 * event is read from an `event` / `type` / `event_type` field when there is one, else from the shape.
 */
export type WebhookEvent = 'user' | 'participation' | 'coinTransaction' | 'other';
export function classifyWebhook(payload: IDataObject): WebhookEvent {
	const named = String(payload.event ?? payload.event_type ?? payload.type ?? '').toLowerCase();
	if (named) {
		if (/coin|transaction|balance/.test(named)) return 'coinTransaction';
		if (/particip|prize/.test(named)) return 'participation';
		if (/user|regist/.test(named)) return 'user';
		return 'other';
	}
	const wrapped = payload.data && typeof payload.data === 'object' && !Array.isArray(payload.data);
	const data = (wrapped ? payload.data : payload) as IDataObject;
	if (data.transaction || 'coin_id' in data) return 'coinTransaction';
	if ('stage_id' in data && 'user_id' in data) return 'participation';
	if ('login_type' in data || 'email' in data) return 'user';
	return 'other';
}

interface ErrorContext extends EasypromosRequestOptions {
	baseUrl?: string;
}

/** Turns a failed call into a NodeApiError whose message says what happened and what to check. */
export function easypromosError(context: EasypromosContext, error: unknown, details: ErrorContext = {}): Error {
	const failure = readHttpFailure(error);
	const node = context.getNode();
	const body = failure.body && typeof failure.body === 'object' ? (failure.body as JsonObject) : undefined;
	const apiError = (message: string, description?: string) =>
		new NodeApiError(node, body ?? ({ message } as JsonObject), {
			itemIndex: details.itemIndex,
			httpCode: failure.status ? String(failure.status) : undefined,
			message,
			description,
		});

	switch (failure.status) {
		case undefined:
			// (n8n rewrites a message that names a network error code, so the cause goes in the description.)
			return apiError(
				`Could not reach Easypromos at ${details.baseUrl ?? 'the base URL'}`,
				`Check the Base URL in the credential and the network between n8n and Easypromos. Cause: ${failure.message}`,
			);
		case 400:
			return describeCodeError(body, apiError);
		case 401:
			return apiError(
				'Easypromos rejected the access token (HTTP 401): it is invalid or expired',
				'Tokens last 30 days by default. Make a new one in the Utilities menu of your Easypromos account and paste it into the credential.',
			);
		case 403:
			return apiError(
				'Easypromos refused access (HTTP 403): the account or this token may not use this resource',
				"The REST API needs a White Label or Corporate plan, doesn't export Premium or Basic promotions, and a token can be limited to some promotions: check the plan and the token's permissions.",
			);
		case 404:
			return apiError(
				`Easypromos found no such item (HTTP 404)${details.about ? `: check ${details.about}` : ''}`,
				'The IDs must exist and belong to the account of the access token.',
			);
		case 415:
			return apiError(
				'Easypromos refused the request body (HTTP 415): it must be sent as application/json',
				'The node always sends JSON; a proxy between n8n and Easypromos may have changed the request.',
			);
		case 429:
			return apiError(
				`Easypromos rate limit still exceeded after waiting ${details.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS} s (HTTP 429)`,
				`The account may make ${RATE_LIMIT_PER_WINDOW} requests a minute, shared by every workflow and app using it. Raise "Max Wait on Rate Limit (Seconds)" in the node's options, or run fewer requests at once.`,
			);
		case 500:
			return apiError(
				'Easypromos had an internal error (HTTP 500)',
				'Try again later; if it keeps happening, write to support@easypromosapp.com with the time of the request.',
			);
		case 503:
			return apiError(
				'Easypromos is unavailable at the moment (HTTP 503)',
				'The node retried for as long as its max wait allows: try again later.',
			);
		default:
			return apiError(
				failure.status >= 500
					? `Easypromos had a server error (HTTP ${failure.status}): try again later`
					: `Easypromos answered HTTP ${failure.status}`,
			);
	}
}

function describeCodeError(
	body: JsonObject | undefined,
	apiError: (message: string, description?: string) => NodeApiError,
): NodeApiError {
	const code = body?.code === undefined || body.code === null ? undefined : Number(body.code);
	const serverMessage = typeof body?.message === 'string' ? body.message : '';
	const known = code === undefined ? undefined : ERROR_CODES[code];
	if (!known) {
		return apiError(
			`Easypromos could not complete the request (HTTP 400${code !== undefined ? `, code ${code}` : ''})${
				serverMessage ? `: ${serverMessage}` : ''
			}`,
		);
	}
	const meaning = code === 0 ? serverMessage || 'no reason given' : known.meaning;
	const saidMore =
		code !== 0 && serverMessage && serverMessage.toLowerCase() !== known.meaning.toLowerCase()
			? ` Easypromos said: "${serverMessage}".`
			: '';
	return apiError(
		`Easypromos could not complete the request: ${meaning} (code ${code})`,
		`${known.hint ?? ''}${saidMore}`.trim() || undefined,
	);
}
