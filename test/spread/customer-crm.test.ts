/**
 * What a CRM needs of SPREAD's customers, as workflows against the simulator: Customer → Find by
 * email or external ID (a read of the list: SPREAD documents no search), Create and Update setting
 * the external ID and changing the email, and both with Output = Contact.
 */

import type { TestEnvironment } from '../harness';
import type { SpreadSandbox, SpreadSimulator } from '../../sandbox/simulators/spread';
import { nodeError, run, setCredential, startSpread } from './setup';

let simulator: SpreadSimulator;
let environment: TestEnvironment;
let sandbox: SpreadSandbox;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startSpread());
});
afterEach(async () => await simulator.close());

type RunResult = Awaited<ReturnType<typeof run>>;

/** The execution hints the SPREAD node left in the output pane. */
const hints = (outcome: RunResult) =>
	(outcome.result.run.data.resultData.runData.SPREAD?.[0]?.hints ?? []).map(
		(hint) => (hint as { message: string }).message,
	);

describe('Customer → Find', () => {
	test('by email, in any case: the customer, from one page of 5,000', async () => {
		const customer = sandbox.customers[120];
		const outcome = await run(environment, {
			resource: 'customer',
			operation: 'find',
			findBy: 'email',
			email: `  ${customer.email.toUpperCase()} `,
		});
		expect(outcome.error).toBeUndefined();
		expect(outcome.json).toEqual([
			expect.objectContaining({
				id: customer.id,
				email: customer.email,
				externalId: 'CRM-00121',
				cagnotteAmount: Number(customer.cagnotteAmount),
			}),
		]);
		expect(simulator.receivedAt('GET /v2/customers').map((request) => request.query)).toEqual([
			{ maxResult: '5000' },
		]);
		// 300 sandbox customers and the document's example customer.
		expect(hints(outcome)).toEqual([
			`Item 1: found the customer with email ${customer.email.toUpperCase()} after reading 301 customers in 1 request`,
		]);
	});

	test('by external ID, as a contact', async () => {
		const customer = sandbox.customers[7];
		const { json } = await run(environment, {
			resource: 'customer',
			operation: 'find',
			findBy: 'externalId',
			externalId: 'CRM-00008',
			output: 'contact',
		});
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			email: customer.email,
			firstName: customer.firstName,
			lastName: customer.lastName,
			source: { platform: 'spread', recordId: customer.id },
		});
	});

	test('reads page after page until the customer shows up; one not there costs the whole list and gives no item', async () => {
		for (let index = 0; index < 10_000; index++)
			simulator.addCustomer({ email: `bulk.${index}@example.fr`, externalId: `BULK-${index}` });
		// 10,301 customers: three pages of 5,000.
		const late = await run(environment, {
			resource: 'customer',
			operation: 'find',
			findBy: 'email',
			email: 'bulk.9999@example.fr',
		});
		expect(late.json).toEqual([expect.objectContaining({ email: 'bulk.9999@example.fr' })]);
		expect(simulator.receivedAt('GET /v2/customers').map((request) => request.query)).toEqual([
			{ maxResult: '5000' },
			{ maxResult: '5000', startAt: '5000' },
			{ maxResult: '5000', startAt: '10000' },
		]);
		expect(hints(late)).toEqual([
			'Item 1: found the customer with email bulk.9999@example.fr after reading 10301 customers in 3 requests',
		]);
		simulator.resetCounts();
		const early = await run(environment, {
			resource: 'customer',
			operation: 'find',
			findBy: 'externalId',
			externalId: 'CRM-00002',
		});
		expect(early.json).toHaveLength(1);
		expect(simulator.count('GET /v2/customers')).toBe(1);
		simulator.resetCounts();
		const missing = await run(environment, {
			resource: 'customer',
			operation: 'find',
			findBy: 'email',
			email: 'nobody@example.fr',
		});
		expect(missing.error).toBeUndefined();
		expect(missing.json).toEqual([]);
		expect(simulator.count('GET /v2/customers')).toBe(3);
		expect(hints(missing)).toEqual([
			'Item 1: did not find the customer with email nobody@example.fr after reading 10301 customers in 3 requests',
		]);
	});

	test('a bad email is refused before any request, naming the parameter', async () => {
		const { result } = await run(environment, {
			resource: 'customer',
			operation: 'find',
			findBy: 'email',
			email: 'camille.at.example.fr',
		});
		expect(nodeError(result)?.message).toBe(
			'Email "camille.at.example.fr" is not a valid address: fix the Email parameter',
		);
		expect(simulator.received).toEqual([]);
	});

	test("SPREAD's 401 says to check the keys; Continue On Fail keeps the other items", async () => {
		setCredential(environment, { privateKey: 'sk_wrong' });
		const { json } = await run(
			environment,
			{ resource: 'customer', operation: 'find', findBy: 'email', email: '={{ $json.email }}' },
			[{ email: 'lea.3@example.fr' }, { email: 'not-an-email' }],
			{ continueOnFail: true },
		);
		expect(json).toHaveLength(2);
		expect(String(json[0].error)).toContain('401');
		expect(String(json[0].error)).not.toContain('sk_wrong');
		expect(json[1].error).toBe(
			'Email "not-an-email" is not a valid address: fix the Email parameter',
		);
	});
});

describe('Customer → Create and → Update: external ID, email, Output', () => {
	test('Create sets the external ID and gives the contact with Output = Contact', async () => {
		const { json, error } = await run(environment, {
			resource: 'customer',
			operation: 'create',
			email: 'Nouveau.Membre@example.fr',
			additionalFields: { externalId: 'CRM-77777', firstName: 'Inès', country: 'Belgique' },
			output: 'contact',
		});
		expect(error).toBeUndefined();
		expect(simulator.receivedAt('POST /CreateAccount')[0].body).toEqual({
			customer_email: 'Nouveau.Membre@example.fr',
			external_id: 'CRM-77777',
			customer_firstname: 'Inès',
			customer_country: 'Belgique',
		});
		const created = simulator.customerByEmail('nouveau.membre@example.fr')!;
		expect(created.externalId).toBe('CRM-77777');
		expect(json).toEqual([
			expect.objectContaining({
				email: 'nouveau.membre@example.fr',
				firstName: 'Inès',
				lastName: null,
				country: 'BE',
				points: { balance: 0, change: null },
				source: expect.objectContaining({ platform: 'spread', recordId: created.id }),
			}),
		]);
	});

	test('Create refuses an external ID another customer has, with SPREAD words', async () => {
		const { result } = await run(environment, {
			resource: 'customer',
			operation: 'create',
			email: 'someone.new@example.fr',
			additionalFields: { externalId: 'CRM-00001' },
		});
		expect(nodeError(result)?.message).toContain('external_id');
		expect(simulator.customerByEmail('someone.new@example.fr')).toBeUndefined();
	});

	test('Update found by email sets the external ID, naming the customer in request[...]', async () => {
		const customer = simulator.addCustomer({ email: 'no.crm.yet@example.fr' });
		const { json, error } = await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'email',
			email: 'no.crm.yet@example.fr',
			updateFields: { externalId: 'CRM-50001' },
		});
		expect(error).toBeUndefined();
		const [received] = simulator.receivedAt('POST /UpdateAccount');
		expect(received.body).toEqual({
			customer_email: 'no.crm.yet@example.fr',
			external_id: 'CRM-50001',
		});
		expect(received.request).toEqual({ customer_email: 'no.crm.yet@example.fr' });
		expect(simulator.customerById(customer.id)?.externalId).toBe('CRM-50001');
		expect(json[0]).toMatchObject({ id: customer.id, externalId: 'CRM-50001' });
	});

	test('Update found by external ID changes the email; found by email, too', async () => {
		const customer = sandbox.customers[9];
		const byExternal = await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'externalId',
			externalId: 'CRM-00010',
			updateFields: { email: 'Moved.Here@example.fr', city: 'Nantes' },
			output: 'contact',
		});
		expect(byExternal.error).toBeUndefined();
		const [first, ...others] = simulator.receivedAt('POST /UpdateAccount');
		expect(first.body).toEqual({
			external_id: 'CRM-00010',
			customer_email: 'Moved.Here@example.fr',
			customer_city: 'Nantes',
		});
		expect(first.request).toEqual({ external_id: 'CRM-00010' });
		expect(others).toEqual([]);
		expect(simulator.customerById(customer.id)).toMatchObject({
			email: 'Moved.Here@example.fr',
			city: 'Nantes',
		});
		expect(byExternal.json[0]).toMatchObject({ email: 'moved.here@example.fr', city: 'Nantes' });
		const byEmail = await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'email',
			email: 'moved.here@example.fr',
			updateFields: { email: 'final.address@example.fr' },
		});
		expect(byEmail.error).toBeUndefined();
		expect(simulator.receivedAt('POST /UpdateAccount')[1]).toMatchObject({
			body: { customer_email: 'final.address@example.fr' },
			request: { customer_email: 'moved.here@example.fr' },
		});
		expect(simulator.customerById(customer.id)?.email).toBe('final.address@example.fr');
	});

	test('an update that changes nothing of the key sends no request[...], as before', async () => {
		const customer = sandbox.customers[11];
		await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'email',
			email: customer.email,
			updateFields: { city: 'Lille' },
		});
		const [received] = simulator.receivedAt('POST /UpdateAccount');
		expect(received.body).toEqual({ customer_email: customer.email, customer_city: 'Lille' });
		expect(received.request).toBeUndefined();
	});

	test("an email another customer has is SPREAD's refusal; a bad new email is refused before any request", async () => {
		const [mover, holder] = [sandbox.customers[12], sandbox.customers[13]];
		const taken = await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'email',
			email: mover.email,
			updateFields: { email: holder.email },
		});
		expect(nodeError(taken.result)?.message).toContain('customer_email');
		expect(simulator.customerById(mover.id)?.email).toBe(mover.email);
		simulator.resetCounts();
		const bad = await run(environment, {
			resource: 'customer',
			operation: 'update',
			updateBy: 'email',
			email: mover.email,
			updateFields: { email: 'nobody-at-all' },
		});
		expect(nodeError(bad.result)?.message).toBe(
			'Update Fields → Email "nobody-at-all" is not a valid address: fix the Update Fields → Email parameter',
		);
		expect(simulator.received).toEqual([]);
	});

	test("Update's fields are Create's, plus the email and the tags to remove", async () => {
		const { Spread } = await import('../../nodes/Spread/Spread.node');
		const fieldsOf = (operation: string, name: string) =>
			(
				new Spread().description.properties.find(
					(property) =>
						property.name === name &&
						property.displayOptions?.show?.operation?.includes(operation) &&
						property.displayOptions?.show?.resource?.includes('customer'),
				)?.options as Array<{ name: string }>
			).map((option) => option.name);
		const create = fieldsOf('create', 'additionalFields');
		const update = fieldsOf('update', 'updateFields');
		expect(update.filter((name) => !create.includes(name))).toEqual(['email', 'removeTags']);
		expect(create.filter((name) => !update.includes(name))).toEqual([]);
		expect(create).toContain('externalId');
	});
});
