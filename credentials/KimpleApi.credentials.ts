import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { KIMPLE_BASE_URL } from '../nodes/Kimple/transport/api';

/**
 * ASSUMED: the key and the secret travel in these two request headers. [doc] Kimple's test UI
 * "Authorize"s with an API Key and an API Secret; it does not say how they are sent. They are the
 * defaults of the credential's two header-name fields, so an account that differs changes them there.
 */
export const API_KEY_HEADER = 'X-Api-Key';
export const API_SECRET_HEADER = 'X-Api-Secret';

const WHERE = 'In Kimple: Account settings → Integration';

/** The two header-name fields (stored names), the label the editor shows, and their defaults. */
const HEADER_NAME_FIELDS = [
	{ field: 'keyHeaderName', label: 'API Key Header Name', fallback: API_KEY_HEADER },
	{ field: 'privateHeaderName', label: 'API Secret Header Name', fallback: API_SECRET_HEADER },
] as const;

/** [src: RFC 9110 §5.1, §5.6.2] A header name is a token: these characters, one or more. */
const TOKEN_CHARACTER = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/;

function characterName(character: string): string {
	if (character === ' ') return 'a space';
	const code = character.codePointAt(0) ?? 0;
	if (code < 0x20 || code === 0x7f)
		return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
	return `"${character}"`;
}

/** A header-name field as sent: trimmed; empty (or absent, saved before the field existed) is the default. */
function headerName(credentials: ICredentialDataDecryptedObject, field: string, fallback: string) {
	return String(credentials[field] ?? '').trim() || fallback;
}

/**
 * What is wrong with a header-name field, in words that name it and say what to fix; undefined when
 * both can be sent. Node's HTTP client refuses any other name, and n8n then words it as a
 * connection failure. The message shows the offending character, not the value, in case a key or
 * secret was pasted there by mistake.
 */
export function headerNameProblem(credentials: ICredentialDataDecryptedObject): string | undefined {
	for (const { field, label, fallback } of HEADER_NAME_FIELDS) {
		const bad = [...headerName(credentials, field, fallback)].find(
			(character) => !TOKEN_CHARACTER.test(character),
		);
		if (bad !== undefined)
			return `The ${label} of the Kimple API credential holds ${characterName(bad)}, which an HTTP header name cannot: use only letters, digits and - (e.g. ${fallback}), or empty the field for ${fallback}`;
	}
	return undefined;
}

export class KimpleApi implements ICredentialType {
	name = 'kimpleApi';

	displayName = 'Kimple API';

	icon: Icon = {
		light: 'file:../nodes/Kimple/kimple.svg',
		dark: 'file:../nodes/Kimple/kimple.dark.svg',
	};

	documentationUrl = 'https://github.com/contest-platforms/n8n-nodes-kimple#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `${WHERE} tab`,
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: `${WHERE}: click "Generate your secret API". Kimple shows it once; if it is lost, generate a new one.`,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: KIMPLE_BASE_URL,
			description: 'Change only for a sandbox or a local test server',
		},
		// Two advanced fields. Their names avoid "secret" and "apiKey", which n8n's scanner reads as a
		// secret to mask: these hold header names, shown in clear.
		{
			displayName: 'API Key Header Name',
			name: 'keyHeaderName',
			type: 'string',
			default: API_KEY_HEADER,
			description:
				"Advanced: the request header that carries the API key. Change it only if Kimple's Swagger (api/doc_client → Authorize) names another one.",
		},
		{
			displayName: 'API Secret Header Name',
			name: 'privateHeaderName',
			type: 'string',
			default: API_SECRET_HEADER,
			description:
				"Advanced: the request header that carries the API secret. Change it only if Kimple's Swagger (api/doc_client → Authorize) names another one.",
		},
	];

	// A field, not a method: n8n hands the editor a `{ ...type }` copy, which keeps own fields only; with
	// `authenticate` there, the HTTP Request node lists this credential and the node offers Custom API Call.
	/**
	 * The two headers, set in code (no expression pass per request); values arrive resolved. A header
	 * name left empty (or absent from a credential saved before the field existed) is the default; a
	 * name that cannot be sent stops the request here, in words (the credential's Test shows them).
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const problem = headerNameProblem(credentials);
		if (problem) throw new Error(problem);
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			[headerName(credentials, 'keyHeaderName', API_KEY_HEADER)]: String(credentials.apiKey),
			[headerName(credentials, 'privateHeaderName', API_SECRET_HEADER)]: String(
				credentials.apiSecret,
			),
		};
		return requestOptions;
	};

	/** A one-row contest list. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/contest/list',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: `Kimple rejected the API key or secret: check both. ${WHERE}; if the secret is lost, click "Generate your secret API" and paste the new one`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: `Kimple refused this API key: check the key and the secret (${WHERE}) and that the account has API access`,
				},
			},
		],
	};
}
