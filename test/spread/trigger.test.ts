/** The polling trigger: baseline, each record once and oldest first, records sharing a second, manual mode. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TestEnvironment } from '../harness';
import type { SpreadSandbox, SpreadSimulator } from '../../sandbox/simulators/spread';
import { run, startSpread, triggerNode } from './setup';

let simulator: SpreadSimulator;
let environment: TestEnvironment;
let sandbox: SpreadSandbox;

afterEach(async () => await simulator.close());

const emitted = (result: INodeExecutionData[][] | null) =>
	result ? result[0].map((item) => item.json) : [];
const lineIds = (result: INodeExecutionData[][] | null) =>
	emitted(result).map((json) => json.cagnotteLineId);

describe.each([false, true])('createdAfter inclusive: %s', (createdAfterInclusive) => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread({ createdAfterInclusive }));
	});

	test('two records in the same second across polls are each emitted exactly once', async () => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event: 'newCagnotteLine' });
		// Frozen clock: everything below happens in the same second.
		const frozen = Date.now();
		simulator.now = () => frozen;
		expect(await environment.poll(node, staticData)).toBeNull();
		const first = simulator.addLine(sandbox.customers[0], 10);
		expect(lineIds(await environment.poll(node, staticData))).toEqual([first.cagnotteLineId]);
		const second = simulator.addLine(sandbox.customers[1], 15);
		expect(second.cagnotteLineDate).toBe(first.cagnotteLineDate);
		expect(lineIds(await environment.poll(node, staticData))).toEqual([second.cagnotteLineId]);
		expect(await environment.poll(node, staticData)).toBeNull();
		simulator.now = () => frozen + 1000;
		const third = simulator.addLine(sandbox.customers[2], 20);
		expect(lineIds(await environment.poll(node, staticData))).toEqual([third.cagnotteLineId]);
		expect(await environment.poll(node, staticData)).toBeNull();
		// Only the last second's ids are kept.
		expect(staticData['node:SPREAD Trigger']).toEqual({
			watching: 'newCagnotteLine',
			lastSecond: third.cagnotteLineDate,
			lastSecondIds: { ranges: [Number(third.cagnotteLineId)] },
		});
	});
});

describe('SPREAD Trigger', () => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread());
	});

	test('the first poll records a baseline from the last day and emits nothing old; new records come oldest first', async () => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event: 'newCagnotteLine' });
		simulator.addLine(sandbox.customers[0], 5, { cagnotteLineDate: simulator.stamp(-3_600_000) });
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(simulator.receivedAt('GET /v2/cagnottes/')[0].query.createdAfter).toMatch(
			/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
		);
		// Created out of order: the later one first.
		const later = simulator.addLine(sandbox.customers[1], 7, {
			cagnotteLineDate: simulator.stamp(2000),
		});
		const earlier = simulator.addLine(sandbox.customers[2], 9, {
			cagnotteLineDate: simulator.stamp(1000),
		});
		const result = emitted(await environment.poll(node, staticData));
		expect(result.map((line) => line.cagnotteLineId)).toEqual([
			earlier.cagnotteLineId,
			later.cagnotteLineId,
		]);
		expect(result[0]).toMatchObject({
			amount: 9,
			cagnotteLineDate: expect.stringMatching(/T.*[+-]\d{2}:\d{2}$/),
		});
		expect(await environment.poll(node, staticData)).toBeNull();
	});

	test.each([
		[
			'newCustomer',
			'GET /v2/customers',
			() => simulator.addCustomer({ email: 'fresh@example.fr' }).id,
		],
		['newOrder', 'GET /v2/orders', () => simulator.addOrder().id],
		['newParticipation', 'GET /v2/participations', () => simulator.addParticipation().id],
		['newSponsorship', 'GET /v2/sponsorships', () => simulator.addSponsorship().id],
	])('%s: baseline, then the new record once', async (event, key, add) => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event });
		expect(await environment.poll(node, staticData)).toBeNull();
		const id = add();
		expect(emitted(await environment.poll(node, staticData)).map((json) => json.id)).toEqual([id]);
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(simulator.count(key)).toBe(3);
	});

	test('a change of event starts a new baseline', async () => {
		const staticData: IDataObject = {};
		await environment.poll(triggerNode({ event: 'newCagnotteLine' }), staticData);
		simulator.addOrder();
		expect(await environment.poll(triggerNode({ event: 'newOrder' }), staticData)).toBeNull();
		expect(staticData['node:SPREAD Trigger']).toMatchObject({ watching: 'newOrder' });
	});

	test('manual mode returns one real record and leaves the state alone', async () => {
		const staticData: IDataObject = {};
		const line = simulator.addLine(sandbox.customers[0], 12);
		const sample = emitted(
			await environment.poll(triggerNode({ event: 'newCagnotteLine' }), staticData, 'manual'),
		);
		expect(sample).toHaveLength(1);
		expect(sample[0]).toMatchObject({ cagnotteLineId: line.cagnotteLineId, amount: 12 });
		expect(staticData).toEqual({});
		// Nothing in the last day: the oldest record stands in.
		const orders = emitted(
			await environment.poll(triggerNode({ event: 'newSponsorship' }), staticData, 'manual'),
		);
		expect(orders).toHaveLength(1);
	});

	test('a poll that fails emits nothing and keeps its state, so the next poll emits the records once', async () => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event: 'newCagnotteLine' });
		await environment.poll(node, staticData);
		const before = JSON.stringify(staticData);
		const line = simulator.addLine(sandbox.customers[0], 3);
		// n8n's helper sends a request once more after a 401, in case the credential was refreshed.
		simulator.injectFault(
			'GET /v2/cagnottes/',
			{ status: 401, body: { message: 'Unauthorized' } },
			2,
		);
		await expect(environment.poll(node, staticData)).rejects.toThrow('SPREAD rejected the keys');
		expect(JSON.stringify(staticData)).toBe(before);
		expect(lineIds(await environment.poll(node, staticData))).toEqual([line.cagnotteLineId]);
	});

	test('a big backlog is read over pages and emitted once, oldest first; the state stays small', async () => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event: 'newCagnotteLine' });
		await environment.poll(node, staticData);
		const frozen = Date.now();
		simulator.now = () => frozen;
		const added = Array.from({ length: 6000 }, (_, index) =>
			simulator.addLine(sandbox.customers[index % 50], 1),
		);
		const result = lineIds(await environment.poll(node, staticData));
		expect(result).toEqual(added.map((line) => line.cagnotteLineId));
		expect(JSON.stringify(staticData).length).toBeLessThan(200);
		expect(await environment.poll(node, staticData)).toBeNull();
	});
});

describe('SPREAD Trigger on changes: New or Updated Customer, Validated Cagnotte Line', () => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread());
	});

	test('New or Updated Customer: a new customer and each change once, across polls, one request a poll', async () => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event: 'newOrUpdatedCustomer' });
		let clock = Date.now();
		simulator.now = () => clock;
		expect(await environment.poll(node, staticData)).toBeNull();
		const changed = simulator.touchCustomer(sandbox.customers[4], { city: 'Rennes' });
		const joined = simulator.addCustomer({ email: 'joined@example.fr' });
		const first = emitted(await environment.poll(node, staticData));
		expect(first.map((json) => [json.id, json.city])).toEqual([
			[changed.id, 'Rennes'],
			[joined.id, 'Paris'],
		]);
		expect(await environment.poll(node, staticData)).toBeNull();
		// The same customer changed again, a second later: a new event.
		clock += 1000;
		simulator.touchCustomer(changed, { city: 'Brest' });
		expect(emitted(await environment.poll(node, staticData)).map((json) => json.city)).toEqual([
			'Brest',
		]);
		expect(await environment.poll(node, staticData)).toBeNull();
		const queries = simulator.receivedAt('GET /v2/customers').map((request) => request.query);
		// Five polls, one request each, each asking for what was modified since the last second seen.
		expect(queries).toHaveLength(5);
		expect(
			queries.every((query) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(query.modifiedAfter)),
		).toBe(true);
		expect(queries.some((query) => 'createdAfter' in query)).toBe(false);
		expect(staticData['node:SPREAD Trigger']).toEqual({
			watching: 'newOrUpdatedCustomer',
			lastSecond: changed.updatedAt,
			lastSecondIds: { ranges: [Number(changed.id)] },
		});
	});

	test('an update through the node shows up as a change', async () => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event: 'newOrUpdatedCustomer', output: 'contact' });
		expect(await environment.poll(node, staticData)).toBeNull();
		const customer = sandbox.customers[20];
		await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'email',
			email: customer.email,
			updateFields: { externalId: 'CRM-NEW-20' },
		});
		const [contact] = emitted(await environment.poll(node, staticData));
		expect(contact).toMatchObject({ email: customer.email, source: { recordId: customer.id } });
	});

	test('Validated Cagnotte Line: a line waiting for validation comes once it is validated, once', async () => {
		const staticData: IDataObject = {};
		const node = triggerNode({ event: 'validatedCagnotteLine' });
		let clock = Date.now();
		simulator.now = () => clock;
		expect(await environment.poll(node, staticData)).toBeNull();
		const waiting = simulator.addLine(sandbox.customers[2], 40, {
			cagnotteLineValidationDate: null,
		});
		const noDate = simulator.addLine(sandbox.customers[3], 8, {
			cagnotteLineValidationDate: '0000-00-00 00:00:00',
		});
		const validatedAtOnce = simulator.addLine(sandbox.customers[4], 15);
		expect(lineIds(await environment.poll(node, staticData))).toEqual([
			validatedAtOnce.cagnotteLineId,
		]);
		clock += 1000;
		simulator.validateLine(waiting);
		expect(lineIds(await environment.poll(node, staticData))).toEqual([waiting.cagnotteLineId]);
		expect(await environment.poll(node, staticData)).toBeNull();
		clock += 1000;
		simulator.validateLine(noDate);
		const [line] = emitted(await environment.poll(node, staticData));
		expect(line).toMatchObject({
			cagnotteLineId: noDate.cagnotteLineId,
			amount: 8,
			cagnotteLineValidationDate: expect.stringMatching(/T.*[+-]\d{2}:\d{2}$/),
		});
		const queries = simulator.receivedAt('GET /v2/cagnottes/').map((request) => request.query);
		expect(queries).toHaveLength(5);
		expect(queries.every((query) => 'modifiedAfter' in query && !('createdAfter' in query))).toBe(
			true,
		);
	});

	test('a state saved by an existing event keeps working beside the new events', async () => {
		const line = simulator.addLine(sandbox.customers[0], 3);
		const staticData: IDataObject = {
			'node:SPREAD Trigger': {
				watching: 'newCagnotteLine',
				lastSecond: simulator.stamp(-5000),
				lastSecondIds: {},
			},
		};
		expect(
			lineIds(await environment.poll(triggerNode({ event: 'newCagnotteLine' }), staticData)),
		).toContain(line.cagnotteLineId);
		// Another event: a new baseline, nothing old emitted.
		expect(
			await environment.poll(triggerNode({ event: 'validatedCagnotteLine' }), staticData),
		).toBeNull();
		expect(staticData['node:SPREAD Trigger']).toMatchObject({ watching: 'validatedCagnotteLine' });
	});
});

describe.each([
	['isoUtc', '2099-01-15T09:00:00Z', '2099-07-15T08:00:01Z'],
	['isoOffset', '2099-01-15T10:00:00+01:00', '2099-07-15T10:00:01+02:00'],
] as const)('customer dates sent as ISO-8601 (%s)', (customerDates, winterSent, summerSent) => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread({ customerDates }));
	});

	// Dates far ahead, so the sandbox's own customers (the last 30 days) are all older.
	const stateAt = (watching: string, lastSecond: string): IDataObject => ({
		'node:SPREAD Trigger': { watching, lastSecond, lastSecondIds: {} },
	});

	test('New Customer: each customer once, oldest first, its dates with the offset of the zone', async () => {
		const staticData = stateAt('newCustomer', '2099-01-15 09:59:59');
		const node = triggerNode({ event: 'newCustomer' });
		const summer = simulator.addCustomer({ createdAt: '2099-07-15 10:00:01' });
		const winter = simulator.addCustomer({ createdAt: '2099-01-15 10:00:00' });
		// What SPREAD sends for them.
		expect(simulator.customerReply(winter).createdAt).toBe(winterSent);
		expect(simulator.customerReply(summer).createdAt).toBe(summerSent);
		const first = emitted(await environment.poll(node, staticData));
		expect(first.map((json) => [json.id, json.createdAt, json.updatedAt])).toEqual([
			[winter.id, '2099-01-15T10:00:00+01:00', '2099-01-15T10:00:00+01:00'],
			[summer.id, '2099-07-15T10:00:01+02:00', '2099-07-15T10:00:01+02:00'],
		]);
		expect(staticData['node:SPREAD Trigger']).toEqual({
			watching: 'newCustomer',
			lastSecond: '2099-07-15 10:00:01',
			lastSecondIds: { ranges: [Number(summer.id)] },
		});
		expect(await environment.poll(node, staticData)).toBeNull();
		// Another customer in the same second: once, and the first one not again.
		const sameSecond = simulator.addCustomer({ createdAt: '2099-07-15 10:00:01' });
		expect(emitted(await environment.poll(node, staticData)).map((json) => json.id)).toEqual([
			sameSecond.id,
		]);
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(
			simulator.receivedAt('GET /v2/customers').map((request) => request.query.createdAfter),
		).toEqual([
			'2099-01-15 09:59:58',
			'2099-07-15 10:00:00',
			'2099-07-15 10:00:00',
			'2099-07-15 10:00:00',
		]);
	});

	test('New or Updated Customer: a change once; the contact output dates the customer with the offset', async () => {
		const staticData = stateAt('newOrUpdatedCustomer', '2099-07-15 10:00:00');
		const node = triggerNode({ event: 'newOrUpdatedCustomer', output: 'contact' });
		const customer = simulator.addCustomer({
			email: 'iso.dates@example.fr',
			createdAt: '2099-01-15 10:00:00',
		});
		simulator.now = () => Date.UTC(2099, 6, 15, 8, 0, 1);
		simulator.touchCustomer(customer, { city: 'Rennes' });
		expect(simulator.customerReply(customer).updatedAt).toBe(summerSent);
		const [contact] = emitted(await environment.poll(node, staticData));
		expect(contact).toMatchObject({
			email: 'iso.dates@example.fr',
			city: 'Rennes',
			source: { recordId: customer.id, createdAt: '2099-01-15T10:00:00+01:00' },
		});
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(staticData['node:SPREAD Trigger']).toEqual({
			watching: 'newOrUpdatedCustomer',
			lastSecond: '2099-07-15 10:00:01',
			lastSecondIds: { ranges: [Number(customer.id)] },
		});
	});

	test('Customer → Get and Keep Date Strings: the dates with the offset of the zone, or as SPREAD sent them', async () => {
		const customer = simulator.addCustomer({ createdAt: '2099-01-15 10:00:00' });
		const shaped = await run(environment, {
			resource: 'customer',
			operation: 'get',
			customerId: customer.id,
		});
		expect(shaped.json[0]).toMatchObject({
			id: customer.id,
			createdAt: '2099-01-15T10:00:00+01:00',
		});
		const kept = await run(environment, {
			resource: 'customer',
			operation: 'get',
			customerId: customer.id,
			outputOptions: { keepDateStrings: true },
		});
		expect(kept.json[0]).toMatchObject({ id: customer.id, createdAt: winterSent });
	});
});

describe('a customer date the trigger cannot read', () => {
	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startSpread());
	});

	test('fails the poll naming the customer, emits nothing and keeps the state; the customers come once it can read them', async () => {
		const staticData: IDataObject = {
			'node:SPREAD Trigger': {
				watching: 'newCustomer',
				lastSecond: '2099-01-15 09:59:59',
				lastSecondIds: {},
			},
		};
		const before = JSON.stringify(staticData);
		const node = triggerNode({ event: 'newCustomer' });
		const readable = simulator.addCustomer({ createdAt: '2099-01-15 10:00:00' });
		const strange = simulator.addCustomer({ createdAt: '2099-01-15 10:00:01' });
		// SPREAD lists them with one date in a format no document gives.
		simulator.injectFault('GET /v2/customers', {
			status: 200,
			body: {
				customers: [readable, { ...strange, createdAt: '15/01/2099 10:00:01' }],
				count: 2,
				nextPageUrl: null,
			},
		});
		await expect(environment.poll(node, staticData)).rejects.toThrow(
			`SPREAD's customer ${strange.id} has createdAt "15/01/2099 10:00:01", a date the trigger cannot read (it reads YYYY-MM-DD HH:MM:SS in the credential's time zone, or ISO-8601 with an offset). Nothing was emitted and the trigger's place is kept, so no record is lost; polls fail while SPREAD lists this record: report the value to the maintainers of n8n-nodes-spread`,
		);
		expect(JSON.stringify(staticData)).toBe(before);
		expect(emitted(await environment.poll(node, staticData)).map((json) => json.id)).toEqual([
			readable.id,
			strange.id,
		]);
		expect(await environment.poll(node, staticData)).toBeNull();
	});
});
