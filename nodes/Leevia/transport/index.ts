/**
 * Leevia bound to the shared request kernel (nodes/shared/http/request.ts): its credential, how it is
 * retried (a sign-in that failed for a while too), its page numbers. The API's facts are in api.ts;
 * its error words in errors.ts.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import type { TransportOptions } from '../../shared/http/binding';
import { createTransport } from '../../shared/http/request';
import {
	LEEVIA_ACCEPT,
	leeviaApiRoot,
	leeviaNextPage,
	type LeeviaPagination,
	type LeeviaProduct,
	type LeeviaProductType,
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
	// again only on 503, which says it was not processed. The document names no rate limit, so a 429 is
	// treated like a 503 in case one is added. A sign-in that failed for a while (the credential's
	// words) sent nothing else, so even a write goes again. At most 4 retries, 1, 2, 4, 8 s apart.
	retry: {
		writeStatuses: [429, 503],
		maxWaitSeconds: 60,
		maxRetries: 4,
		retryAlso: isTransientSignInFailure,
	},
	notSent: isTransientSignInFailure,
	// The credential's sign-in (preAuthentication) throws its refusals in words, with no HTTP side.
	ownWords: (failure) => failure.kind === 'other' && !failure.networkCode,
	describe: describeLeeviaFailure,
	statusError: leeviaStatusError,
});

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

/** Follows Leevia's page numbers until `limit` records are in hand or the last page is read. */
export async function leeviaRequestAllItems(
	this: LeeviaContext,
	path: string,
	qs: IDataObject,
	limit = Infinity,
	options: LeeviaRequestOptions = {},
): Promise<IDataObject[]> {
	return await transport.readAll<number>(
		this,
		options,
		limit,
		// [doc] The records are named by the path's last segment: participants, campaigns.
		path.slice(path.lastIndexOf('/') + 1),
		async (page = 1, pageOptions) => {
			const current = await leeviaPage.call(this, path, qs, page, pageOptions);
			return { items: current.records, next: leeviaNextPage(page, current) };
		},
	);
}
