/** Leevia's sign-in for one product ([doc] a signed GET of /authenticate): its token and expiry. */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import {
	LEEVIA_ACCEPT,
	LEEVIA_TOKEN_LIFETIME_SECONDS,
	leeviaApiRoot,
	leeviaSignature,
	paths,
	type LeeviaProduct,
} from '../transport/api';

/**
 * One sign-in for `product`: its token and when it stops working (unix seconds). `named` says the
 * product is one a node names, not the credential's, so that a refusal points at the node's parameter.
 */
export async function signIn(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	{ productType, productId }: LeeviaProduct,
	named: boolean,
): Promise<{ token: string; expires: number }> {
	const apiKey = String(credentials.apiKey ?? '').trim();
	const apiSecret = String(credentials.apiSecret ?? '');
	if (!apiKey || !apiSecret || !productId) {
		throw new Error('The Leevia credential needs an API key, an API secret and a product ID');
	}
	// Unix seconds, as the document's examples sign (not the milliseconds of one old sample).
	const timestamp = Math.floor(Date.now() / 1000);
	const response = (await context.helpers.httpRequest({
		method: 'GET',
		url: `${leeviaApiRoot(String(credentials.baseUrl))}${paths.authenticate({ productType, productId })}`,
		headers: {
			Accept: LEEVIA_ACCEPT,
			'Content-Type': 'application/json',
			'App-Key': apiKey,
			Timestamp: String(timestamp),
			Signature: leeviaSignature(apiKey, apiSecret, timestamp),
		},
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; headers: Record<string, string | string[] | undefined> };

	const authorization = response.headers.authorization ?? response.headers.Authorization;
	const token = String(Array.isArray(authorization) ? authorization[0] : (authorization ?? ''))
		.replace(/^Bearer\s+/i, '')
		.trim();
	if (response.statusCode >= 200 && response.statusCode < 300 && token) {
		// [doc] x-expires: when the token stops working, in unix seconds.
		const expires =
			Number(response.headers['x-expires']) || timestamp + LEEVIA_TOKEN_LIFETIME_SECONDS;
		return { token, expires };
	}
	if ([401, 403, 404].includes(response.statusCode) && named) {
		throw new Error(
			`Leevia refused to sign in for ${productType}/${productId} (HTTP ${response.statusCode}), the product the node names: check its Product Type and Product ID (or Campaign ID, Loyalty Portal ID), and that the API key of the credential belongs to that product's account`,
		);
	}
	if ([401, 403, 404].includes(response.statusCode)) {
		throw new Error(
			`Leevia refused to sign in (HTTP ${response.statusCode}): check the API key, the API secret, the product type and the product ID ${productType}/${productId} in the credential`,
		);
	}
	throw new Error(
		response.statusCode >= 200 && response.statusCode < 300
			? 'Leevia accepted the sign-in but sent no token in the Authorization header'
			: `Leevia sign-in failed with HTTP ${response.statusCode}: try again later`,
	);
}
