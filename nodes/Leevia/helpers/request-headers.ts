/** The headers the credential's authenticate puts on every Leevia call, and the token's expiry check. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { LEEVIA_ACCEPT, leeviaTokenExpiry } from '../transport/api';

/** A token this close to its expiry is renewed first, so that a long export does not meet it midway. */
const RENEW_BEFORE_EXPIRY_SECONDS = 60;

/**
 * A token past its expiry is not sent: this error, shaped as n8n reads a 401, makes n8n sign in again
 * (preAuthentication) and send the request once with the new token. Without it the HTTP Request node's
 * pagination, which does not sign in again, would hand back Leevia's 401 answer as a page.
 */
export function refuseExpiredToken(token: string, nowMs: number): void {
	const expiry = leeviaTokenExpiry(token);
	if (expiry !== undefined && expiry - RENEW_BEFORE_EXPIRY_SECONDS <= nowMs / 1000) {
		throw Object.assign(new Error('The Leevia token has expired: signing in again'), {
			response: { status: 401 },
		});
	}
}

/**
 * [doc] Every call carries the vendor's Accept and the token. Leevia answers another Accept with 406,
 * so the vendor's replaces whatever Accept the request brings, in any case (the HTTP Request node
 * sends its own `accept`): a user's Custom API Call needs no header of their own.
 */
export function withLeeviaHeaders(
	requestOptions: IHttpRequestOptions,
	token: string,
): IHttpRequestOptions {
	const headers = { ...(requestOptions.headers ?? {}) } as Record<string, unknown>;
	for (const name of Object.keys(headers))
		if (/^(accept|authorization)$/i.test(name)) delete headers[name];
	requestOptions.headers = {
		Accept: LEEVIA_ACCEPT,
		...(hasContentType(headers) || sendsForm(requestOptions)
			? {}
			: { 'Content-Type': 'application/json' }),
		...headers,
		Authorization: `Bearer ${token}`,
	};
	return requestOptions;
}

const hasContentType = (headers: Record<string, unknown>) =>
	Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');

/**
 * A multipart or urlencoded body gets its Content-Type (with the boundary) from the HTTP client; a JSON
 * one here would make the client turn the form into JSON. A web FormData (our upload), the form-data
 * package's (the HTTP Request node's), or the older request's `formData` / `form` fields.
 */
function sendsForm(requestOptions: IHttpRequestOptions): boolean {
	const body = requestOptions.body as { getAll?: unknown; getBoundary?: unknown } | undefined;
	const legacy = requestOptions as { formData?: unknown; form?: unknown };
	return (
		typeof body?.getAll === 'function' ||
		typeof body?.getBoundary === 'function' ||
		legacy.formData !== undefined ||
		legacy.form !== undefined
	);
}
