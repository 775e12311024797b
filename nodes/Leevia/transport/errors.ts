/**
 * Leevia's error replies -> messages that say what happened and what to do; the description
 * carries Leevia's own words and the HTTP details.
 */
import type { IDataObject } from 'n8n-workflow';

import { readHttpFailure, vendorApiError } from '../../shared/http-failure';
import type { LeeviaContext } from './index';

/** Turns a failed call into a NodeApiError whose message says what happened and what to do. */
export function leeviaError(context: LeeviaContext, error: unknown, itemIndex?: number): Error {
	const failure = readHttpFailure(error);
	const errors = ((failure.body as IDataObject | undefined)?.errors ?? undefined) as
		| IDataObject
		| undefined;
	const said = describeValidationErrors(errors);
	const apiError = (message: string, description = vendorWords(failure.status, said)) =>
		vendorApiError(context.getNode(), failure, { message, description, itemIndex });

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
			// The document calls these messages safe to show a person: they name the field to fix.
			return apiError(
				said ?? 'Leevia rejected the request (HTTP 422)',
				vendorWords(422, undefined),
			);
		case 400:
			return apiError('Leevia says the request is invalid (HTTP 400)');
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
