/**
 * Leevia's credential used by another node, as n8n's HTTP Request node uses it ("Predefined Credential
 * Type"): the request brings its own `accept`, which Leevia answers with 406; the credential puts the
 * vendor's Accept in its place. (The real HTTP Request node runs in test/e2e/leevia.e2e.ts.)
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IRequestOptions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { LeeviaApi } from '../../credentials/LeeviaApi.credentials';
import { leeviaTokenExpiry } from '../../nodes/Leevia/transport/api';
import { TestEnvironment, chain } from '../harness';
import type { LeeviaSimulator } from '../../sandbox/simulators/leevia';
import { CREDENTIAL_ID, credentialRef, leeviaWorkflow, startLeevia } from './setup';

const VENDOR_ACCEPT = 'application/vnd.leevia.api.v1+json';
/** What n8n's HTTP Request node sends as `accept` when it expects JSON. */
const HTTP_NODE_ACCEPT =
	'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7';

const credentials = { accessToken: 'token-1', productType: 'campaigns', productId: '80' };

async function authenticated(options: IDataObject) {
	return await new LeeviaApi().authenticate(credentials, options as never);
}

/** The document's example token (its `x-expires`: 1539096952). */
const DOCUMENT_TOKEN =
	'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhY2NvdW50X2lkIjoxLCJleHAiOjE1MzkwOTY5NTIsImlzcyI6IkxlZXZpYSBhcGkifQ.IkuNktOM5gFZIdnvGzdz4q4szocJ7AZGiZn7v7iPrvI';

/** A token shaped as Leevia's, with the given expiry. */
const jwt = (exp: number) =>
	`eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ account_id: 1, exp })).toString('base64url')}.sig`;

describe("Leevia token's expiry", () => {
	test("is read from the JWT's exp, as in the document's example", () => {
		expect(leeviaTokenExpiry(DOCUMENT_TOKEN)).toBe(1539096952);
	});

	test('is unknown for a token that reads as no JWT', () => {
		expect(leeviaTokenExpiry('token-1')).toBeUndefined();
		expect(leeviaTokenExpiry('')).toBeUndefined();
		expect(leeviaTokenExpiry('a.!!!.b')).toBeUndefined();
	});

	test('an expired token is not sent: authenticate fails as a 401, so n8n signs in again', async () => {
		const error = await new LeeviaApi()
			.authenticate({ ...credentials, accessToken: DOCUMENT_TOKEN }, { headers: {} } as never)
			.then(
				() => undefined,
				(reason: unknown) => reason as Error & { response?: { status: number } },
			);
		expect(error?.message).toBe('The Leevia token has expired: signing in again');
		expect(error?.response?.status).toBe(401);
	});

	test('a token valid for a day is sent; one expiring within a minute is renewed first', async () => {
		const now = Math.floor(Date.now() / 1000);
		const { headers } = await new LeeviaApi().authenticate(
			{ ...credentials, accessToken: jwt(now + 86_400) },
			{} as never,
		);
		expect(headers?.Authorization).toBe(`Bearer ${jwt(now + 86_400)}`);
		await expect(
			new LeeviaApi().authenticate({ ...credentials, accessToken: jwt(now + 30) }, {} as never),
		).rejects.toThrow('The Leevia token has expired');
	});
});

describe("Leevia credential's authenticate", () => {
	test.each(['accept', 'Accept', 'ACCEPT'])(
		'an Accept spelt %s is replaced by the vendor one, and only one Accept is left',
		async (name) => {
			const { headers } = await authenticated({ headers: { [name]: HTTP_NODE_ACCEPT } });
			const accepts = Object.entries(headers ?? {}).filter(([key]) => /^accept$/i.test(key));
			expect(accepts).toEqual([['Accept', VENDOR_ACCEPT]]);
		},
	);

	test('the token replaces an Authorization the request brings, in any case', async () => {
		const { headers } = await authenticated({ headers: { authorization: 'Bearer stale' } });
		expect(headers).toEqual({
			Accept: VENDOR_ACCEPT,
			'Content-Type': 'application/json',
			Authorization: 'Bearer token-1',
		});
	});

	test("the request's own Content-Type and other headers stay as they are", async () => {
		const { headers } = await authenticated({
			headers: { 'content-type': 'application/json; charset=utf-8', 'X-Trace': 'abc' },
		});
		expect(headers).toEqual({
			Accept: VENDOR_ACCEPT,
			'content-type': 'application/json; charset=utf-8',
			'X-Trace': 'abc',
			Authorization: 'Bearer token-1',
		});
	});

	test.each([
		['a web FormData body', { body: new FormData() }],
		['a form-data package body', { body: { getBoundary: () => 'b' } }],
		['a formData field', { formData: { file: 'x' } }],
		['a form field', { form: { a: '1' } }],
	])('%s gets no JSON Content-Type (the HTTP client sets the form one)', async (_, options) => {
		const { headers } = await authenticated(options);
		expect(headers).toEqual({ Accept: VENDOR_ACCEPT, Authorization: 'Bearer token-1' });
	});
});

/**
 * What the HTTP Request node does with a predefined credential: `requestWithAuthentication` with its own
 * `accept`, one request per page, the next page read from the reply (here Leevia's `pagination.next_page`).
 */
class CustomCallNode implements INodeType {
	description = {
		displayName: 'Custom Call',
		name: 'test.customCall',
		group: ['transform'],
		version: 1,
		defaults: {},
		description: 'Calls an API with a predefined credential',
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leeviaApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		const records: INodeExecutionData[] = [];
		for (let page: number | null = 1; page !== null; ) {
			const options: IRequestOptions = {
				method: 'GET',
				uri: url,
				qs: { page },
				headers: { accept: HTTP_NODE_ACCEPT },
				json: true,
			};
			const body = (await this.helpers.requestWithAuthentication.call(
				this,
				'leeviaApi',
				options,
			)) as { participants: IDataObject[]; pagination: { next_page: number | null } };
			records.push(...body.participants.map((json) => ({ json })));
			page = body.pagination.next_page;
		}
		return [records];
	}
}

describe('a custom API call with the Leevia credential', () => {
	let simulator: LeeviaSimulator;
	let environment: TestEnvironment;

	beforeEach(async () => {
		({ simulator } = await startLeevia());
		environment = new TestEnvironment([new CustomCallNode()], [new LeeviaApi()]);
		environment.addCredential({
			id: CREDENTIAL_ID,
			name: 'Leevia sandbox',
			type: 'leeviaApi',
			data: {
				apiKey: 'test_app_key',
				apiSecret: 'test_app_secret',
				productType: 'campaigns',
				productId: '90',
				baseUrl: simulator.url,
			},
		});
	});
	afterEach(async () => await simulator.close());

	const workflow = (url: string) =>
		chain(
			[{}],
			[
				{
					id: 'Call',
					name: 'Call',
					type: 'test.customCall',
					typeVersion: 1,
					position: [0, 0],
					parameters: { url },
					credentials: credentialRef,
				},
			],
		);

	test('every page of a 250-participant contest, one sign-in, no 406', async () => {
		const url = `${simulator.url}/api/v1/campaigns/90/participants`;
		const result = await environment.runWorkflow(workflow(url));
		expect(result.error).toBeUndefined();
		const expected = simulator.product('campaigns', '90')!.participants.map((p) => p.id);
		expect(expected).toHaveLength(250);
		expect(result.output.Call.map((item) => item.json.id)).toEqual(expected);
		expect(simulator.count('authenticate')).toBe(1);
		expect(simulator.count('GET participants')).toBe(3);
	});

	test('a second run reuses the token; after Leevia expires it, one more sign-in', async () => {
		const url = `${simulator.url}/api/v1/campaigns/90/participants`;
		await environment.runWorkflow(workflow(url));
		await environment.runWorkflow(workflow(url));
		expect(simulator.count('authenticate')).toBe(1);
		simulator.expireTokens();
		const result = await environment.runWorkflow(workflow(url));
		expect(result.error).toBeUndefined();
		expect(result.output.Call).toHaveLength(250);
		expect(simulator.count('authenticate')).toBe(2);
	});

	test("yesterday's token in the store: one sign-in before the first page, no refused request", async () => {
		environment.credentials.stored(CREDENTIAL_ID).data.accessToken = simulator.issueToken(
			1,
			'campaigns/90',
			Math.floor(Date.now() / 1000) - 3600,
		);
		const url = `${simulator.url}/api/v1/campaigns/90/participants`;
		const result = await environment.runWorkflow(workflow(url));
		expect(result.error).toBeUndefined();
		expect(result.output.Call).toHaveLength(250);
		expect(simulator.count('authenticate')).toBe(1);
		expect(simulator.count('GET participants')).toBe(3);
	});

	test('the simulator still refuses a request without the vendor Accept (406)', async () => {
		const reply = await fetch(`${simulator.url}/api/v1/campaigns/90/participants`, {
			headers: { accept: HTTP_NODE_ACCEPT },
		});
		expect(reply.status).toBe(406);
	});
});

test("the Leevia node with yesterday's token: one sign-in before its first request, none refused", async () => {
	const { simulator, environment } = await startLeevia();
	try {
		const stored = environment.credentials.stored(CREDENTIAL_ID).data;
		stored.productId = '90';
		stored.accessToken = simulator.issueToken(
			1,
			'campaigns/90',
			Math.floor(Date.now() / 1000) - 3600,
		);
		const result = await environment.runWorkflow(
			leeviaWorkflow([{}], {
				resource: 'participant',
				operation: 'getAll',
				limit: 5,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(5);
		expect(simulator.count('authenticate')).toBe(1);
		expect(simulator.count('GET participants')).toBe(1);
	} finally {
		await simulator.close();
	}
});
