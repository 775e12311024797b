/** Every operation of the Easypromos node, run as a workflow through n8n's engine against the simulator. */
import type { IDataObject } from 'n8n-workflow';

import type { TestEnvironment } from '../harness';
import type { EasypromosSandbox, EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { byId, easypromosNode, fromList, run, startEasypromos } from './setup';

let simulator: EasypromosSimulator;
let environment: TestEnvironment;
let sandbox: EasypromosSandbox;
let pid: number;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startEasypromos());
	pid = sandbox.promotions.active.id;
});
afterEach(async () => await simulator.close());

const ids = (items: IDataObject[]) => items.map((item) => item.id as number);
const descending = (values: number[]) => [...values].sort((a, b) => b - a);

async function ok(parameters: IDataObject, items?: IDataObject[]) {
	const outcome = await run(environment, parameters, items);
	expect(outcome.error).toBeUndefined();
	for (const item of outcome.output) expect(item.pairedItem).toEqual({ item: expect.any(Number) });
	return outcome.json;
}

describe('Organizing Brand', () => {
	test("Get Many lists the account's brands, in either order", async () => {
		const newest = await ok({ resource: 'organizingBrand', operation: 'getAll', returnAll: true });
		expect(newest.map((brand) => brand.name)).toEqual(['Nordic Outdoor Co.', 'Sunny Beverages']);
		const oldest = await ok({
			resource: 'organizingBrand',
			operation: 'getAll',
			returnAll: true,
			order: 'created_asc',
		});
		expect(oldest.map((brand) => brand.name)).toEqual(['Sunny Beverages', 'Nordic Outdoor Co.']);
	});

	test('Get returns one brand', async () => {
		const [brand] = sandbox.brands;
		expect(
			await ok({
				resource: 'organizingBrand',
				operation: 'get',
				organizingBrandId: String(brand.id),
			}),
		).toEqual([brand]);
	});

	test('Get Promotions lists the promotions of one brand', async () => {
		const [drinks] = sandbox.brands;
		const promotions = await ok({
			resource: 'organizingBrand',
			operation: 'getPromotions',
			organizingBrandId: String(drinks.id),
			returnAll: true,
		});
		expect(promotions.map((promotion) => promotion.title).sort()).toEqual([
			'Autumn Quiz',
			'Summer Spin & Win',
		]);
	});
});

describe('Promotion', () => {
	test('Get Many filters by status and honours Limit', async () => {
		const active = await ok({
			resource: 'promotion',
			operation: 'getAll',
			status: 'active',
			returnAll: true,
		});
		expect(active.map((promotion) => promotion.title).sort()).toEqual([
			'Spring Trail Challenge',
			'Summer Spin & Win',
		]);
		const all = await ok({ resource: 'promotion', operation: 'getAll', limit: 3 });
		expect(all).toHaveLength(3);
		expect(ids(all)).toEqual(descending(ids(all)));
	});

	test('Get takes the promotion from the list or by ID', async () => {
		const [fromPicker] = await ok({
			resource: 'promotion',
			operation: 'get',
			promotionId: fromList(pid),
		});
		expect(fromPicker).toMatchObject({ id: pid, title: 'Summer Spin & Win', status: 'active' });
		const [typed] = await ok({ resource: 'promotion', operation: 'get', promotionId: byId(pid) });
		expect(typed).toEqual(fromPicker);
	});

	test('Get Registration Fields returns one item per form field', async () => {
		const fields = await ok({
			resource: 'promotion',
			operation: 'getRegistrationFields',
			promotionId: byId(pid),
		});
		expect(fields.map((field) => field.ref)).toEqual(
			expect.arrayContaining(['first_name', 'last_name', 'email', 'legal_terms']),
		);
	});
});

describe('Stage', () => {
	test('Get Many lists the stages, Get returns one', async () => {
		const stages = await ok({
			resource: 'stage',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
			order: 'created_asc',
		});
		expect(stages.map((stage) => stage.name)).toEqual([
			'Spin the wheel',
			'Enter your bottle cap code',
			'Beach Runner',
			'Summer quiz',
		]);
		const [wheel] = await ok({
			resource: 'stage',
			operation: 'get',
			promotionId: byId(pid),
			stageId: fromList(sandbox.stages.wheel.id),
		});
		expect(wheel).toEqual(sandbox.stages.wheel);
	});
});

describe('User', () => {
	test('Get Many with Return All follows next_cursor through every page, newest first', async () => {
		const users = await ok({
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(users).toHaveLength(300);
		expect(ids(users)).toEqual(descending(simulator.users(pid).map((user) => user.id)));
		expect(simulator.count('GET /users/{pid}')).toBe(3);
	});

	test('Get Many with a Limit over one page stops reading once it has enough', async () => {
		const users = await ok({
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(pid),
			limit: 150,
			order: 'created_asc',
		});
		expect(ids(users)).toEqual(
			simulator
				.users(pid)
				.slice(0, 150)
				.map((user) => user.id),
		);
		expect(simulator.count('GET /users/{pid}')).toBe(2);
	});

	test('Get returns one user', async () => {
		const user = simulator.users(pid)[7];
		expect(
			await ok({
				resource: 'user',
				operation: 'get',
				promotionId: byId(pid),
				userId: String(user.id),
			}),
		).toEqual([user]);
	});

	test('Autologin registers a person from an external system and returns a login token, then finds them again', async () => {
		const parameters = {
			resource: 'user',
			operation: 'autologin',
			promotionId: byId(pid),
			externalId: '={{ $json.crmId }}',
			email: '={{ $json.email }}',
			firstName: 'Laia',
			lastName: 'Vidal',
			nickname: 'laiav',
			additionalFields: {
				country: 'es',
				language: 'ca',
				// The sandbox promotion's form requires its terms checkbox of a new user.
				legals: { legal: [{ name: 'legal_terms', accepted: true }] },
			},
		};
		const [first] = await ok(parameters, [{ crmId: 'crm-777', email: 'laia@example.com' }]);
		expect(first.login_token).toEqual(expect.any(String));
		expect(first.user).toMatchObject({
			external_id: 'crm-777',
			email: 'laia@example.com',
			country: 'ES',
			language: 'ca',
		});
		const [again] = await ok(parameters, [{ crmId: 'crm-777', email: 'laia@example.com' }]);
		expect((again.user as IDataObject).id).toBe((first.user as IDataObject).id);
	});

	test('Get Login Token returns a token for an existing user', async () => {
		const user = simulator.users(pid)[3];
		const [token] = await ok({
			resource: 'user',
			operation: 'getLoginToken',
			promotionId: byId(pid),
			userId: String(user.id),
		});
		expect(token).toEqual({ user_id: user.id, login_token: expect.any(String) });
	});

	test("Add Segments and Remove Segments change the user's segments", async () => {
		const user = simulator.users(pid)[5];
		const common = { promotionId: byId(pid), userId: String(user.id) };
		const [added] = await ok({
			resource: 'user',
			operation: 'addSegments',
			...common,
			segments: 'vip, newsletter',
		});
		expect(added.segments).toEqual(['vip', 'newsletter']);
		expect(simulator.segmentsOf(pid, user.id).sort()).toEqual(['newsletter', 'vip']);
		await ok({ resource: 'user', operation: 'removeSegments', ...common, segments: 'vip' });
		expect(simulator.segmentsOf(pid, user.id)).toEqual(['newsletter']);
		expect(simulator.count('DELETE /users/segments/{pid}')).toBe(1);
	});
});

describe('Participation', () => {
	test('Get Many returns every participation; Full Format embeds user, prize and requirement', async () => {
		const all = await ok({
			resource: 'participation',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(all).toHaveLength(simulator.participations(pid).length);
		expect(new Set(ids(all)).size).toBe(all.length);
		expect(all[0]).not.toHaveProperty('user');
		const full = await ok({
			resource: 'participation',
			operation: 'getAll',
			promotionId: byId(pid),
			fullFormat: true,
			limit: 5,
		});
		expect(full).toHaveLength(5);
		expect(full[0]).toHaveProperty('user.id');
		expect(full[0]).toHaveProperty('requirement');
	});

	test('Get, Get Many by User and Get Remaining', async () => {
		const participation = simulator.participations(pid)[0];
		const [one] = await ok({
			resource: 'participation',
			operation: 'get',
			promotionId: byId(pid),
			participationId: String(participation.id),
		});
		expect(one).toEqual(participation);
		const mine = await ok({
			resource: 'participation',
			operation: 'getByUser',
			promotionId: byId(pid),
			userId: String(participation.user_id),
			returnAll: true,
		});
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((entry) => entry.user_id === participation.user_id)).toBe(true);
		const fresh = simulator.addUser(pid);
		const [remaining] = await ok({
			resource: 'participation',
			operation: 'getRemaining',
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.wheel.id),
			userId: String(fresh.id),
		});
		expect(remaining).toEqual({
			user_id: fresh.id,
			stage_id: sandbox.stages.wheel.id,
			remaining: 3,
		});
	});

	test('Participate spins the wheel for a user and returns the participation with its prize', async () => {
		const fresh = simulator.addUser(pid);
		const [participation] = await ok({
			resource: 'participation',
			operation: 'participate',
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.wheel.id),
			userId: String(fresh.id),
		});
		expect(participation).toMatchObject({ user_id: fresh.id, stage_id: sandbox.stages.wheel.id });
		expect(participation).toHaveProperty('prize.prize_type.name');
	});

	test('Participate can identify the user by a login token from Autologin', async () => {
		const [login] = await ok({
			resource: 'user',
			operation: 'autologin',
			promotionId: byId(pid),
			externalId: 'app-42',
			additionalFields: { legals: { legal: [{ name: 'legal_terms', accepted: true }] } },
		});
		const [participation] = await ok({
			resource: 'participation',
			operation: 'participate',
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.game.id),
			identifyBy: 'loginToken',
			loginToken: login.login_token,
		});
		expect(participation.user_id).toBe((login.user as IDataObject).id);
	});

	test('Check Requirement checks a code without using it; Validate Code uses it', async () => {
		const user = simulator.users(pid)[200];
		const [code] = simulator.unusedCodes(pid, sandbox.stages.code.id);
		const common = {
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.code.id),
			userId: String(user.id),
			code,
		};
		const [checked] = await ok({
			resource: 'participation',
			operation: 'checkRequirement',
			...common,
		});
		expect(checked).toMatchObject({ valid: true, user_id: user.id });
		expect(simulator.unusedCodes(pid, sandbox.stages.code.id)).toContain(code);
		const [validated] = await ok({
			resource: 'participation',
			operation: 'validateCode',
			...common,
		});
		expect(validated).toMatchObject({ valid: true, code });
		expect(simulator.unusedCodes(pid, sandbox.stages.code.id)).not.toContain(code);
	});
});

describe('Prize', () => {
	test('Get Many, Get Many by User and Get Inventory', async () => {
		const prizes = await ok({
			resource: 'prize',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(prizes).toHaveLength(simulator.prizes(pid).length);
		expect(prizes[0]).toHaveProperty('prize_type.name');
		const winner = simulator.prizes(pid)[0].user_id;
		const mine = await ok({
			resource: 'prize',
			operation: 'getByUser',
			promotionId: byId(pid),
			userId: String(winner),
			returnAll: true,
		});
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((prize) => prize.user_id === winner)).toBe(true);
		const inventory = await ok({
			resource: 'prize',
			operation: 'getInventory',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(inventory.map((prizeType) => prizeType.name).sort()).toEqual([
			'Beach towel',
			'Free drink voucher',
			'Weekend in Mallorca',
		]);
		expect(inventory[0]).toHaveProperty('available');
	});
});

describe('Coin Transaction', () => {
	test('Get Many flattens {transaction, user} by default; Simplify off keeps the raw pair', async () => {
		const simple = await ok({
			resource: 'coinTransaction',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(simple).toHaveLength(simulator.coinTransactions(pid).length);
		expect(simple[0]).toMatchObject({
			id: expect.any(Number),
			amount: expect.any(Number),
			user_email: expect.any(String),
		});
		expect(simple[0]).not.toHaveProperty('transaction');
		const raw = await ok({
			resource: 'coinTransaction',
			operation: 'getAll',
			promotionId: byId(pid),
			simplify: false,
			limit: 2,
		});
		expect(raw[0]).toEqual({ transaction: expect.any(Object), user: expect.any(Object) });
		expect((raw[0].transaction as IDataObject).id).toBe(simple[0].id);
	});

	test('Create adds coins to a user; Get Many by User shows it; Coin Balance Get and Set read and set the balance', async () => {
		const user = simulator.addUser(pid);
		const common = { promotionId: byId(pid), userId: String(user.id) };
		const [created] = await ok({
			resource: 'coinTransaction',
			operation: 'create',
			...common,
			amount: 40,
			reason: 'Purchase in store',
		});
		expect(created).toMatchObject({
			user_id: user.id,
			amount: 40,
			balance: 40,
			reason: 'Purchase in store',
		});
		const history = await ok({
			resource: 'coinTransaction',
			operation: 'getByUser',
			...common,
			returnAll: true,
		});
		expect(history.map((entry) => entry.amount)).toEqual([40]);
		const [balance] = await ok({ resource: 'coinBalance', operation: 'get', ...common });
		expect(balance).toMatchObject({ user_id: user.id, balance: 40 });
		const [set] = await ok({ resource: 'coinBalance', operation: 'set', ...common, balance: 15 });
		expect(set).toMatchObject({ balance: 15 });
		expect(simulator.coinBalance(pid, user.id)).toBe(15);
		expect(simulator.count('PUT /coins/{pid}')).toBe(1);
	});
});

describe('Ranking and Point of Sale', () => {
	test('Ranking Get reads the leaderboard of the first scored stage, or of the stage given', async () => {
		const ranking = await ok({
			resource: 'ranking',
			operation: 'get',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(ranking.length).toBeGreaterThan(100);
		expect(ranking.map((row) => row.position)).toEqual(ranking.map((_, index) => index + 1));
		const byStage = await ok({
			resource: 'ranking',
			operation: 'get',
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.game.id),
			limit: 10,
		});
		expect(byStage).toEqual(ranking.slice(0, 10));
	});

	test('Point of Sale Get Many lists the stores', async () => {
		const stores = await ok({
			resource: 'pointOfSale',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(stores).toHaveLength(12);
	});
});

describe('Pickers (resource locator lists)', () => {
	test('the promotion list shows titles and filters by title', async () => {
		const node = easypromosNode({ resource: 'promotion', operation: 'get' });
		const all = await environment.listSearch(node, 'searchPromotions');
		expect(all.results.map((entry) => entry.name).sort()).toEqual([
			'Autumn Quiz',
			'Spring Trail Challenge',
			'Summer Spin & Win',
			'Winter Photo Contest',
		]);
		expect(all.results.find((entry) => entry.name === 'Summer Spin & Win')?.value).toBe(
			String(pid),
		);
		const filtered = await environment.listSearch(node, 'searchPromotions', 'summer');
		expect(filtered.results.map((entry) => entry.name)).toEqual(['Summer Spin & Win']);
	});

	test('the stage list shows the stages of the chosen promotion', async () => {
		const node = easypromosNode({
			resource: 'stage',
			operation: 'get',
			promotionId: fromList(pid),
		});
		const stages = await environment.listSearch(node, 'searchStages');
		expect(stages.results.map((entry) => entry.name).sort()).toEqual([
			'Beach Runner',
			'Enter your bottle cap code',
			'Spin the wheel',
			'Summer quiz',
		]);
		const noPromotion = easypromosNode({ resource: 'stage', operation: 'get' });
		await expect(environment.listSearch(noPromotion, 'searchStages')).rejects.toThrow(
			'Choose the promotion first',
		);
	});

	test('the promotion list pages through a long account with the cursor', async () => {
		for (let index = 0; index < 120; index++) simulator.addPromotion({ title: `Filler ${index}` });
		const node = easypromosNode({ resource: 'promotion', operation: 'get' });
		const first = await environment.listSearch(node, 'searchPromotions');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBeDefined();
		const second = await environment.listSearch(
			node,
			'searchPromotions',
			undefined,
			first.paginationToken,
		);
		expect(second.results).toHaveLength(24);
		expect(second.paginationToken).toBeUndefined();
	});
});
