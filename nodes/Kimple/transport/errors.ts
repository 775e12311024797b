/**
 * Kimple's error replies -> messages that say what happened and what to do; the description carries
 * Kimple's own words and the HTTP status. ASSUMED (the document shows no error): an error body is
 * JSON `{code, message}`; any other body is read as text.
 */
import type { JsonObject } from 'n8n-workflow';

import { readHttpFailure, vendorApiError, type HttpFailure } from '../../shared/http/http-failure';
import { REQUEST_TIMEOUT_MS } from '../../shared/http/request-timeout';
import { DEFAULT_MAX_WAIT_SECONDS, type KimpleContext, type KimpleRequestOptions } from './index';

interface ErrorContext extends KimpleRequestOptions {
	baseUrl?: string;
	/** Requests sent, retries included. */
	attempts?: number;
	timeoutMs?: number;
}

/** What Kimple said: the body's `message`, or a short plain-text body. */
function kimpleWords(failure: HttpFailure): string | undefined {
	const body = failure.body;
	if (body && typeof body === 'object') {
		const message = (body as JsonObject).message;
		return typeof message === 'string' && message ? message : undefined;
	}
	if (typeof body === 'string' && body.trim() && body.length <= 300) return body.trim();
	return undefined;
}

/** Turns a failed call into a NodeApiError whose message says what happened and what to do. */
export function kimpleError(
	context: KimpleContext,
	error: unknown,
	details: ErrorContext = {},
): Error {
	const failure = readHttpFailure(error);
	const said = kimpleWords(failure);
	const http = `HTTP ${failure.status ?? 'no answer'}`;
	const apiError = (
		message: string,
		description = said ? `Kimple said: "${said}" (${http})` : `(${http})`,
	) =>
		vendorApiError(context.getNode(), failure, {
			message,
			description,
			itemIndex: details.itemIndex,
		});
	const tries = (details.attempts ?? 1) > 1 ? ` (tried ${details.attempts} times)` : '';

	switch (failure.status) {
		case undefined:
			return noAnswerError(failure, details, tries, apiError);
		case 400:
			return apiError(
				`Kimple refused the list options (HTTP 400)${said ? `: ${said}` : ''}. Check the Sort fields, the Filters and the Search expression: field names as Kimple spells them (e.g. lastname, created_at)`,
			);
		case 401:
			return apiError(
				'Kimple rejected the API key or secret (HTTP 401): check both in the credential. They are in Kimple under Account settings → Integration; if the secret is lost, click "Generate your secret API" and paste the new one',
			);
		case 403:
			return apiError(
				'Kimple refused access (HTTP 403): this API key may not read this data. Check the key and the secret in the credential (Account settings → Integration in Kimple) and that the account has API access',
			);
		case 404:
			return apiError(
				`Kimple found no such record (HTTP 404)${details.about ? `: check ${details.about}` : ''}. Give the record's hash ID (e.g. QKr1mkPcJb) or its numeric ID; Kimple may show numeric IDs as 0, which finds nothing`,
			);
		case 429:
			return apiError(
				`Kimple's rate limit still held after waiting ${details.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS} s${tries} (HTTP 429): raise "Max Wait (Seconds)" in the node's Request Options, or run fewer requests at once`,
			);
		default:
			return apiError(
				failure.status >= 500
					? `Kimple had a server error (HTTP ${failure.status})${tries}: try again later; the node retried for as long as its Max Wait allows`
					: `Kimple refused the request (HTTP ${failure.status})${said ? `: ${said}` : ''}`,
			);
	}
}

/**
 * No whole HTTP answer. Every Kimple call is a read, so it was retried; the message says which way it
 * failed. (n8n rewrites a message that names a network error code, so the cause goes in the description.)
 */
function noAnswerError(
	failure: HttpFailure,
	details: ErrorContext,
	tries: string,
	apiError: (message: string, description?: string) => Error,
): Error {
	const timeoutMs = details.timeoutMs ?? REQUEST_TIMEOUT_MS;
	const cause = `(${failure.networkCode ? `${failure.networkCode}: ` : ''}${failure.message})`;
	switch (failure.kind) {
		case 'broken':
			return apiError(
				`The connection to Kimple broke before a reply came${tries}: try again later`,
				`The connection broke before a reply came ${cause}.`,
			);
		case 'timeout':
			return apiError(
				`Kimple sent no reply within ${timeoutMs / 1000} s${tries}: try again later, or raise "Timeout (Seconds)" in the node's Request Options`,
				`No reply came in time ${cause}.`,
			);
		case 'cut':
			return apiError(
				`Kimple's reply was cut off before its end${tries}: try again later`,
				`The reply began but was cut off ${cause}.`,
			);
		default:
			return apiError(
				`Could not reach Kimple at ${details.baseUrl ?? 'the base URL'}: check the Base URL in the credential and the network between n8n and Kimple`,
				`The connection failed: ${failure.message}`,
			);
	}
}
