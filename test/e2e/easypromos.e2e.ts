/**
 * Easypromos inside a real n8n: the simulator seeded with the sandbox account, a credential pointing at it
 * (and one with a token Easypromos does not know), a workflow per case, executed with `n8n execute` and
 * checked on the items and on what the simulator saw.
 * `n8n execute` runs in 'cli' mode, in which n8n neither polls nor listens for webhooks: the webhook
 * trigger's case activates its workflows and starts `n8n start` (ctx.serve), its items posted to a capture.
 */
import { strict as assert } from 'assert';

import { readFileSync } from 'fs';

import { EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { postToCapture, startCapture } from './lib/capture';
import type { N8nItem, VendorSpec } from './lib/types';
import {
	customApiCall,
	itemsFrom,
	manualTrigger,
	noOp,
	recordsOf,
	workflowOf,
	type NodeJson,
} from './lib/workflows';

const CREDENTIAL = { id: 'epE2eCred01', name: 'Easypromos e2e' };
const INVALID_CREDENTIAL = { id: 'epE2eCredBadToken', name: 'Easypromos e2e (invalid token)' };
const EASYPROMOS = 'n8n-nodes-easypromos.easypromos';
/** The webhook triggers' Secret: it must show in no log line. */
const WEBHOOK_SECRET = 'epE2eWebhookSecret5Kw2';

type Parameters = Record<string, unknown>;

/** A resource locator value as the editor saves it: picked from the list (with its title) or typed by ID. */
const fromList = (id: number, title: string) => ({
	__rl: true,
	mode: 'list',
	value: String(id),
	cachedResultName: title,
});
const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });

function easypromos(name: string, parameters: Parameters, extra: NodeJson = {}): NodeJson {
	return {
		name,
		type: EASYPROMOS,
		typeVersion: 1,
		parameters,
		credentials: { easypromosApi: CREDENTIAL },
		...extra,
	};
}

const start = manualTrigger;
const next = noOp;
const workflow = workflowOf;

const ids = (items: N8nItem[]) => items.map((item) => item.json.id);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const spec: VendorSpec = {
	vendor: 'easypromos',
	packages: ['n8n-nodes-easypromos'],
	async setup() {
		const simulator = await new EasypromosSimulator().start();
		const sandbox = simulator.seedSandbox();
		const active = sandbox.promotions.active;
		const pid = active.id;
		const codeStage = sandbox.stages.code.id;
		const rewarded = simulator.users(pid)[1];
		const codeUser = simulator.users(pid)[250];
		const freshCode = simulator.unusedCodes(pid, codeStage)[0];
		const usedCode = 'SUMMER-0001';
		const invalidToken = 'ep_e2e_not_a_token_0123456789';

		// A promotion with 2,000 users: a 20-page export.
		const big = simulator.addPromotion({
			accountId: sandbox.accountId,
			title: 'Big export',
			status: 'active',
		});
		simulator.addUsers(big.id, 2000);

		// A second virtual coin, and a user whose game was played outside Easypromos.
		const stars = simulator.addCoin(pid, 'Stars');
		const player = simulator.users(pid)[5];
		const game = sandbox.stages.game;

		const capture = await startCapture();
		const webhookTrigger = (webhookId: string, parameters: Parameters): NodeJson => ({
			name: 'Easypromos Webhook',
			type: 'n8n-nodes-easypromos.easypromosWebhookTrigger',
			typeVersion: 1,
			webhookId,
			parameters: { secret: WEBHOOK_SECRET, ...parameters },
		});

		// A members-only promotion whose form requires a loyalty card and the terms, filled from a CRM.
		const members = simulator.addPromotion({
			accountId: sandbox.accountId,
			title: 'Members-only wheel',
			status: 'active',
			registrationFields: [
				{ ref: 'email', type: 'email', required: true },
				{ ref: 'loyalty_card', title: 'Loyalty card number', type: 'text', required: true },
				{ ref: 'legal_terms', title: 'I accept the terms', type: 'checkbox', required: true },
				{ ref: 'legal_newsletter', title: 'Send me news', type: 'checkbox', required: false },
			],
		});
		// A participant who has not spun the wheel yet and a coin earner, among the sandbox's 300 users
		// (other cases count them) and none another case uses: their writes come back as contacts.
		const wheel = sandbox.stages.wheel.id;
		const spinner = simulator
			.users(pid)
			.slice(10, 200)
			.find(
				(user) =>
					!simulator
						.participations(pid)
						.some(
							(participation) =>
								participation.user_id === user.id && participation.stage_id === wheel,
						),
			)!;
		const earner = simulator.users(pid)[9];

		const WORKFLOWS = {
			// Started inside `n8n start` (ctx.serve): each posts its items to the capture.
			webhookAll: workflow('epWebhookAll', [
				webhookTrigger('ep-e2e-webhook-all', {}),
				postToCapture('Capture', capture, 'webhookAll'),
			]),
			webhookFew: workflow('epWebhookFew', [
				webhookTrigger('ep-e2e-webhook-few', { events: ['user'] }),
				postToCapture('Capture', capture, 'webhookFew'),
			]),
			autologinForm: workflow('epAutologinForm', [
				start,
				// crm-e2e-1 complete; crm-e2e-2 declined the terms (Easypromos refuses); crm-e2e-3 has no card
				// number (refused before sending).
				...itemsFrom('crmId', ['crm-e2e-1', 'crm-e2e-2', 'crm-e2e-3']),
				easypromos(
					'Autologin',
					{
						resource: 'user',
						operation: 'autologin',
						promotionId: fromList(members.id, members.title),
						externalId: '={{ $json.crmId }}',
						email: '={{ $json.crmId + "@example.com" }}',
						additionalFields: {
							customProperties: {
								field: [
									{
										ref: 'loyalty_card',
										value: '={{ $json.crmId === "crm-e2e-3" ? "" : "LC-" + $json.crmId }}',
									},
								],
							},
							legals: {
								legal: [
									{ name: 'legal_terms', accepted: '={{ $json.crmId !== "crm-e2e-2" }}' },
									{ name: 'legal_newsletter', accepted: false },
								],
							},
						},
						output: 'contact',
					},
					{ onError: 'continueRegularOutput' },
				),
				next,
			]),
			contactWrites: workflow(
				'epContactWrites',
				[
					start,
					easypromos('Participate', {
						resource: 'participation',
						operation: 'participate',
						promotionId: fromList(pid, active.title),
						stageId: byId(wheel),
						userId: String(spinner.id),
						output: 'contact',
					}),
					easypromos('Reward', {
						resource: 'coinTransaction',
						operation: 'create',
						promotionId: byId(pid),
						userId: String(earner.id),
						amount: 7,
						output: 'contact',
					}),
				],
				[
					['Start', 'Participate'],
					['Start', 'Reward'],
				],
			),
			createAndStars: workflow('epCreateAndStars', [
				start,
				easypromos('Create', {
					resource: 'participation',
					operation: 'create',
					promotionId: byId(pid),
					stageId: byId(game.id),
					userId: String(player.id),
					additionalFields: { points: 1200, data: { field: [{ ref: 'q1', value: 'Lemon' }] } },
				}),
				easypromos('Reward', {
					resource: 'coinTransaction',
					operation: 'create',
					promotionId: byId(pid),
					userId: '={{ $json.user_id }}',
					amount: '={{ $json.points / 100 }}',
					coinId: byId(stars.id),
				}),
				easypromos('Balance', {
					resource: 'coinBalance',
					operation: 'get',
					promotionId: byId(pid),
					userId: '={{ $json.user_id }}',
					coinId: byId(stars.id),
				}),
				next,
			]),
			usersAll: workflow('epUsersAll', [
				start,
				easypromos('Easypromos', {
					resource: 'user',
					operation: 'getAll',
					promotionId: fromList(pid, active.title),
					returnAll: true,
				}),
				next,
			]),
			usersLimit: workflow('epUsersLimit', [
				start,
				easypromos('Easypromos', {
					resource: 'user',
					operation: 'getAll',
					promotionId: byId(pid),
					order: 'created_asc',
					limit: 150,
				}),
				next,
			]),
			promotionGet: workflow('epPromotionGet', [
				start,
				easypromos('Easypromos', {
					resource: 'promotion',
					operation: 'get',
					promotionId: fromList(pid, active.title),
				}),
				next,
			]),
			coinReward: workflow('epCoinReward', [
				start,
				easypromos('Reward', {
					resource: 'coinTransaction',
					operation: 'create',
					promotionId: byId(pid),
					userId: String(rewarded.id),
					amount: 25,
					reason: "={{ 'e2e ' + 'reward' }}",
				}),
				easypromos('Balance', {
					resource: 'coinBalance',
					operation: 'get',
					promotionId: byId(pid),
					userId: '={{ $json.user_id }}',
				}),
				next,
			]),
			coinShapes: workflow(
				'epCoinShapes',
				[
					start,
					easypromos('Simplified', {
						resource: 'coinTransaction',
						operation: 'getAll',
						promotionId: byId(pid),
						limit: 3,
					}),
					easypromos('Raw', {
						resource: 'coinTransaction',
						operation: 'getAll',
						promotionId: byId(pid),
						simplify: false,
						limit: 3,
					}),
				],
				[
					['Start', 'Simplified'],
					['Start', 'Raw'],
				],
			),
			codeContinue: workflow('epCodeContinue', [
				start,
				...itemsFrom('code', [freshCode, usedCode, 'NOT-A-CODE']),
				easypromos(
					'Easypromos',
					{
						resource: 'participation',
						operation: 'validateCode',
						promotionId: byId(pid),
						stageId: byId(codeStage),
						userId: String(codeUser.id),
						code: '={{ $json.code }}',
					},
					{ onError: 'continueRegularOutput' },
				),
				next,
			]),
			codeStops: workflow('epCodeStops', [
				start,
				easypromos('Easypromos', {
					resource: 'participation',
					operation: 'validateCode',
					promotionId: byId(pid),
					stageId: byId(codeStage),
					userId: String(codeUser.id),
					code: usedCode,
				}),
				next,
			]),
			bigExport: workflow('epBigExport', [
				start,
				easypromos('Easypromos', {
					resource: 'user',
					operation: 'getAll',
					promotionId: byId(big.id),
					returnAll: true,
				}),
				next,
			]),
			invalidToken: workflow('epInvalidToken', [
				start,
				easypromos(
					'Easypromos',
					{ resource: 'promotion', operation: 'getAll', limit: 5 },
					{ credentials: { easypromosApi: INVALID_CREDENTIAL } },
				),
				next,
			]),
		};

		// Custom API call: the active promotion's users through n8n's HTTP Request node, page by page as
		// Easypromos's `paging.next_cursor` says.
		const customCall = workflow('epHttpPages', [
			start,
			customApiCall({
				credentialType: 'easypromosApi',
				credential: CREDENTIAL,
				url: `${simulator.apiUrl}/users/${pid}`,
				page: 'next_cursor',
				next: '={{ $response.body.paging.next_cursor }}',
				done: '={{ !$response.body.paging.next_cursor }}',
			}),
			recordsOf('items'),
			next,
		]);

		return {
			credentials: [
				{
					...CREDENTIAL,
					type: 'easypromosApi',
					data: { accessToken: sandbox.token, baseUrl: simulator.apiUrl },
				},
				{
					...INVALID_CREDENTIAL,
					type: 'easypromosApi',
					data: { accessToken: invalidToken, baseUrl: simulator.apiUrl },
				},
			],
			workflows: [...Object.values(WORKFLOWS), customCall],
			close: async () => {
				await simulator.close();
				await capture.close();
			},
			cases: [
				{
					name: 'custom API call: the HTTP Request node with the Easypromos credential reads every page of users',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(customCall.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const expected = simulator
							.users(pid)
							.map((user) => user.id)
							.reverse(); // newest first, Easypromos's default order
						assert.equal(expected.length, 300);
						assert.deepEqual(ids(result.items('Next')), expected);
						assert.equal(result.items('HTTP Request').length, 3, 'pages read');
						assert.equal(simulator.count('GET /users/{pid}'), 3, 'requests');
					},
				},
				{
					name: 'in a running n8n: a webhook trigger left with its default Events starts on a new user and on a payload it cannot place (event "unknown", the whole body); a deselected event is answered 200 and logged at debug, without the secret',
					async run(ctx) {
						const server = await ctx.serve([WORKFLOWS.webhookAll.id, WORKFLOWS.webhookFew.id]);
						try {
							const post = async (path: string, body: Record<string, unknown>) => {
								const response = await fetch(
									`${server.url}/webhook/${path}/webhook?secret=${WEBHOOK_SECRET}`,
									{
										method: 'POST',
										headers: { 'content-type': 'application/json' },
										body: JSON.stringify(body),
									},
								);
								return {
									status: response.status,
									type: response.headers.get('content-type'),
									text: await response.text(),
								};
							};
							const user = simulator.users(pid)[3];
							const newUser = {
								event: 'new_user',
								promotion_id: pid,
								data: simulator.webhookData('new_user', pid, user.id),
							};
							const unplaceable = { kind: 'instant_win_closed', promotion_id: pid, plays: 1200 };
							const answers = [
								await post('ep-e2e-webhook-all', newUser),
								await post('ep-e2e-webhook-all', unplaceable),
								await post('ep-e2e-webhook-few', unplaceable),
							];
							ctx.log(`webhook answers: ${JSON.stringify(answers)}`);
							// What the vendor receives, started or deselected alike (n8n's default would
							// be the text "firstEntryJson" for a started workflow).
							const received = {
								status: 200,
								type: 'application/json; charset=utf-8',
								text: '{"received":true}',
							};
							assert.deepEqual(answers, [received, received, received]);
							const items = await capture.waitFor(2, 60_000);
							// The two executions may finish in either order.
							const byEvent = (event: string) =>
								items.filter((entry) => (entry.item as Record<string, unknown>).event === event);
							assert.deepEqual(byEvent('new_user'), [{ tag: 'webhookAll', item: newUser }]);
							assert.deepEqual(byEvent('unknown'), [
								{ tag: 'webhookAll', item: { event: 'unknown', body: unplaceable } },
							]);
							await new Promise((resolve) => setTimeout(resolve, 2000));
							assert.ok(!capture.received.some((entry) => entry.tag === 'webhookFew'));
							const log = readFileSync(server.logFile, 'utf8');
							assert.ok(
								log.includes(
									'Webhook answered 200 without starting the workflow: event other not selected',
								),
								`no debug line for the deselected event: ${server.logFile}`,
							);
							assert.ok(
								!log.includes(WEBHOOK_SECRET),
								`the secret shows in n8n's log: ${server.logFile}`,
							);
						} finally {
							await server.stop();
						}
					},
				},
				{
					name: 'user → autologin with custom fields and legal acceptances, Output Contact: a complete person registers; declined terms are refused by Easypromos, a missing card by the node; each item goes on',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.autologinForm.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const [registered, declined, incomplete] = result.items('Next');
						const users = simulator
							.users(members.id)
							.filter((user) => user.login_type === 'autologin');
						assert.deepEqual(
							users.map((user) => user.external_id),
							['crm-e2e-1'],
						);
						assert.equal(registered.json.email, 'crm-e2e-1@example.com');
						assert.deepEqual(registered.json.customFields, { loyalty_card: 'LC-crm-e2e-1' });
						assert.deepEqual(registered.json.consents, {
							legal_terms: true,
							legal_newsletter: false,
						});
						assert.deepEqual((registered.json.source as Record<string, unknown>).product, {
							id: String(members.id),
							title: 'Members-only wheel',
						});
						assert.equal(
							declined.json.error,
							'Easypromos refused the new user: the promotion requires the legal checkbox "legal_terms" accepted (code 0). In Legal Acceptances (under Additional Fields), add Name "legal_terms" with Accepted on; a person who declined it cannot join the promotion',
						);
						assert.equal(
							incomplete.json.error,
							'Custom field 1 of Custom Fields (ref "loyalty_card") has no Value: set it, or remove the field',
						);
						assert.deepEqual(
							simulator.receivedAt('POST /users/autologin/{pid}').map((request) => request.body),
							[
								{
									external_id: 'crm-e2e-1',
									email: 'crm-e2e-1@example.com',
									custom_properties: [{ ref: 'loyalty_card', value: 'LC-crm-e2e-1' }],
									meta_data: { legals: { legal_terms: true, legal_newsletter: false } },
								},
								{
									external_id: 'crm-e2e-2',
									email: 'crm-e2e-2@example.com',
									custom_properties: [{ ref: 'loyalty_card', value: 'LC-crm-e2e-2' }],
									meta_data: { legals: { legal_terms: false, legal_newsletter: false } },
								},
							],
						);
					},
				},
				{
					name: 'participate and coin transaction → create with Output Contact: the participant with the prize won, the earner with the new balance',
					async run(ctx) {
						const earnerBefore = simulator.coinBalance(pid, earner.id);
						const result = await ctx.execute(WORKFLOWS.contactWrites.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const [participant] = result.items('Participate');
						const [prize] = simulator.prizes(pid).filter((won) => won.user_id === spinner.id);
						assert.equal(participant.json.email, spinner.email);
						assert.equal(participant.json.firstName, spinner.first_name);
						assert.deepEqual(participant.json.prize, {
							won: true,
							title: prize.prize_type.name,
							code: prize.code,
						});
						assert.deepEqual((participant.json.source as Record<string, unknown>).product, {
							id: String(pid),
							title: active.title,
						});
						const [earned] = result.items('Reward');
						assert.equal(earned.json.email, earner.email);
						assert.deepEqual(earned.json.points, { balance: earnerBefore + 7, change: 7 });
						assert.equal(simulator.coinBalance(pid, earner.id), earnerBefore + 7);
					},
				},
				{
					name: 'user → get many, Return All: the 300 users of the active promotion, each once, over 3 pages',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.usersAll.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const items = result.items('Next');
						const expected = simulator.users(pid).map((user) => user.id);
						assert.equal(items.length, 300);
						assert.equal(new Set(ids(items)).size, 300, 'a user came twice');
						// newest first, Easypromos's default order
						assert.deepEqual(ids(items), [...expected].reverse());
						assert.equal(simulator.count('GET /users/{pid}'), 3, 'pages requested');
						assert.deepEqual(result.items('Easypromos')[299].pairedItem, { item: 0 });
					},
				},
				{
					name: 'user → get many, Limit 150, oldest first: two pages, cut at the limit',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.usersLimit.id);
						assert.equal(result.status, 'success', result.errorMessage);
						assert.deepEqual(
							ids(result.items('Next')),
							simulator
								.users(pid)
								.slice(0, 150)
								.map((user) => user.id),
						);
						assert.equal(simulator.count('GET /users/{pid}'), 2, 'pages requested');
					},
				},
				{
					name: 'promotion → get: the promotion picked from the list, by its ID',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.promotionGet.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const items = result.items('Next');
						assert.equal(items.length, 1);
						assert.equal(items[0].json.id, pid);
						assert.equal(items[0].json.title, 'Summer Spin & Win');
						assert.equal(items[0].json.status, 'active');
						assert.deepEqual(
							(items[0].json.organizing_brand as Record<string, unknown>).name,
							'Sunny Beverages',
						);
					},
				},
				{
					name: 'coin transaction → create, then coin balance → get: the balance has the new coins',
					async run(ctx) {
						const before = simulator.coinBalance(pid, rewarded.id);
						const transactions = simulator.coinTransactions(pid).length;
						const result = await ctx.execute(WORKFLOWS.coinReward.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const [transaction] = result.items('Reward');
						assert.equal(transaction.json.amount, 25);
						assert.equal(transaction.json.reason, 'e2e reward');
						assert.equal(transaction.json.user_id, rewarded.id);
						assert.equal(transaction.json.balance, before + 25);
						assert.equal(
							transaction.json.transaction,
							undefined,
							'Simplify (on by default) flattens the reply',
						);
						const [balance] = result.items('Next');
						assert.equal(balance.json.user_id, rewarded.id);
						assert.equal(balance.json.balance, before + 25);
						assert.equal(simulator.coinBalance(pid, rewarded.id), before + 25);
						assert.equal(
							simulator.coinTransactions(pid).length,
							transactions + 1,
							'booked exactly once',
						);
						assert.equal(simulator.coinTransactions(pid).at(-1)!.reason, 'e2e reward');
					},
				},
				{
					name: 'participation → create, then coins of a second coin: the participation is recorded once and only the chosen coin moves',
					async run(ctx) {
						const defaultBefore = simulator.coinBalance(pid, player.id);
						const participations = simulator.participations(pid).length;
						const result = await ctx.execute(WORKFLOWS.createAndStars.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const [participation] = result.items('Create');
						assert.equal(participation.json.user_id, player.id);
						assert.equal(participation.json.stage_id, game.id);
						assert.equal(participation.json.points, 1200);
						assert.equal(simulator.participations(pid).length, participations + 1, 'recorded once');
						const [transaction] = result.items('Reward');
						assert.equal(transaction.json.amount, 12);
						assert.equal(transaction.json.coin_id, stars.id);
						const [balance] = result.items('Next');
						assert.equal(balance.json.balance, 12);
						assert.equal(simulator.coinBalance(pid, player.id, stars.id), 12);
						assert.equal(
							simulator.coinBalance(pid, player.id),
							defaultBefore,
							'the default coin did not move',
						);
					},
				},
				{
					name: 'coin transaction → get many: Simplify flattens {transaction, user}; off gives the raw pair',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.coinShapes.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const newest = [...simulator.coinTransactions(pid)].reverse().slice(0, 3);
						const simplified = result.items('Simplified');
						const raw = result.items('Raw');
						assert.deepEqual(
							ids(simplified),
							newest.map((transaction) => transaction.id),
						);
						for (const [index, item] of simplified.entries()) {
							assert.equal(item.json.transaction, undefined);
							assert.equal(item.json.user, undefined);
							assert.equal(item.json.amount, newest[index].amount);
							assert.equal(item.json.user_id, newest[index].user_id);
							assert.equal(
								item.json.user_email,
								simulator.users(pid).find((user) => user.id === newest[index].user_id)!.email,
							);
						}
						assert.deepEqual(Object.keys(raw[0].json).sort(), ['transaction', 'user']);
						assert.deepEqual(
							raw.map((item) => (item.json.transaction as Record<string, unknown>).id),
							ids(simplified),
						);
					},
				},
				{
					name: 'continue on fail: a 400 (code 32, code 31) becomes an error item that says what the code means and goes on',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.codeContinue.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const items = result.items('Next');
						assert.equal(items.length, 3);
						assert.deepEqual(
							result.items('Easypromos').map((item) => item.pairedItem),
							[{ item: 0 }, { item: 1 }, { item: 2 }],
						);
						assert.equal(items[0].json.valid, true);
						assert.equal(items[0].json.code, freshCode);
						assert.equal(
							items[1].json.error,
							'Easypromos could not complete the request: Requirement - The code was already used (code 32). Each code can be used once: ask the participant for another code.',
						);
						assert.match(String(items[1].json.error), /Each code can be used once/);
						assert.match(String(items[1].json.errorDescription), /HTTP 400, code 32/);
						assert.equal(
							items[2].json.error,
							'Easypromos could not complete the request: Requirement - The code is not valid (code 31). Check the code the participant entered.',
						);
						assert.deepEqual(
							simulator.unusedCodes(pid, codeStage).includes(freshCode),
							false,
							'the valid code was used up',
						);
					},
				},
				{
					name: 'without continue on fail, the 400 stops the workflow with the meaning of the code',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.codeStops.id);
						assert.equal(result.status, 'error');
						assert.match(
							String(result.errorMessage),
							/Requirement - The code was already used \(code 32\)/,
						);
						assert.deepEqual(result.items('Next'), []);
					},
				},
				{
					name: '429: a 20-page export with 5 requests a second: every user exactly once',
					async run(ctx) {
						const expected = simulator
							.users(big.id)
							.map((user) => user.id)
							.reverse();
						const check = (items: N8nItem[]) => {
							assert.equal(items.length, 2000, 'users exported');
							assert.equal(new Set(ids(items)).size, 2000, 'a user came twice');
							assert.deepEqual(ids(items), expected);
						};
						simulator.resetCounts();
						simulator.resetRateLimit();
						let t0 = Date.now();
						const unlimited = await ctx.execute(WORKFLOWS.bigExport.id);
						const unlimitedMs = Date.now() - t0;
						assert.equal(unlimited.status, 'success', unlimited.errorMessage);
						check(unlimited.items('Next'));
						assert.equal(simulator.rateLimitedCount, 0);

						simulator.resetCounts();
						simulator.rateLimit = 5;
						simulator.windowMs = 1000;
						simulator.resetRateLimit();
						try {
							t0 = Date.now();
							const limited = await ctx.execute(WORKFLOWS.bigExport.id);
							const limitedMs = Date.now() - t0;
							assert.equal(limited.status, 'success', limited.errorMessage);
							check(limited.items('Next'));
							assert.ok(simulator.rateLimitedCount > 0, 'the simulator answered no 429');
							assert.equal(
								simulator.count('GET /users/{pid}'),
								20 + simulator.rateLimitedCount,
								'pages requested',
							);
							ctx.log(
								`n8n execute of the 20-page export: ${seconds(unlimitedMs)} without limit, ${seconds(limitedMs)} at 5 requests/s ` +
									`(${simulator.rateLimitedCount} answers 429, each retried after Retry-After)`,
							);
						} finally {
							simulator.rateLimit = 200;
							simulator.windowMs = 60_000;
							simulator.resetRateLimit();
						}
					},
				},
				{
					name: 'credential with an invalid token: the 401 says the token is invalid or expired, and the token stays out of the run data',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.invalidToken.id);
						assert.equal(result.status, 'error');
						assert.equal(
							result.errorMessage,
							'Easypromos rejected the access token (HTTP 401): it is invalid or expired. Tokens last 30 days by default: make a new one in the Utilities menu of your Easypromos account and paste it into the credential',
						);
						assert.deepEqual(result.items('Next'), []);
						assert.ok(
							!JSON.stringify(result.run).includes(invalidToken),
							'the token shows in the run data',
						);
						// n8n itself sends a request once more after a 401 (its credential-refresh path, taken for every
						// credential type); the node adds no retry of its own.
						assert.ok(
							simulator.count('GET /promotions') <= 2,
							`a 401 was retried: ${simulator.count('GET /promotions')} requests`,
						);
					},
				},
			],
		};
	},
};

export default spec;
