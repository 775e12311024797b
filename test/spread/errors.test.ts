/** What a user sees when SPREAD refuses: each error, retries within the bound, writes never twice, continueOnFail. */
import type { IDataObject } from 'n8n-workflow';

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

async function failure(parameters: IDataObject, items?: IDataObject[]) {
	const outcome = await run(environment, parameters, items);
	const error = nodeError(outcome.result);
	expect(error).toBeDefined();
	// Neither key shows in what n8n stores or shows of the error.
	const shown = JSON.stringify({ error, message: error?.message, description: error?.description });
	expect(shown).not.toContain(sandbox.privateKey);
	expect(shown).not.toContain(
		Buffer.from(`${sandbox.publicKey}:${sandbox.privateKey}`).toString('base64'),
	);
	return {
		message: error!.message,
		description: error!.description ?? '',
		httpCode: error!.httpCode,
	};
}

const addPoints = (extra: IDataObject = {}) => ({
	resource: 'cagnotte',
	operation: 'addPoints',
	email: sandbox.customers[0].email,
	amount: 5,
	...extra,
});

test('401: check the two keys', async () => {
	setCredential(environment, { privateKey: 'wrong-key' });
	const { message, description, httpCode } = await failure({
		resource: 'customer',
		operation: 'getAll',
	});
	expect(message).toBe(
		'SPREAD rejected the keys (HTTP 401): check the Public Key and the Private Key in the credential; both are in the SPREAD back office under Paramétrage → Tracker',
	);
	expect(description).toBe('SPREAD said: "Unauthorized: invalid public or private key" (HTTP 401)');
	expect(httpCode).toBe('401');
});

test('400 names the parameter SPREAD names, as the node calls it', async () => {
	simulator.injectFault('GET /v2/customers', {
		status: 400,
		body: {
			code: 400,
			message: 'Parameter createdAfter is not a valid date (YYYY-MM-DD HH:MM:SS)',
		},
	});
	const { message, description } = await failure({
		resource: 'customer',
		operation: 'getAll',
		filters: { createdAfter: '2024-01-01' },
	});
	expect(message).toContain('SPREAD refused the parameter "createdAfter" (HTTP 400)');
	expect(message).toContain('fix the Created After filter parameter');
	expect(description).toContain('SPREAD said: "Parameter createdAfter is not a valid date');
});

test('a v1 refusal in a success reply names its parameter too', async () => {
	const { message } = await failure({
		resource: 'customer',
		operation: 'create',
		email: sandbox.customers[2].email,
	});
	expect(message).toContain('SPREAD refused the parameter "customer_email" (HTTP 200)');
	expect(message).toContain('is already used');
	expect(message).toContain('fix the Email parameter');
});

test('removing more points than the balance says so', async () => {
	const customer = sandbox.customers[0];
	const { message, httpCode } = await failure({
		resource: 'cagnotte',
		operation: 'removePoints',
		identifyBy: 'customerId',
		customerId: customer.id,
		amount: Number(customer.cagnotteAmount) + 1000,
	});
	expect(message).toContain(
		`SPREAD refused to remove ${Number(customer.cagnotteAmount) + 1000} points from customer ID ${customer.id}: the cagnotte holds fewer points than that (HTTP 400)`,
	);
	expect(message).toContain('remove at most that much');
	expect(httpCode).toBe('400');
	expect(simulator.pointsPostsApplied).toBe(0);
});

test('404 names what was looked for', async () => {
	const { message } = await failure({ resource: 'customer', operation: 'get', customerId: '999' });
	expect(message).toBe('SPREAD found no such record (HTTP 404): check Customer ID 999');
	const points = await failure(addPoints({ email: 'nobody@example.fr' }));
	expect(points.message).toBe(
		'SPREAD found no such record (HTTP 404): check the customer with email nobody@example.fr',
	);
});

test('429 and 5xx on reads are retried within the max wait', async () => {
	simulator.injectFault(
		'GET /v2/campaigns',
		{ status: 429, body: { message: 'Too many requests' }, headers: { 'Retry-After': '0' } },
		2,
	);
	simulator.injectFault('GET /v2/campaigns', '502');
	const { json, error } = await run(environment, {
		resource: 'campaign',
		operation: 'getAll',
		returnAll: true,
	});
	expect(error).toBeUndefined();
	expect(json).toHaveLength(sandbox.campaigns.length);
	expect(simulator.count('GET /v2/campaigns')).toBe(4);
});

test('429 past the max wait says to raise it', async () => {
	simulator.injectFault(
		'GET /v2/campaigns',
		{ status: 429, body: { message: 'Too many requests' }, headers: { 'Retry-After': '5' } },
		5,
	);
	const { message, httpCode } = await failure({
		resource: 'campaign',
		operation: 'getAll',
		requestOptions: { maxRateLimitWait: 1 },
	});
	expect(message).toContain(
		'SPREAD still answered "too many requests" after waiting 1 s (HTTP 429)',
	);
	expect(message).toContain('raise "Max Wait on Rate Limit (Seconds)"');
	expect(httpCode).toBe('429');
	expect(simulator.count('GET /v2/campaigns')).toBe(1);
});

test('a 500 on a read is retried, then said plainly', async () => {
	simulator.injectFault('GET /v2/orders', '500', 10);
	const { message } = await failure({
		resource: 'order',
		operation: 'getAll',
		requestOptions: { maxRateLimitWait: 3 },
	});
	expect(message).toMatch(
		/^SPREAD had a server error \(HTTP 500\) \(tried \d+ times\): try again later$/,
	);
	expect(simulator.count('GET /v2/orders')).toBeGreaterThan(1);
});

test('a write is retried on 429 but never on a 5xx, which may mean the points were added', async () => {
	simulator.injectFault('POST /v2/cagnottes/', {
		status: 429,
		body: { message: 'slow down' },
		headers: { 'Retry-After': '0' },
	});
	const ok = await run(environment, addPoints());
	expect(ok.error).toBeUndefined();
	expect(simulator.pointsPostsApplied).toBe(1);

	simulator.resetCounts();
	simulator.injectFault('POST /v2/cagnottes/', '503');
	const { message } = await failure(addPoints());
	expect(message).toContain(
		'SPREAD had a server error (HTTP 503) and may have added 5 points to the customer with email',
	);
	expect(message).toContain("Check the customer's cagnotte lines");
	expect(simulator.count('POST /v2/cagnottes/')).toBe(1);
});

test('a write whose reply is lost is not sent again: the outcome is unknown', async () => {
	simulator.injectFault('POST /v2/cagnottes/', 'reset-after');
	const { message } = await failure(addPoints());
	expect(message).toContain('SPREAD may have added 5 points to the customer with email');
	expect(message).toContain('the outcome is unknown');
	expect(simulator.count('POST /v2/cagnottes/')).toBe(1);
	expect(simulator.pointsPostsApplied).toBe(1);
});

test('bad input is refused before any request, with the parameter to fix', async () => {
	simulator.resetCounts();
	const cases: Array<[IDataObject, string]> = [
		[
			addPoints({ email: 'not-an-email' }),
			'Email "not-an-email" is not a valid address: fix the Email parameter',
		],
		[addPoints({ amount: 0 }), 'Amount "0" is not valid: give a number above 0'],
		[addPoints({ amount: -3 }), 'Amount "-3" is not valid'],
		[
			{ ...addPoints(), identifyBy: 'customerId', customerId: 'abc' },
			'Customer ID "abc" is not valid: SPREAD IDs are whole numbers',
		],
		[
			{
				resource: 'order',
				operation: 'create',
				email: 'a@b.fr',
				orderId: 'X1',
				amount: 5,
				additionalFields: { date: '31/12/2024' },
			},
			'Date "31/12/2024" is not a date',
		],
		[
			{ resource: 'customer', operation: 'update', email: 'a@b.fr', updateFields: {} },
			'Add at least one field to update',
		],
	];
	for (const [parameters, expected] of cases) {
		const { message } = await failure(parameters);
		expect(message).toContain(expected);
	}
	expect(Object.keys(simulator.requestCounts)).toEqual([]);
});

test('a wrong time zone in the credential is named before any request', async () => {
	setCredential(environment, { timeZone: 'Europe/Pariss' });
	const { message } = await failure({ resource: 'customer', operation: 'getAll' });
	expect(message).toContain(
		'Time Zone "Europe/Pariss" in the SPREAD credential is not a time zone',
	);
});

test('continueOnFail: a failing item becomes an error item with its pairedItem, the others go on', async () => {
	const customers = sandbox.customers.slice(0, 2);
	const outcome = await run(
		environment,
		{
			resource: 'cagnotte',
			operation: 'addPoints',
			email: '={{ $json.email }}',
			amount: '={{ $json.points }}',
		},
		[
			{ email: customers[0].email, points: 3 },
			{ email: 'nobody@example.fr', points: 3 },
			{ email: customers[1].email, points: 4 },
		],
		{ continueOnFail: true },
	);
	expect(outcome.error).toBeUndefined();
	expect(outcome.output.map((item) => item.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
	]);
	expect(outcome.json[0]).toMatchObject({ cagnotte: { amount: 3 } });
	expect(outcome.json[1]).toEqual({
		error:
			'SPREAD found no such record (HTTP 404): check the customer with email nobody@example.fr',
		errorDescription: 'SPREAD said: "Customer not found" (HTTP 404)',
	});
	expect(outcome.json[2]).toMatchObject({ cagnotte: { amount: 4 } });
	expect(simulator.pointsPostsApplied).toBe(2);
});
