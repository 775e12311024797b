/** The polling trigger (baseline, each item once, pages, budget), the webhook trigger, and the credential test. */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { packageNode, type TestEnvironment } from '../harness';
import type { EasypromosSandbox, EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { byId, CREDENTIAL_ID, credentialRef, fromList, startEasypromos, useToken } from './setup';

let simulator: EasypromosSimulator;
let environment: TestEnvironment;
let sandbox: EasypromosSandbox;
let pid: number;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startEasypromos());
	pid = sandbox.promotions.active.id;
});
afterEach(async () => await simulator.close());

const trigger = (parameters: IDataObject) =>
	packageNode('Easypromos Trigger', 'easypromosTrigger', parameters, {
		credentials: credentialRef,
	});
const emitted = (result: INodeExecutionData[][] | null) =>
	result ? result[0].map((item) => item.json) : [];
const emittedIds = (result: INodeExecutionData[][] | null) =>
	emitted(result).map((json) => json.id);

describe('Easypromos Trigger (polling)', () => {
	test('the first poll records a baseline from one page and emits nothing old', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newUser', promotionId: fromList(pid) });
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(simulator.count('GET /users/{pid}')).toBe(1);
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(simulator.count('GET /users/{pid}')).toBe(2);
	});

	test('later polls emit each new user exactly once, oldest first', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newUser', promotionId: byId(pid) });
		await environment.poll(node, staticData);
		const newcomers = simulator.addUsers(pid, 3);
		expect(emittedIds(await environment.poll(node, staticData))).toEqual(
			newcomers.map((user) => user.id),
		);
		expect(await environment.poll(node, staticData)).toBeNull();
		const late = simulator.addUser(pid);
		expect(emittedIds(await environment.poll(node, staticData))).toEqual([late.id]);
	});

	test('a backlog of several pages is read newest first down to the last id seen, then emitted once', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newUser', promotionId: byId(pid) });
		await environment.poll(node, staticData);
		simulator.resetCounts();
		const newcomers = simulator.addUsers(pid, 250);
		expect(emittedIds(await environment.poll(node, staticData))).toEqual(
			newcomers.map((user) => user.id),
		);
		// 250 new users fill pages 1-3; the third page holds the old users where the reading stops.
		expect(simulator.count('GET /users/{pid}')).toBe(3);
		expect(await environment.poll(node, staticData)).toBeNull();
	});

	test('new participations (full format), new prizes and new coin transactions (simplified)', async () => {
		const participations = trigger({
			event: 'newParticipation',
			promotionId: byId(pid),
			fullFormat: true,
		});
		const prizes = trigger({ event: 'newPrize', promotionId: byId(pid) });
		const coins = trigger({ event: 'newCoinTransaction', promotionId: byId(pid) });
		const state = { participations: {}, prizes: {}, coins: {} } as Record<string, IDataObject>;
		await environment.poll(participations, state.participations);
		await environment.poll(prizes, state.prizes);
		await environment.poll(coins, state.coins);

		const participation = simulator.addParticipation(pid, { stageId: sandbox.stages.game.id });
		const prize = simulator.addPrize(pid);
		const transaction = simulator.addCoinTransaction(pid, { amount: 30 });

		const newParticipations = emitted(await environment.poll(participations, state.participations));
		// A prize comes with its own participation, so two participations are new.
		expect(newParticipations.map((entry) => entry.id)).toEqual([
			participation.id,
			prize.participation_id,
		]);
		expect(newParticipations[0]).toHaveProperty('user.id', participation.user_id);
		expect(emittedIds(await environment.poll(prizes, state.prizes))).toEqual([prize.id]);
		const [coin] = emitted(await environment.poll(coins, state.coins));
		expect(coin).toMatchObject({
			id: transaction.id,
			amount: 30,
			user_id: transaction.user_id,
			user_email: expect.any(String),
		});

		const raw = trigger({ event: 'newCoinTransaction', promotionId: byId(pid), simplify: false });
		const rawState: IDataObject = {};
		await environment.poll(raw, rawState);
		const next = simulator.addCoinTransaction(pid, { amount: 5 });
		expect(emitted(await environment.poll(raw, rawState))[0]).toEqual({
			transaction: next,
			user: expect.any(Object),
		});
	});

	test('manual mode shows the newest item as a sample and leaves the baseline alone', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newUser', promotionId: byId(pid) });
		const sample = await environment.poll(node, staticData, 'manual');
		const newest = simulator.users(pid).at(-1)!;
		expect(emittedIds(sample)).toEqual([newest.id]);
		expect(staticData).toEqual({});
	});

	test('watching another promotion or event starts a new baseline', async () => {
		const staticData: IDataObject = {};
		await environment.poll(trigger({ event: 'newUser', promotionId: byId(pid) }), staticData);
		simulator.addUsers(pid, 2);
		const other = trigger({ event: 'newUser', promotionId: byId(sandbox.promotions.expired.id) });
		expect(await environment.poll(other, staticData)).toBeNull();
		expect(await environment.poll(other, staticData)).toBeNull();
	});

	test('an empty promotion baselines on nothing, then emits its first users', async () => {
		const empty = simulator.addPromotion({ title: 'Empty' });
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newUser', promotionId: byId(empty.id) });
		expect(await environment.poll(node, staticData)).toBeNull();
		const first = simulator.addUsers(empty.id, 2);
		expect(emittedIds(await environment.poll(node, staticData))).toEqual(
			first.map((user) => user.id),
		);
	});

	test('throttled mid-backlog: emits what it read, and the next poll reads the rest, each item once', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newUser', promotionId: byId(pid) });
		await environment.poll(node, staticData);
		const newcomers = simulator.addUsers(pid, 250);
		simulator.resetRateLimit();
		simulator.rateLimit = 1;
		// One page is allowed; the next gets a 429 whose Retry-After is beyond this poll's time.
		const first = emittedIds(
			await environment.poll(node, staticData, 'trigger', { pollBudgetMs: 2000 }),
		);
		expect(first).toHaveLength(100);
		expect(first).toEqual(newcomers.slice(150).map((user) => user.id));
		expect((staticData['node:Easypromos Trigger'] as IDataObject).gaps).toHaveLength(1);

		simulator.rateLimit = 200;
		simulator.resetRateLimit();
		const later = simulator.addUser(pid);
		const second = emittedIds(await environment.poll(node, staticData));
		expect(second).toEqual(
			[...newcomers.slice(0, 150).map((user) => user.id), later.id].sort(
				(a, b) => Number(a) - Number(b),
			),
		);
		expect(new Set([...first, ...second]).size).toBe(251);
		expect((staticData['node:Easypromos Trigger'] as IDataObject).gaps).toEqual([]);
		expect(await environment.poll(node, staticData)).toBeNull();
	});

	test('throttled before reading anything: the poll fails with the rate-limit error and nothing is lost', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newUser', promotionId: byId(pid) });
		await environment.poll(node, staticData);
		const newcomers = simulator.addUsers(pid, 2);
		simulator.resetRateLimit();
		simulator.rateLimit = 0;
		await expect(
			environment.poll(node, staticData, 'trigger', { pollBudgetMs: 2000 }),
		).rejects.toThrow(/Easypromos rate limit still exceeded/);
		simulator.rateLimit = 200;
		simulator.resetRateLimit();
		expect(emittedIds(await environment.poll(node, staticData))).toEqual(
			newcomers.map((user) => user.id),
		);
	});

	test('a bad promotion ID is refused with a clear message', async () => {
		await expect(
			environment.poll(trigger({ event: 'newUser', promotionId: byId('={{ "summer" }}') }), {}),
		).rejects.toThrow('Promotion ID "summer" is not valid');
	});
});

describe('Easypromos Webhook Trigger', () => {
	const webhookNode = (parameters: IDataObject = {}) =>
		packageNode('Easypromos Webhook', 'easypromosWebhookTrigger', parameters, {
			webhookId: 'a1b2c3',
		});

	test('receives a POST from Easypromos and starts the workflow with it', async () => {
		const server = await environment.serveWebhook(
			webhookNode({ events: ['user', 'participation', 'coinTransaction'] }),
		);
		try {
			const user = simulator.users(pid)[0];
			const response = await simulator.sendWebhook(server.url, 'new_user', pid, user.id);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/json');
			expect(await response.json()).toEqual({ received: true });
			const [call] = server.calls;
			const [[item]] = call.result.workflowData!;
			expect(item.json).toMatchObject({
				event: 'new_user',
				promotion_id: pid,
				data: { id: user.id, email: user.email },
			});
			expect(call.url).toBe('http://localhost/webhook/a1b2c3/webhook');
		} finally {
			await server.close();
		}
	});

	test('filters by event type and by promotion', async () => {
		const server = await environment.serveWebhook(
			webhookNode({ events: ['coinTransaction'], promotionId: String(pid) }),
		);
		try {
			const transaction = simulator.coinTransactions(pid)[0];
			const participation = simulator.participations(pid)[0];
			const ignored = await simulator.sendWebhook(
				server.url,
				'new_participation',
				pid,
				participation.id,
			);
			// Deselected: the same answer as a call that starts the workflow.
			expect(ignored.status).toBe(200);
			expect(await ignored.json()).toEqual({ received: true });
			await simulator.sendWebhook(server.url, 'new_coin_transaction', pid, transaction.id);
			const other = sandbox.promotions.expired.id;
			const elsewhere = await (
				await import('../../sandbox/simulators/easypromos')
			).postWebhook(
				server.url,
				'new_coin_transaction',
				{ transaction: { ...transaction, promotion_id: other }, user: {} },
				{ promotionId: other },
			);
			expect(elsewhere.status).toBe(200);
			expect(await elsewhere.json()).toEqual({ received: true });
			const started = server.calls.filter((call) => call.result.workflowData);
			expect(started).toHaveLength(1);
			expect(started[0].result.workflowData![0][0].json).toMatchObject({
				event: 'new_coin_transaction',
				data: { transaction: { id: transaction.id } },
			});
		} finally {
			await server.close();
		}
	});

	test('refuses a body that is not JSON', async () => {
		const call = await environment.webhook(webhookNode({ events: ['user'] }), {
			body: 'email=a@example.com',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(call.result).toEqual({ noWebhookResponse: true });
		expect(call.status).toBe(415);
		expect(call.body).toEqual({
			message: 'Send a JSON object with Content-Type: application/json',
		});
	});

	test('tells events apart by name, and by shape when a payload has no name', async () => {
		const node = webhookNode({ events: ['participation'] });
		const participation = simulator.participations(pid)[0];
		const named = await environment.webhook(node, {
			body: { event: 'new_participation', promotion_id: pid, data: participation },
			headers: { 'content-type': 'application/json' },
		});
		expect(named.result.workflowData).toBeDefined();
		const bare = await environment.webhook(node, {
			body: participation,
			headers: { 'content-type': 'application/json' },
		});
		expect(bare.result.workflowData).toBeDefined();
		const user = await environment.webhook(node, {
			body: simulator.users(pid)[0],
			headers: { 'content-type': 'application/json' },
		});
		expect(user.result.workflowData).toBeUndefined();
	});
});

describe('Easypromos Webhook Trigger left with its default Events', () => {
	const defaultNode = (parameters: IDataObject = {}) =>
		packageNode('Easypromos Webhook', 'easypromosWebhookTrigger', parameters, {
			webhookId: 'd3f4u1',
		});
	const json = { 'content-type': 'application/json' };

	test('starts on every event, and on a payload it cannot place as the "unknown" event, whole', async () => {
		const node = defaultNode({ output: 'contact' });
		const unplaced = await environment.webhook(node, {
			body: { kind: 'instant_win_closed', promotion_id: pid, stats: { plays: 1200 } },
			headers: json,
		});
		expect(unplaced.answer).toEqual({ status: 200, body: { received: true } });
		expect(unplaced.result.workflowData?.[0].map((item) => item.json)).toEqual([
			{
				event: 'unknown',
				body: { kind: 'instant_win_closed', promotion_id: pid, stats: { plays: 1200 } },
			},
		]);
		const named = await environment.webhook(node, {
			body: { event: 'stage_closed', promotion_id: pid },
			headers: json,
		});
		expect(named.result.workflowData?.[0][0].json).toEqual({
			event: 'unknown',
			body: { event: 'stage_closed', promotion_id: pid },
		});
		const user = simulator.users(pid)[0];
		for (const [event, body] of [
			['new_user', { event: 'new_user', promotion_id: pid, data: user }],
			[
				'new_participation',
				{ event: 'new_participation', promotion_id: pid, data: simulator.participations(pid)[0] },
			],
			[
				'new_coin_transaction',
				{
					event: 'new_coin_transaction',
					promotion_id: pid,
					data: simulator.coinTransactions(pid)[0],
				},
			],
		] as const) {
			const call = await environment.webhook(defaultNode(), { body, headers: json });
			expect([event, call.result.workflowData?.[0][0].json]).toEqual([event, body]);
		}
	});

	test('a deselected event is answered 200, logged at debug level, and starts nothing', async () => {
		const debug = jest.spyOn(Container.get(Logger), 'debug');
		try {
			const call = await environment.webhook(
				defaultNode({ events: ['user'], secret: 'Xk29fQ7mLpR4vT8w' }),
				{
					body: { kind: 'instant_win_closed' },
					headers: json,
					query: { secret: 'Xk29fQ7mLpR4vT8w' },
				},
			);
			expect(call.result.workflowData).toBeUndefined();
			expect(call.answer).toEqual({ status: 200, body: { received: true } });
			const lines = debug.mock.calls.filter(([message]) => String(message).startsWith('Webhook'));
			expect(lines).toEqual([
				[
					'Webhook answered 200 without starting the workflow: event other not selected',
					{ node: 'Easypromos Webhook', workflowId: expect.any(String) },
				],
			]);
			expect(JSON.stringify(lines)).not.toContain('Xk29fQ7mLpR4vT8w');
		} finally {
			debug.mockRestore();
		}
	});
});

describe('Easypromos credential "Test" in the editor', () => {
	test('a valid token lists promotions', async () => {
		expect(await environment.testCredential(CREDENTIAL_ID)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(simulator.count('GET /promotions')).toBe(1);
	});

	test('401 says the token is invalid or expired, 403 that the plan has no REST API', async () => {
		useToken(environment, sandbox.expiredToken);
		const expired = await environment.testCredential(CREDENTIAL_ID);
		expect(expired.status).toBe('Error');
		expect(expired.message).toContain('invalid or expired (tokens last 30 days by default)');
		useToken(environment, sandbox.noApiAccessToken);
		const noPlan = await environment.testCredential(CREDENTIAL_ID);
		expect(noPlan.message).toContain('White Label and Corporate');
	});
});
