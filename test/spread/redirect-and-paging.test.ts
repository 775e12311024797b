/** The redirected POST adds points exactly once; lists page with startAt, both page-size names, every filter. */
import type { TestEnvironment } from '../harness';
import { SpreadSimulator, type SpreadSandbox } from '../../sandbox/simulators/spread';
import { run, startSpread } from './setup';

let simulator: SpreadSimulator;
let environment: TestEnvironment;
let sandbox: SpreadSandbox;

afterEach(async () => await simulator.close());

describe.each([301, 302, 307, 308] as const)('the documented POST answered with %i', (status) => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread({ cagnottePostRedirect: status }));
	});

	test('is posted again to the canonical URL with its method and body: the points are added exactly once', async () => {
		const customer = sandbox.customers[9];
		const before = Number(customer.cagnotteAmount);
		const lines = simulator.lines.length;
		const { json, error } = await run(environment, {
			resource: 'cagnotte',
			operation: 'addPoints',
			email: customer.email,
			amount: 7,
		});
		expect(error).toBeUndefined();
		expect(json[0]).toMatchObject({
			customer: { cagnotteAmount: before + 7 },
			cagnotte: { amount: 7 },
		});
		expect(simulator.count('POST /v2/cagnottes/')).toBe(1);
		expect(simulator.count('POST /v2/cagnottes')).toBe(1);
		// n8n's client left alone would have turned a 301/302 into this GET, adding nothing.
		expect(simulator.count('GET /v2/cagnottes')).toBe(0);
		expect(simulator.receivedAt('POST /v2/cagnottes')[0].body).toEqual({
			customer: { email: customer.email },
			cagnotte: { amount: 7 },
		});
		expect(simulator.pointsPostsApplied).toBe(1);
		expect(simulator.lines.length).toBe(lines + 1);
		expect(Number(simulator.customerById(customer.id)!.cagnotteAmount)).toBe(before + 7);
	});
});

describe('redirects a write does not follow', () => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread());
	});

	test('to another host: nothing is written, the message says what to check', async () => {
		simulator.injectFault('POST /v2/cagnottes/', {
			status: 302,
			headers: { location: 'https://elsewhere.example.com/api/v2/cagnottes' },
		});
		const { error, result } = await run(environment, {
			resource: 'cagnotte',
			operation: 'addPoints',
			email: sandbox.customers[0].email,
			amount: 1,
		});
		expect(error).toContain(
			'redirected the request to https://elsewhere.example.com/api/v2/cagnottes',
		);
		expect(error).toContain('nothing was written');
		expect(JSON.stringify(result.run.data.resultData.error)).not.toContain(sandbox.privateKey);
		expect(simulator.pointsPostsApplied).toBe(0);
	});

	test('303 See Other: the points may have been added, so it is not posted again', async () => {
		simulator.injectFault('POST /v2/cagnottes/', {
			status: 303,
			headers: { location: `${simulator.url}/api/v2/cagnottes` },
		});
		const { error } = await run(environment, {
			resource: 'cagnotte',
			operation: 'addPoints',
			email: sandbox.customers[0].email,
			amount: 1,
		});
		expect(error).toContain('HTTP 303');
		expect(error).toContain('may have added 1 point to the customer with email');
		expect(simulator.count('POST /v2/cagnottes')).toBe(0);
	});
});

describe('pages', () => {
	test("a list whose last page still carries a nextPageUrl ends on the short page (the document's example)", async () => {
		({ simulator, environment, sandbox } = await startSpread({ cagnotteLines: 12_000 }));
		const total = simulator.lines.length;
		simulator.resetCounts();
		const { json } = await run(environment, {
			resource: 'cagnotte',
			operation: 'getAll',
			returnAll: true,
		});
		expect(json).toHaveLength(total);
		expect(new Set(json.map((line) => line.cagnotteLineId)).size).toBe(total);
		// 12,003 lines: two full pages of 5,000, then 2,003 with a nextPageUrl, which is not followed.
		expect(simulator.receivedAt('GET /v2/cagnottes/').map((entry) => entry.query)).toEqual([
			{ maxResult: '5000' },
			{ maxResult: '5000', startAt: '5000' },
			{ maxResult: '5000', startAt: '10000' },
		]);
	});

	test('a Limit asks for no more records than it needs', async () => {
		({ simulator, environment, sandbox } = await startSpread());
		simulator.resetCounts();
		const { json } = await run(environment, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: false,
			limit: 301,
		});
		expect(json).toHaveLength(301);
		expect(simulator.receivedAt('GET /v2/customers').map((entry) => entry.query)).toEqual([
			{ maxResult: '301' },
		]);
		simulator.resetCounts();
		const all = await run(environment, { resource: 'customer', operation: 'getAll', limit: 2 });
		expect(all.json).toHaveLength(2);
	});

	test('with no nextPageUrl on the last page, the list ends there too', async () => {
		({ simulator, environment, sandbox } = await startSpread({ nextPageUrlOnLastPage: false }));
		const { json } = await run(environment, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
		});
		expect(json).toHaveLength(simulator.orders.length);
	});
});

describe('filters', () => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread());
	});

	test("every cagnotte filter goes out with the document's spelling and format", async () => {
		const { json, error } = await run(environment, {
			resource: 'cagnotte',
			operation: 'getAll',
			returnAll: true,
			filters: {
				createdAfter: '2019-07-10T08:00:00',
				createdBefore: '2019-07-10T13:30:00Z',
				modifiedAfter: '2019-07-01 00:00:00',
				modifiedBefore: '2019-08-01',
				customerId: '15130125',
				cagnotteId: '118196',
				campaignId: '46354',
				minAmount: 10,
				maxAmount: 30,
				amount: 20,
			},
		});
		expect(error).toBeUndefined();
		expect(simulator.receivedAt('GET /v2/cagnottes/')[0].query).toEqual({
			createdAfter: '2019-07-10 08:00:00',
			// 13:30 UTC is 15:30 in Paris in July.
			createBefore: '2019-07-10 15:30:00',
			modifiedAfter: '2019-07-01 00:00:00',
			modifiedBefore: '2019-08-01 00:00:00',
			customerId: '15130125',
			cagnotteId: '118196',
			campaignId: '46354',
			minAmount: '10',
			maxAmount: '30',
			amount: '20',
			maxResult: '5000',
		});
		expect(json.map((line) => line.cagnotteLineId)).toEqual(['535756']);
	});

	test('each filter narrows the list as SPREAD does', async () => {
		const ids = async (filters: Record<string, unknown>) =>
			(
				await run(environment, {
					resource: 'cagnotte',
					operation: 'getAll',
					returnAll: true,
					filters: { customerId: '15130125', ...filters },
				})
			).json.map((line) => line.cagnotteLineId);
		expect(await ids({})).toEqual(['535756', '535759', '535760']);
		expect(await ids({ createdAfter: '2019-07-10 15:00:23' })).toEqual(['535760']);
		expect(await ids({ createdBefore: '2019-07-10 15:00:23' })).toEqual(['535756']);
		expect(await ids({ modifiedAfter: '2019-07-10 09:00:00' })).toEqual(['535759', '535760']);
		expect(await ids({ modifiedBefore: '2019-07-10 09:00:00' })).toEqual(['535756']);
		expect(await ids({ cagnotteId: '999' })).toEqual([]);
		expect(await ids({ campaignId: '46354' })).toEqual(['535756']);
		expect(await ids({ minAmount: -5 })).toEqual(['535756', '535760']);
		expect(await ids({ maxAmount: 0 })).toEqual(['535759', '535760']);
		expect(await ids({ amount: -20 })).toEqual(['535759']);
	});

	test('a filter that is not a date is refused before any request, naming it', async () => {
		simulator.resetCounts();
		const { error } = await run(environment, {
			resource: 'cagnotte',
			operation: 'getAll',
			filters: { createdAfter: 'last tuesday' },
		});
		expect(error).toContain('Created After filter "last tuesday" is not a date');
		expect(error).toContain('fix the Created After filter parameter');
		expect(simulator.count('GET /v2/cagnottes/')).toBe(0);
	});
});
