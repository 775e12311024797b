/** Every operation of the SPREAD node as a workflow against the simulator. */
import type { TestEnvironment } from '../harness';
import type { SpreadSandbox, SpreadSimulator } from '../../sandbox/simulators/spread';
import { byId, run, startSpread } from './setup';

let simulator: SpreadSimulator;
let environment: TestEnvironment;
let sandbox: SpreadSandbox;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startSpread());
});
afterEach(async () => await simulator.close());

describe('cagnotte', () => {
	test('Add Points by email: one item with the new balance and the new line, numbers and dates converted', async () => {
		const customer = sandbox.customers[3];
		const before = Number(customer.cagnotteAmount);
		const { json, error } = await run(environment, {
			resource: 'cagnotte',
			operation: 'addPoints',
			identifyBy: 'email',
			email: customer.email,
			amount: 5,
		});
		expect(error).toBeUndefined();
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			customer: { id: customer.id, cagnotteAmount: before + 5 },
			cagnotte: { customerId: customer.id, amount: 5, code: '' },
		});
		const line = json[0].cagnotte as Record<string, unknown>;
		expect(line.cagnotteLineDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
		expect(typeof line.cagnotteLineId).toBe('string');
		const [received] = simulator.receivedAt('POST /v2/cagnottes/');
		expect(received.body).toEqual({ customer: { email: customer.email }, cagnotte: { amount: 5 } });
		expect(simulator.pointsPostsApplied).toBe(1);
	});

	test('Add Points by customer ID with decimals; Remove Points sends a negative amount', async () => {
		const customer = sandbox.customers[4];
		const before = Number(customer.cagnotteAmount);
		const added = await run(environment, {
			resource: 'cagnotte',
			operation: 'addPoints',
			identifyBy: 'customerId',
			customerId: customer.id,
			amount: 2.5,
		});
		expect(added.json[0]).toMatchObject({ customer: { cagnotteAmount: before + 2.5 } });
		const removed = await run(environment, {
			resource: 'cagnotte',
			operation: 'removePoints',
			identifyBy: 'customerId',
			customerId: customer.id,
			amount: 1.5,
		});
		expect(removed.error).toBeUndefined();
		expect(removed.json[0]).toMatchObject({
			customer: { cagnotteAmount: before + 1 },
			cagnotte: { amount: -1.5 },
		});
		const bodies = simulator.received
			.filter((entry) => entry.method === 'POST')
			.map((entry) => entry.body);
		expect(bodies).toEqual([
			{ customer: { id: customer.id }, cagnotte: { amount: 2.5 } },
			{ customer: { id: customer.id }, cagnotte: { amount: -1.5 } },
		]);
	});

	test("Get Many: the document's own lines, verbatim from the simulator, converted", async () => {
		const { json } = await run(environment, {
			resource: 'cagnotte',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: '15130125' },
		});
		expect(json).toEqual([
			{
				cagnotteId: '118196',
				cagnotteLineId: '535756',
				customerId: '15130125',
				campaignId: '46354',
				cagnotteLineDate: '2019-07-10T08:30:04+02:00',
				cagnotteLineValidationDate: '2019-07-10T08:30:04+02:00',
				amount: 20,
				code: '',
			},
			expect.objectContaining({ cagnotteLineId: '535759', amount: -20, code: 'kodeKDO_1' }),
			expect.objectContaining({ cagnotteLineId: '535760', amount: -1, code: 'http://google.com' }),
		]);
	});

	test("Keep Number Strings and Keep Date Strings give SPREAD's values as sent", async () => {
		const { json } = await run(environment, {
			resource: 'cagnotte',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: '15130125' },
			outputOptions: { keepNumberStrings: true, keepDateStrings: true },
		});
		expect(json[0]).toMatchObject({ amount: '20', cagnotteLineDate: '2019-07-10 08:30:04' });
	});
});

describe('customer', () => {
	test('Get and Get Many', async () => {
		const customer = sandbox.customers[0];
		const one = await run(environment, {
			resource: 'customer',
			operation: 'get',
			customerId: customer.id,
		});
		expect(one.json).toEqual([
			expect.objectContaining({
				id: customer.id,
				email: customer.email,
				cagnotteAmount: Number(customer.cagnotteAmount),
				actionCount: Number(customer.actionCount),
				zip: '75002',
			}),
		]);
		const many = await run(environment, { resource: 'customer', operation: 'getAll', limit: 25 });
		expect(many.json).toHaveLength(25);
		expect(simulator.receivedAt('GET /v2/customers')[0].query).toEqual({ maxResult: '25' });
	});

	test('Create sends v1 form fields data[...] and returns the customer', async () => {
		const { json, error } = await run(environment, {
			resource: 'customer',
			operation: 'create',
			email: 'new.member@example.fr',
			additionalFields: {
				firstName: 'Zoé',
				lastName: 'Lambert',
				externalId: 'CRM-99999',
				optIn: 'yes',
				gender: 'female',
				birthday: '1992-03-14',
				zip: '69001',
				addTags: 'vip, newsletter',
				customFields: { field: [{ id: '12', value: 'blue' }] },
			},
		});
		expect(error).toBeUndefined();
		const [received] = simulator.receivedAt('POST /CreateAccount');
		expect(received.contentType).toContain('application/x-www-form-urlencoded');
		expect(received.body).toEqual({
			customer_email: 'new.member@example.fr',
			customer_firstname: 'Zoé',
			customer_name: 'Lambert',
			external_id: 'CRM-99999',
			customer_isoptin: '1',
			customer_gender: 'F',
			customer_birthday: '1992-03-14',
			customer_cp: '69001',
			add_tag: ['vip', 'newsletter'],
			custom_fields: { '12': 'blue' },
		});
		expect(json[0]).toMatchObject({
			email: 'new.member@example.fr',
			firstName: 'Zoé',
			tags: ['vip', 'newsletter'],
			cagnotteAmount: 0,
		});
	});

	test('Update finds the customer by email or by external ID; opt-in not asked is -1', async () => {
		const customer = sandbox.customers[5];
		const byEmail = await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'email',
			email: customer.email,
			updateFields: { city: 'Lyon', optIn: 'notAsked', removeTags: 'vip' },
		});
		expect(byEmail.json[0]).toMatchObject({ id: customer.id, city: 'Lyon', isOptin: '-1' });
		const byExternal = await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'externalId',
			externalId: customer.externalId,
			updateFields: { optIn: 'no', company: 'Lambert SA' },
		});
		expect(byExternal.json[0]).toMatchObject({
			id: customer.id,
			company: 'Lambert SA',
			isOptin: '0',
		});
		expect(simulator.receivedAt('POST /UpdateAccount')[1].body).toEqual({
			external_id: customer.externalId,
			customer_isoptin: '0',
			customer_company: 'Lambert SA',
		});
	});
});

describe('campaign, participation, sponsorship', () => {
	test('Campaign Get (by ID) and Get Many', async () => {
		const campaign = sandbox.campaigns[1];
		const one = await run(environment, {
			resource: 'campaign',
			operation: 'get',
			campaignId: byId(campaign.id),
		});
		expect(one.json[0]).toMatchObject({ id: campaign.id, name: campaign.name, type: 'contest' });
		const many = await run(environment, {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
		});
		expect(many.json.map((entry) => entry.id)).toEqual(sandbox.campaigns.map((entry) => entry.id));
	});

	test('Participation Get and Get Many filtered by customer and campaign', async () => {
		const participation = simulator.participations[10];
		const one = await run(environment, {
			resource: 'participation',
			operation: 'get',
			participationId: participation.id,
		});
		expect(one.json[0]).toMatchObject({
			id: participation.id,
			customerId: participation.customerId,
		});
		const many = await run(environment, {
			resource: 'participation',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: participation.customerId, campaignId: participation.campaignId },
		});
		expect(many.json.length).toBeGreaterThan(0);
		for (const entry of many.json) {
			expect(entry).toMatchObject({
				customerId: participation.customerId,
				campaignId: participation.campaignId,
			});
		}
	});

	test('Sponsorship Get Many pages with maxResults, the name its endpoint documents', async () => {
		const { json } = await run(environment, {
			resource: 'sponsorship',
			operation: 'getAll',
			returnAll: true,
		});
		expect(json).toHaveLength(40);
		expect(json[0]).toMatchObject({
			godfatherId: expect.any(String),
			godsonId: expect.any(String),
		});
		const [received] = simulator.receivedAt('GET /v2/sponsorships');
		expect(received.query).toEqual({ maxResults: '5000' });
	});
});

describe('order', () => {
	test('Get (by the shop reference) and Get Many', async () => {
		const order = simulator.orders[2];
		const one = await run(environment, {
			resource: 'order',
			operation: 'get',
			orderId: order.orderId,
		});
		expect(one.json[0]).toMatchObject({
			id: order.id,
			orderId: order.orderId,
			amount: Number(order.amount),
		});
		const many = await run(environment, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: order.customerId },
		});
		expect(many.json.every((entry) => entry.customerId === order.customerId)).toBe(true);
	});

	test('Create and Update through v1, the date in the account time zone', async () => {
		const customer = sandbox.customers[7];
		const created = await run(environment, {
			resource: 'order',
			operation: 'create',
			email: customer.email,
			orderId: 'SHOP-1001',
			amount: 89.9,
			additionalFields: { state: 'paid', date: '2024-07-01T08:15:00Z' },
		});
		expect(created.error).toBeUndefined();
		expect(simulator.receivedAt('POST /CreateOrder')[0].body).toEqual({
			customer_email: customer.email,
			order_idorder: 'SHOP-1001',
			order_amount: '89.9',
			order_state: 'paid',
			date: '2024-07-01 10:15:00',
		});
		expect(created.json[0]).toMatchObject({
			orderId: 'SHOP-1001',
			amount: 89.9,
			customerId: customer.id,
			createdAt: '2024-07-01T10:15:00+02:00',
		});
		const updated = await run(environment, {
			resource: 'order',
			operation: 'update',
			orderId: 'SHOP-1001',
			updateFields: { state: 'cancelled', amount: 0 },
		});
		expect(updated.json[0]).toMatchObject({ orderId: 'SHOP-1001', status: 'cancelled', amount: 0 });
		// The order named in request[...] as SPREAD's PrestaShop module does, and in data[...] as before.
		const [sent] = simulator.receivedAt('POST /UpdateOrder');
		expect(sent.request).toEqual({ order_idorder: 'SHOP-1001' });
		expect(sent.body).toEqual({
			order_idorder: 'SHOP-1001',
			order_amount: '0',
			order_state: 'cancelled',
		});
	});
});

test('the Campaign picker lists the campaigns and searches them', async () => {
	const node = (await import('./setup')).spreadNode({ resource: 'campaign', operation: 'get' });
	const all = await environment.listSearch(node, 'searchCampaigns');
	expect(all.results.map((result) => result.value)).toEqual(
		sandbox.campaigns.map((entry) => entry.id),
	);
	const found = await environment.listSearch(node, 'searchCampaigns', 'quiz');
	expect(found.results).toEqual([
		{
			name: 'Quiz de Noël',
			value: sandbox.campaigns[2].id,
			description: `ID ${sandbox.campaigns[2].id} · quiz`,
		},
	]);
});
