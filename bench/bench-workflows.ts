/**
 * The workflows the benchmark runs in n8n: a Return All export through our node (O) and the same export
 * built by hand from n8n's HTTP Request node with its pagination settings and a Split Out (H), as a user
 * without our package would set it up.
 */
import type { CredentialJson, WorkflowJson } from '../sandbox/n8n/types';
import { manualTrigger, workflowOf, type NodeJson } from '../test/e2e/lib/workflows';

export const CREDENTIALS = {
	easypromos: { id: 'benchEpCred', name: 'Easypromos bench' },
	easypromosHeader: { id: 'benchEpHeader', name: 'Easypromos bench (Header Auth)' },
	leevia: { id: 'benchLvCred', name: 'Leevia bench' },
	kimple: { id: 'benchKmCred', name: 'Kimple bench' },
	spread: { id: 'benchSpCred', name: 'SPREAD bench' },
	spreadBasic: { id: 'benchSpBasic', name: 'SPREAD bench (Basic Auth)' },
};

/** The HTTP Request node (n8n 2.x's default version) reading every page of a list. */
function httpRequestPaginated(
	name: string,
	url: string,
	pagination: { parameter: string; value: string; complete: string },
	extra: { parameters?: Record<string, unknown>; node?: NodeJson } = {},
): NodeJson {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			url,
			...extra.parameters,
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [{ type: 'qs', name: pagination.parameter, value: pagination.value }],
						},
						paginationCompleteWhen: 'other',
						completeExpression: pagination.complete,
					},
				},
			},
		},
		...extra.node,
	};
}

const splitOut = (field: string): NodeJson => ({
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, options: {} },
});

// ---- Easypromos ----

/** Request Options → Pages at Once on the workflow's nodes named in `nodes` (our export nodes). */
export function setPagesAtOnce(workflow: WorkflowJson, nodes: string[], pagesAtOnce: number): void {
	for (const node of workflow.nodes) {
		if (!nodes.includes(String(node.name))) continue;
		const parameters = node.parameters as Record<string, unknown>;
		parameters.requestOptions = {
			...((parameters.requestOptions as object | undefined) ?? {}),
			pagesAtOnce,
		};
	}
}

export function easypromosCredentials(apiUrl: string, token: string): CredentialJson[] {
	return [
		{
			...CREDENTIALS.easypromos,
			type: 'easypromosApi',
			data: { accessToken: token, baseUrl: apiUrl },
		},
		{
			...CREDENTIALS.easypromosHeader,
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${token}` },
		},
	];
}

/** O: our node, Users → Get Many, Return All. */
export function easypromosOurs(
	id: string,
	promotionId: number,
	parameters: Record<string, unknown> = {},
): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		{
			name: 'Easypromos',
			type: 'n8n-nodes-easypromos.easypromos',
			typeVersion: 1,
			parameters: {
				resource: 'user',
				operation: 'getAll',
				promotionId: { __rl: true, mode: 'id', value: String(promotionId) },
				returnAll: true,
				...parameters,
			},
			credentials: { easypromosApi: CREDENTIALS.easypromos },
		},
	]);
}

/** H: HTTP Request with Header Auth, next_cursor from the previous reply until it has none, Split Out. */
export function easypromosHttp(id: string, apiUrl: string, promotionId: number): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		httpRequestPaginated(
			'HTTP Request',
			`${apiUrl}/users/${promotionId}`,
			{
				parameter: 'next_cursor',
				value: '={{ $response.body.paging.next_cursor }}',
				complete: '={{ !$response.body.paging.next_cursor }}',
			},
			{
				parameters: { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' },
				node: { credentials: { httpHeaderAuth: CREDENTIALS.easypromosHeader } },
			},
		),
		splitOut('items'),
	]);
}

// ---- Leevia ----

export interface LeeviaAccess {
	baseUrl: string;
	apiKey: string;
	apiSecret: string;
	productId: string;
}

export function leeviaCredentials(access: LeeviaAccess): CredentialJson[] {
	return [
		{
			...CREDENTIALS.leevia,
			type: 'leeviaApi',
			data: {
				apiKey: access.apiKey,
				apiSecret: access.apiSecret,
				productType: 'campaigns',
				productId: access.productId,
				baseUrl: access.baseUrl,
			},
		},
	];
}

/** O: our node, Participant → Get Many, Return All (the credential keeps its token between runs). */
export function leeviaOurs(id: string, parameters: Record<string, unknown> = {}): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		{
			name: 'Leevia',
			type: 'n8n-nodes-leevia.leevia',
			typeVersion: 1,
			parameters: { resource: 'participant', operation: 'getAll', returnAll: true, ...parameters },
			credentials: { leeviaApi: CREDENTIALS.leevia },
		},
	]);
}

/**
 * H: what a user must build without our node. A Code node signs (HMAC-SHA256 of "<key>.<timestamp>",
 * needs NODE_FUNCTION_ALLOW_BUILTIN=crypto), an HTTP Request signs in and keeps the reply's headers, a
 * second HTTP Request reads every page with the token, Split Out makes one item per participant.
 * The sign-in happens on every execution: a workflow has nowhere to keep the token.
 */
export function leeviaHttp(id: string, access: LeeviaAccess): WorkflowJson {
	const root = `${access.baseUrl}/api/v1/campaigns/${access.productId}`;
	const accept = { name: 'Accept', value: 'application/vnd.leevia.api.v1+json' };
	return workflowOf(id, [
		manualTrigger,
		{
			name: 'Sign',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: {
				jsCode: [
					"const crypto = require('crypto');",
					`const apiKey = ${JSON.stringify(access.apiKey)};`,
					`const apiSecret = ${JSON.stringify(access.apiSecret)};`,
					'const timestamp = Math.floor(Date.now() / 1000);',
					"const signature = crypto.createHmac('sha256', apiSecret).update(`${apiKey}.${timestamp}`).digest('hex');",
					'return [{ json: { apiKey, timestamp, signature } }];',
				].join('\n'),
			},
		},
		{
			name: 'Sign In',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				url: `${root}/authenticate`,
				sendHeaders: true,
				headerParameters: {
					parameters: [
						accept,
						{ name: 'App-Key', value: '={{ $json.apiKey }}' },
						{ name: 'Timestamp', value: '={{ $json.timestamp }}' },
						{ name: 'Signature', value: '={{ $json.signature }}' },
					],
				},
				options: { response: { response: { fullResponse: true } } },
			},
		},
		httpRequestPaginated(
			'HTTP Request',
			`${root}/participants`,
			{
				parameter: 'page',
				value: '={{ $response.body.pagination.next_page }}',
				complete: '={{ !$response.body.pagination.next_page }}',
			},
			{
				parameters: {
					sendHeaders: true,
					headerParameters: {
						parameters: [
							accept,
							{ name: 'Authorization', value: '={{ $json.headers.authorization }}' },
						],
					},
				},
			},
		),
		splitOut('participants'),
	]);
}

// ---- Kimple ----

export interface KimpleAccess {
	/** The API's base, e.g. http://127.0.0.1:1234/api. */
	apiUrl: string;
	apiKey: string;
	apiSecret: string;
}

export function kimpleCredentials(access: KimpleAccess): CredentialJson[] {
	return [
		{
			...CREDENTIALS.kimple,
			type: 'kimpleApi',
			data: { apiKey: access.apiKey, apiSecret: access.apiSecret, baseUrl: access.apiUrl },
		},
	];
}

/** O: our node, Contest Entry → Get Many of one contest, Return All. */
export function kimpleOurs(id: string, contestHashId: string): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		{
			name: 'Kimple',
			type: 'n8n-nodes-kimple.kimple',
			typeVersion: 1,
			parameters: {
				resource: 'contestEntry',
				operation: 'getAll',
				contestId: { __rl: true, mode: 'id', value: contestHashId },
				returnAll: true,
			},
			credentials: { kimpleApi: CREDENTIALS.kimple },
		},
	]);
}

/**
 * H: HTTP Request with the key pair in two headers (no credential type holds two), the contest's search
 * and `limit=100` in the query, `page` = `$pageCount + 1` until a page holds fewer than 100, Split Out.
 */
export function kimpleHttp(id: string, access: KimpleAccess, contestHashId: string): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		httpRequestPaginated(
			'HTTP Request',
			`${access.apiUrl}/contest_entry/list`,
			{
				parameter: 'page',
				value: '={{ $pageCount + 1 }}',
				complete: '={{ $response.body.data.length < 100 }}',
			},
			{
				parameters: {
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'search', value: `contest_hash_id='${contestHashId}'` },
							{ name: 'limit', value: '100' },
						],
					},
					sendHeaders: true,
					headerParameters: {
						parameters: [
							{ name: 'X-Api-Key', value: access.apiKey },
							{ name: 'X-Api-Secret', value: access.apiSecret },
						],
					},
				},
			},
		),
		splitOut('data'),
	]);
}

// ---- SPREAD ----

export interface SpreadAccess {
	/** The API's base, e.g. http://127.0.0.1:1234/api. */
	apiUrl: string;
	publicKey: string;
	privateKey: string;
}

/** SPREAD's page size for cagnotte lines: [doc] maxResult ≤ 5,000, which our node asks for. */
export const SPREAD_PAGE_SIZE = 5000;

/** Our credential, and n8n's Basic Auth one with the same pair for the HTTP Request route. */
export function spreadCredentials(access: SpreadAccess): CredentialJson[] {
	return [
		{
			...CREDENTIALS.spread,
			type: 'spreadApi',
			data: {
				publicKey: access.publicKey,
				privateKey: access.privateKey,
				baseUrl: access.apiUrl,
				timeZone: 'Europe/Paris',
			},
		},
		{
			...CREDENTIALS.spreadBasic,
			type: 'httpBasicAuth',
			data: { user: access.publicKey, password: access.privateKey },
		},
	];
}

/** O: our node, Cagnotte → Get Many, Return All, default options (dates and amounts converted). */
export function spreadOurs(id: string): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		{
			name: 'SPREAD',
			type: 'n8n-nodes-spread.spread',
			typeVersion: 1,
			parameters: { resource: 'cagnotte', operation: 'getAll', returnAll: true },
			credentials: { spreadApi: CREDENTIALS.spread },
		},
	]);
}

/**
 * H: HTTP Request with n8n's Basic Auth credential, `maxResult=5000` in the query, `startAt` =
 * `$pageCount × 5000` until a page holds fewer than 5,000 lines, then Split Out of `cagnottes`.
 */
export function spreadHttp(id: string, access: SpreadAccess): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		httpRequestPaginated(
			'HTTP Request',
			`${access.apiUrl}/v2/cagnottes/`,
			{
				parameter: 'startAt',
				value: `={{ $pageCount * ${SPREAD_PAGE_SIZE} }}`,
				complete: `={{ $response.body.cagnottes.length < ${SPREAD_PAGE_SIZE} }}`,
			},
			{
				parameters: {
					authentication: 'genericCredentialType',
					genericAuthType: 'httpBasicAuth',
					sendQuery: true,
					queryParameters: {
						parameters: [{ name: 'maxResult', value: String(SPREAD_PAGE_SIZE) }],
					},
				},
				node: { credentials: { httpBasicAuth: CREDENTIALS.spreadBasic } },
			},
		),
		splitOut('cagnottes'),
	]);
}
