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
	ownProduct,
	productOfKey,
	signInFingerprint,
	tokenForUrl,
	withProductToken,
} from '../nodes/Leevia/helpers/product-tokens';
import { refuseExpiredToken, withLeeviaHeaders } from '../nodes/Leevia/helpers/request-headers';
import { sharedSignIn } from '../nodes/Leevia/helpers/shared-sign-in';
import { signIn } from '../nodes/Leevia/helpers/sign-in';
import { LEEVIA_BASE_URL, LEEVIA_PRODUCT_TYPES } from '../nodes/Leevia/transport/api';

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
	 * Tokens, with the fingerprint of the key and secret that signed it, and the credential's own token
	 * is stored back unchanged. Either way the requests that find a product's token expired together
	 * share one sign-in (nodes/Leevia/helpers/shared-sign-in.ts). ASSUMED: a new sign-in does not
	 * revoke the tokens made before it (a page whose refusal comes after the shared sign-in signs in
	 * itself).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const named = productOfKey(credentials.signInProduct);
		const product = named ?? ownProduct(credentials);
		const { token, expires } = await sharedSignIn(
			signInFingerprint(credentials, product),
			String(credentials.accessToken ?? ''),
			async () => await signIn(this, credentials, product, named !== undefined),
		);
		if (!named) return { accessToken: token };
		return {
			accessToken: String(credentials.ownAccessToken ?? ''),
			productTokens: withProductToken(credentials, product, token, expires, Date.now()),
			signInProduct: undefined,
			ownAccessToken: undefined,
		};
	}

	// A field, not a method: n8n hands the editor a `{ ...type }` copy, which keeps own fields only; with
	// `authenticate` there, the HTTP Request node lists this credential and the node offers Custom API Call.
	/** Leevia's Accept and the token (nodes/Leevia/helpers/request-headers.ts). */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		// A call on another product carries that product's token (see preAuthentication).
		const token = tokenForUrl(credentials, String(requestOptions.url ?? ''));
		// The credential's own token only: another product's is renewed by the node's transport.
		if (token === String(credentials.accessToken ?? '')) refuseExpiredToken(token, Date.now());
		return withLeeviaHeaders(requestOptions, token);
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/api/v1',
			url: '=/{{$credentials.productType}}/{{$credentials.productId}}/participants',
			qs: { page: 1 },
		},
	};
}
