/**
 * Easypromos's error replies -> messages that say what happened and what to do; the description
 * carries Easypromos's own words and the HTTP details. [doc] REST API v2 guide, "Errors".
 */
import type { JsonObject, NodeApiError } from 'n8n-workflow';

import type { ApiError } from '../../shared/http/binding';
import type { HttpFailure } from '../../shared/http/http-failure';
import type { FailedCall } from '../../shared/http/no-answer';
import { RATE_LIMIT_PER_WINDOW, registrationRefusal, type RegistrationRefusal } from './api';

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
	31: {
		meaning: 'Requirement - The code is not valid',
		hint: 'Check the code the participant entered.',
	},
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
	51: {
		meaning: 'Country code is not valid',
		hint: 'Use a two-letter ISO 3166 country code such as ES or IT.',
	},
	60: {
		meaning: 'No prizes available to spin the wheel',
		hint: "Add prize units to the wheel in the promotion's admin.",
	},
	61: {
		meaning: "Segment doesn't exist in the account or is not valid for this promotion",
		hint: 'Create the segment in the Easypromos account first, or check its spelling.',
	},
};

/** Easypromos's own words in an error body, if any. */
function saidIn(failure: HttpFailure): string | undefined {
	const body = failure.body && typeof failure.body === 'object' ? (failure.body as JsonObject) : {};
	return typeof body.message === 'string' && body.message ? body.message : undefined;
}

/** The description of a failed answer: what Easypromos said, in its own words, and the HTTP status. */
export function describeEasypromosFailure(failure: HttpFailure): string {
	return vendorWords(failure.status, saidIn(failure));
}

/** An answer with an HTTP error status → a NodeApiError whose message says what happened and what to do. */
export function easypromosStatusError(
	failure: HttpFailure,
	apiError: ApiError,
	call: FailedCall,
	options: { registration?: boolean },
): NodeApiError {
	const body =
		failure.body && typeof failure.body === 'object' ? (failure.body as JsonObject) : undefined;
	const said = saidIn(failure);
	const status = failure.status ?? 0;
	const refusal = options.registration && status === 400 ? registrationRefusal(said) : undefined;
	if (refusal)
		return apiError(
			REGISTRATION_WORDS[refusal.kind](refusal.ref),
			vendorWords(status, said, codeOf(body)),
		);

	switch (status) {
		case 400:
			return describeCodeError(body, said, apiError);
		case 401:
			return apiError(
				'Easypromos rejected the access token (HTTP 401): it is invalid or expired. Tokens last 30 days by default: make a new one in the Utilities menu of your Easypromos account and paste it into the credential',
			);
		case 403:
			return apiError(
				"Easypromos refused access (HTTP 403): the account or this token may not use this resource. The REST API needs a White Label or Corporate plan, doesn't export Premium or Basic promotions, and a token can be limited to some promotions: check the plan and the token's permissions",
			);
		case 404:
			return apiError(
				`Easypromos found no such item (HTTP 404)${call.about ? `: check ${call.about}` : ''}${
					GUIDE_METHODS.has(call.method) ? '' : outsideGuide(call.method)
				}`,
			);
		case 405:
			return apiError(
				`Easypromos does not accept the ${call.method} method here (HTTP 405): its guide names only GET and POST, and this operation sends ${call.method} as other public descriptions of the API give it. Nothing was changed. ${REPORT}`,
			);
		case 415:
			return apiError(
				'Easypromos refused the request body (HTTP 415): it must be sent as application/json. The node always sends JSON: check for a proxy between n8n and Easypromos that changes the request',
			);
		case 429:
			return apiError(
				`Easypromos rate limit still exceeded after waiting ${call.maxWaitSeconds} s (HTTP 429): the account may make ${RATE_LIMIT_PER_WINDOW} requests a minute, shared by every workflow and app using it. Raise "Max Wait on Rate Limit (Seconds)" in the node's options, or run fewer requests at once`,
			);
		case 500:
			return apiError(
				'Easypromos had an internal error (HTTP 500): try again later; if it keeps happening, write to support@easypromosapp.com with the time of the request',
			);
		case 503:
			return apiError(
				'Easypromos is unavailable at the moment (HTTP 503): try again later (the node retried for as long as its max wait allows)',
			);
		default:
			return apiError(
				status >= 500
					? `Easypromos had a server error (HTTP ${status}): try again later`
					: `Easypromos refused the request (HTTP ${status})`,
			);
	}
}

/**
 * An Autologin refused by the promotion's registration form: what to change in User → Autologin's
 * Additional Fields, named as the editor shows them.
 */
const REGISTRATION_WORDS: Record<RegistrationRefusal, (ref: string) => string> = {
	missingField: (ref) =>
		`Easypromos refused the new user: the promotion requires the registration field "${ref}" (code 0). Add it to Custom Fields (under Additional Fields), with Ref "${ref}" and its Value`,
	unknownField: (ref) =>
		`Easypromos refused the user: the promotion's registration form has no field "${ref}" (code 0). Fix or remove Ref "${ref}" in Custom Fields (under Additional Fields); Promotion → Get Registration Fields lists the refs`,
	legalNotAccepted: (ref) =>
		`Easypromos refused the new user: the promotion requires the legal checkbox "${ref}" accepted (code 0). In Legal Acceptances (under Additional Fields), add Name "${ref}" with Accepted on; a person who declined it cannot join the promotion`,
	unknownLegal: (ref) =>
		`Easypromos refused the user: the promotion has no legal checkbox "${ref}" (code 0). Fix or remove Name "${ref}" in Legal Acceptances (under Additional Fields); Promotion → Get Registration Fields lists the checkboxes`,
};

/**
 * [doc] "We accept 2 methods: GET and POST", and a 404 is "Could not find method requested or item
 * doesn't exist": Remove Segments' DELETE and Coin Balance → Set's PUT (api.ts, writeMethods) come
 * from other sources, so a 404 or 405 on them may mean the method, and the message says so.
 */
const GUIDE_METHODS = new Set(['GET', 'POST']);

const REPORT = "Report it to the package's maintainers (the README lists this assumption)";

function outsideGuide(method: string): string {
	return `. Easypromos's guide names only GET and POST, and this operation sends ${method} as other public descriptions of the API give it: if the IDs are right, Easypromos does not accept ${method} here, and nothing was changed. ${REPORT}`;
}

/** The description: what Easypromos said, in its own words, and the HTTP status. */
function vendorWords(status: number | undefined, said: string | undefined, code?: number): string {
	const http = `HTTP ${status ?? 'no answer'}${code !== undefined ? `, code ${code}` : ''}`;
	return said ? `Easypromos said: "${said}" (${http})` : `(${http})`;
}

function codeOf(body: JsonObject | undefined): number | undefined {
	return body?.code === undefined || body.code === null ? undefined : Number(body.code);
}

function describeCodeError(
	body: JsonObject | undefined,
	said: string | undefined,
	apiError: ApiError,
): NodeApiError {
	const code = codeOf(body);
	const known = code === undefined ? undefined : ERROR_CODES[code];
	if (!known) {
		return apiError(
			`Easypromos could not complete the request (HTTP 400${code !== undefined ? `, code ${code}` : ''})${
				said ? `: ${said}` : ''
			}`,
			vendorWords(400, undefined, code),
		);
	}
	// Code 0 has no fixed meaning: Easypromos's own message is the meaning.
	const meaning = code === 0 ? said || 'no reason given' : known.meaning;
	return apiError(
		`Easypromos could not complete the request: ${meaning} (code ${code})${known.hint ? `. ${known.hint}` : ''}`,
		vendorWords(400, code === 0 ? undefined : said, code),
	);
}
