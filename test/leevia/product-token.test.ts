/**
 * A node that names another product than the credential's (Participant → Get Many and Register,
 * Campaign → Get Many, the trigger) signs in for that product, as the document binds a token to the
 * product it was signed in for, and reuses that token: one sign-in per product while it is valid.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { LeeviaApi } from '../../credentials/LeeviaApi.credentials';
import { leeviaPage } from '../../nodes/Leevia/transport';
import { openCredentialSession } from '../../nodes/shared/http/credential-session';
import { TestEnvironment, chain, packageNode } from '../harness';
import type { LeeviaSimulator } from '../../sandbox/simulators/leevia';
import { CREDENTIAL_ID, credentialRef, leeviaWorkflow, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;

beforeEach(async () => {
	// The credential belongs to contest 80.
	({ simulator, environment } = await startLeevia());
});
afterEach(async () => await simulator.close());

const run = async (parameters: IDataObject, items: IDataObject[] = [{}]) =>
	await environment.runWorkflow(leeviaWorkflow(items, parameters));
const otherContest = {
	resource: 'participant',
	operation: 'getAll',
	productId: '90',
	returnAll: true,
};
const ownContest = { resource: 'participant', operation: 'getAll', returnAll: true };

describe('Leevia: a product other than the credential’s', () => {
	test('two products sign in exactly twice over several executions and pages', async () => {
		for (let run_ = 0; run_ < 3; run_++) {
			const other = await run(otherContest);
			expect(other.error).toBeUndefined();
			expect(other.output.Leevia).toHaveLength(250);
			expect((await run(ownContest)).error).toBeUndefined();
		}
		expect(simulator.signIns).toEqual({ 'campaigns/80': 1, 'campaigns/90': 1 });
		// Three pages of contest 90 and one of contest 80, three times: no request refused.
		expect(simulator.count('GET participants')).toBe(12);

		const stored = environment.credentials.stored(CREDENTIAL_ID).data;
		// The credential keeps its own product and token, and the other product's token beside it.
		expect(stored.productId).toBe('80');
		expect(stored.accessToken).toMatch(/^ey/);
		const tokens = JSON.parse(String(stored.productTokens)) as Record<string, IDataObject>;
		expect(Object.keys(tokens)).toEqual(['campaigns/90']);
		expect(tokens['campaigns/90'].token).not.toBe(stored.accessToken);
		// What a database keeps (n8n stores the fields as JSON): nothing of the sign-in's request.
		expect(Object.keys(JSON.parse(JSON.stringify(stored)) as IDataObject).sort()).toEqual([
			'accessToken',
			'apiKey',
			'apiSecret',
			'baseUrl',
			'productId',
			'productTokens',
			'productType',
		]);
	});

	test('Register, Campaign → Get Many and the trigger each sign in once for their product', async () => {
		const registered = await run(
			{
				resource: 'participant',
				operation: 'register',
				campaignId: '82',
				acceptRules: true,
				email: '={{ $json.email }}',
				customFields: { field: [{ name: 'occupation', value: 'Chef' }] },
			},
			[1, 2, 3].map((n) => ({ email: `player${n}@example.com` })),
		);
		expect(registered.error).toBeUndefined();
		expect(simulator.product('campaigns', '82')!.participants).toHaveLength(3);
		const campaigns = await run({
			resource: 'campaign',
			operation: 'getAll',
			portalId: '456',
			returnAll: true,
		});
		expect(campaigns.output.Leevia).toHaveLength(230);
		const trigger = packageNode(
			'Leevia Trigger',
			'leeviaTrigger',
			{ event: 'newWinner', productType: 'whatsapp_campaigns', productId: '321' },
			{ credentials: credentialRef },
		);
		const staticData: IDataObject = {};
		for (let poll = 0; poll < 3; poll++) await environment.poll(trigger, staticData);
		expect(simulator.signIns).toEqual({
			'campaigns/82': 1,
			'loyalty_portals/456': 1,
			'whatsapp_campaigns/321': 1,
		});
		expect(simulator.count('GET campaigns')).toBe(3);
		expect(simulator.count('GET participants')).toBe(3);
	});

	test("another product's token that expired is signed in for once more; the credential's own stays", async () => {
		await run(ownContest);
		await run(otherContest);
		const ownToken = environment.credentials.stored(CREDENTIAL_ID).data.accessToken;
		simulator.expireTokens();
		const result = await run(otherContest);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(250);
		expect(simulator.signIns).toEqual({ 'campaigns/80': 1, 'campaigns/90': 2 });
		expect(environment.credentials.stored(CREDENTIAL_ID).data.accessToken).toBe(ownToken);
		// One refused page with the old token, then three with the new one (and four before).
		expect(simulator.count('GET participants')).toBe(8);
	});

	test('after the API key changes, a token signed with the old key is not sent: the product signs in again', async () => {
		await run(otherContest);
		const before = JSON.parse(
			String(environment.credentials.stored(CREDENTIAL_ID).data.productTokens),
		) as Record<string, IDataObject>;
		// The account's key is replaced (its old tokens still work until they expire, as Leevia's may).
		const account = simulator.accounts[0];
		account.apiKey = 'rotated_app_key';
		account.apiSecret = 'rotated_app_secret';
		const stored = environment.credentials.stored(CREDENTIAL_ID).data;
		stored.apiKey = 'rotated_app_key';
		stored.apiSecret = 'rotated_app_secret';
		simulator.resetCounts();

		const result = await run(otherContest);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(250);
		// Signed in with the new key; the old token was never sent (three pages, none refused).
		expect(simulator.signIns).toEqual({ 'campaigns/90': 1 });
		expect(simulator.count('GET participants')).toBe(3);
		const after = JSON.parse(
			String(environment.credentials.stored(CREDENTIAL_ID).data.productTokens),
		) as Record<string, IDataObject>;
		expect(Object.keys(after)).toEqual(['campaigns/90']);
		expect(after['campaigns/90'].token).not.toBe(before['campaigns/90'].token);
		// The fingerprint changed with the key, and names neither the key nor the secret.
		expect(after['campaigns/90'].signedFor).toMatch(/^[0-9a-f]{16}$/);
		expect(after['campaigns/90'].signedFor).not.toBe(before['campaigns/90'].signedFor);
		expect(JSON.stringify(after)).not.toMatch(/rotated_app|test_app/);
	});

	test('a product token stored without a fingerprint (an older version) is not sent: the product signs in again', async () => {
		// A token Leevia still accepts, stored as an older version kept it.
		const oldToken = simulator.issueToken(1, 'campaigns/90', Math.floor(Date.now() / 1000) + 3600);
		environment.credentials.stored(CREDENTIAL_ID).data.productTokens = JSON.stringify({
			'campaigns/90': { token: oldToken, expires: Math.floor(Date.now() / 1000) + 3600 },
		});
		const result = await run(otherContest);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(250);
		expect(simulator.signIns).toEqual({ 'campaigns/90': 1 });
		const tokens = JSON.parse(
			String(environment.credentials.stored(CREDENTIAL_ID).data.productTokens),
		) as Record<string, IDataObject>;
		expect(tokens['campaigns/90'].token).not.toBe(oldToken);
		expect(tokens['campaigns/90'].signedFor).toMatch(/^[0-9a-f]{16}$/);
	});

	test('a Product Tokens value that is not a token list is not sent either, and does not fail the run', async () => {
		environment.credentials.stored(CREDENTIAL_ID).data.productTokens = 'not json';
		const result = await run(otherContest);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(250);
		expect(simulator.signIns).toEqual({ 'campaigns/90': 1 });
	});

	test('a sign-in that fails for a while (503) is tried again, and the list still comes whole', async () => {
		simulator.injectFault('authenticate', {
			status: 503,
			body: { errors: { service: ['maintenance'] } },
		});
		const result = await run(otherContest);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(250);
		expect(simulator.signIns).toEqual({ 'campaigns/90': 1 });
		expect(simulator.count('authenticate')).toBe(2);
	});

	test('a product the API key does not open is refused at its sign-in, naming the parameter', async () => {
		const result = await run({ resource: 'campaign', operation: 'getAll', portalId: '999' });
		expect(result.error).toBe(
			"Leevia refused to sign in for loyalty_portals/999 (HTTP 401), the product the node names: check its Product Type and Product ID (or Campaign ID, Loyalty Portal ID), and that the API key of the credential belongs to that product's account",
		);
		expect(simulator.count('GET campaigns')).toBe(0);
		expect(environment.credentials.stored(CREDENTIAL_ID).data.productTokens).toBeUndefined();
	});
});

/** Reads pages 1 to 3 of contest 90 side by side on one credential session, as a paged export may. */
class PagesSideBySide implements INodeType {
	description = {
		displayName: 'Pages Side By Side',
		name: 'test.leeviaPagesSideBySide',
		group: ['transform'],
		version: 1,
		defaults: {},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leeviaApi', required: true }],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const session = await openCredentialSession(this, 'leeviaApi');
		const pages = await Promise.all(
			[1, 2, 3].map(
				async (page) =>
					await leeviaPage.call(this, '/campaigns/90/participants', {}, page, { session }),
			),
		);
		return [pages.flatMap((page) => page.records).map((json) => ({ json }))];
	}
}

/** Contest 90's pages 1 to 3, read side by side in one execution, on the stored credential. */
async function readSideBySide() {
	const sideBySide = new TestEnvironment([new PagesSideBySide()], [new LeeviaApi()]);
	sideBySide.addCredential({
		...environment.credentials.stored(CREDENTIAL_ID),
		data: { ...environment.credentials.stored(CREDENTIAL_ID).data },
	});
	return await sideBySide.runWorkflow(
		chain(
			[{}],
			[
				{
					id: 'Pages',
					name: 'Pages',
					type: 'test.leeviaPagesSideBySide',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
					credentials: credentialRef,
				},
			],
		),
	);
}

test('pages of another product read side by side wait for one sign-in', async () => {
	const result = await readSideBySide();
	expect(result.error).toBeUndefined();
	expect(result.output.Pages).toHaveLength(250);
	expect(simulator.signIns).toEqual({ 'campaigns/90': 1 });
	expect(simulator.count('GET participants')).toBe(3);
});

test("pages of another product in flight when its token expires share one sign-in, as the credential's own do", async () => {
	await run(otherContest);
	simulator.expireTokens();
	simulator.resetCounts();
	const result = await readSideBySide();
	expect(result.error).toBeUndefined();
	expect(result.output.Pages).toHaveLength(250);
	// The three pages were refused with the expired token, then sent again with the one new token.
	expect(simulator.signIns).toEqual({ 'campaigns/90': 1 });
	expect(simulator.count('GET participants')).toBe(6);
});
