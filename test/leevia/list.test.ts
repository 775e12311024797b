import type { IDataObject } from 'n8n-workflow';

import type { LeeviaSimulator } from '../../sandbox/simulators/leevia';
import type { TestEnvironment } from '../harness';
import { CREDENTIAL_ID, leeviaWorkflow, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;

beforeEach(async () => {
	({ simulator, environment } = await startLeevia());
});
afterEach(async () => await simulator.close());

const run = async (parameters: IDataObject) =>
	await environment.runWorkflow(leeviaWorkflow([{}], parameters));
const ids = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id);

describe('Leevia → Participant → Get Many', () => {
	test('Return All follows the pages to the end: 250 participants over 3 pages, each once', async () => {
		const result = await run({
			resource: 'participant',
			operation: 'getAll',
			productId: '90',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		const expected = simulator.product('campaigns', '90')!.participants.map((p) => p.id);
		expect(ids(result.output.Leevia)).toEqual(expected);
		expect(new Set(ids(result.output.Leevia)).size).toBe(250);
		expect(simulator.count('GET participants')).toBe(3);
		expect(
			result.output.Leevia.every((item) => (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	test('a Limit reads only the pages it needs', async () => {
		const result = await run({
			resource: 'participant',
			operation: 'getAll',
			productId: '90',
			limit: 120,
		});
		expect(result.output.Leevia).toHaveLength(120);
		expect(simulator.count('GET participants')).toBe(2);
	});

	test('the winner type returns only winners', async () => {
		const result = await run({
			resource: 'participant',
			operation: 'getAll',
			productId: '90',
			type: 'winner',
			returnAll: true,
		});
		const winners = simulator.product('campaigns', '90')!.participants.filter((p) => p.is_winner);
		expect(ids(result.output.Leevia)).toEqual(winners.map((p) => p.id));
		expect(result.output.Leevia).toHaveLength(25);
	});

	test('a WhatsApp campaign and a loyalty portal are read by their product type', async () => {
		const whatsapp = await run({
			resource: 'participant',
			operation: 'getAll',
			productType: 'whatsapp_campaigns',
			productId: '321',
			type: 'winner',
			returnAll: true,
		});
		expect(whatsapp.output.Leevia).toHaveLength(6);
		const portal = await run({
			resource: 'participant',
			operation: 'getAll',
			productType: 'loyalty_portals',
			productId: '456',
			returnAll: true,
		});
		expect(portal.output.Leevia).toHaveLength(120);
		expect(portal.output.Leevia[0].json).toHaveProperty('pseudoanonymized', 'false');
	});

	test('a type that does not apply to the product is refused before sending', async () => {
		const result = await run({
			resource: 'participant',
			operation: 'getAll',
			productType: 'whatsapp_campaigns',
			productId: '321',
			type: 'registration',
		});
		expect(result.error).toBe(
			'Type "registration" does not apply to whatsapp_campaigns: use winner or All',
		);
		expect(simulator.count('GET participants')).toBe(0);
	});

	test('5xx on a page is retried, and no participant is lost or repeated', async () => {
		simulator.injectFault(
			'GET participants',
			{ status: 500, body: {}, headers: { 'Retry-After': '0' } },
			2,
		);
		const result = await run({
			resource: 'participant',
			operation: 'getAll',
			productId: '90',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(new Set(ids(result.output.Leevia)).size).toBe(250);
		expect(result.output.Leevia).toHaveLength(250);
		expect(simulator.count('GET participants')).toBe(5);
	});

	test.each([
		[400, 'Leevia says the request is invalid (HTTP 400)'],
		[
			403,
			'Leevia forbids this request (HTTP 403): check that the product type and ID belong to the account of the API key in the credential',
		],
		[503, 'Leevia is offline for maintenance (HTTP 503): try again later'],
	])('HTTP %i says what it means', async (status, message) => {
		// Enough faults to outlast the retries of a read.
		simulator.injectFault(
			'GET participants',
			{ status, body: {}, headers: { 'Retry-After': '0' } },
			20,
		);
		const result = await run({ resource: 'participant', operation: 'getAll', productId: '90' });
		expect(result.error).toBe(message);
	});

	test("the message says what to do; the description carries Leevia's own words and the HTTP status", async () => {
		simulator.injectFault(
			'GET participants',
			{ status: 400, body: { errors: { page: ['must be a number'] } } },
			20,
		);
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[{}],
				{ resource: 'participant', operation: 'getAll', productId: '90' },
				{ onError: 'continueRegularOutput' },
			),
		);
		expect(result.output.Leevia[0].json).toEqual({
			error: 'Leevia says the request is invalid (HTTP 400)',
			errorDescription: 'Leevia said: page: must be a number (HTTP 400)',
		});
	});

	test('an unknown product is a 404 that says what to check', async () => {
		environment.credentials.stored(CREDENTIAL_ID).data.productId = '90';
		const result = await run({ resource: 'participant', operation: 'getAll', productId: '4040' });
		expect(result.error).toBe(
			'Leevia found no such contest or product (HTTP 404): check the campaign ID or product ID',
		);
	});
});

describe('Leevia → Campaign → Get Many', () => {
	test('lists every campaign of the loyalty portal across 3 pages', async () => {
		const result = await run({
			resource: 'campaign',
			operation: 'getAll',
			portalId: '456',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(230);
		expect(new Set(ids(result.output.Leevia)).size).toBe(230);
		expect(simulator.count('GET campaigns')).toBe(3);
		expect(result.output.Leevia[0].json).toMatchObject({
			product_identifier: 'campaign-0000',
			status: 'draft',
		});
	});

	test('filters by status', async () => {
		const result = await run({
			resource: 'campaign',
			operation: 'getAll',
			portalId: '456',
			status: 'live',
			limit: 10,
		});
		expect(result.output.Leevia).toHaveLength(10);
		expect(result.output.Leevia.every((item) => item.json.status === 'live')).toBe(true);
	});

	test("uses the credential's portal when it is a loyalty portal", async () => {
		Object.assign(environment.credentials.stored(CREDENTIAL_ID).data, {
			productType: 'loyalty_portals',
			productId: '456',
		});
		const result = await run({ resource: 'campaign', operation: 'getAll', limit: 3 });
		expect(result.output.Leevia).toHaveLength(3);
	});

	test('asks for a portal when the credential belongs to a contest', async () => {
		const result = await run({ resource: 'campaign', operation: 'getAll' });
		expect(result.error).toContain(
			'Campaigns are listed per loyalty portal: set the Loyalty Portal ID',
		);
		expect(simulator.count('authenticate')).toBe(0);
	});
});

test('a Limit below 1 from an expression is refused with what to do', async () => {
	const result = await run({
		resource: 'participant',
		operation: 'getAll',
		productId: '90',
		limit: '={{ 0 }}',
	});
	expect(result.error).toBe(
		'Limit "0" is not valid: give a whole number, 1 or more, or turn on Return All',
	);
	expect(simulator.count('GET participants')).toBe(0);
});
