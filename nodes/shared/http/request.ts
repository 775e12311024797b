import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TransportBinding, TransportOptions, VendorRetry } from './binding';
import { openCredentialSession, type RequestContext } from './credential-session';
import { brokenJsonReply, outcomeUnknown, readHttpFailure, vendorApiError } from './http-failure';
import { noAnswerWords, unknownOutcomeWords, type FailedCall } from './no-answer';
import {
	PageWindow,
	readAllPages,
	readPagesAhead,
	type ListPage,
	type NumberedPage,
	type PagesAheadPlan,
	type PageProgress,
} from './pagination';
import { DEFAULT_PAGES_AT_ONCE } from './request-options';
import { REQUEST_TIMEOUT_MS } from './request-timeout';
import { withRetry, type RetryLog, type RetryPolicy } from './retry';

/** Reads change nothing: they are sent again on a rate limit and on server errors. */
export const READ_RETRY_STATUSES = [429, 500, 502, 503, 504];

/** Errors a hook already worded for a person: they go on as they are. */
const worded = new WeakSet<object>();

/** Marks an error that a `send` hook worded itself (SPREAD's redirect to another host). */
export function alreadyWorded<E extends Error>(error: E): E {
	worded.add(error);
	return error;
}

/**
 * A read is retried on 429 and 5xx, when its reply was lost, late or cut off, and when the host refused
 * it after answering earlier in this run (a server restarting). A write only on the statuses its
 * vendor says leave it undone: otherwise it may have been carried out.
 */
function retryPolicyOf(
	retry: VendorRetry,
	context: RequestContext,
	method: IHttpRequestMethods,
	answeredBefore: boolean | undefined,
	maxWaitSeconds: number,
): RetryPolicy {
	const read = method === 'GET';
	return {
		retryStatuses: read ? READ_RETRY_STATUSES : retry.writeStatuses,
		retryNetworkFailures: read,
		retryUnreachable: read && answeredBefore === true,
		retryAlso: retry.retryAlso,
		maxRetries: retry.maxRetries,
		maxWaitMs: Math.max(0, maxWaitSeconds) * 1000,
		fallbackDelayMs: (attempt, failure) =>
			retry.backoffMs?.(attempt, failure, context) ?? Math.min(30_000, 1000 * 2 ** (attempt - 1)),
	};
}

/** A JSON body or a form with its Content-Type; a built one (multipart) gets its type from the client. */
function addBody(request: IHttpRequestOptions, options: TransportOptions): void {
	if (options.buildBody) {
		request.body = options.buildBody() as IHttpRequestOptions['body'];
	} else if (options.body !== undefined) {
		request.body = options.body;
		request.headers = { ...request.headers, 'Content-Type': 'application/json' };
	} else if (options.form !== undefined) {
		request.body = options.form;
		request.headers = { ...request.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
	}
}

/** A reply as an object: an empty one is {}, a bare value `{result}`. */
function asObject(reply: unknown): IDataObject {
	if (reply === undefined || reply === null || reply === '') return {};
	return typeof reply === 'object' ? (reply as IDataObject) : { result: reply as string };
}

/**
 * The request skeleton every vendor shares, bound to one vendor (as n8n's Microsoft Graph transport
 * is bound to Outlook and Teams): credential session → base URL → timeout → retry → cut-reply check →
 * the reply as an object, or an error that says what happened and what to do.
 */
export function createTransport<Options extends TransportOptions>(
	binding: TransportBinding<Options>,
) {
	function callError(
		context: RequestContext,
		error: unknown,
		call: FailedCall,
		options: Options,
	): Error {
		if (error instanceof Error && worded.has(error)) return error;
		const failure = readHttpFailure(error);
		const apiError = (message: string, description = binding.describe(failure)) =>
			vendorApiError(context.getNode(), failure, {
				message,
				description,
				itemIndex: call.itemIndex,
			});
		const status = failure.kind === 'status' ? (failure.status ?? 0) : 0;
		const undone = status < 500 || binding.retry.writeStatuses.includes(status);
		if (
			call.method !== 'GET' &&
			!binding.notSent?.(failure) &&
			(outcomeUnknown(failure) || !undone)
		) {
			const words = unknownOutcomeWords(binding, failure, call);
			return apiError(words.message, words.description);
		}
		if (failure.status !== undefined) return binding.statusError(failure, apiError, call, options);
		if (binding.ownWords?.(failure)) return apiError(failure.message);
		// The timeout hint names the Request Options of an action node: a poll or a list search has none.
		const wording = 'getInputData' in context ? binding : { vendor: binding.vendor };
		const words = noAnswerWords(wording, failure, call);
		return apiError(words.message, words.description);
	}

	/** One call of the API, retried as the vendor allows; its reply as an object. */
	async function request(
		this: RequestContext,
		method: IHttpRequestMethods,
		path: string,
		options: Options = {} as Options,
	): Promise<IDataObject> {
		const session = options.session ?? (await openCredentialSession(this, binding.credentialType));
		const problem = binding.checkCredential?.(session.data);
		if (problem)
			throw new NodeOperationError(this.getNode(), problem, { itemIndex: options.itemIndex });
		const baseUrl = binding.baseUrl(session.data);
		const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
		const maxWaitSeconds = options.maxWaitSeconds ?? binding.retry.maxWaitSeconds;
		const policy = retryPolicyOf(
			binding.retry,
			this,
			method,
			options.answeredBefore,
			maxWaitSeconds,
		);
		const { onRateLimited } = options;
		if (onRateLimited) policy.onRetry = (failure) => failure.status === 429 && onRateLimited();
		const attempt = async () => {
			const request: IHttpRequestOptions = {
				method,
				url: `${baseUrl}${path}`,
				qs: options.qs,
				headers: { Accept: binding.accept },
				json: true,
				timeout: timeoutMs,
			};
			addBody(request, options);
			const { itemIndex } = options;
			const reply = binding.send
				? await binding.send(this, {
						method,
						request,
						session,
						baseUrl,
						itemIndex,
						maxWaitMs: policy.maxWaitMs,
					})
				: await session.request(request);
			const cut = brokenJsonReply(reply);
			if (cut) throw cut;
			return reply;
		};
		const log: RetryLog = { attempts: 0 };
		try {
			return asObject(await withRetry(policy, attempt, log));
		} catch (error) {
			const { itemIndex, about, record } = options;
			const call = { method, baseUrl, attempts: log.attempts, timeoutMs, maxWaitSeconds };
			throw callError(this, error, { ...call, itemIndex, about, record }, options);
		}
	}

	/**
	 * Every record of a list, or the first `limit`, page after page (`fetchPage` reads one): the
	 * credential read once for all pages, and a refused connection retried once the vendor answered.
	 */
	async function readAll<Cursor>(
		context: RequestContext,
		options: Options,
		limit: number,
		what: string | undefined,
		fetchPage: (
			cursor: Cursor | undefined,
			options: Options,
			progress: PageProgress,
		) => Promise<ListPage<IDataObject, Cursor>>,
	): Promise<IDataObject[]> {
		const session =
			options.session ?? (await openCredentialSession(context, binding.credentialType));
		return await readAllPages<IDataObject, Cursor>(
			async (cursor, progress) =>
				await fetchPage(
					cursor,
					{ ...options, session, answeredBefore: progress.pages > 0 },
					progress,
				),
			limit,
			what,
		);
	}

	/**
	 * Every record of a list whose pages are addressed by number, or the first `limit`: up to
	 * `options.pagesAtOnce` pages in flight (readPagesAhead), fewer for the rest of the list after the
	 * vendor's first 429. The credential is read once for all pages.
	 */
	async function readNumbered(
		context: RequestContext,
		options: Options,
		plan: Omit<PagesAheadPlan, 'pagesAtOnce'>,
		fetchPage: (
			index: number,
			options: Options,
			progress: PageProgress,
		) => Promise<NumberedPage<IDataObject>>,
	): Promise<IDataObject[]> {
		const session =
			options.session ?? (await openCredentialSession(context, binding.credentialType));
		const pagesAtOnce = options.pagesAtOnce ?? DEFAULT_PAGES_AT_ONCE;
		const window = new PageWindow(pagesAtOnce);
		const onRateLimited = () => {
			window.rateLimited();
			options.onRateLimited?.();
		};
		return await readPagesAhead<IDataObject>(
			async (index, progress) =>
				await fetchPage(
					index,
					{ ...options, session, answeredBefore: index > 0, onRateLimited },
					progress,
				),
			{ ...plan, pagesAtOnce },
			window,
		);
	}

	return { request, readAll, readNumbered };
}
