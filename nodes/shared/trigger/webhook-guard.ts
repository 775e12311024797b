/**
 * What a webhook trigger checks before it starts a workflow, the same for every vendor that posts
 * JSON to a URL the user pastes by hand: the URL's secret, the body's size and its shape.
 */
import { createHash, timingSafeEqual } from 'crypto';

import type {
	IDataObject,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

/** The query parameter that carries the secret: `<Production URL>?secret=<value>`. */
export const SECRET_QUERY_PARAMETER = 'secret';

/**
 * 1 MiB. A vendor's webhook is one record (a user, a participation, a transaction), a few KiB at
 * most; n8n itself accepts up to 16 MiB (N8N_PAYLOAD_SIZE_MAX), far more than a workflow should get
 * from an unauthenticated sender.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The body of the 200 every call the trigger accepts gets, whether it starts the workflow or is
 * dropped: the vendors document no body, only that they do not resend a call (so never an error).
 */
export const WEBHOOK_ANSWER: IDataObject = { received: true };

/**
 * The triggers' one webhook: a POST, answered at once with WEBHOOK_ANSWER. n8n answers a call that
 * starts the workflow with the description's responseData, evaluated, and ignores the node's
 * webhookResponse; left out, responseData defaults to the text "firstEntryJson" (n8n 1.x and 2.x,
 * webhook-helpers), which the vendor would get. The expression gives the object, sent as JSON.
 */
export const acknowledgedWebhook: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: `={{ ${JSON.stringify(WEBHOOK_ANSWER)} }}`,
	path: 'webhook',
};

/** The Secret parameter; empty (the default) lets every request in, as before it existed. */
export const webhookSecretProperty: INodeProperties = {
	displayName: 'Secret',
	name: 'secret',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		'When set, only requests to the Production URL followed by ?secret= and this value start the workflow; the others get a 401. Use letters and digits, so the value needs no URL encoding.',
};

/** The parts of a request the checks read, as n8n hands them to a webhook trigger. */
export interface WebhookRequestParts {
	headers: Record<string, unknown>;
	query: Record<string, unknown>;
	/** The body as n8n's body parser left it: an object, an array, a string... */
	body: unknown;
	/** The bytes as received, where n8n kept them (`req.rawBody`). */
	rawBody?: Buffer | string;
}

export interface WebhookRejection {
	status: 400 | 401 | 413 | 415;
	message: string;
}

export type WebhookCheck =
	| { ok: true; body: IDataObject }
	| { ok: false; rejection: WebhookRejection };

export interface WebhookGuardOptions {
	/** Empty or missing: no secret is asked for. */
	secret?: string;
	maxBytes?: number;
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether the secret a request carried is the expected one, in time that does not depend on how
 * much of it is right: both sides are hashed to 32 bytes, then compared with timingSafeEqual.
 */
export function secretMatches(given: unknown, expected: string): boolean {
	const candidate = typeof given === 'string' ? given : '';
	const equal = timingSafeEqual(sha256(candidate), sha256(expected));
	return equal && typeof given === 'string';
}

/** The body's size in bytes: the raw bytes if kept, else Content-Length, else the parsed JSON's. */
export function bodySize(
	request: Pick<WebhookRequestParts, 'headers' | 'body' | 'rawBody'>,
): number {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody.length;
	if (typeof request.rawBody === 'string') return Buffer.byteLength(request.rawBody, 'utf8');
	const declared = Number(request.headers['content-length']);
	if (Number.isFinite(declared) && declared >= 0) return declared;
	if (request.body === undefined) return 0;
	const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
	return Buffer.byteLength(text ?? '', 'utf8');
}

function kindOf(value: unknown): string {
	if (value === undefined) return 'empty';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return `a ${typeof value}`;
}

/**
 * Removes `name=<value>` from every URL-like string in a payload, in case a sender echoes the URL
 * it posted to: the secret must never reach the workflow's items.
 */
export function redactQueryParameter<T>(value: T, name: string): T {
	const pattern = new RegExp(`([?&])${name}=[^&#\\s"']*`, 'gi');
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return node.replace(pattern, `$1${name}=[redacted]`);
		if (Array.isArray(node)) return node.map(walk);
		if (node && typeof node === 'object')
			return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
		return node;
	};
	return walk(value) as T;
}

/**
 * The checks, in this order: the secret (401), the size (413), JSON (415), one object (400). Only a
 * request that passes all of them yields a body, with the secret's query parameter redacted.
 */
export function checkWebhookRequest(
	request: WebhookRequestParts,
	options: WebhookGuardOptions = {},
): WebhookCheck {
	const refuse = (status: WebhookRejection['status'], message: string): WebhookCheck => ({
		ok: false,
		rejection: { status, message },
	});
	const secret = options.secret ?? '';
	if (secret && !secretMatches(request.query[SECRET_QUERY_PARAMETER], secret))
		return refuse(
			401,
			`Missing or wrong secret: the URL must be the Production URL followed by ?${SECRET_QUERY_PARAMETER}= and the node's Secret`,
		);
	const maxBytes = options.maxBytes ?? WEBHOOK_BODY_LIMIT_BYTES;
	const size = bodySize(request);
	if (size > maxBytes)
		return refuse(
			413,
			`The body is ${size} bytes; send at most ${maxBytes} bytes (one record per request)`,
		);
	const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
	if (!contentType.includes('json'))
		return refuse(415, 'Send a JSON object with Content-Type: application/json');
	const { body } = request;
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return refuse(400, `The body is ${kindOf(body)}, not a JSON object: send one object, {…}`);
	return {
		ok: true,
		body: secret
			? redactQueryParameter(body as IDataObject, SECRET_QUERY_PARAMETER)
			: (body as IDataObject),
	};
}

/** The request of a webhook call, in the shape checkWebhookRequest reads. */
export function readWebhookRequest(context: IWebhookFunctions): WebhookRequestParts {
	return {
		headers: context.getHeaderData() as Record<string, unknown>,
		query: context.getQueryData() as Record<string, unknown>,
		body: context.getBodyData() as unknown,
		rawBody: context.getRequestObject().rawBody as Buffer | string | undefined,
	};
}

/** Answers a refused request with its status and message; the workflow does not start. */
export function refuseWebhook(
	context: IWebhookFunctions,
	rejection: WebhookRejection,
): IWebhookResponseData {
	context.getResponseObject().status(rejection.status).json({ message: rejection.message });
	return { noWebhookResponse: true };
}

/**
 * The checks on the call at hand: the body to start with, or the answer already sent. The secret
 * is read by the caller (its parameter), so the message never holds it.
 */
export function guardWebhook(
	context: IWebhookFunctions,
	options: WebhookGuardOptions = {},
): { body: IDataObject } | { refused: IWebhookResponseData } {
	const check = checkWebhookRequest(readWebhookRequest(context), options);
	return check.ok ? { body: check.body } : { refused: refuseWebhook(context, check.rejection) };
}

/** The event name an unplaced webhook is emitted with: no event of the vendor's fits its body. */
export const UNKNOWN_EVENT = 'unknown';

/**
 * A payload the trigger cannot place, as the item it starts the workflow with: the whole body,
 * untouched, under `body`, so that nothing the vendor sent is lost and an If node can route it.
 */
export function unplacedWebhookItem(body: IDataObject): IDataObject {
	return { event: UNKNOWN_EVENT, body };
}

/**
 * The answer to a webhook the user chose not to receive: the same 200 and body as a call that starts
 * the workflow (the vendor does not resend a refused call), nothing started, and a debug line that
 * says why. The line holds neither the body (personal data) nor the URL's query (the secret travels
 * there). n8n sends webhookResponse as the body when no workflow starts.
 */
export function skipWebhook(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	context.logger.debug(`Webhook answered 200 without starting the workflow: ${reason}`, {
		node: context.getNode().name,
		workflowId: context.getWorkflow().id,
	});
	return { webhookResponse: WEBHOOK_ANSWER };
}
