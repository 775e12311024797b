/**
 * Leevia's API as its document gives it (API v1, December 2022: "[doc]"): URLs, headers, the sign-in
 * signature and the pagination envelope. The credential applies the headers and signs in, because n8n
 * runs its authenticate and preAuthentication; it takes them from here. (Node's crypto is the one
 * import: the signature is an HMAC.)
 */
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** [doc] The production host; the credential's Base URL defaults to it (the API lives under /api/v1). */
export const LEEVIA_BASE_URL = 'https://app.leevia.com';

/** [doc] The media type that selects API v1; Leevia requires it on every request. */
export const LEEVIA_ACCEPT = 'application/vnd.leevia.api.v1+json';

/**
 * [doc] The sign-in's token is a JWT whose `exp` claim is its expiry in Unix seconds: the document's
 * example token carries `exp` 1539096952, its `x-expires`. Undefined when the token reads as no JWT.
 */
export function leeviaTokenExpiry(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	const exp = /"exp"\s*:\s*(\d+)/.exec(Buffer.from(payload, 'base64url').toString('utf8'));
	return exp ? Number(exp[1]) : undefined;
}

/** [doc] The kinds of product an API key can belong to, as the editor names them. */
export const LEEVIA_PRODUCT_TYPES = [
	{ name: 'Contest (Campaign)', value: 'campaigns' },
	{ name: 'Loyalty Portal', value: 'loyalty_portals' },
	{ name: 'WhatsApp Campaign', value: 'whatsapp_campaigns' },
] as const;
export type LeeviaProductType = (typeof LEEVIA_PRODUCT_TYPES)[number]['value'];

/** [doc] Leevia pages hold at most this many records. */
export const LEEVIA_PAGE_SIZE = 100;

export interface LeeviaProduct {
	productType: LeeviaProductType;
	productId: string;
}

/** [doc] The credential stores the host only; the API lives under this path. */
export function leeviaApiRoot(baseUrl: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/api/v1`;
}

/** [doc] The sign-in signature: hex HMAC-SHA256 of "<api_key>.<timestamp>", keyed with the API secret. */
export function leeviaSignature(
	apiKey: string,
	apiSecret: string,
	timestamp: number | string,
): string {
	return createHmac('sha256', apiSecret).update(`${apiKey}.${timestamp}`).digest('hex');
}

const segment = (value: string) => encodeURIComponent(value);

/** [doc] Every path, relative to the API root. */
export const paths = {
	authenticate: (product: LeeviaProduct) =>
		`/${product.productType}/${segment(product.productId)}/authenticate`,
	participants: (product: LeeviaProduct) =>
		`/${product.productType}/${segment(product.productId)}/participants`,
	instantWinParticipants: (campaignId: string) =>
		`/campaigns/instant_wins/${segment(campaignId)}/participants`,
	portalCampaigns: (portalId: string) => `/loyalty_portals/${segment(portalId)}/campaigns`,
};

/**
 * ASSUMED: the credential's API key also signs in for the other products of its account (the document
 * puts a key on a product's API page and says no more), so a node may name another product; a key
 * that does not open it is refused at that product's sign-in, and the message says so.
 *
 * [doc] A token opens the product it was signed in for: "specify product type and id in the REST url
 * to obtain the correct authentication token for your subsequent request to work". The product a path
 * (relative to the API root, or a whole URL under it) belongs to, or undefined for another path.
 */
export function productOfPath(path: string): LeeviaProduct | undefined {
	const at = path.indexOf('/api/v1/');
	const relative = (at >= 0 ? path.slice(at + '/api/v1'.length) : path).split('?')[0];
	const instantWin = /^\/campaigns\/instant_wins\/([^/]+)\//.exec(relative);
	if (instantWin) return { productType: 'campaigns', productId: decodeURIComponent(instantWin[1]) };
	const match = /^\/(campaigns|whatsapp_campaigns|loyalty_portals)\/([^/]+)\//.exec(relative);
	if (!match) return undefined;
	return { productType: match[1] as LeeviaProductType, productId: decodeURIComponent(match[2]) };
}

/** [doc] "Tokens expire after one day"; the sign-in's `x-expires` header says when (unix seconds). */
export const LEEVIA_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * The statuses that say a write was not processed, so it is sent again. [doc] 503: "temporarily
 * offline for maintenance". ASSUMED: the document names no rate limit; a 429, should Leevia add one,
 * is taken to mean the same (not processed).
 */
export const LEEVIA_NOT_PROCESSED_STATUSES = [429, 503];

/**
 * ASSUMED: a registration with a file goes as multipart, its nested objects as Rails-style fields
 * (`acceptances[rules]`, `custom_data[city]`), as the vendor's Ruby sample sends them through
 * RestClient [src: Leevia/leevia-api-samples]; [doc] the file sits "at the same level of the key
 * custom_data", under its field identifier.
 */
export function leeviaMultipartName(parent: string, child: string): string {
	return `${parent}[${child}]`;
}

/** [doc] A list reply: `{<collection>: [...], pagination: {current, next_page, pages, count, ...}}`. */
export interface LeeviaPagination {
	current?: number;
	next_page?: number | null;
	per_page?: number;
	pages?: number;
	count?: number;
}

/**
 * ASSUMED: the participant export lists participants in ascending `id` order and appends new ones
 * at the end, so that a poll can read on from the page where the previous one ended. The
 * document's example is in that order, but its words do not promise it; the trigger checks it on
 * every poll and reads the export whole when it does not hold. `false` makes every poll read whole.
 * ASSUMED too: a page past the last one answers with an empty list (as `next_page` is null there),
 * not with an error; the trigger asks for one only after participants were deleted.
 */
export const LEEVIA_EXPORT_APPENDS = true;

/**
 * ASSUMED: the winner export lists a participant once per prize won, and the participation export once
 * per play ([doc] "they can be not unique"), each listing under the participant's own `id`; so the
 * n-th listing of an id is its n-th win or play, which the trigger emits once each.
 */
export const LEEVIA_LISTED_PER_EVENT: readonly string[] = ['winner', 'participation'];

/** [doc] The page after `page`, or undefined on the last page (an empty page ends the list too). */
export function leeviaNextPage(
	page: number,
	current: { records: IDataObject[]; pagination: LeeviaPagination },
): number | undefined {
	const next = Number(current.pagination.next_page);
	// A next page that is not after this one would read the same pages again, for ever.
	return current.records.length && Number.isInteger(next) && next > page ? next : undefined;
}
