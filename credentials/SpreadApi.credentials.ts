import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { SPREAD_BASE_URL, SPREAD_TIME_ZONE } from '../nodes/Spread/transport/api';

export class SpreadApi implements ICredentialType {
	name = 'spreadApi';

	displayName = 'SPREAD API';

	icon: Icon = {
		light: 'file:../nodes/Spread/spread.svg',
		dark: 'file:../nodes/Spread/spread.dark.svg',
	};

	documentationUrl = 'https://github.com/contest-platforms/n8n-nodes-spread#credentials';

	properties: INodeProperties[] = [
		// The user half of HTTP Basic, public by its name and SPREAD's use: shown, not masked. The
		// private key is the secret.
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
			description: 'In the SPREAD back office under Paramétrage → Tracker',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'In the SPREAD back office under Paramétrage → Tracker, beside the public key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: SPREAD_BASE_URL,
			description:
				'Change only for a local test server. API v2 lives under /v2 of it, the customer and order writes (API v1) at its root.',
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: SPREAD_TIME_ZONE,
			placeholder: 'e.g. Europe/Paris',
			description:
				'The time zone of the SPREAD account, as an IANA name. SPREAD writes dates without an offset: the nodes read them, and the dates you give in filters, in this zone.',
		},
	];

	// A field, not a method: n8n hands the editor a `{ ...type }` copy, which keeps own fields only; with
	// `authenticate` there, the HTTP Request node lists this credential and the node offers Custom API Call.
	/** [doc] HTTP Basic: the public key is the user, the private key the password. */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const pair = `${String(credentials.publicKey ?? '')}:${String(credentials.privateKey ?? '')}`;
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			Authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`,
		};
		return requestOptions;
	};

	/** A one-row customer list. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/customers',
			qs: { maxResult: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'SPREAD rejected the keys: check the Public Key and the Private Key (SPREAD back office, Paramétrage → Tracker)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No SPREAD API at this Base URL: it should end with /api (e.g. https://social-sb.com/api)',
				},
			},
		],
	};
}
