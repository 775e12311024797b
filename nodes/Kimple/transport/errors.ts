/**
 * Kimple's error replies -> messages that say what happened and what to do; the description carries
 * Kimple's own words and the HTTP status. ASSUMED (the document shows no error): an error body is
 * JSON `{code, message}`; any other body is read as text.
 */
import type { JsonObject, NodeApiError } from 'n8n-workflow';

import type { ApiError } from '../../shared/http/binding';
import type { HttpFailure } from '../../shared/http/http-failure';
import { triesWords, type FailedCall } from '../../shared/http/no-answer';

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

/** The description of a failed answer: what Kimple said, in its own words, and the HTTP status. */
export function describeKimpleFailure(failure: HttpFailure): string {
	const said = kimpleWords(failure);
	const http = `HTTP ${failure.status ?? 'no answer'}`;
	return said ? `Kimple said: "${said}" (${http})` : `(${http})`;
}

/** An answer with an HTTP error status → a NodeApiError whose message says what happened and what to do. */
export function kimpleStatusError(
	failure: HttpFailure,
	apiError: ApiError,
	call: FailedCall,
): NodeApiError {
	const said = kimpleWords(failure);
	const tries = triesWords(call);
	const status = failure.status ?? 0;

	switch (status) {
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
				`Kimple found no such record (HTTP 404)${call.about ? `: check ${call.about}` : ''}. Give the record's hash ID (e.g. QKr1mkPcJb) or its numeric ID; Kimple may show numeric IDs as 0, which finds nothing`,
			);
		case 429:
			return apiError(
				`Kimple's rate limit still held after waiting ${call.maxWaitSeconds} s${tries} (HTTP 429): raise "Max Wait (Seconds)" in the node's Request Options, or run fewer requests at once`,
			);
		default:
			return apiError(
				status >= 500
					? `Kimple had a server error (HTTP ${status})${tries}: try again later; the node retried for as long as its Max Wait allows`
					: `Kimple refused the request (HTTP ${status})${said ? `: ${said}` : ''}`,
			);
	}
}
