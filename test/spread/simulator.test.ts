/** The simulator behaves as SPREAD's document says: what the node's tests rely on. */
import { SpreadApi } from '../../credentials/SpreadApi.credentials';
import {
	DOCUMENT_LINES,
	SpreadSimulator,
	type SpreadSandbox,
} from '../../sandbox/simulators/spread';
import type { TestEnvironment } from '../harness';
import { CREDENTIAL_ID, setCredential, startSpread } from './setup';

let simulator: SpreadSimulator;
let environment: TestEnvironment;
let sandbox: SpreadSandbox;
let auth: string;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startSpread());
	auth = `Basic ${Buffer.from(`${sandbox.publicKey}:${sandbox.privateKey}`).toString('base64')}`;
});
afterEach(async () => await simulator.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
	const response = await fetch(`${simulator.apiUrl}${path}`, {
		headers: { authorization: auth, ...headers },
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

test('Basic auth with the two keys; anything else is a 401', async () => {
	expect((await get('/v2/customers?maxResult=1')).status).toBe(200);
	expect((await get('/v2/customers', { authorization: 'Basic bm9wZTpub3Bl' })).status).toBe(401);
	expect((await get('/v2/customers', { authorization: '' })).status).toBe(401);
});

test("the document's example lines, verbatim, with the document's envelope", async () => {
	const { body } = await get('/v2/cagnottes?customerId=15130125');
	expect(body).toEqual({
		cagnottes: DOCUMENT_LINES,
		count: 3,
		nextPageUrl: 'http://social-sb.com/api/v2/cagnottes?startAt=3',
	});
});

test('page sizes: maxResult on cagnottes (at most 5000), maxResults on sponsorships', async () => {
	expect(((await get('/v2/cagnottes?maxResult=7')).body.cagnottes as unknown[]).length).toBe(7);
	const tooBig = await get('/v2/cagnottes?maxResult=5001');
	expect(tooBig).toEqual({
		status: 400,
		body: { code: 400, message: 'Parameter maxResult must be a whole number from 1 to 5000' },
	});
	expect(((await get('/v2/sponsorships?maxResults=7')).body.sponsorships as unknown[]).length).toBe(
		7,
	);
	// The other spelling is not a page size there: the default 100 applies.
	expect(((await get('/v2/cagnottes?maxResults=7')).body.cagnottes as unknown[]).length).toBe(100);
	expect(((await get('/v2/sponsorships?maxResult=7')).body.sponsorships as unknown[]).length).toBe(
		40,
	);
});

test('the POST adds a line with the example body and answers as the document shows; the redirect option', async () => {
	const customer = sandbox.customers[0];
	const post = async (path: string) =>
		await fetch(`${simulator.apiUrl}${path}`, {
			method: 'POST',
			headers: { authorization: auth, 'content-type': 'application/json' },
			body: JSON.stringify({ customer: { email: customer.email }, cagnotte: { amount: 1 } }),
			redirect: 'manual',
		});
	const response = await post('/v2/cagnottes/');
	expect(response.status).toBe(200);
	expect(await response.json()).toEqual({
		customer: { id: customer.id, cagnotteAmount: customer.cagnotteAmount },
		cagnotte: expect.objectContaining({ customerId: customer.id, amount: '1' }),
	});
	simulator.cagnottePostRedirect = 302;
	const redirected = await post('/v2/cagnottes/');
	expect(redirected.status).toBe(302);
	expect(redirected.headers.get('location')).toBe(`${simulator.url}/api/v2/cagnottes`);
	expect(simulator.pointsPostsApplied).toBe(1);
});

test('seedSandbox: a few hundred customers, lines, campaigns, participations, sponsorships, orders; 20,000 lines on demand', async () => {
	expect(simulator.customers.length).toBe(301);
	expect(simulator.lines.length).toBe(603);
	expect(simulator.campaigns.length).toBe(6);
	expect(simulator.participations.length).toBe(400);
	expect(simulator.sponsorships.length).toBe(40);
	expect(simulator.orders.length).toBe(300);
	expect(simulator.customers.every((customer) => Number(customer.cagnotteAmount) >= 0)).toBe(true);
	const big = new SpreadSimulator();
	big.seedSandbox({ cagnotteLines: 20_000 });
	expect(big.lines.length).toBe(20_003);
});

test('the credential test reads a one-row customer list and names a wrong key', async () => {
	expect(new SpreadApi().test.request).toMatchObject({
		url: '/v2/customers',
		qs: { maxResult: 1 },
	});
	expect(await environment.testCredential(CREDENTIAL_ID)).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
	expect(simulator.receivedAt('GET /v2/customers')[0].query).toEqual({ maxResult: '1' });
	setCredential(environment, { publicKey: 'wrong' });
	const failed = await environment.testCredential(CREDENTIAL_ID);
	expect(failed.status).toBe('Error');
	expect(failed.message).toContain('check the Public Key and the Private Key');
});

test('customers have no search: an email in the query is ignored, the whole list comes back', async () => {
	const { body } = await get(`/v2/customers?maxResult=5000&email=${sandbox.customers[3].email}`);
	expect((body.customers as unknown[]).length).toBe(301);
});

test('modifiedAfter: a customer by updatedAt; a line by its validation date, or its date while it waits', async () => {
	simulator.now = () => Date.parse('2030-01-01T12:00:00Z');
	const since = simulator.stamp(-1000);
	const changed = simulator.touchCustomer(sandbox.customers[2], { city: 'Nice' });
	const customers = (await get(`/v2/customers?modifiedAfter=${encodeURIComponent(since)}`)).body
		.customers as Array<{ id: string }>;
	expect(customers.map((customer) => customer.id)).toEqual([changed.id]);
	const waiting = simulator.addLine(sandbox.customers[2], 5, { cagnotteLineValidationDate: null });
	const old = simulator.addLine(sandbox.customers[2], 5, {
		cagnotteLineDate: '2029-01-01 00:00:00',
		cagnotteLineValidationDate: null,
	});
	const lines = async () =>
		(
			(await get(`/v2/cagnottes?modifiedAfter=${encodeURIComponent(since)}`)).body
				.cagnottes as Array<{
				cagnotteLineId: string;
			}>
		).map((line) => line.cagnotteLineId);
	expect(await lines()).toEqual([waiting.cagnotteLineId]);
	simulator.validateLine(old);
	expect(await lines()).toEqual([waiting.cagnotteLineId, old.cagnotteLineId]);
});

test('UpdateAccount: a new email needs the customer named in request[...]; without it the new email names nobody', async () => {
	const customer = sandbox.customers[6];
	const update = async (form: string) =>
		await (
			await fetch(`${simulator.apiUrl}/UpdateAccount`, {
				method: 'POST',
				headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
				body: form,
			})
		).json();
	const newEmail = encodeURIComponent('brand.new@example.fr');
	expect(await update(`data[customer_email]=${newEmail}`)).toEqual({
		code: 404,
		message: 'Customer not found',
	});
	expect(
		await update(
			`request[external_id]=${customer.externalId}&data[external_id]=${customer.externalId}&data[customer_email]=${newEmail}`,
		),
	).toEqual({ datas: expect.objectContaining({ id: customer.id, email: 'brand.new@example.fr' }) });
	expect(
		await update(
			`request[customer_email]=${newEmail}&data[external_id]=${sandbox.customers[7].externalId}`,
		),
	).toEqual({
		status: 'error',
		error: `external_id ${sandbox.customers[7].externalId} is already used`,
	});
});

test("customers' dates: SPREAD's wall clock by default; ISO-8601 on the test-only switch, filters on the instant", async () => {
	const customer = simulator.addCustomer({ createdAt: '2099-07-15 10:00:01' });
	const listed = async () =>
		(await get('/v2/customers?createdAfter=2099-07-15%2010:00:00')).body.customers as Array<
			Record<string, unknown>
		>;
	expect((await listed()).map((entry) => [entry.id, entry.createdAt])).toEqual([
		[customer.id, '2099-07-15 10:00:01'],
	]);
	simulator.customerDates = 'isoUtc';
	expect((await listed()).map((entry) => [entry.id, entry.createdAt, entry.updatedAt])).toEqual([
		[customer.id, '2099-07-15T08:00:01Z', '2099-07-15T08:00:01Z'],
	]);
	simulator.customerDates = 'isoOffset';
	expect((await get(`/v2/customers/${customer.id}`)).body).toMatchObject({
		createdAt: '2099-07-15T10:00:01+02:00',
	});
	// The hour repeated in autumn: the first of the two.
	expect(simulator.customerReply({ ...customer, createdAt: '2099-10-25 02:30:00' }).createdAt).toBe(
		'2099-10-25T02:30:00+02:00',
	);
});
