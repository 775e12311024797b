/**
 * Kimple bound to the shared request kernel (nodes/shared/http/request.ts): its credential, how it is
 * retried, its page index. The API's facts are in api.ts; its error words in errors.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { headerNameProblem } from '../../../credentials/KimpleApi.credentials';
import type { RequestContext } from '../../shared/http/credential-session';
import type { TransportOptions } from '../../shared/http/binding';
import { createTransport } from '../../shared/http/request';
import { FIRST_PAGE, KIMPLE_BASE_URL, MAX_PAGE_SIZE, listItems } from './api';
import { describeKimpleFailure, kimpleStatusError } from './errors';

export * from './api';

export type KimpleContext = RequestContext;

/** How long one request may wait in total on 429s and 5xx before giving up, unless the user sets otherwise. */
export const DEFAULT_MAX_WAIT_SECONDS = 60;

export type KimpleRequestOptions = Omit<
	TransportOptions,
	'body' | 'form' | 'buildBody' | 'record'
> & {
	/** What a list holds, for "while reading page 3 of contest entries". */
	records?: string;
};

// Every call of the API is a read, which changes nothing: the kernel retries it on 429 and 5xx, on a
// reply lost, late or cut off, and on a refused connection once Kimple has answered in this run.
const transport = createTransport<KimpleRequestOptions>({
	vendor: 'Kimple',
	credentialType: 'kimpleApi',
	baseUrl: (credential) => String(credential.baseUrl || KIMPLE_BASE_URL).replace(/\/+$/, ''),
	accept: 'application/json',
	timeoutHint: `raise "Timeout (Seconds)" in the node's Request Options`,
	retry: { writeStatuses: [], maxWaitSeconds: DEFAULT_MAX_WAIT_SECONDS },
	// The credential's own check (its authenticate makes it too, for its Test): here it comes first,
	// worded as it is, where the kernel would word the client's refusal as Kimple being unreachable.
	checkCredential: headerNameProblem,
	describe: describeKimpleFailure,
	statusError: kimpleStatusError,
});

/** One GET of the API, retried as the kernel says; a failure becomes a message that says what to do. */
export async function kimpleRequest(
	this: KimpleContext,
	path: string,
	options: KimpleRequestOptions = {},
): Promise<IDataObject> {
	return await transport.request.call(this, 'GET', path, options);
}

/** One page of a list: its records, and the next page's index unless this one was short (the last). */
export async function kimplePage(
	this: KimpleContext,
	path: string,
	qs: IDataObject,
	page: number,
	pageSize: number,
	options: KimpleRequestOptions = {},
): Promise<{ items: IDataObject[]; next?: number }> {
	const reply = await kimpleRequest.call(this, path, {
		...options,
		qs: { ...qs, page, limit: pageSize },
	});
	const items = listItems(reply);
	// [doc] No next link: a page shorter than the limit, or empty, is the last.
	return { items, next: items.length < pageSize ? undefined : page + 1 };
}

/**
 * Reads pages from the first until `limit` records are in hand or a page is short: after the first,
 * up to `pagesAtOnce` pages at once (the pages read past a short one are discarded).
 */
export async function kimpleRequestAllItems(
	this: KimpleContext,
	path: string,
	qs: IDataObject,
	limit = Infinity,
	options: KimpleRequestOptions = {},
): Promise<IDataObject[]> {
	// The page index counts pages of one size: keep it for the whole reading.
	const pageSize = Math.min(MAX_PAGE_SIZE, limit);
	return await transport.readNumbered(
		this,
		options,
		{ pageSize, limit, what: options.records },
		async (index, pageOptions) => {
			const page = await kimplePage.call(this, path, qs, FIRST_PAGE + index, pageSize, pageOptions);
			return { items: page.items, last: page.next === undefined };
		},
	);
}
