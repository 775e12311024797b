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
	leeviaApiRoot,
	leeviaSignature,
	paths,
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
	];

	/**
	 * The JWT that the other calls carry: one sign-in for the pages of an export that find the token
	 * expired together (nodes/shared/http/shared-sign-in.ts). ASSUMED: a new sign-in does not revoke
	 * the tokens made before it (a page whose refusal comes after the shared sign-in signs in itself).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
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
		const accessToken = await sharedSignIn(key, String(credentials.accessToken ?? ''), async () => {
			const signedIn = await LeeviaApi.prototype.signIn.call(this, credentials);
			return signedIn.accessToken;
		});
		return { accessToken };
	}

	/** Signs in with the key and secret and returns the JWT that the other calls carry. */
	async signIn(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const apiKey = String(credentials.apiKey ?? '').trim();
		const apiSecret = String(credentials.apiSecret ?? '');
		const productType = String(credentials.productType ?? '');
		const productId = String(credentials.productId ?? '').trim();
		if (!apiKey || !apiSecret || !productId) {
			throw new Error('The Leevia credential needs an API key, an API secret and a product ID');
		}
		// Unix seconds, as the document's examples sign (not the milliseconds of one old sample).
		const timestamp = Math.floor(Date.now() / 1000);
		const response = (await this.helpers.httpRequest({
			method: 'GET',
			url: `${leeviaApiRoot(String(credentials.baseUrl))}${paths.authenticate({ productType: productType as LeeviaProductType, productId })}`,
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
			return { accessToken: token };
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
			Authorization: `Bearer ${String(credentials.accessToken)}`,
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
