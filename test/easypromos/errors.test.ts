/** What a user sees when Easypromos refuses: each error class, continueOnFail, and the rate limit. */
import type { IDataObject } from 'n8n-workflow';

import type { TestEnvironment } from '../harness';
import type { EasypromosSandbox, EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import {
	byId,
	CREDENTIAL_ID,
	easypromosWorkflow,
	nodeError,
	run,
	startEasypromos,
	useToken,
} from './setup';

let simulator: EasypromosSimulator;
let environment: TestEnvironment;
let sandbox: EasypromosSandbox;
let pid: number;

async function start(options: Parameters<typeof startEasypromos>[0] = {}) {
	({ simulator, environment, sandbox } = await startEasypromos(options));
	pid = sandbox.promotions.active.id;
}
afterEach(async () => await simulator.close());

async function failure(parameters: IDataObject, items?: IDataObject[]) {
	const outcome = await run(environment, parameters, items);
	const error = nodeError(outcome.result);
	expect(error).toBeDefined();
	// The access token never shows in what n8n stores or shows of the error.
	expect(
		JSON.stringify({ error, message: error?.message, description: error?.description }),
	).not.toContain(sandbox.token);
	return {
		message: error!.message,
		description: error!.description ?? '',
		httpCode: error!.httpCode,
		error,
	};
}

describe('400 {code, message}: the message says what the code means', () => {
	beforeEach(async () => await start());

	test('code 42: participating in a promotion that has not opened yet', async () => {
		const upcoming = sandbox.promotions.upcoming.id;
		const stage = simulator.addStage(upcoming, { name: 'Trail quiz', type: 'quiz' }).id;
		const user = simulator.addUser(upcoming);
		const { message, description, httpCode } = await failure({
			resource: 'participation',
			operation: 'participate',
			promotionId: byId(upcoming),
			stageId: byId(stage),
			userId: String(user.id),
		});
		expect(message).toBe(
			"Easypromos could not complete the request: Promotion is not open (code 42). Check the promotion's start and end dates in the Easypromos admin.",
		);
		expect(message).toContain("Check the promotion's start and end dates");
		expect(description).toContain('HTTP 400, code 42');
		expect(httpCode).toBe('400');
	});

	test('code 32: a code that was already used', async () => {
		const { message, description } = await failure({
			resource: 'participation',
			operation: 'validateCode',
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.code.id),
			userId: String(simulator.users(pid)[250].id),
			code: 'SUMMER-0001',
		});
		expect(message).toBe(
			'Easypromos could not complete the request: Requirement - The code was already used (code 32). Each code can be used once: ask the participant for another code.',
		);
		expect(message).toContain('Each code can be used once');
	});

	test("code 31 and code 61 name the problem; Easypromos's own words follow when they add something", async () => {
		const invalid = await failure({
			resource: 'participation',
			operation: 'checkRequirement',
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.code.id),
			userId: String(simulator.users(pid)[250].id),
			code: 'NOT-A-CODE',
		});
		expect(invalid.message).toContain('The code is not valid (code 31)');
		const segment = await failure({
			resource: 'user',
			operation: 'addSegments',
			promotionId: byId(pid),
			userId: String(simulator.users(pid)[0].id),
			segments: 'gold',
		});
		expect(segment.message).toContain(
			"Segment doesn't exist in the account or is not valid for this promotion (code 61)",
		);
		expect(segment.description).toContain('gold');
	});

	test('codes 10, 20 and 43', async () => {
		const user = simulator.addUser(pid);
		const quiz = {
			resource: 'participation',
			operation: 'participate',
			promotionId: byId(pid),
			stageId: byId(sandbox.stages.quiz.id),
		};
		await run(environment, { ...quiz, userId: String(user.id) });
		expect((await failure({ ...quiz, userId: String(user.id) })).message).toContain(
			'User has no more participations (code 10)',
		);
		expect(
			(await failure({ ...quiz, identifyBy: 'loginToken', loginToken: 'stale-token' })).message,
		).toContain('User Login Token missing or not valid (code 20)');
		simulator.setAutologinEnabled(pid, false);
		const autologin = await failure({
			resource: 'user',
			operation: 'autologin',
			promotionId: byId(pid),
			externalId: 'x-1',
		});
		expect(autologin.message).toContain('Autologin is not enabled (code 43)');
		expect(autologin.message).toContain('Enable Autologin');
	});

	test("code 0 shows Easypromos's message", async () => {
		const user = simulator.addUser(pid);
		const { message } = await failure({
			resource: 'coinTransaction',
			operation: 'create',
			promotionId: byId(pid),
			userId: String(user.id),
			amount: -10,
		});
		expect(message).toBe(
			'Easypromos could not complete the request: The user has not enough coins (code 0)',
		);
	});
});

describe('401, 403, 404, 415, 5xx: each says what to check', () => {
	beforeEach(async () => await start());

	test('401: the token is invalid or expired, and tokens last 30 days', async () => {
		useToken(environment, sandbox.expiredToken);
		const { message, description, httpCode } = await failure({
			resource: 'promotion',
			operation: 'getAll',
		});
		expect(message).toBe(
			'Easypromos rejected the access token (HTTP 401): it is invalid or expired. Tokens last 30 days by default: make a new one in the Utilities menu of your Easypromos account and paste it into the credential',
		);
		expect(message).toContain('30 days');
		expect(httpCode).toBe('401');
		expect(message + description).not.toContain(sandbox.expiredToken);
	});

	test('403: the plan has no REST API access', async () => {
		useToken(environment, sandbox.noApiAccessToken);
		const { message, description } = await failure({ resource: 'promotion', operation: 'getAll' });
		expect(message).toContain('HTTP 403');
		expect(message).toContain('White Label or Corporate');
	});

	test('404: names the IDs to check', async () => {
		const { message } = await failure({
			resource: 'user',
			operation: 'get',
			promotionId: byId(999999),
			userId: '5',
		});
		expect(message).toBe(
			'Easypromos found no such item (HTTP 404): check promotion ID 999999 and user ID 5',
		);
		const user = await failure({
			resource: 'user',
			operation: 'get',
			promotionId: byId(pid),
			userId: '123',
		});
		expect(user.message).toContain(`promotion ID ${pid} and user ID 123`);
	});

	test('415: says the body must be JSON', async () => {
		simulator.injectFault('POST /coin_transactions/{pid}', {
			status: 415,
			body: { message: 'Unsupported content type.' },
		});
		const { message, description } = await failure({
			resource: 'coinTransaction',
			operation: 'create',
			promotionId: byId(pid),
			userId: String(simulator.users(pid)[0].id),
			amount: 5,
		});
		expect(message).toBe(
			'Easypromos refused the request body (HTTP 415): it must be sent as application/json. The node always sends JSON: check for a proxy between n8n and Easypromos that changes the request',
		);
		expect(description).toBe('Easypromos said: "Unsupported content type." (HTTP 415)');
	});

	test('the node sends its writes as JSON, so the real 415 check passes', async () => {
		const user = simulator.users(pid)[0];
		const outcome = await run(environment, {
			resource: 'coinBalance',
			operation: 'set',
			promotionId: byId(pid),
			userId: String(user.id),
			balance: 7,
		});
		expect(outcome.error).toBeUndefined();
	});

	test('500 on a read is retried and recovers; a lasting one says to try later or write to support', async () => {
		simulator.injectFault('GET /users/{pid}', { status: 500, body: { message: 'boom' } });
		const recovered = await run(environment, {
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(pid),
		});
		expect(recovered.error).toBeUndefined();
		expect(recovered.json).toHaveLength(50);
		expect(simulator.count('GET /users/{pid}')).toBe(2);

		simulator.resetCounts();
		simulator.injectFault('GET /users/{pid}', { status: 500, body: { message: 'boom' } }, 20);
		const { message, description } = await failure({
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(pid),
			requestOptions: { maxRateLimitWait: 0 },
		});
		expect(message).toBe(
			'Easypromos had an internal error (HTTP 500): try again later; if it keeps happening, write to support@easypromosapp.com with the time of the request',
		);
		expect(message).toContain('support@easypromosapp.com');
		expect(description).toBe('Easypromos said: "boom" (HTTP 500)');
		expect(simulator.count('GET /users/{pid}')).toBe(1);
	});

	test('503 on a read is retried and recovers; a lasting 503 ends with a clear error', async () => {
		simulator.injectFault('GET /stages/{pid}', {
			status: 503,
			body: { message: 'resting' },
			headers: { 'Retry-After': '0' },
		});
		const recovered = await run(environment, {
			resource: 'stage',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(recovered.error).toBeUndefined();
		expect(recovered.json).toHaveLength(4);
		expect(simulator.count('GET /stages/{pid}')).toBe(2);

		simulator.injectFault(
			'GET /stages/{pid}',
			{ status: 503, body: { message: 'resting' }, headers: { 'Retry-After': '1' } },
			10,
		);
		const { message } = await failure({
			resource: 'stage',
			operation: 'getAll',
			promotionId: byId(pid),
			requestOptions: { maxRateLimitWait: 0 },
		});
		expect(message).toBe(
			'Easypromos is unavailable at the moment (HTTP 503): try again later (the node retried for as long as its max wait allows)',
		);
	});

	test('a write is not repeated after a 500, which may have been applied', async () => {
		simulator.injectFault('POST /coin_transactions/{pid}', { status: 500, body: {} });
		await failure({
			resource: 'coinTransaction',
			operation: 'create',
			promotionId: byId(pid),
			userId: String(simulator.users(pid)[0].id),
			amount: 5,
		});
		expect(simulator.count('POST /coin_transactions/{pid}')).toBe(1);
	});

	test('an unreachable host names the base URL to check', async () => {
		const url = simulator.apiUrl;
		await simulator.close();
		const { message, description } = await failure({ resource: 'promotion', operation: 'getAll' });
		expect(message).toContain(`Could not reach Easypromos at ${url}`);
		expect(message).toContain('Base URL');
		expect(description).toContain('The connection failed');
		await simulator.start();
	});
});

describe('Continue On Fail', () => {
	beforeEach(async () => await start());

	test('a failing item becomes an error item; the others go on, each paired with its input', async () => {
		const [first, third] = [simulator.users(pid)[0], simulator.users(pid)[2]];
		const result = await environment.runWorkflow(
			easypromosWorkflow(
				[
					{ userId: String(first.id) },
					{ userId: '999' },
					{ userId: 'abc' },
					{ userId: String(third.id) },
				],
				{
					resource: 'user',
					operation: 'get',
					promotionId: byId(pid),
					userId: '={{ $json.userId }}',
				},
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
		expect(items[0].json.id).toBe(first.id);
		expect(items[1].json.error).toBe(
			`Easypromos found no such item (HTTP 404): check promotion ID ${pid} and user ID 999`,
		);
		expect(items[2].json.error).toBe(
			'User ID "abc" is not valid: Easypromos IDs are whole numbers such as 12345',
		);
		expect(items[3].json.id).toBe(third.id);
		expect(result.output.Next).toHaveLength(4);
	});

	test('without it, the first failing item stops the workflow and says which item', async () => {
		const outcome = await run(
			environment,
			{ resource: 'user', operation: 'get', promotionId: byId(pid), userId: '={{ $json.userId }}' },
			[{ userId: String(simulator.users(pid)[0].id) }, { userId: '999' }],
		);
		const error = nodeError(outcome.result);
		expect(error?.context?.itemIndex).toBe(1);
		expect(outcome.result.output.Next).toBeUndefined();
	});
});

describe('429: waits for the window and goes on, so a long export loses and repeats nothing', () => {
	async function bigPromotion(users: number) {
		const promotion = simulator.addPromotion({ title: 'Big export' });
		simulator.addUsers(promotion.id, users);
		return promotion.id;
	}

	/**
	 * The accounts' clock for these exports: it stands still while the node reads, so that no window
	 * closes because the machine is slow, and runs while the node waits after a 429, so that a window
	 * closes only when the node waited for it. (The simulator reads it once a request.) The windows
	 * last 0.9 s: a wait of the 1 s the node is told, or backs off, always outlasts them.
	 */
	function runsWhileRefused(): () => number {
		let clock = Date.now();
		let lastRequestAt = clock;
		let refused = simulator.rateLimitedCount;
		return () => {
			const now = Date.now();
			// The previous request was refused: the time since is the node's wait.
			if (simulator.rateLimitedCount > refused) clock += now - lastRequestAt;
			refused = simulator.rateLimitedCount;
			lastRequestAt = now;
			return clock;
		};
	}

	test('a 20-page export, 5 requests a window: 3 windows waited out as Retry-After says, every user exactly once', async () => {
		await start({ rateLimit: 5, windowMs: 900 });
		simulator.now = runsWhileRefused();
		const big = await bigPromotion(2000);
		const outcome = await run(environment, {
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(big),
			returnAll: true,
		});
		expect(outcome.error).toBeUndefined();
		const exported = outcome.json.map((user) => user.id as number);
		expect(exported).toHaveLength(2000);
		expect(new Set(exported).size).toBe(2000);
		expect([...exported].sort()).toEqual(
			simulator
				.users(big)
				.map((user) => user.id)
				.sort(),
		);
		// Pages 6, 11 and 16 each met a full window, were refused once, and went through after the wait.
		expect(simulator.rateLimitedCount).toBe(3);
		expect(simulator.count('GET /users/{pid}')).toBe(23);
	});

	test('without Retry-After the node backs off until the window frees, still losing nothing', async () => {
		await start({ rateLimit: 4, windowMs: 900, sendRetryAfter: false });
		simulator.now = runsWhileRefused();
		const big = await bigPromotion(700);
		const outcome = await run(environment, {
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(big),
			returnAll: true,
		});
		expect(outcome.error).toBeUndefined();
		const exported = outcome.json.map((user) => user.id as number);
		expect(new Set(exported).size).toBe(700);
		expect(exported).toHaveLength(700);
		// Page 5 met the full window, was refused once, and went through after the node's 1 s back-off.
		expect(simulator.rateLimitedCount).toBe(1);
		expect(simulator.count('GET /users/{pid}')).toBe(8);
	});

	test('past the max wait the user set, it gives up with a clear error', async () => {
		await start({ rateLimit: 1, windowMs: 60_000 });
		const outcome = await run(environment, {
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
			requestOptions: { maxRateLimitWait: 2 },
		});
		const error = nodeError(outcome.result)!;
		expect(error.message).toBe(
			'Easypromos rate limit still exceeded after waiting 2 s (HTTP 429): the account may make 200 requests a minute, shared by every workflow and app using it. Raise "Max Wait on Rate Limit (Seconds)" in the node\'s options, or run fewer requests at once (stopped while reading page 2 of users: 100 records read so far, none output)',
		);
		expect(error.message).toContain('200 requests a minute');
		expect(error.message).toContain('Max Wait on Rate Limit');
		// One page was read, the next one refused: Retry-After (about 60 s) is beyond the 2 s allowed.
		expect(simulator.count('GET /users/{pid}')).toBe(2);
	});

	test('giving up at once (max wait 0) leaks no secret into the error', async () => {
		await start({ rateLimit: 0, windowMs: 60_000 });
		const outcome = await run(environment, {
			resource: 'promotion',
			operation: 'getAll',
			requestOptions: { maxRateLimitWait: 0 },
		});
		expect(JSON.stringify(outcome.result.run.data.resultData.error)).not.toContain(sandbox.token);
		expect(environment.credentials.stored(CREDENTIAL_ID).data.accessToken).toBe(sandbox.token);
	});
});

describe("the two writes outside the guide's GET and POST", () => {
	beforeEach(async () => await start());

	const removeSegments = (userId: number): IDataObject => ({
		resource: 'user',
		operation: 'removeSegments',
		promotionId: byId(pid),
		userId: String(userId),
		segments: 'vip',
	});
	const setBalance = (userId: number): IDataObject => ({
		resource: 'coinBalance',
		operation: 'set',
		promotionId: byId(pid),
		userId: String(userId),
		balance: 40,
	});

	test('Remove Segments sends DELETE and Coin Balance → Set sends PUT, with their JSON bodies', async () => {
		const user = simulator.addUser(pid);
		await run(environment, { ...removeSegments(user.id), operation: 'addSegments' });
		expect(simulator.segmentsOf(pid, user.id)).toEqual(['vip']);
		expect((await run(environment, removeSegments(user.id))).error).toBeUndefined();
		expect(simulator.segmentsOf(pid, user.id)).toEqual([]);
		expect(
			simulator.receivedAt('DELETE /users/segments/{pid}').map((request) => request.body),
		).toEqual([{ user_id: user.id, segments: ['vip'] }]);
		expect((await run(environment, setBalance(user.id))).error).toBeUndefined();
		expect(simulator.receivedAt('PUT /coins/{pid}').map((request) => request.body)).toEqual([
			{ user_id: user.id, balance: 40 },
		]);
		expect(simulator.coinBalance(pid, user.id)).toBe(40);
	});

	test('an API that keeps to its guide answers 404 to both: the message says the method may be why, and that nothing changed', async () => {
		const user = simulator.addUser(pid);
		await run(environment, { ...removeSegments(user.id), operation: 'addSegments' });
		simulator.guideMethodsOnly = true;
		const removal = await failure(removeSegments(user.id));
		expect(removal.message).toBe(
			`Easypromos found no such item (HTTP 404): check promotion ID ${pid} and user ID ${user.id}. Easypromos's guide names only GET and POST, and this operation sends DELETE as other public descriptions of the API give it: if the IDs are right, Easypromos does not accept DELETE here, and nothing was changed. Report it to the package's maintainers (the README lists this assumption)`,
		);
		expect(simulator.segmentsOf(pid, user.id)).toEqual(['vip']);
		const balance = await failure(setBalance(user.id));
		expect(balance.message).toContain('this operation sends PUT as other public descriptions');
		expect(balance.httpCode).toBe('404');
		expect(simulator.coinBalance(pid, user.id)).toBe(0);
		// A GET's 404 keeps its plain words.
		const read = await failure({
			resource: 'user',
			operation: 'get',
			promotionId: byId(pid),
			userId: '123',
		});
		expect(read.message).toBe(
			`Easypromos found no such item (HTTP 404): check promotion ID ${pid} and user ID 123`,
		);
	});

	test('a 405 on them says the same', async () => {
		const user = simulator.addUser(pid);
		simulator.injectFault('PUT /coins/{pid}', {
			status: 405,
			body: { message: 'Method Not Allowed' },
		});
		const { message, description } = await failure(setBalance(user.id));
		expect(message).toBe(
			"Easypromos does not accept the PUT method here (HTTP 405): its guide names only GET and POST, and this operation sends PUT as other public descriptions of the API give it. Nothing was changed. Report it to the package's maintainers (the README lists this assumption)",
		);
		expect(description).toBe('Easypromos said: "Method Not Allowed" (HTTP 405)');
	});
});
