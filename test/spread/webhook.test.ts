/** The SPREAD Webhook Trigger over real HTTP: events, the filter, the optional secret, malformed bodies. */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject } from 'n8n-workflow';

import { classifyWebhook } from '../../nodes/Spread/helpers/webhook';
import { packageNode, type TestEnvironment, type WebhookServer } from '../harness';
import {
	postWebhook,
	type SpreadSandbox,
	type SpreadSimulator,
} from '../../sandbox/simulators/spread';
import { startSpread } from './setup';

const SECRET = 'Qm7rT2xW9kLp4Zs8';

let simulator: SpreadSimulator;
let environment: TestEnvironment;
let sandbox: SpreadSandbox;
let server: WebhookServer | undefined;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startSpread());
});
afterEach(async () => {
	if (server) {
		expect(JSON.stringify(server.calls)).not.toContain(SECRET);
		await server.close();
		server = undefined;
	}
	await simulator.close();
});

async function serve(parameters: IDataObject = {}) {
	server = await environment.serveWebhook(
		packageNode('SPREAD Webhook', 'spreadWebhookTrigger', parameters, { webhookId: 'sp1' }),
		{ passQuery: true, passRawBody: true },
	);
	return server;
}

test("a cagnotte update starts the workflow with SPREAD's payload", async () => {
	const { url, calls } = await serve();
	const line = simulator.addLine(sandbox.customers[0], 25);
	const response = await simulator.sendCagnotteWebhook(url, line);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toBe('application/json');
	expect(await response.json()).toEqual({ received: true });
	expect(calls[0].result.workflowData?.[0][0].json).toMatchObject({
		event: 'cagnotte.update',
		cagnotte: { cagnotteLineId: line.cagnotteLineId, amount: '25' },
	});
});

test("Output = Contact: the payload's customer, with the points of its line", async () => {
	const { url, calls } = await serve({ output: 'contact' });
	const customer = sandbox.customers[0];
	const line = simulator.addLine(customer, 25);
	await simulator.sendCagnotteWebhook(url, line);
	const contact = calls[0].result.workflowData?.[0][0].json as IDataObject;
	expect(Object.keys(contact)[0]).toBe('email');
	expect(contact).toMatchObject({
		email: String(customer.email).toLowerCase(),
		points: { change: 25, balance: Number(simulator.customerById(customer.id)?.cagnotteAmount) },
		source: { platform: 'spread', recordId: String(line.cagnotteLineId) },
	});
	expect((contact.source as IDataObject).createdAt).toMatch(
		/^\d{4}-\d{2}-\d{2}T.*[+-]\d{2}:\d{2}$/,
	);
});

test('events not selected are answered 200, logged at debug level without the secret, and dropped', async () => {
	const debug = jest.spyOn(Container.get(Logger), 'debug');
	const { url, calls } = await serve({ events: ['participationComplete'], secret: SECRET });
	const response = await postWebhook(`${url}?secret=${SECRET}`, {
		event: 'coupon_sent',
		coupon: { code: 'KDO-1' },
	});
	expect(response.status).toBe(200);
	// The same answer as a call that starts the workflow.
	expect(await response.json()).toEqual({ received: true });
	expect(calls[0].result.workflowData).toBeUndefined();
	const lines = debug.mock.calls.filter(([message]) => String(message).startsWith('Webhook'));
	debug.mockRestore();
	expect(lines).toEqual([
		[
			'Webhook answered 200 without starting the workflow: event couponSent not selected',
			{ node: 'SPREAD Webhook', workflowId: expect.any(String) },
		],
	]);
	expect(JSON.stringify(lines)).not.toContain(SECRET);
	expect(JSON.stringify(lines)).not.toContain('KDO-1');
	const participation = await postWebhook(`${url}?secret=${SECRET}`, {
		event: 'participation.complete',
		participation: { id: '1' },
	});
	expect(await participation.json()).toEqual({ received: true });
});

describe('a trigger left with its default Events', () => {
	test('starts on a payload it cannot place, as the "unknown" event with the whole body', async () => {
		const { url, calls } = await serve();
		const payload = { kind: 'loyalty_tier_changed', customer: { id: '15130125' }, tier: 'Gold' };
		const response = await postWebhook(url, payload);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ received: true });
		expect(calls[0].result.workflowData?.[0].map((item) => item.json)).toEqual([
			{
				event: 'unknown',
				body: { kind: 'loyalty_tier_changed', customer: { id: '15130125' }, tier: 'Gold' },
			},
		]);
	});

	test('an event name it does not know is unplaced too, its own name kept in the body', async () => {
		const { url, calls } = await serve({ output: 'contact' });
		await postWebhook(url, { event: 'badge.unlocked', customer: { email: 'lea.3@example.fr' } });
		// Not known to hold a person: whole, whatever the Output.
		expect(calls[0].result.workflowData?.[0][0].json).toEqual({
			event: 'unknown',
			body: { event: 'badge.unlocked', customer: { email: 'lea.3@example.fr' } },
		});
	});

	test.each([
		['consent.accepted', 'accepted'],
		['consent.refused', 'refused'],
		['consent.to_confirm', 'pending'],
		['consent.updated', 'updated'],
	])('starts on a consent webhook (%s)', async (event, status) => {
		const { url, calls } = await serve();
		const payload = {
			event,
			date: '2024-05-31 18:30:00',
			customer: { id: '15130125', email: 'email-example@gmail.com' },
			consent: { type: 'newsletter', status },
		};
		const response = await postWebhook(url, payload);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ received: true });
		expect(calls[0].result.workflowData?.[0].map((item) => item.json)).toEqual([
			{
				event,
				date: '2024-05-31 18:30:00',
				customer: { id: '15130125', email: 'email-example@gmail.com' },
				consent: { type: 'newsletter', status },
			},
		]);
	});
});

test('a malformed body gets a 400 and starts nothing', async () => {
	const { url, calls } = await serve();
	const array = await postWebhook(url, [{ event: 'cagnotte.update' }]);
	expect(array.status).toBe(400);
	const broken = await postWebhook(url, '{"event": "cagnotte');
	expect(broken.status).toBe(400);
	expect(calls.every((call) => call.result.workflowData === undefined)).toBe(true);
});

test('with a Secret, only the URL carrying it starts the workflow', async () => {
	const { url, calls } = await serve({ secret: SECRET });
	const without = await postWebhook(url, { event: 'cagnotte.update', cagnotte: {} });
	expect(without.status).toBe(401);
	const withIt = await postWebhook(`${url}?secret=${SECRET}`, {
		event: 'cagnotte.update',
		cagnotte: {},
		link: `https://n8n.example/webhook/sp1/webhook?secret=${SECRET}`,
	});
	expect(withIt.status).toBe(200);
	expect(calls.filter((call) => call.result.workflowData)).toHaveLength(1);
});

test.each([
	[{ event: 'cagnotte.update' }, 'cagnotteUpdate'],
	[{ type: 'COUPON_SENT' }, 'couponSent'],
	[{ event: 'consent.accepted' }, 'consentAccepted'],
	[{ event: 'consent_refused' }, 'consentRefused'],
	[{ event: 'consent to confirm' }, 'consentToConfirm'],
	[{ event: 'consent.updated' }, 'consentUpdated'],
	[{ event: 'participation_complete' }, 'participationComplete'],
	[{ cagnotte: { amount: '5' } }, 'cagnotteUpdate'],
	[{ participation: { id: '1' } }, 'participationComplete'],
	[{ event: 'something.else' }, 'other'],
])('%j is %s', (payload, event) => {
	expect(classifyWebhook(payload as IDataObject)).toBe(event);
});
