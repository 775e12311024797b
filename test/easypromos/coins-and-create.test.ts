/**
 * Participation → Create and the optional Coin of Coin Transaction → Create, Coin Balance → Set and
 * Coin Balance → Get: run as workflows through n8n's engine against the simulator, asserting on the
 * items and on what the simulator received.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestEnvironment } from '../harness';
import type {
	EasypromosCoin,
	EasypromosSandbox,
	EasypromosSimulator,
} from '../../sandbox/simulators/easypromos';
import {
	byId,
	easypromosNode,
	easypromosWorkflow,
	fromList,
	nodeError,
	run,
	startEasypromos,
} from './setup';

let simulator: EasypromosSimulator;
let environment: TestEnvironment;
let sandbox: EasypromosSandbox;
let pid: number;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startEasypromos());
	pid = sandbox.promotions.active.id;
});
afterEach(async () => await simulator.close());

const totalRequests = () =>
	Object.values(simulator.requestCounts).reduce((sum, count) => sum + count, 0);

async function ok(parameters: IDataObject, items?: IDataObject[]) {
	const outcome = await run(environment, parameters, items);
	expect(outcome.error).toBeUndefined();
	for (const item of outcome.output) expect(item.pairedItem).toEqual({ item: expect.any(Number) });
	return outcome.json;
}

async function failure(parameters: IDataObject, items?: IDataObject[]) {
	const outcome = await run(environment, parameters, items);
	const error = nodeError(outcome.result);
	expect(error).toBeDefined();
	return error!;
}

/** The bodies (or queries) the simulator received at one endpoint, oldest first. */
const bodiesAt = (key: string) => simulator.receivedAt(key).map((request) => request.body);
const queriesAt = (key: string) => simulator.receivedAt(key).map((request) => request.query);

describe('Participation → Create', () => {
	const create = (extra: IDataObject): IDataObject => ({
		resource: 'participation',
		operation: 'create',
		promotionId: byId(pid),
		...extra,
	});

	test('records a participation with points and answers; answers to one ref become one entry', async () => {
		const user = simulator.addUser(pid);
		const game = sandbox.stages.game;
		const [participation] = await ok(
			create({
				stageId: fromList(game.id),
				userId: String(user.id),
				additionalFields: {
					points: 1200,
					data: {
						field: [
							{ ref: 'q1', value: 'Lemon' },
							{ ref: 'store', value: 'Barcelona Centre' },
							{ ref: 'q1', value: 'Peach' },
						],
					},
				},
			}),
		);
		expect(participation).toMatchObject({
			id: expect.any(Number),
			promotion_id: pid,
			stage_id: game.id,
			user_id: user.id,
			points: 1200,
			data: [
				{ ref: 'q1', values: ['Lemon', 'Peach'] },
				{ ref: 'store', values: ['Barcelona Centre'] },
			],
		});
		expect(simulator.participations(pid).at(-1)).toMatchObject({
			id: participation.id,
			user_id: user.id,
			points: 1200,
		});
		expect(bodiesAt('POST /participations/{pid}')).toEqual([
			{
				stage_id: game.id,
				user_id: user.id,
				points: 1200,
				data: [
					{ ref: 'q1', values: ['Lemon', 'Peach'] },
					{ ref: 'store', values: ['Barcelona Centre'] },
				],
			},
		]);
		// Create only records: it is not Participate, so no prize draw and no other write.
		expect(participation).not.toHaveProperty('prize');
		expect(simulator.count('POST /participations/{pid}/participate/{stage_id}')).toBe(0);
	});

	test('without Additional Fields it sends only the stage and the user', async () => {
		const user = simulator.addUser(pid);
		const [participation] = await ok(
			create({ stageId: byId(sandbox.stages.quiz.id), userId: '={{ $json.user }}' }),
			[{ user: user.id }],
		);
		expect(participation).toMatchObject({
			stage_id: sandbox.stages.quiz.id,
			user_id: user.id,
			points: 0,
			data: [],
		});
		expect(bodiesAt('POST /participations/{pid}')).toEqual([
			{ stage_id: sandbox.stages.quiz.id, user_id: user.id },
		]);
	});

	test('bad input is refused before anything is sent, saying what to fix', async () => {
		const user = String(simulator.addUser(pid).id);
		const stageId = byId(sandbox.stages.game.id);
		const noRef = await failure(
			create({
				stageId,
				userId: user,
				additionalFields: {
					data: {
						field: [
							{ ref: 'q1', value: 'a' },
							{ ref: ' ', value: 'b' },
						],
					},
				},
			}),
		);
		expect(noRef.message).toBe(
			'Answer 2 of Data has no Ref: set the ref of the form field or question it answers',
		);
		expect(noRef.name).toBe('NodeOperationError');
		const noValue = await failure(
			create({
				stageId,
				userId: user,
				additionalFields: { data: { field: [{ ref: 'q1', value: '={{ "" }}' }] } },
			}),
		);
		expect(noValue.message).toBe(
			'Answer 1 of Data (ref "q1") has no Value: set it, or remove the answer',
		);
		const badPoints = await failure(
			create({ stageId, userId: user, additionalFields: { points: '={{ "lots" }}' } }),
		);
		expect(badPoints.message).toBe('Points "lots" is not valid: give a number, such as 1200');
		const badStage = await failure(create({ stageId: byId('={{ "wheel" }}'), userId: user }));
		expect(badStage.message).toContain('Stage ID "wheel" is not valid');
		const noUser = await failure(create({ stageId, userId: '={{ "" }}' }));
		expect(noUser.message).toBe('Set the User ID');
		expect(totalRequests()).toBe(0);
	});

	test("Easypromos's refusals: an unknown stage (404) names the IDs; a used-up stage (code 10) says what to check", async () => {
		const user = simulator.addUser(pid);
		const unknown = await failure(create({ stageId: byId(999), userId: String(user.id) }));
		expect(unknown.message).toContain('HTTP 404');
		expect(unknown.message).toContain(`promotion ID ${pid}, stage ID 999 and user ID ${user.id}`);
		expect(unknown.httpCode).toBe('404');
		const unknownUser = await failure(
			create({ stageId: byId(sandbox.stages.game.id), userId: '999' }),
		);
		expect(unknownUser.message).toContain(`stage ID ${sandbox.stages.game.id} and user ID 999`);
		// The quiz allows one participation per user.
		await ok(create({ stageId: byId(sandbox.stages.quiz.id), userId: String(user.id) }));
		const usedUp = await failure(
			create({ stageId: byId(sandbox.stages.quiz.id), userId: String(user.id) }),
		);
		expect(usedUp.message).toContain('User has no more participations (code 10)');
		expect(`${usedUp.message} ${usedUp.description ?? ''}`).toContain('Get Remaining');
	});

	test('a write: retried after a 503, never after a 500 (which may have been applied)', async () => {
		const user = simulator.addUser(pid);
		const parameters = create({ stageId: byId(sandbox.stages.game.id), userId: String(user.id) });
		simulator.injectFault('POST /participations/{pid}', {
			status: 503,
			body: { message: 'resting' },
		});
		const [created] = await ok(parameters);
		expect(created.user_id).toBe(user.id);
		expect(simulator.count('POST /participations/{pid}')).toBe(2);
		simulator.resetCounts();
		simulator.injectFault('POST /participations/{pid}', { status: 500, body: { message: 'oops' } });
		const error = await failure(parameters);
		expect(error.message).toContain('HTTP 500');
		expect(simulator.count('POST /participations/{pid}')).toBe(1);
	});

	test('Continue On Fail: failing items become error items, the others are created', async () => {
		const users = [
			simulator.addUser(pid),
			simulator.addUser(pid),
			simulator.addUser(pid),
			simulator.addUser(pid),
		];
		const game = sandbox.stages.game.id;
		const result = await environment.runWorkflow(
			easypromosWorkflow(
				[
					{ stage: game, user: users[0].id },
					{ stage: 999, user: users[1].id },
					{ stage: 'wheel', user: users[2].id },
					{ stage: game, user: users[3].id },
				],
				create({ stageId: byId('={{ $json.stage }}'), userId: '={{ $json.user }}' }),
				{ onError: 'continueRegularOutput' },
			),
		);
		expect(result.error).toBeUndefined();
		const items = result.output.Easypromos;
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json).toMatchObject({ stage_id: game, user_id: users[0].id });
		expect(items[1].json.error).toContain('HTTP 404');
		expect(items[1].json.error).toContain(
			`promotion ID ${pid}, stage ID 999 and user ID ${users[1].id}`,
		);
		expect(items[2].json.error).toBe(
			'Stage ID "wheel" is not valid: Easypromos IDs are whole numbers such as 12345',
		);
		expect(items[3].json).toMatchObject({ stage_id: game, user_id: users[3].id });
		expect(result.output.Next).toHaveLength(4);
		expect(simulator.count('POST /participations/{pid}')).toBe(3);
	});
});

describe('Coin: the optional coin of the coin operations', () => {
	let star: EasypromosCoin;
	let sun: EasypromosCoin;
	let userId: number;

	beforeEach(() => {
		[sun] = simulator.coins(pid);
		star = simulator.addCoin(pid, 'Star Points');
		userId = simulator.addUser(pid).id;
	});

	const createTransaction = (extra: IDataObject): IDataObject => ({
		resource: 'coinTransaction',
		operation: 'create',
		promotionId: byId(pid),
		userId: String(userId),
		amount: 30,
		reason: 'Shop visit',
		...extra,
	});
	const setBalance = (extra: IDataObject): IDataObject => ({
		resource: 'coinBalance',
		operation: 'set',
		promotionId: byId(pid),
		userId: String(userId),
		balance: 12,
		...extra,
	});
	const getBalance = (extra: IDataObject): IDataObject => ({
		resource: 'coinBalance',
		operation: 'get',
		promotionId: byId(pid),
		userId: String(userId),
		...extra,
	});

	test('Coin Transaction → Create books in the chosen coin, sending coin_id; empty books in the only coin, sending none', async () => {
		const [inStar] = await ok(createTransaction({ coinId: fromList(star.id) }));
		expect(inStar).toMatchObject({
			user_id: userId,
			coin_id: star.id,
			coin_name: 'Star Points',
			amount: 30,
			balance: 30,
		});
		const [inSun] = await ok(createTransaction({ coinId: fromList(''), amount: 5 }));
		expect(inSun).toMatchObject({ coin_id: sun.id, coin_name: 'Sun Coins', amount: 5, balance: 5 });
		expect(bodiesAt('POST /coin_transactions/{pid}')).toEqual([
			{ user_id: userId, amount: 30, reason: 'Shop visit', coin_id: star.id },
			{ user_id: userId, amount: 5, reason: 'Shop visit' },
		]);
		expect(simulator.coinBalance(pid, userId, star.id)).toBe(30);
		expect(simulator.coinBalance(pid, userId)).toBe(5);
	});

	test('Coin Balance → Set sets the chosen coin only', async () => {
		simulator.addCoinTransaction(pid, { userId, amount: 50 });
		const [set] = await ok(setBalance({ coinId: byId(star.id) }));
		expect(set).toEqual({
			user_id: userId,
			promotion_id: pid,
			coin_id: star.id,
			coin_name: 'Star Points',
			balance: 12,
		});
		expect(bodiesAt('PUT /coins/{pid}')).toEqual([
			{ user_id: userId, balance: 12, coin_id: star.id },
		]);
		expect(simulator.coinBalance(pid, userId, star.id)).toBe(12);
		expect(simulator.coinBalance(pid, userId)).toBe(50);
		// An old workflow's parameters (no Coin at all) send what they always sent.
		await ok(setBalance({ balance: 0 }));
		expect(bodiesAt('PUT /coins/{pid}')[1]).toEqual({ user_id: userId, balance: 0 });
		expect(simulator.coinBalance(pid, userId)).toBe(0);
	});

	test('Coin Balance → Get reads the chosen coin with the coin_id query parameter; empty reads the only coin', async () => {
		simulator.addCoinTransaction(pid, { userId, amount: 40, coinId: star.id });
		simulator.addCoinTransaction(pid, { userId, amount: 7 });
		const [ofStar] = await ok(getBalance({ coinId: fromList(star.id) }));
		expect(ofStar).toEqual({
			user_id: userId,
			promotion_id: pid,
			coin_id: star.id,
			coin_name: 'Star Points',
			balance: 40,
		});
		const [ofSun] = await ok(getBalance({ coinId: byId('') }));
		expect(ofSun).toMatchObject({ coin_id: sun.id, coin_name: 'Sun Coins', balance: 7 });
		expect(queriesAt('GET /coins/{pid}/users/{user_id}')).toEqual([
			{ coin_id: String(star.id) },
			{},
		]);
	});

	test.each([
		['Coin Transaction → Create', () => createTransaction({})],
		['Coin Balance → Set', () => setBalance({})],
		['Coin Balance → Get', () => getBalance({})],
	])(
		'%s: a coin ID that is not a number is refused before anything is sent',
		async (_name, parameters) => {
			const error = await failure({ ...parameters(), coinId: byId('={{ "gold" }}') });
			expect(error.message).toBe(
				'Coin ID "gold" is not valid: Easypromos IDs are whole numbers such as 12345',
			);
			expect(error.name).toBe('NodeOperationError');
			// Typed By ID, the same check.
			const typed = await failure({ ...parameters(), coinId: byId('gold') });
			expect(typed.message).toBe(
				'Coin ID "gold" is not valid: Easypromos IDs are whole numbers such as 12345',
			);
			expect(totalRequests()).toBe(0);
		},
	);

	test.each([
		['Coin Transaction → Create', () => createTransaction({}), 'POST /coin_transactions/{pid}'],
		['Coin Balance → Set', () => setBalance({}), 'PUT /coins/{pid}'],
		['Coin Balance → Get', () => getBalance({}), 'GET /coins/{pid}/users/{user_id}'],
	])(
		'%s: a coin the promotion does not have gets a 404 that names the IDs',
		async (_name, parameters, key) => {
			const error = await failure({ ...parameters(), coinId: byId(999) });
			expect(error.message).toContain('HTTP 404');
			expect(error.message).toContain(`promotion ID ${pid}, user ID ${userId} and coin ID 999`);
			expect(error.httpCode).toBe('404');
			expect(simulator.count(key)).toBe(1);
			expect(simulator.coinBalance(pid, userId)).toBe(0);
		},
	);

	test('Continue On Fail: an unknown or malformed coin fails its own item only', async () => {
		const result = await environment.runWorkflow(
			easypromosWorkflow(
				[{ coin: star.id }, { coin: 999 }, { coin: 'gold' }, { coin: '' }],
				createTransaction({ coinId: byId('={{ $json.coin }}') }),
				{ onError: 'continueRegularOutput' },
			),
		);
		expect(result.error).toBeUndefined();
		const items = result.output.Easypromos;
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json).toMatchObject({ coin_id: star.id, amount: 30 });
		expect(items[1].json.error).toContain('HTTP 404');
		expect(items[1].json.error).toContain(`promotion ID ${pid}, user ID ${userId} and coin ID 999`);
		expect(items[2].json.error).toBe(
			'Coin ID "gold" is not valid: Easypromos IDs are whole numbers such as 12345',
		);
		expect(items[3].json).toMatchObject({ coin_id: sun.id, coin_name: 'Sun Coins' });
		expect(result.output.Next).toHaveLength(4);
		expect(simulator.coinBalance(pid, userId, star.id)).toBe(30);
		expect(simulator.coinBalance(pid, userId)).toBe(30);
	});
});

describe('Coin picker (resource locator list)', () => {
	const coinNode = (promotionId?: IDataObject) =>
		easypromosNode({
			resource: 'coinBalance',
			operation: 'get',
			...(promotionId ? { promotionId } : {}),
		});

	test("lists the distinct coins of the promotion's coin transactions, and filters by name or ID", async () => {
		const star = simulator.addCoin(pid, 'Star Points');
		simulator.addCoinTransactions(pid, 3, { coinId: star.id });
		const [sun] = simulator.coins(pid);
		const all = await environment.listSearch(coinNode(fromList(pid)), 'searchCoins');
		expect(all.results).toEqual([
			{ name: 'Star Points', value: String(star.id), description: `ID ${star.id}` },
			{ name: 'Sun Coins', value: String(sun.id), description: `ID ${sun.id}` },
		]);
		expect(all.paginationToken).toBeUndefined();
		expect(
			(await environment.listSearch(coinNode(fromList(pid)), 'searchCoins', 'star')).results.map(
				(coin) => coin.name,
			),
		).toEqual(['Star Points']);
		expect(
			(
				await environment.listSearch(coinNode(byId(pid)), 'searchCoins', String(sun.id))
			).results.map((coin) => coin.name),
		).toEqual(['Sun Coins']);
	});

	test('reads a bounded number of pages; an older coin is still usable By ID', async () => {
		const old = simulator.addCoin(pid, 'Launch Tokens');
		simulator.addCoinTransaction(pid, {
			coinId: old.id,
			amount: 9,
			userId: simulator.users(pid)[0].id,
		});
		simulator.addCoinTransactions(pid, 600);
		simulator.resetCounts();
		const listed = await environment.listSearch(coinNode(fromList(pid)), 'searchCoins');
		expect(listed.results.map((coin) => coin.name)).toEqual(['Sun Coins']);
		expect(simulator.count('GET /coin_transactions/{pid}')).toBe(5);
		const [balance] = await ok({
			resource: 'coinBalance',
			operation: 'get',
			promotionId: byId(pid),
			userId: String(simulator.users(pid)[0].id),
			coinId: byId(old.id),
		});
		expect(balance).toMatchObject({ coin_id: old.id, coin_name: 'Launch Tokens', balance: 9 });
	});

	test('a promotion without coin transactions lists no coin; without a promotion it says to choose one', async () => {
		const quiet = simulator.addPromotion({ title: 'Quiet promotion' });
		expect((await environment.listSearch(coinNode(byId(quiet.id)), 'searchCoins')).results).toEqual(
			[],
		);
		await expect(environment.listSearch(coinNode(), 'searchCoins')).rejects.toThrow(
			'Choose the promotion first: coins are listed per promotion',
		);
	});
});

describe('the simulator holds a client to what the new endpoints enforce', () => {
	const api = async (
		path: string,
		method = 'GET',
		body?: unknown,
		contentType = 'application/json',
	) =>
		await fetch(`${simulator.apiUrl}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${sandbox.token}`,
				...(body === undefined ? {} : { 'content-type': contentType }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	const reply = async (response: Promise<Response>) => {
		const answered = await response;
		return { status: answered.status, body: (await answered.json()) as IDataObject };
	};

	test('POST /participations/{pid}: 415, 400 code 0, 404, 41 / 42 / 30, then the participation', async () => {
		const user = simulator.addUser(pid).id;
		const game = sandbox.stages.game.id;
		const path = `/participations/${pid}`;
		expect((await api(path, 'POST', { stage_id: game, user_id: user }, 'text/plain')).status).toBe(
			415,
		);
		expect(await reply(api(path, 'POST', { user_id: user }))).toEqual({
			status: 400,
			body: { code: 0, message: 'stage_id is missing or not valid' },
		});
		expect((await reply(api(path, 'POST', { stage_id: game }))).body).toMatchObject({ code: 0 });
		expect((await api(path, 'POST', { stage_id: 999, user_id: user })).status).toBe(404);
		expect((await api(path, 'POST', { stage_id: game, user_id: 999 })).status).toBe(404);
		expect(
			(await reply(api(path, 'POST', { stage_id: game, user_id: user, points: 'many' }))).body,
		).toMatchObject({ code: 0 });
		expect(
			(await reply(api(path, 'POST', { stage_id: game, user_id: user, data: [{ values: ['x'] }] })))
				.body,
		).toMatchObject({ code: 0 });
		expect(
			(await reply(api(path, 'POST', { stage_id: sandbox.stages.code.id, user_id: user }))).body,
		).toMatchObject({ code: 30 });
		const draft = sandbox.promotions.draft.id;
		const draftStage = simulator.addStage(draft, { type: 'quiz' }).id;
		const draftUser = simulator.addUser(draft).id;
		expect(
			(
				await reply(
					api(`/participations/${draft}`, 'POST', { stage_id: draftStage, user_id: draftUser }),
				)
			).body,
		).toMatchObject({ code: 41 });
		const upcoming = sandbox.promotions.upcoming.id;
		const upcomingStage = simulator.addStage(upcoming, { type: 'quiz' }).id;
		const upcomingUser = simulator.addUser(upcoming).id;
		expect(
			(
				await reply(
					api(`/participations/${upcoming}`, 'POST', {
						stage_id: upcomingStage,
						user_id: upcomingUser,
					}),
				)
			).body,
		).toMatchObject({ code: 42 });
		const created = await reply(
			api(path, 'POST', {
				stage_id: game,
				user_id: user,
				points: 7,
				data: [{ ref: 'q1', values: ['a', 2] }],
			}),
		);
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			stage_id: game,
			user_id: user,
			points: 7,
			data: [{ ref: 'q1', title: 'q1', values: ['a', '2'] }],
		});
		expect(
			(await reply(api(`/participations/${pid}/${String(created.body.id)}`))).body,
		).toMatchObject({ id: created.body.id });
	});

	test('coins: each coin has its own balance; no coin_id = the default coin; unknown = 404; malformed = 400 code 0', async () => {
		const user = simulator.addUser(pid).id;
		const [sun] = simulator.coins(pid);
		const star = simulator.addCoin(pid, 'Star Points');
		expect(
			(
				await reply(
					api(`/coin_transactions/${pid}`, 'POST', { user_id: user, amount: 10, coin_id: star.id }),
				)
			).body,
		).toMatchObject({
			transaction: { coin_id: star.id, coin_name: 'Star Points', balance: 10 },
		});
		expect(
			(await reply(api(`/coin_transactions/${pid}`, 'POST', { user_id: user, amount: 4 }))).body,
		).toMatchObject({
			transaction: { coin_id: sun.id, balance: 4 },
		});
		expect(
			(
				await reply(
					api(`/coin_transactions/${pid}`, 'POST', {
						user_id: user,
						amount: -11,
						coin_id: star.id,
					}),
				)
			).body,
		).toMatchObject({ code: 0 });
		expect(
			(
				await reply(
					api(`/coins/${pid}`, 'PUT', { user_id: user, balance: 3, coin_id: String(star.id) }),
				)
			).body,
		).toMatchObject({ coin_id: star.id, balance: 3 });
		expect((await reply(api(`/coins/${pid}/users/${user}?coin_id=${star.id}`))).body).toMatchObject(
			{ coin_id: star.id, balance: 3 },
		);
		expect((await reply(api(`/coins/${pid}/users/${user}`))).body).toMatchObject({
			coin_id: sun.id,
			balance: 4,
		});
		expect((await api(`/coins/${pid}/users/${user}?coin_id=999`)).status).toBe(404);
		expect(
			(await api(`/coins/${pid}`, 'PUT', { user_id: user, balance: 1, coin_id: 999 })).status,
		).toBe(404);
		expect(
			(await api(`/coin_transactions/${pid}`, 'POST', { user_id: user, amount: 1, coin_id: 999 }))
				.status,
		).toBe(404);
		expect(await reply(api(`/coins/${pid}/users/${user}?coin_id=gold`))).toEqual({
			status: 400,
			body: { code: 0, message: 'coin_id is missing or not valid' },
		});
		// Another promotion's coin is unknown here.
		const otherCoin = simulator.coins(sandbox.promotions.expired.id)[0];
		expect((await api(`/coins/${pid}/users/${user}?coin_id=${otherCoin.id}`)).status).toBe(404);
	});
});
