/**
 * Leevia's error replies -> messages that say what happened and what to do; the description
 * carries Leevia's own words and the HTTP details.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	isTransientFailure,
	outcomeUnknown,
	readHttpFailure,
	unknownOutcomeWords,
	vendorApiError,
	type HttpFailure,
	type WriteRecord,
} from '../../shared/http/http-failure';
import { REQUEST_TIMEOUT_MS } from '../../shared/http/request-timeout';
import type { LeeviaContext } from './index';

/** What the transport knows of the call that failed. */
export interface LeeviaErrorDetails {
	itemIndex?: number;
	/** Whether the call was a write (its outcome may be unknown), and what it was to write. */
	write?: boolean;
	record?: WriteRecord;
	/** Requests sent, retries included. */
	attempts?: number;
	timeoutMs?: number;
}

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

/** Turns a failed call into a NodeApiError whose message says what happened and what to do. */
export function leeviaError(
	context: LeeviaContext,
	error: unknown,
	details: LeeviaErrorDetails = {},
): Error {
	const { itemIndex } = details;
	const failure = readHttpFailure(error);
	const errors = ((failure.body as IDataObject | undefined)?.errors ?? undefined) as
		| IDataObject
		| undefined;
	const said = describeValidationErrors(errors);
	const apiError = (message: string, description = vendorWords(failure.status, said)) =>
		vendorApiError(context.getNode(), failure, { message, description, itemIndex });

	switch (failure.status) {
		case undefined:
			return noAnswerError(failure, details, apiError);
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
				failure.status >= 500
					? `Leevia had a server error (HTTP ${failure.status}): try again later`
					: `Leevia refused the request (HTTP ${failure.status})`,
			);
	}
}

/**
 * No whole HTTP answer: the host is unreachable, the connection broke, no reply came in time, the
 * reply was cut off, or the sign-in failed (its message says why). n8n rewrites a message that
 * names a network error code, so the code goes in the description.
 */
function noAnswerError(
	failure: HttpFailure,
	details: LeeviaErrorDetails,
	apiError: (message: string, description?: string) => Error,
): Error {
	const timeoutMs = details.timeoutMs ?? REQUEST_TIMEOUT_MS;
	if (details.write && outcomeUnknown(failure) && !isTransientSignInFailure(failure)) {
		const record = details.record ?? {
			done: 'carried out the request',
			advice: 'Check the data in Leevia before running this item again',
		};
		const words = unknownOutcomeWords('Leevia', failure, record, timeoutMs);
		return apiError(words.message, words.description);
	}
	const tries = (details.attempts ?? 1) > 1 ? ` (tried ${details.attempts} times)` : '';
	const cause = `(${failure.networkCode ? `${failure.networkCode}: ` : ''}${failure.message})`;
	switch (failure.kind) {
		case 'unreachable':
			return apiError(
				'Could not reach Leevia: check the Base URL in the credential',
				`The connection failed with ${failure.networkCode ?? failure.message}.`,
			);
		case 'broken':
			return apiError(
				tries
					? `The connection to Leevia kept breaking${tries}: try again later`
					: 'The connection to Leevia broke before a reply came: try again later',
				`The connection broke before a reply came ${cause}.`,
			);
		case 'timeout':
			return apiError(
				`Leevia sent no reply within ${timeoutMs / 1000} s${tries}: try again later`,
				`No reply came in time ${cause}.`,
			);
		case 'cut':
			return apiError(
				`Leevia's reply was cut off before its end${tries}: try again later`,
				`The reply began but was cut off ${cause}.`,
			);
		default:
			// Another network failure (TLS, a proxy...): as unreachable; else the sign-in's own words.
			return failure.networkCode
				? apiError(
						'Could not reach Leevia: check the Base URL in the credential',
						`The connection failed with ${failure.networkCode}.`,
					)
				: apiError(failure.message);
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
