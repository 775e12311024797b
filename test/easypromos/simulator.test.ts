/** The Easypromos simulator itself, driven with plain fetch: it must hold a client to the document. */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import { EasypromosSimulator, type EasypromosSandbox } from '../../sandbox/simulators/easypromos';

interface Page {
	items: Array<Record<string, any>>;
	paging: { next_cursor?: number; items_page: number };
}

/** Reply bodies are read as `any`: the assertions are what check their shape. */
async function bodyOf(response: Response | Promise<Response>): Promise<any> {
	return await (await response).json();
}

function client(simulator: EasypromosSimulator, token: string) {
	return async (path: string, init: RequestInit = {}) =>
		await fetch(`${simulator.apiUrl}${path}`, {
			...init,
			headers: {
				authorization: `Bearer ${token}`,
				...((init.headers as Record<string, string>) ?? {}),
			},
		});
}

function jsonInit(method: string, body: unknown): RequestInit {
	return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Follows next_cursor to the end, returning every page. */
async function allPages(
	api: ReturnType<typeof client>,
	path: string,
	startCursor?: number,
): Promise<Page[]> {
	const pages: Page[] = [];
	let cursor = startCursor;
	do {
		const separator = path.includes('?') ? '&' : '?';
		const response = await api(
			cursor === undefined ? path : `${path}${separator}next_cursor=${cursor}`,
		);
		expect(response.status).toBe(200);
		const page = (await bodyOf(response)) as Page;
		pages.push(page);
		cursor = page.paging.next_cursor;
		if (pages.length > 50) throw new Error(`${path} never reaches a last page`);
	} while (cursor !== undefined);
	return pages;
}

describe('Easypromos simulator', () => {
	let simulator: EasypromosSimulator;
	let sandbox: EasypromosSandbox;
	let api: ReturnType<typeof client>;

	beforeAll(async () => {
		simulator = await new EasypromosSimulator().start();
		sandbox = simulator.seedSandbox();
		api = client(simulator, sandbox.token);
	});

	afterAll(async () => await simulator.close());

	beforeEach(() => simulator.resetRateLimit());

	describe('authorization', () => {
		it('answers 401 without a token, with an unknown one and with an expired one', async () => {
			expect((await fetch(`${simulator.apiUrl}/promotions`)).status).toBe(401);
			expect((await client(simulator, 'not-a-token')('/promotions')).status).toBe(401);
			const expired = await client(simulator, sandbox.expiredToken)('/promotions');
			expect(expired.status).toBe(401);
			expect(await bodyOf(expired)).toHaveProperty('message');
		});

		it('answers 403 when the plan has no REST API access', async () => {
			expect((await client(simulator, sandbox.noApiAccessToken)('/promotions')).status).toBe(403);
		});

		it('serves only under /v2', async () => {
			const response = await fetch(`${simulator.url}/promotions`, {
				headers: { authorization: `Bearer ${sandbox.token}` },
			});
			expect(response.status).toBe(404);
		});

		it("hides another account's promotions behind a 404", async () => {
			simulator.addToken('other-account', { accountId: 2 });
			const other = simulator.addPromotion({ accountId: 2, title: 'Other account' });
			expect((await api(`/promotions/${other.id}`)).status).toBe(404);
			expect((await client(simulator, 'other-account')(`/promotions/${other.id}`)).status).toBe(
				200,
			);
			expect(
				(await client(simulator, 'other-account')(`/promotions/${sandbox.promotions.active.id}`))
					.status,
			).toBe(404);
		});
	});

	describe('content type and body', () => {
		const autologinPath = () => `/users/autologin/${sandbox.promotions.active.id}`;

		it('answers 415 to a POST without a JSON content type', async () => {
			expect(
				(await api(autologinPath(), { method: 'POST', body: '{"external_id":"x"}' })).status,
			).toBe(415);
			const textPlain = await api(autologinPath(), {
				method: 'POST',
				headers: { 'content-type': 'text/plain' },
				body: '{"external_id":"x"}',
			});
			expect(textPlain.status).toBe(415);
		});

		it('answers 415 to a PUT, and to a DELETE carrying a body, without a JSON content type', async () => {
			const pid = sandbox.promotions.active.id;
			expect((await api(`/coins/${pid}`, { method: 'PUT', body: '{}' })).status).toBe(415);
			expect((await api(`/users/segments/${pid}`, { method: 'DELETE', body: '{}' })).status).toBe(
				415,
			);
		});

		it('answers 400 code 50 to a body that is not JSON', async () => {
			const response = await api(autologinPath(), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{external_id: ',
			});
			expect(response.status).toBe(400);
			expect(await bodyOf(response)).toEqual({
				code: 50,
				message: 'Content Type is not a valid JSON',
			});
		});
	});

	describe('collections', () => {
		it('pages users 100 at a time, newest first by default, without overlap or gap', async () => {
			const pid = sandbox.promotions.active.id;
			const pages = await allPages(api, `/users/${pid}`);
			expect(pages.length).toBeGreaterThanOrEqual(3);
			expect(
				pages
					.slice(0, -1)
					.every((page) => page.items.length === 100 && page.paging.items_page === 100),
			).toBe(true);
			expect(pages[pages.length - 1].paging).not.toHaveProperty('next_cursor');
			const ids = pages.flatMap((page) => page.items.map((user) => user.id as number));
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids).toEqual([...ids].sort((a, b) => b - a));
			expect(ids.sort()).toEqual(
				simulator
					.users(pid)
					.map((user) => user.id)
					.sort(),
			);
			const created = pages.flatMap((page) =>
				page.items.map((user) => Date.parse(user.created as string)),
			);
			expect(created).toEqual([...created].sort((a, b) => b - a));
		});

		it('pages oldest first with order=created_asc', async () => {
			const pid = sandbox.promotions.active.id;
			const pages = await allPages(api, `/participations/${pid}?order=created_asc`);
			expect(pages.length).toBeGreaterThanOrEqual(3);
			const ids = pages.flatMap((page) =>
				page.items.map((participation) => participation.id as number),
			);
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids).toEqual([...ids].sort((a, b) => a - b));
			expect(ids.length).toBe(simulator.participations(pid).length);
		});

		it('keeps newest-first pages stable while new items arrive between pages', async () => {
			const pid = sandbox.promotions.active.id;
			const before = simulator.coinTransactions(pid).map((transaction) => transaction.id);
			const first = (await bodyOf(api(`/coin_transactions/${pid}`))) as Page;
			simulator.addCoinTransactions(pid, 5);
			const rest = await allPages(api, `/coin_transactions/${pid}`, first.paging.next_cursor);
			const ids = [first, ...rest].flatMap((page) =>
				page.items.map((item) => item.transaction.id as number),
			);
			expect(ids.sort()).toEqual(before.sort());
		});

		it('answers 400 to a cursor or order it does not know', async () => {
			expect((await api('/promotions?next_cursor=abc')).status).toBe(400);
			expect((await api('/promotions?order=newest')).status).toBe(400);
			expect((await api('/promotions?status=live')).status).toBe(400);
		});

		it('filters promotions by status and by organizing brand', async () => {
			const all = (await bodyOf(api('/promotions'))) as Page;
			expect(all.items.map((promotion) => promotion.id)).toEqual(
				expect.arrayContaining(Object.values(sandbox.promotions).map((promotion) => promotion.id)),
			);
			const drafts = (await bodyOf(api('/promotions?status=draft'))) as Page;
			expect(drafts.items.map((promotion) => promotion.id)).toEqual([sandbox.promotions.draft.id]);
			const brand = sandbox.brands[1];
			const ofBrand = (await bodyOf(api(`/organizing_brands/${brand.id}/promotions`))) as Page;
			expect(ofBrand.items.every((promotion) => promotion.organizing_brand.id === brand.id)).toBe(
				true,
			);
			expect(ofBrand.items).toHaveLength(2);
		});

		it('embeds user, prize and requirement only with format=full', async () => {
			const pid = sandbox.promotions.active.id;
			const prize = simulator.prizes(pid)[0];
			const basic = await bodyOf(api(`/participations/${pid}/${prize.participation_id}`));
			expect(basic).not.toHaveProperty('user');
			const full = await bodyOf(
				api(`/participations/${pid}/${prize.participation_id}?format=full`),
			);
			expect(full.user.id).toBe(prize.user_id);
			expect(full.prize.id).toBe(prize.id);
			expect(full).toHaveProperty('requirement', null);
			expect(full.completed).toBe(true);
		});

		it('wraps coin-transaction list items as {transaction, user}', async () => {
			const pid = sandbox.promotions.active.id;
			const page = (await bodyOf(api(`/coin_transactions/${pid}`))) as Page;
			for (const item of page.items) {
				expect(Object.keys(item).sort()).toEqual(['transaction', 'user']);
				expect(item.transaction.user_id).toBe(item.user.id);
				expect(item.transaction).toHaveProperty('coin_name', 'Sun Coins');
			}
		});

		it('ranks a scored stage by best points', async () => {
			const ranking = (await bodyOf(api(`/ranking/${sandbox.promotions.active.id}`))) as Page;
			expect(ranking.items[0].position).toBe(1);
			const points = ranking.items.map((row) => row.points as number);
			expect(points).toEqual([...points].sort((a, b) => b - a));
		});
	});

	describe('writes and their 400 codes', () => {
		const pid = () => sandbox.promotions.active.id;

		it('creates a coin transaction, returns it wrapped, and keeps the balance', async () => {
			const user = simulator.users(pid())[5];
			const before = simulator.coinBalance(pid(), user.id);
			const created = await api(
				`/coin_transactions/${pid()}`,
				jsonInit('POST', { user_id: user.id, amount: 40, reason: 'Shop visit' }),
			);
			expect(created.status).toBe(200);
			const item = await bodyOf(created);
			expect(item.transaction).toMatchObject({
				user_id: user.id,
				amount: 40,
				balance: before + 40,
				reason: 'Shop visit',
			});
			expect(item.user.id).toBe(user.id);
			const set = await api(`/coins/${pid()}`, jsonInit('PUT', { user_id: user.id, balance: 7 }));
			expect(await bodyOf(set)).toMatchObject({ user_id: user.id, balance: 7 });
			expect(await bodyOf(api(`/coins/${pid()}/users/${user.id}`))).toMatchObject({ balance: 7 });
			const overdraw = await api(
				`/coin_transactions/${pid()}`,
				jsonInit('POST', { user_id: user.id, amount: -8 }),
			);
			expect((await bodyOf(overdraw)).code).toBe(0);
		});

		it('autologin: 40 without external id, 47 bad email, then a user and a login token', async () => {
			const missing = await api(
				`/users/autologin/${pid()}`,
				jsonInit('POST', { email: 'ana@example.com' }),
			);
			expect(await bodyOf(missing)).toMatchObject({ code: 40 });
			const badEmail = await api(
				`/users/autologin/${pid()}`,
				jsonInit('POST', { external_id: 'crm-1', email: 'not-an-email' }),
			);
			expect(await bodyOf(badEmail)).toMatchObject({ code: 47 });
			const response = await api(
				`/users/autologin/${pid()}`,
				jsonInit('POST', {
					external_id: 'crm-1',
					email: 'ana@example.com',
					first_name: 'Ana',
					// The default form requires its terms checkbox of a new user.
					meta_data: { legals: { legal_terms: true } },
				}),
			);
			const body = await bodyOf(response);
			expect(response.status).toBe(200);
			expect(body.user).toMatchObject({
				external_id: 'crm-1',
				email: 'ana@example.com',
				login_type: 'autologin',
			});
			expect(typeof body.login_token).toBe('string');
			const again = await bodyOf(
				api(`/users/autologin/${pid()}`, jsonInit('POST', { external_id: 'crm-1' })),
			);
			expect(again.user.id).toBe(body.user.id);
		});

		it("autologin checks a new user's answers against the registration form: required custom fields and legals, unknown refs, shapes", async () => {
			const form = simulator.addPromotion({
				title: 'Form check',
				registrationFields: [
					{ ref: 'email', type: 'email', required: true },
					{ ref: 'card', title: 'Card', type: 'text', required: true },
					{ ref: 'size', title: 'Size', type: 'text', required: false },
					{ ref: 'terms', title: 'Terms', type: 'checkbox', required: true },
				],
			}).id;
			const post = async (body: unknown) =>
				await bodyOf(api(`/users/autologin/${form}`, jsonInit('POST', body)));
			const complete = {
				external_id: 'f-1',
				custom_properties: [{ ref: 'card', value: 'C-1' }],
				meta_data: { legals: { terms: true } },
			};
			expect(await post({ ...complete, custom_properties: [] })).toEqual({
				code: 0,
				message: 'Required registration field missing: card',
			});
			expect(await post({ ...complete, custom_properties: [{ ref: 'card', value: ' ' }] })).toEqual(
				{ code: 0, message: 'Required registration field missing: card' },
			);
			expect(await post({ ...complete, meta_data: { legals: { terms: false } } })).toEqual({
				code: 0,
				message: 'Required legal acceptance not accepted: terms',
			});
			expect(
				await post({ ...complete, custom_properties: [{ ref: 'shoe', value: '42' }] }),
			).toEqual({ code: 0, message: 'Unknown registration field: shoe' });
			expect(await post({ ...complete, custom_properties: { card: 'C-1' } })).toMatchObject({
				code: 0,
			});
			expect(await post({ ...complete, meta_data: { legals: { terms: 'yes' } } })).toMatchObject({
				code: 0,
			});
			expect(simulator.users(form)).toEqual([]);
			const created = await post(complete);
			expect(created.user).toMatchObject({
				external_id: 'f-1',
				custom_properties: [{ id: expect.any(Number), title: 'Card', ref: 'card', value: 'C-1' }],
				meta_data: { legals: { terms: true } },
			});
			// Found again: updated with what is given, the form's requirements not asked again.
			const again = await post({
				external_id: 'f-1',
				custom_properties: [{ ref: 'size', value: 'M' }],
			});
			expect(again.user.id).toBe(created.user.id);
			expect(again.user.custom_properties.map((field: any) => [field.ref, field.value])).toEqual([
				['card', 'C-1'],
				['size', 'M'],
			]);
		});

		it('read strictly, the guide accepts GET and POST only: DELETE and PUT get its 404 "method"', async () => {
			const pid = sandbox.promotions.active.id;
			const user = simulator.addUser(pid);
			simulator.guideMethodsOnly = true;
			try {
				const removal = await api(
					`/users/segments/${pid}`,
					jsonInit('DELETE', { user_id: user.id, segments: ['vip'] }),
				);
				expect(removal.status).toBe(404);
				expect(await bodyOf(removal)).toEqual({ message: "Not Found - Method doesn't exist" });
				const balance = await api(
					`/coins/${pid}`,
					jsonInit('PUT', { user_id: user.id, balance: 3 }),
				);
				expect(balance.status).toBe(404);
				expect(simulator.coinBalance(pid, user.id)).toBe(0);
			} finally {
				simulator.guideMethodsOnly = false;
			}
		});

		it('answers 41 draft, 49 expired, 42 not open, 43 autologin disabled', async () => {
			const autologin = async (promotionId: number) =>
				(
					await bodyOf(
						api(`/users/autologin/${promotionId}`, jsonInit('POST', { external_id: 'crm-9' })),
					)
				).code;
			expect(await autologin(sandbox.promotions.draft.id)).toBe(41);
			expect(await autologin(sandbox.promotions.expired.id)).toBe(49);
			expect(await autologin(sandbox.promotions.upcoming.id)).toBe(42);
			const closed = simulator.addPromotion({ title: 'No autologin', autologinEnabled: false });
			expect(await autologin(closed.id)).toBe(43);
		});

		it('validate_code: 31 unknown, then valid once, then 32 already used', async () => {
			const stageId = sandbox.stages.code.id;
			const user = simulator.users(pid())[250];
			const code = simulator.unusedCodes(pid(), stageId)[0];
			const validate = async (value: string) =>
				await api(
					`/participations/${pid()}/validate_code/${stageId}`,
					jsonInit('POST', { user_id: user.id, code: value }),
				);
			expect(await bodyOf(validate('NOT-A-CODE'))).toMatchObject({ code: 31 });
			expect((await validate(code)).status).toBe(200);
			expect(await bodyOf(validate(code))).toMatchObject({ code: 32 });
			// the validated code unlocked one participation in the stage
			const played = await api(
				`/participations/${pid()}/participate/${stageId}`,
				jsonInit('POST', { user_id: user.id }),
			);
			expect((await bodyOf(played)).requirement).toEqual({ type: 'code', code, data: [] });
		});

		it('participate: 20 bad login token, then 10 when the stage limit is used up', async () => {
			const stageId = sandbox.stages.game.id;
			const participate = async (body: unknown) =>
				await api(`/participations/${pid()}/participate/${stageId}`, jsonInit('POST', body));
			expect(await bodyOf(participate({ login_token: 'nope' }))).toMatchObject({ code: 20 });
			expect(await bodyOf(participate({}))).toMatchObject({ code: 20 });
			const user = simulator.addUser(pid());
			const token = (await bodyOf(api(`/users/logintoken/${pid()}/${user.id}`)))
				.login_token as string;
			for (let index = 0; index < 5; index++)
				expect((await participate({ login_token: token, points: 10 })).status).toBe(200);
			const remaining = await bodyOf(
				api(`/participations/${pid()}/remaining/${stageId}/${user.id}`),
			);
			expect(remaining).toMatchObject({ remaining: 0 });
			expect(await bodyOf(participate({ login_token: token }))).toMatchObject({ code: 10 });
		});

		it('wheel: awards a prize, and answers 60 once no prize is left', async () => {
			const promotion = simulator.addPromotion({ title: 'Tiny wheel' });
			const wheel = simulator.addStage(promotion.id, { type: 'wheel', participationLimit: 5 });
			simulator.addPrizeType(promotion.id, { name: 'Sticker', qty: 1 });
			const user = simulator.addUser(promotion.id);
			const spin = async () =>
				await api(
					`/participations/${promotion.id}/participate/${wheel.id}`,
					jsonInit('POST', { user_id: user.id }),
				);
			expect((await bodyOf(spin())).prize.prize_type.name).toBe('Sticker');
			expect(await bodyOf(spin())).toMatchObject({ code: 60 });
		});

		it('segments: 61 for an unknown one, added and removed otherwise', async () => {
			const user = simulator.users(pid())[3];
			const add = await api(
				`/users/segments/${pid()}`,
				jsonInit('POST', { user_id: user.id, segments: ['vip', 'gold'] }),
			);
			expect(await bodyOf(add)).toMatchObject({ code: 61 });
			await api(
				`/users/segments/${pid()}`,
				jsonInit('POST', { user_id: user.id, segments: ['vip', 'newsletter'] }),
			);
			const removed = await api(
				`/users/segments/${pid()}`,
				jsonInit('DELETE', { user_id: user.id, segments: ['vip'] }),
			);
			expect(await bodyOf(removed)).toEqual({ user_id: user.id, segments: ['newsletter'] });
		});

		it('answers 404 to unknown promotions, users and stages', async () => {
			expect((await api('/promotions/999')).status).toBe(404);
			expect((await api(`/users/${pid()}/1`)).status).toBe(404);
			expect((await api(`/stages/${pid()}/1`)).status).toBe(404);
			expect((await api('/no_such_endpoint')).status).toBe(404);
		});
	});

	describe('request counts and faults', () => {
		it('counts by parametrised endpoint and injects 5xx by the same key', async () => {
			simulator.resetCounts();
			const pid = sandbox.promotions.active.id;
			await api(`/users/${pid}`);
			await api(`/users/${pid}/${simulator.users(pid)[0].id}`);
			await api(
				`/coin_transactions/${pid}`,
				jsonInit('POST', { user_id: simulator.users(pid)[0].id, amount: 1 }),
			);
			expect(simulator.count('GET /users/{pid}')).toBe(1);
			expect(simulator.count('GET /users/{pid}/{user_id}')).toBe(1);
			expect(simulator.count('POST /coin_transactions/{pid}')).toBe(1);
			simulator.injectFault('GET /promotions', { status: 503, body: { message: 'resting' } });
			expect((await api('/promotions')).status).toBe(503);
			expect((await api('/promotions')).status).toBe(200);
		});
	});

	describe('webhooks', () => {
		it('posts a JSON event mirroring the API object', async () => {
			const received: Array<{ headers: Record<string, unknown>; body: any }> = [];
			const receiver = createServer((request, response) => {
				const chunks: Buffer[] = [];
				request.on('data', (chunk: Buffer) => chunks.push(chunk));
				request.on('end', () => {
					received.push({
						headers: request.headers,
						body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
					});
					response.end('ok');
				});
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
			try {
				const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
				const pid = sandbox.promotions.active.id;
				const user = simulator.addUser(pid);
				expect((await simulator.sendWebhook(url, 'new_user', pid, user.id)).status).toBe(200);
				const transaction = simulator.addCoinTransaction(pid, { userId: user.id, amount: 15 });
				await simulator.sendWebhook(url, 'new_coin_transaction', pid, transaction.id);
				expect(received[0].headers['content-type']).toBe('application/json');
				expect(received[0].body).toMatchObject({
					event: 'new_user',
					promotion_id: pid,
					data: { id: user.id, email: user.email },
				});
				expect(received[1].body.data).toMatchObject({
					transaction: { id: transaction.id, amount: 15 },
					user: { id: user.id },
				});
			} finally {
				await new Promise((resolve) => receiver.close(resolve));
			}
		});
	});
});

describe('Easypromos simulator rate limit', () => {
	let simulator: EasypromosSimulator;

	beforeEach(async () => {
		simulator = await new EasypromosSimulator({ rateLimit: 10, windowMs: 500 }).start();
		simulator.addToken('account-1', { accountId: 1 });
		simulator.addToken('account-2', { accountId: 2 });
		simulator.addPromotion({ accountId: 1 });
	});

	afterEach(async () => await simulator.close());

	it('answers 429 with Retry-After past the limit, per account, and recovers after the window', async () => {
		// The accounts' clock stands still until the test moves it: no window closes because the
		// machine is slow.
		let clock = Date.now();
		simulator.now = () => clock;
		const api = client(simulator, 'account-1');
		for (let index = 0; index < 10; index++) expect((await api('/promotions')).status).toBe(200);
		const limited = await api('/promotions');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect((await api('/promotions')).status).toBe(429);
		expect(simulator.rateLimitedCount).toBe(2);
		// another account has its own window
		expect((await client(simulator, 'account-2')('/promotions')).status).toBe(200);
		// still refused just before the window's end, free at its end
		clock += 499;
		expect((await api('/promotions')).status).toBe(429);
		clock += 1;
		expect((await api('/promotions')).status).toBe(200);
	});

	it('leaves Retry-After out when told to', async () => {
		simulator.sendRetryAfter = false;
		const api = client(simulator, 'account-1');
		for (let index = 0; index < 10; index++) await api('/promotions');
		const limited = await api('/promotions');
		expect(limited.status).toBe(429);
		expect(limited.headers.has('retry-after')).toBe(false);
	});
});
