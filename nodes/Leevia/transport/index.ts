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
import { freshProductToken, isOwnProduct, productKey } from '../helpers/product-tokens';
import {
	LEEVIA_ACCEPT,
	LEEVIA_NOT_PROCESSED_STATUSES,
	LEEVIA_PAGE_SIZE,
	leeviaApiRoot,
	leeviaNextPage,
	type LeeviaPagination,
	type LeeviaProduct,
	type LeeviaProductType,
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
	// A registration is sent again only on the statuses that say it was not processed (api.ts). A
	// sign-in that failed for a while (the credential's words) sent nothing else, so even a write goes
	// again. At most 4 retries, 1, 2, 4, 8 s apart.
	retry: {
		writeStatuses: LEEVIA_NOT_PROCESSED_STATUSES,
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

/**
 * [doc] A token opens only the product it was signed in for. A call on another product than the
 * credential's (a node's Product ID, Campaign ID or Loyalty Portal ID) carries that product's token:
 * n8n runs the credential's preAuthentication for it when the credential keeps none that is fresh and
 * signed with its key, which stores it beside the credential's own, and again after a 401. The pages
 * that sign in together share one sign-in there, as the credential's own do.
 */
async function sendForProduct({ request, session }: Attempt): Promise<unknown> {
	const product = productOfPath(request.url);
	if (!product || isOwnProduct(session.data, product)) return await session.request(request);
	const stored = session.data.productTokens;
	const as: ICredentialDataDecryptedObject = {
		...session.data,
		// Empty: n8n signs in (preAuthentication) before sending; the credential's own token waits aside.
		accessToken: freshProductToken(session.data, product, Date.now()) ?? '',
		ownAccessToken: session.data.accessToken ?? '',
		signInProduct: productKey(product),
	};
	try {
		return await session.request(request, as);
	} finally {
		// A token signed in for here serves the next calls of this session.
		if (as.productTokens !== stored) session.data.productTokens = as.productTokens;
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
