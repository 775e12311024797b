import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * How a request failed, as far as a retry and a message care:
 * - `status`: the server answered with an HTTP error status;
 * - `unreachable`: no connection was made (refused, unknown host): the request never reached the server;
 * - `broken`: the connection broke before a reply (reset, socket hang up): the server may have acted;
 * - `timeout`: no reply within the request's timeout: the server may have acted;
 * - `cut`: a reply began (with a success status) but its body was cut off or unreadable: the server acted;
 * - `other`: an error with no HTTP side (e.g. one a credential's sign-in threw in words).
 */
export type FailureKind = 'status' | 'unreachable' | 'broken' | 'timeout' | 'cut' | 'other';

/** What a failed request said, read off the error n8n's request helpers throw. */
export interface HttpFailure {
	/** The HTTP status of a failed answer. A success status that came with an error is a `cut` reply. */
	status?: number;
	body?: unknown;
	headers: Record<string, string>;
	message: string;
	/** A network failure's code (ECONNREFUSED, ECONNRESET, ECONNABORTED...) when no whole answer came. */
	networkCode?: string;
	kind: FailureKind;
	/** The URL of the request that failed, when the client says it (it may be a sign-in's, not ours). */
	url?: string;
}

interface ErrorShape {
	httpCode?: string | number | null;
	code?: string;
	message?: string;
	context?: { data?: unknown };
	cause?: ErrorShape;
	config?: { url?: string };
	response?: {
		status?: number;
		statusCode?: number;
		data?: unknown;
		body?: unknown;
		headers?: IDataObject;
	};
}

// Codes as Node, axios (n8n's HTTP client) and undici name them. A timeout is axios's ECONNABORTED
// "timeout of N ms exceeded"; a reset before any byte is ECONNRESET "socket hang up"; a body cut off
// after a success status is axios's ERR_BAD_RESPONSE "stream has been aborted" with that status (the
// same in n8n 1.123 and 2.40, measured against a local server).
const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set([
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);
const BROKEN_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const CUT_CODES = new Set(['ERR_BAD_RESPONSE', 'Z_BUF_ERROR', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * n8n wraps a failed HTTP call in a NodeApiError whose `cause` is the HTTP client's error; the
 * status, body and headers sit at different depths depending on the n8n version, so look at each.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const outer = (error ?? {}) as ErrorShape;
	const inner = outer.cause ?? {};
	const response = inner.response ?? outer.response ?? {};
	const statusValue = response.status ?? response.statusCode ?? outer.httpCode ?? inner.httpCode;
	const status =
		statusValue === null || statusValue === undefined ? undefined : Number(statusValue);
	let body = response.data ?? response.body ?? outer.context?.data;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			// a plain-text body stays as it is
		}
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.headers ?? {})) {
		headers[name.toLowerCase()] = String(value);
	}
	const message = inner.message ?? outer.message ?? 'Unknown error';
	const codes = [inner.code, inner.cause?.code, outer.code].filter(
		(code): code is string => typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code),
	);
	const networkCode = codes.find(
		(code) => (code.startsWith('E') && !code.startsWith('ERR_')) || code.startsWith('UND_'),
	);
	const httpStatus = Number.isFinite(status) ? status : undefined;
	const kind = failureKind(httpStatus, codes, `${message} ${outer.message ?? ''}`);
	return {
		// A success status on an error means the reply broke after it began: not a failure status.
		status: kind === 'status' ? httpStatus : undefined,
		body: kind === 'cut' ? undefined : body,
		headers,
		message,
		networkCode,
		kind,
		url: inner.config?.url ?? outer.config?.url,
	};
}

function failureKind(status: number | undefined, codes: string[], messages: string): FailureKind {
	if (status !== undefined && status >= 200 && status < 300) return 'cut';
	if (status !== undefined) return 'status';
	const said = messages.toLowerCase();
	if (codes.some((code) => CUT_CODES.has(code)) || /stream has been aborted/.test(said))
		return 'cut';
	if (codes.some((code) => TIMEOUT_CODES.has(code)) || /\btime(d)? ?out\b|timeout of/.test(said))
		return 'timeout';
	if (codes.some((code) => UNREACHABLE_CODES.has(code))) return 'unreachable';
	if (
		codes.some((code) => BROKEN_CODES.has(code)) ||
		/socket hang up|\baborted\b|\bterminated\b|other side closed/.test(said)
	)
		return 'broken';
	return 'other';
}

/**
 * Whether the request may have been carried out though no whole reply came: the connection broke
 * after it was sent, no reply came in time, or the reply was cut off. For a write this is an unknown
 * outcome: it must not be sent again, and the person must check before running it again.
 */
export function outcomeUnknown(failure: HttpFailure): boolean {
	return failure.kind === 'broken' || failure.kind === 'timeout' || failure.kind === 'cut';
}

/**
 * A failure that says "later", not "this is wrong": a rate limit, a server error, a connection that
 * broke, a reply that did not come in time or came cut off. (A host that refuses the connection or
 * does not exist is most often a wrong base URL, so it is not one, except mid-run: see RetryPolicy.)
 */
export function isTransientFailure(failure: HttpFailure): boolean {
	if (failure.kind === 'status') return failure.status === 429 || (failure.status ?? 0) >= 500;
	return outcomeUnknown(failure);
}

/**
 * A JSON reply that arrived as text which starts like JSON but does not parse was cut off on a
 * connection closed without a length (n8n's client then hands over the text, not an error). Returns
 * the error to throw in its place, so that it counts as a cut reply.
 */
export function brokenJsonReply(reply: unknown): Error | undefined {
	if (typeof reply !== 'string' || !/^\s*[[{]/.test(reply)) return undefined;
	try {
		JSON.parse(reply);
		return undefined;
	} catch {
		return Object.assign(new Error('The reply was not whole JSON: it was cut off'), {
			code: 'ERR_BAD_RESPONSE',
		});
	}
}

/** What a write may have done and what a person should do about it, for an unknown outcome. */
export interface WriteRecord {
	/** What the request was to do, as "may have …" goes on, e.g. "booked 25 coins for user ID 4567". */
	done: string;
	/** What to do before running the item again, e.g. "Check the user's coin history before …". */
	advice: string;
}

/**
 * The error a vendor's transport throws. Every vendor words it the same way: `message` says what
 * happened and what to do; `description` carries the vendor's own words and the HTTP details.
 */
export function vendorApiError(
	node: INode,
	failure: HttpFailure,
	words: { message: string; description?: string; itemIndex?: number },
): NodeApiError {
	const body =
		failure.body && typeof failure.body === 'object' ? (failure.body as JsonObject) : undefined;
	return new NodeApiError(node, body ?? ({ message: words.message } as JsonObject), {
		itemIndex: words.itemIndex,
		httpCode: failure.status ? String(failure.status) : undefined,
		message: words.message,
		description: words.description,
	});
}
