import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { EASYPROMOS_BASE_URL } from '../nodes/Easypromos/transport/api';

export class EasypromosApi implements ICredentialType {
	name = 'easypromosApi';

	displayName = 'Easypromos API';

	icon: Icon = {
		light: 'file:../nodes/Easypromos/easypromos.svg',
		dark: 'file:../nodes/Easypromos/easypromos.dark.svg',
	};

	documentationUrl = 'https://github.com/contest-platforms/n8n-nodes-easypromos#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Made in the Utilities menu of your Easypromos account. Tokens last 30 days unless you chose a longer life (up to a year). The REST API needs a White Label or Corporate plan.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: EASYPROMOS_BASE_URL,
			description: 'Change only for a sandbox or a local test server; it ends with the API version',
		},
	];

	// A field, not a method: n8n hands the editor a `{ ...type }` copy, which keeps own fields only; with
	// `authenticate` there, the HTTP Request node lists this credential and the node offers Custom API Call.
	/**
	 * The Bearer header, set in code: n8n evaluates a declarative `{{$credentials.accessToken}}` with its
	 * expression engine on every request, 0.8 ms of a page (bench/results.md). The token reaches here
	 * already resolved (an expression or external secret in the field included).
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${String(credentials.accessToken)}`,
		};
		return requestOptions;
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/promotions',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The access token is invalid or expired (tokens last 30 days by default): make a new one in Easypromos under Utilities and paste it here',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"The account's plan has no REST API access: the API is only on White Label and Corporate plans",
				},
			},
		],
	};
}
