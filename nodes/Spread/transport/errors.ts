/**
 * SPREAD's error replies -> messages that say what happened and what to do; the description carries
 * SPREAD's own words and the HTTP status. The document describes no error body: ASSUMED, the words are
 * in `message`, or in `error` (a string or `{message}`), or `errors` (a list), or the body is text.
 */
import type { NodeApiError } from 'n8n-workflow';

import type { ApiError } from '../../shared/http/binding';
import type { RequestContext } from '../../shared/http/credential-session';
import { vendorApiError, type HttpFailure } from '../../shared/http/http-failure';
import { triesWords, type FailedCall } from '../../shared/http/no-answer';

/** The parameter of the node each of SPREAD's wire names comes from, for a 400 that names one. */
export const PARAMETER_LABELS: Record<string, string> = {
	createdAfter: 'Created After filter',
	createBefore: 'Created Before filter',
	modifiedAfter: 'Modified After filter',
	modifiedBefore: 'Modified Before filter',
	customerId: 'Customer ID',
	cagnotteId: 'Cagnotte ID filter',
	campaignId: 'Campaign ID',
	minAmount: 'Min Amount filter',
	maxAmount: 'Max Amount filter',
	amount: 'Amount',
	email: 'Email',
	customer_email: 'Email',
	external_id: 'External ID',
	customer_name: 'Last Name',
	customer_firstname: 'First Name',
	customer_isoptin: 'Opt-In',
	customer_gender: 'Gender',
	customer_address: 'Address',
	customer_cp: 'Zip Code',
	customer_city: 'City',
	customer_country: 'Country',
	customer_tel: 'Phone',
	customer_mobile: 'Mobile',
	customer_birthday: 'Birthday',
	customer_lang: 'Language',
	customer_company: 'Company',
	custom_fields: 'Custom Fields',
	order_idorder: 'Order ID',
	order_amount: 'Amount',
	order_state: 'State',
	date: 'Date',
};

/** Parameters the node sets itself: a refusal of one of them is ours to fix, not the user's. */
const NODE_PARAMETERS = ['maxResult', 'maxResults', 'startAt'];

/** SPREAD's own words in an error body, if any. */
export function spreadWords(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 500) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const object = body as Record<string, unknown>;
	const error = object.error as unknown;
	const candidates = [
		object.message,
		typeof error === 'string' ? error : (error as Record<string, unknown> | undefined)?.message,
		Array.isArray(object.errors)
			? object.errors
					.map((entry) =>
						typeof entry === 'string' ? entry : (entry as Record<string, unknown>)?.message,
					)
					.filter(Boolean)
					.join('; ')
			: undefined,
	];
	const said = candidates.find((value) => typeof value === 'string' && value.trim());
	return said as string | undefined;
}

/** The wire name of a parameter that SPREAD's words or body name, if one is known. */
export function namedParameter(body: unknown, said: string | undefined): string | undefined {
	const object = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
	for (const key of ['parameter', 'param', 'field']) {
		if (typeof object[key] === 'string' && object[key]) return object[key] as string;
	}
	if (!said) return undefined;
	const known = [...NODE_PARAMETERS, ...Object.keys(PARAMETER_LABELS)].sort(
		(a, b) => b.length - a.length,
	);
	return known.find((name) => new RegExp(`(^|[^A-Za-z_])${name}([^A-Za-z_]|$)`).test(said));
}

/** Whether SPREAD's words speak of a balance too small for a removal. */
export function speaksOfBalance(said: string | undefined): boolean {
	return /insufficient|not enough|insuffisant|solde|balance|exceed|négati|negative/i.test(
		said ?? '',
	);
}

/** A removal of points: a refusal that speaks of the balance is worded as such. */
export interface PointsRemoval {
	amount: number;
	/** The customer, as the message names it. */
	customer: string;
}

/** The description of a failed answer: what SPREAD said, in its own words, and the HTTP status. */
export function describeSpreadFailure(failure: HttpFailure): string {
	return vendorWords(failure.status, spreadWords(failure.body));
}

/**
 * An answer with an HTTP error status → a NodeApiError whose message says what happened and what to
 * do. (A write's server error is an unknown outcome, which the kernel words.)
 */
export function spreadStatusError(
	failure: HttpFailure,
	apiError: ApiError,
	call: FailedCall,
	options: { removal?: PointsRemoval },
): NodeApiError {
	const said = spreadWords(failure.body);
	const write = call.method !== 'GET';
	const status = failure.status ?? 0;
	const { removal } = options;
	if (removal && status >= 400 && status < 500 && status !== 401 && status !== 429) {
		if (speaksOfBalance(said)) {
			return apiError(
				`SPREAD refused to remove ${removal.amount} points from ${removal.customer}: the cagnotte holds fewer points than that (HTTP ${status}). Read the balance first (Customer → Get, field cagnotteAmount) and remove at most that much`,
			);
		}
	}
	switch (status) {
		case 303:
			return apiError(
				`SPREAD answered "See Other" (HTTP 303)${write ? `: it may have ${call.record?.done ?? 'carried out the request'}` : ''}. ${call.record?.advice ?? 'Check the data in SPREAD before running this item again'}`,
			);
		case 400:
			return badRequestError(400, failure, said, apiError);
		case 401:
			return apiError(
				'SPREAD rejected the keys (HTTP 401): check the Public Key and the Private Key in the credential; both are in the SPREAD back office under Paramétrage → Tracker',
			);
		case 403:
			return apiError(
				"SPREAD refused access (HTTP 403): these keys may not use this part of the API. Check the account's API access with SPREAD",
			);
		case 404:
			return apiError(
				`SPREAD found no such record (HTTP 404)${call.about ? `: check ${call.about}` : ''}`,
			);
		case 429:
			return apiError(
				`SPREAD still answered "too many requests" after waiting ${call.maxWaitSeconds} s (HTTP 429): raise "Max Wait on Rate Limit (Seconds)" in the node's Request Options, or run fewer requests at once`,
			);
		default:
			if (status >= 500) {
				return apiError(
					`SPREAD had a server error (HTTP ${status})${triesWords(call)}: try again later`,
				);
			}
			return apiError(
				`SPREAD refused the request (HTTP ${status})${said ? `: ${said}` : ''}${call.about ? `. Check ${call.about}` : ''}`,
			);
	}
}

/** A 400: the parameter SPREAD names, as the node calls it. */
function badRequestError(
	status: number,
	failure: HttpFailure,
	said: string | undefined,
	apiError: ApiError,
): NodeApiError {
	const parameter = namedParameter(failure.body, said);
	const words = said ? `: "${said}"` : '';
	if (parameter && NODE_PARAMETERS.includes(parameter)) {
		return apiError(
			`SPREAD refused the paging parameter "${parameter}" that the node sets (HTTP ${status})${words}. This is the node's fault: report it with this message`,
		);
	}
	if (parameter) {
		const label = PARAMETER_LABELS[parameter] ?? parameter;
		return apiError(
			`SPREAD refused the parameter "${parameter}" (HTTP ${status})${words}: fix the ${label} parameter`,
		);
	}
	return apiError(
		`SPREAD refused the request (HTTP ${status})${words}: check the values given to the node`,
	);
}

/** A write redirected to another host, or redirected too often. */
export function redirectError(
	context: RequestContext,
	failure: HttpFailure,
	target: URL,
	baseUrl: string,
	itemIndex?: number,
): NodeApiError {
	return vendorApiError(context.getNode(), failure, {
		message: `SPREAD redirected the request to ${target.origin}${target.pathname}, which the node does not follow from ${new URL(baseUrl).host} (another host, or too many redirects): nothing was written. If that is SPREAD's new address, set the credential's Base URL to it`,
		description: vendorWords(failure.status, undefined),
		itemIndex,
	});
}

/** The description: what SPREAD said, in its own words, and the HTTP status. */
function vendorWords(status: number | undefined, said: string | undefined): string {
	const http = `HTTP ${status ?? 'no answer'}`;
	return said ? `SPREAD said: "${said}" (${http})` : `(${http})`;
}

/**
 * A v1 write that SPREAD refused in a success reply (ASSUMED, see v1Result): nothing was written. It is
 * worded like a 400, with the parameter SPREAD names.
 */
export function refusalError(
	context: RequestContext,
	said: string,
	itemIndex?: number,
): NodeApiError {
	const failure: HttpFailure = {
		headers: {},
		message: said,
		kind: 'other',
		body: { message: said },
	};
	return badRequestError(200, failure, said, (message, description = vendorWords(200, said)) =>
		vendorApiError(context.getNode(), failure, { message, description, itemIndex }),
	);
}
