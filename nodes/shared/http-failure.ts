import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What a failed request said, read off the error n8n's request helpers throw. */
export interface HttpFailure {
	status?: number;
	body?: unknown;
	headers: Record<string, string>;
	message: string;
	/** A network failure's code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT...) when no HTTP answer came. */
	networkCode?: string;
}

interface ErrorShape {
	httpCode?: string | number | null;
	code?: string;
	message?: string;
	context?: { data?: unknown };
	cause?: ErrorShape;
	response?: {
		status?: number;
		statusCode?: number;
		data?: unknown;
		body?: unknown;
		headers?: IDataObject;
	};
}

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
	return {
		status: Number.isFinite(status) ? status : undefined,
		body,
		headers,
		message: inner.message ?? outer.message ?? 'Unknown error',
		networkCode: [inner.code, outer.code].find(
			(code) => typeof code === 'string' && /^E[A-Z_]+$/.test(code),
		),
	};
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
