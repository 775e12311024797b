/**
 * Leevia's error replies -> messages that say what happened and what to do; the description
 * carries Leevia's own words and the HTTP details.
 */
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { ApiError } from '../../shared/http/binding';
import { isTransientFailure, type HttpFailure } from '../../shared/http/http-failure';

/**
 * A sign-in that failed for a while: the credential (preAuthentication) reports a 429 or 5xx in
 * words, "Leevia sign-in failed with HTTP 503: try again later"; a connection that broke, timed out
 * or was cut off names the sign-in's URL. The call itself was not sent (or was refused with a 401
 * before it), so even a write may go again.
 */
export function isTransientSignInFailure(failure: HttpFailure): boolean {
	if (failure.kind === 'other')
		return /sign-in failed with HTTP (429|5\d\d)\b/.test(failure.message);
	return /\/authenticate(\?|$)/.test(failure.url ?? '') && isTransientFailure(failure);
}

/** What Leevia said: its validation errors, one sentence. */
function leeviaWords(failure: HttpFailure): string | undefined {
	const errors = (failure.body as IDataObject | undefined)?.errors as IDataObject | undefined;
	return describeValidationErrors(errors);
}

/** The description of a failed answer: what Leevia said, in its own words, and the HTTP status. */
export function describeLeeviaFailure(failure: HttpFailure): string {
	return vendorWords(failure.status, leeviaWords(failure));
}

/** An answer with an HTTP error status → a NodeApiError whose message says what happened and what to do. */
export function leeviaStatusError(failure: HttpFailure, apiError: ApiError): NodeApiError {
	const said = leeviaWords(failure);
	const status = failure.status ?? 0;

	switch (status) {
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
			// The document calls these messages safe to show a person: they name the field to fix.
			return apiError(
				said ?? 'Leevia rejected the request (HTTP 422)',
				vendorWords(422, undefined),
			);
		case 400:
			return apiError('Leevia says the request is invalid (HTTP 400)');
		case 429:
			return apiError(
				'Leevia kept answering "too many requests" (HTTP 429): try again later, or send fewer requests at once',
			);
		case 503:
			return apiError('Leevia is offline for maintenance (HTTP 503): try again later');
		default:
			return apiError(
				status >= 500
					? `Leevia had a server error (HTTP ${status}): try again later`
					: `Leevia refused the request (HTTP ${status})`,
			);
	}
}

/** The description: what Leevia said, in its own words, and the HTTP status. */
function vendorWords(status: number | undefined, said: string | undefined): string {
	const http = `HTTP ${status ?? 'no answer'}`;
	return said ? `Leevia said: ${said} (${http})` : `(${http})`;
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
			parts.push(
				`missing required field ${Array.isArray(param) ? param.join(', ') : String(param)}`,
			);
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
