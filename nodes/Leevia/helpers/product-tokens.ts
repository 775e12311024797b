/**
 * The tokens of products other than the credential's ([doc] a token opens the product it was signed in
 * for), as the credential keeps them in its hidden Product Tokens field: a JSON object by product,
 * `{"campaigns/81": {"token": "eyJ…", "expires": 1700000000, "signedFor": "3f9a…"}}`. `signedFor` is
 * the fingerprint of the key, secret and product the token was signed in with, so that a token is
 * never used after the user changed the key or the secret; an entry without it (stored before it
 * existed) is not used either, and the product signs in again.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { productOfPath, type LeeviaProduct, type LeeviaProductType } from '../transport/api';

export type ProductTokens = Record<string, { token: string; expires: number; signedFor: string }>;

/** At most this many products keep a token; the ones that expire first make room. */
const MAX_PRODUCT_TOKENS = 50;

/** A token with less than this left is not sent: it could expire on the way. */
const FRESH_FOR_MS = 60_000;

/** How a product is named in the token list and in `signInProduct`: `campaigns/81`. */
export function productKey(product: LeeviaProduct): string {
	return `${product.productType}/${product.productId.trim()}`;
}

/** The product a `productKey` names, or undefined for anything else (no product, a stray value). */
export function productOfKey(key: unknown): LeeviaProduct | undefined {
	const [productType, ...productId] = String(key ?? '').split('/');
	if (!productType || productId.length === 0) return undefined;
	return { productType: productType as LeeviaProductType, productId: productId.join('/') };
}

/** The product the credential belongs to. */
export function ownProduct(credentials: IDataObject): LeeviaProduct {
	return {
		productType: String(credentials.productType ?? '') as LeeviaProductType,
		productId: String(credentials.productId ?? '').trim(),
	};
}

export function isOwnProduct(credentials: IDataObject, product: LeeviaProduct): boolean {
	return productKey(product) === productKey(ownProduct(credentials));
}

/**
 * What a token of `product` was signed in with, hashed: 16 hex digits of SHA-256 over the host, the
 * key, the secret and the product. It says whether a stored token still belongs to the credential's
 * key and secret, and tells the shared sign-ins apart; the key and secret cannot be read back from it.
 */
export function signInFingerprint(credentials: IDataObject, product: LeeviaProduct): string {
	return createHash('sha256')
		.update(
			JSON.stringify([
				String(credentials.baseUrl ?? ''),
				String(credentials.apiKey ?? '').trim(),
				String(credentials.apiSecret ?? ''),
				productKey(product),
			]),
		)
		.digest('hex')
		.slice(0, 16);
}

/** The stored list as written; an entry of another shape (an older one, without `signedFor`) is left out. */
export function readProductTokens(stored: unknown): ProductTokens {
	if (typeof stored !== 'string' || !stored) return {};
	try {
		const parsed = JSON.parse(stored) as unknown;
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
		const tokens: ProductTokens = {};
		for (const [key, entry] of Object.entries(parsed as Record<string, unknown>)) {
			const { token, expires, signedFor } = (entry ?? {}) as Record<string, unknown>;
			if (
				typeof token === 'string' &&
				token &&
				Number.isFinite(expires) &&
				typeof signedFor === 'string'
			)
				tokens[key] = { token, expires: expires as number, signedFor };
		}
		return tokens;
	} catch {
		return {};
	}
}

/** The stored token of `product` when the credential's key and secret signed it, else undefined. */
function usableEntry(credentials: IDataObject, product: LeeviaProduct) {
	const entry = readProductTokens(credentials.productTokens)[productKey(product)];
	return entry && entry.signedFor === signInFingerprint(credentials, product) ? entry : undefined;
}

/** The product's token while it has a minute left (so it does not expire on the way), else undefined. */
export function freshProductToken(
	credentials: IDataObject,
	product: LeeviaProduct,
	nowMs: number,
): string | undefined {
	const entry = usableEntry(credentials, product);
	return entry && entry.expires * 1000 > nowMs + FRESH_FOR_MS ? entry.token : undefined;
}

/** The stored list with the product's new token, without the tokens that expired or another key signed. */
export function withProductToken(
	credentials: IDataObject,
	product: LeeviaProduct,
	token: string,
	expires: number,
	nowMs: number,
): string {
	const key = productKey(product);
	const kept = Object.entries(readProductTokens(credentials.productTokens))
		.filter(([other, entry]) => {
			const otherProduct = productOfKey(other);
			return (
				other !== key &&
				otherProduct !== undefined &&
				entry.expires * 1000 > nowMs &&
				entry.signedFor === signInFingerprint(credentials, otherProduct)
			);
		})
		.sort(([, a], [, b]) => b.expires - a.expires)
		.slice(0, MAX_PRODUCT_TOKENS - 1);
	const signedFor = signInFingerprint(credentials, product);
	return JSON.stringify(Object.fromEntries([[key, { token, expires, signedFor }], ...kept]));
}

/**
 * The token a request to `url` carries: its product's own when it is not the credential's product and
 * the credential's key and secret signed it, else the credential's.
 */
export function tokenForUrl(credentials: IDataObject, url: string): string {
	const product = productOfPath(url);
	const entry =
		product && !isOwnProduct(credentials, product) ? usableEntry(credentials, product) : undefined;
	return entry?.token ?? String(credentials.accessToken ?? '');
}
