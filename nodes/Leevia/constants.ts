/** Facts of Leevia's API v1 document that both the credential and the transport need. */

/** The media type that selects API v1; Leevia requires it on every request. */
export const LEEVIA_ACCEPT = 'application/vnd.leevia.api.v1+json';

export const LEEVIA_PRODUCT_TYPES = ['campaigns', 'whatsapp_campaigns', 'loyalty_portals'] as const;
export type LeeviaProductType = (typeof LEEVIA_PRODUCT_TYPES)[number];

/** The credential stores the host only; the API lives under this path. */
export function leeviaApiRoot(baseUrl: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/api/v1`;
}
