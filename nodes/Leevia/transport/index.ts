/**
 * Leevia bound to the shared request kernel (nodes/shared/http/request.ts): its credential, how it is
 * retried (a sign-in that failed for a while too), its page numbers. The API's facts are in api.ts;
 * its error words in errors.ts.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import type { Attempt, TransportOptions } from '../../shared/http/binding';
import { createTransport } from '../../shared/http/request';
import {
	LEEVIA_ACCEPT,
	LEEVIA_PAGE_SIZE,
	freshProductToken,
	leeviaApiRoot,
	leeviaNextPage,
	type LeeviaPagination,
	type LeeviaProduct,
	type LeeviaProductType,
	productKey,
	productOfPath,
} from './api';
import { describeLeeviaFailure, isTransientSignInFailure, leeviaStatusError } from './errors';

export * from './api';

export type LeeviaContext = IExecuteFunctions | IPollFunctions;

export type LeeviaRequestOptions = Omit<TransportOptions, 'form' | 'maxWaitSeconds' | 'about'>;

const transport = createTransport<LeeviaRequestOptions>({
	vendor: 'Leevia',
	credentialType: 'leeviaApi',
	// [doc] The credential stores the host only.
	baseUrl: (credential) => leeviaApiRoot(String(credential.baseUrl)),
	accept: LEEVIA_ACCEPT,
	timeoutHint: `raise "Timeout (Seconds)" in the node's Request Options`,
	// [doc] Leevia documents 500 and 503 ("temporarily offline for maintenance"): a registration is sent
	// again only on 503, which says it was not processed. ASSUMED: the document names no rate limit, so
	// a 429 is treated like a 503 (not processed) in case one is added. A sign-in that failed for a
	// while (the credential's words) sent nothing else, so even a write goes again. At most 4 retries,
	// 1, 2, 4, 8 s apart.
	retry: {
		writeStatuses: [429, 503],
		maxWaitSeconds: 60,
		maxRetries: 4,
		retryAlso: isTransientSignInFailure,
	},
	send: async (_context, attempt) => await sendForProduct(attempt),
	notSent: isTransientSignInFailure,
	// The credential's sign-in (preAuthentication) throws its refusals in words, with no HTTP side.
	ownWords: (failure) => failure.kind === 'other' && !failure.networkCode,
	describe: describeLeeviaFailure,
	statusError: leeviaStatusError,
});

/** The calls of a session waiting on a sign-in for another product, by product: one signs in. */
const signingIn = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * [doc] A token opens only the product it was signed in for. A call on another product than the
 * credential's (a node's Product ID, Campaign ID or Loyalty Portal ID) carries that product's token:
 * n8n runs the credential's preAuthentication for it when the credential keeps none that is fresh,
 * which stores it beside the credential's own, and again after a 401.
 */
async function sendForProduct({ request, session }: Attempt): Promise<unknown> {
	const product = productOfPath(request.url);
	const own = productKey({
		productType: String(session.data.productType ?? '') as LeeviaProductType,
		productId: String(session.data.productId ?? ''),
	});
	if (!product || productKey(product) === own) return await session.request(request);
	const key = productKey(product);
	const waiting = signingIn.get(session.data) ?? new Map<string, Promise<unknown>>();
	signingIn.set(session.data, waiting);
	// Pages read side by side wait for the call that is signing in instead of signing in too (and
	// the first after a sign-in that failed signs in again, alone). No await when none is pending, so
	// the first call registers itself before the others look.
	for (let pending = waiting.get(key); pending; pending = waiting.get(key)) {
		await pending.catch(() => undefined);
	}
	const token = freshProductToken(session.data.productTokens, key, Date.now());
	const as: ICredentialDataDecryptedObject = {
		...session.data,
		// Empty: n8n signs in (preAuthentication) before sending; the credential's own token waits aside.
		accessToken: token ?? '',
		ownAccessToken: session.data.accessToken ?? '',
		signInProduct: key,
	};
	const sent = session.request(request, as);
	if (!token) waiting.set(key, sent);
	try {
		return await sent;
	} finally {
		// The token signed in for here serves the next calls of this session.
		if (as.productTokens !== undefined) session.data.productTokens = as.productTokens;
		if (waiting.get(key) === sent) waiting.delete(key);
	}
}

/** One call of the API: the reply body, retried as the kernel says; a failure worded by errors.ts. */
export const leeviaRequest = transport.request;

/** The product the credential belongs to, unless the node names another one. */
export async function resolveProduct(
	context: LeeviaContext,
	override: { productType?: string; productId?: string } = {},
): Promise<LeeviaProduct> {
	const credentials = await context.getCredentials('leeviaApi');
	return {
		productType: (override.productType || credentials.productType) as LeeviaProductType,
		productId: String(override.productId || credentials.productId || '').trim(),
	};
}

/** One page of a list: its records, and where the list stands. */
export async function leeviaPage(
	this: LeeviaContext,
	path: string,
	qs: IDataObject,
	page: number,
	options: LeeviaRequestOptions = {},
): Promise<{ records: IDataObject[]; pagination: LeeviaPagination }> {
	const response = await leeviaRequest.call(this, 'GET', path, {
		...options,
		qs: { ...qs, page },
	});
	// [doc] The records sit under the collection's name, which is the path's last segment.
	const collection = path.slice(path.lastIndexOf('/') + 1);
	return {
		records: (response[collection] as IDataObject[] | undefined) ?? [],
		pagination: (response.pagination ?? {}) as LeeviaPagination,
	};
}

/**
 * Every record of a list, or the first `limit`: the first page, which says how many pages there are,
 * then up to `pagesAtOnce` pages at once by their numbers.
 */
export async function leeviaRequestAllItems(
	this: LeeviaContext,
	path: string,
	qs: IDataObject,
	limit = Infinity,
	options: LeeviaRequestOptions = {},
): Promise<IDataObject[]> {
	return await transport.readNumbered(
		this,
		options,
		{
			pageSize: LEEVIA_PAGE_SIZE,
			limit,
			// [doc] The records are named by the path's last segment: participants, campaigns.
			what: path.slice(path.lastIndexOf('/') + 1),
		},
		async (index, pageOptions) => {
			// [doc] Pages are numbered from 1.
			const page = index + 1;
			const current = await leeviaPage.call(this, path, qs, page, pageOptions);
			const pages = Number(current.pagination.pages);
			return {
				items: current.records,
				last: leeviaNextPage(page, current) === undefined,
				...(Number.isInteger(pages) && pages > 0 && { pageCount: pages }),
			};
		},
	);
}
