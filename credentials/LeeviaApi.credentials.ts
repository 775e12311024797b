import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	LEEVIA_ACCEPT,
	LEEVIA_BASE_URL,
	LEEVIA_PRODUCT_TYPES,
	LEEVIA_TOKEN_LIFETIME_SECONDS,
	leeviaApiRoot,
	leeviaSignature,
	paths,
	productKey,
	tokenForUrl,
	withProductToken,
	type LeeviaProductType,
} from '../nodes/Leevia/transport/api';
import { sharedSignIn } from '../nodes/shared/http/shared-sign-in';

export class LeeviaApi implements ICredentialType {
	name = 'leeviaApi';

	displayName = 'Leevia API';

	icon: Icon = {
		light: 'file:../nodes/Leevia/leevia.svg',
		dark: 'file:../nodes/Leevia/leevia.dark.svg',
	};

	documentationUrl = 'https://github.com/contest-platforms/n8n-nodes-leevia#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"Shown on the API page of your contest or loyalty portal in Leevia's back office",
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Shown beside the API key; it signs the sign-in request and is never sent itself',
		},
		{
			displayName: 'Product Type',
			name: 'productType',
			type: 'options',
			options: [...LEEVIA_PRODUCT_TYPES],
			default: 'campaigns',
			description: 'The kind of product the API key belongs to',
		},
		{
			displayName: 'Product ID',
			name: 'productId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '123',
			description: 'The ID of the contest or loyalty portal the API key belongs to',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: LEEVIA_BASE_URL,
			description: 'Change only for a Leevia staging host or a local sandbox',
		},
		{
			// Filled by preAuthentication; n8n empties it and signs in again after a 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// The tokens of the other products a node names (a token opens one product), kept by
			// preAuthentication so that each product signs in once a day.
			displayName: 'Product Tokens',
			name: 'productTokens',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Signs in with the key and secret and returns the JWT that the other calls carry. A call on
	 * another product than the credential's asks for that product (`signInProduct`, set by the node's
	 * transport with the credential's own token aside in `ownAccessToken`): its token joins Product
	 * Tokens and the credential's own token is stored back unchanged. The credential's own sign-in is
	 * one for the pages of an export that find the token expired together
	 * (nodes/shared/http/shared-sign-in.ts). ASSUMED: a new sign-in does not revoke the tokens made
	 * before it (a page whose refusal comes after the shared sign-in signs in itself).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const [otherType, ...otherId] = String(credentials.signInProduct ?? '').split('/');
		if (otherId.length === 0) {
			// The credential's fields, hashed: a changed secret or product never gets another's token.
			const key = createHash('sha256')
				.update(
					JSON.stringify([
						credentials.baseUrl,
						credentials.apiKey,
						credentials.apiSecret,
						credentials.productType,
						credentials.productId,
					]),
				)
				.digest('hex');
			const product = {
				productType: String(credentials.productType ?? '') as LeeviaProductType,
				productId: String(credentials.productId ?? '').trim(),
			};
			const accessToken = await sharedSignIn(
				key,
				String(credentials.accessToken ?? ''),
				async () => (await signIn(this, credentials, product, false)).token,
			);
			return { accessToken };
		}
		const product = { productType: otherType as LeeviaProductType, productId: otherId.join('/') };
		const { token, expires } = await signIn(this, credentials, product, true);
		return {
			accessToken: String(credentials.ownAccessToken ?? ''),
			productTokens: withProductToken(
				credentials.productTokens,
				productKey(product),
				token,
				expires,
				Date.now(),
			),
			signInProduct: undefined,
			ownAccessToken: undefined,
		};
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// A multipart upload (a FormData body) gets its Content-Type, with the boundary, from the HTTP
		// client; a JSON Content-Type here would make the client turn the form into JSON.
		const isMultipart = typeof (requestOptions.body as FormData | undefined)?.getAll === 'function';
		requestOptions.headers = {
			Accept: LEEVIA_ACCEPT,
			...(isMultipart ? {} : { 'Content-Type': 'application/json' }),
			...(requestOptions.headers ?? {}),
			// A call on another product carries that product's token (see preAuthentication).
			Authorization: `Bearer ${tokenForUrl(credentials, String(requestOptions.url ?? ''))}`,
		};
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/api/v1',
			url: '=/{{$credentials.productType}}/{{$credentials.productId}}/participants',
			qs: { page: 1 },
		},
	};
}

/** One sign-in for a product: its token and when it stops working (unix seconds). */
async function signIn(
	context: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	{ productType, productId }: { productType: LeeviaProductType; productId: string },
	other: boolean,
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
	if ([401, 403, 404].includes(response.statusCode) && other) {
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
