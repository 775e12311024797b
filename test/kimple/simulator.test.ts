/** The Kimple simulator itself, driven with plain fetch: it must hold a client to the contract. */
import {
	KIMPLE_GAME_TYPES,
	KimpleSimulator,
	type KimpleContestEntry,
	type KimpleParticipation,
	type KimpleSandbox,
} from '../../sandbox/simulators/kimple';

/** [doc] The two objects of kimple-api-v2.txt, as printed (the list reply's opening `{ "` restored). */
const DOC_CONTEST_TEXT = `{ "id": 0, "hash_id": "78HY9n", "version": 1, "state": 0, "activity_area": 6, "year_highlight": 0, "analytics_id": "", "analytics_script": "", "api_callback_uri": null, "confirm_opt_in_desktop_image_id": null, "confirm_opt_in_mobile_image_id": null, "confirm_opt_in_text": null, "background_color": "", "client_title": "", "custom_css": "", "custom_js": "", "title": "", "description": "wdxc", "height_desktop": 900, "height_facebook": 1000, "height_mobile": 1200, "hide_from_inspiration": false, "template": 33, "width_desktop": 1000, "width_facebook": 810, "width_mobile": 320, "is_anonymized": 0, "is_maintenance_mode": 0, "finish_at": "2019-08-15 14:47:00", "last_updated_at": "2019-08-15 14:56:02", "no_end_at": 0, "published_at": "2019-07-16 14:55:40", "start_at": "2019-07-16 14:47:00", "last_activities_update": null, "client_id": 0, "client_hash_id": "", "client_name": "0", "contest_stats_id": 12939, "contest_stats_hash_id": "eeOvCDZ", "content_link": null, "locale": "fr", "created_at": "2019-07-16 14:48:06", "updated_at": "2019-08-22 14:47:01" }`;
const DOC_ENTRY_LIST_TEXT = `{ "data": [ { "id": 0, "contest_entry_hash_id": "QKr1mkPcJb", "email": "kimple@kimpleapp.com", "firstname": "", "lastname": "", "gender": 0, "birthday": null, "address": "", "zipcode": "", "city": "", "country": "", "score": "0", "contest_hash_id": "YP67sgn", "last_play_at": null, "last_attempt_at": null, "last_submit_form_at": "2019-07-16 16:56:09", "on_facebook": false, "facebook_id": 0, "instagram_id": 0, "on_web": true, "on_mobile": false, "is_suspect": false, "is_cheater": false, "total_invite": 0, "total_share": 0, "total_play": 0, "total_attempt": 0, "total_facebook_like": 0, "total_google_plus_share": 0, "total_mail_received": 0, "total_mail_sent": 0, "total_pinterest_follow": 0, "total_submit_form": 1, "total_twitter_follow": 0, "total_twitter_retweet": 0, "total_twitter_share": 0, "total_youtube_follow": 0, "last_ip": "90.120.30.193", "phone": "", "created_at": "2019-07-16 16:56:08", "updated_at": "2019-08-05 13:37:39" } ] }`;

type Row = Record<string, any>;

/** Reply bodies are read as `any`: the assertions are what check their shape. */
async function bodyOf(response: Response | Promise<Response>): Promise<any> {
	return await (await response).json();
}

function client(simulator: KimpleSimulator, apiKey: string, apiSecret: string) {
	return async (path: string, headers: Record<string, string> = {}) =>
		await fetch(`${simulator.apiUrl}${path}`, {
			headers: { 'X-Api-Key': apiKey, 'X-Api-Secret': apiSecret, ...headers },
		});
}
type Api = ReturnType<typeof client>;

/** A list path with its query encoded the usual way (URLSearchParams). */
function listPath(section: string, query: Record<string, string | number> = {}): string {
	const params = new URLSearchParams(
		Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
	);
	const text = params.toString();
	return `/${section}/list${text ? `?${text}` : ''}`;
}

async function listAll(
	api: Api,
	section: string,
	query: Record<string, string> = {},
	limit = 100,
): Promise<{ rows: Row[]; pageSizes: number[] }> {
	const rows: Row[] = [];
	const pageSizes: number[] = [];
	for (let page = 1; ; page++) {
		const response = await api(listPath(section, { ...query, limit, page }));
		expect(response.status).toBe(200);
		const { data } = (await bodyOf(response)) as { data: Row[] };
		pageSizes.push(data.length);
		rows.push(...data);
		if (data.length < limit) return { rows, pageSizes };
		if (page > 100) throw new Error('no last page');
	}
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

describe('Kimple simulator', () => {
	let simulator: KimpleSimulator;
	let sandbox: KimpleSandbox;
	let api: Api;

	beforeAll(async () => {
		simulator = await new KimpleSimulator().start();
		sandbox = simulator.seedSandbox();
		api = client(simulator, sandbox.apiKey, sandbox.apiSecret);
	});
	afterAll(async () => await simulator.close());
	beforeEach(() => simulator.resetCounts());

	const entries = () => simulator.records<KimpleContestEntry>('contest_entry');

	describe('the key pair', () => {
		/** Which headers to send: `true` sends the sandbox's own value. */
		type HeaderParts = { key?: true | string; secret?: true | string };
		test.each<[string, HeaderParts]>([
			['no headers', {}],
			['the key alone', { key: true }],
			['the secret alone', { secret: true }],
			['a wrong secret', { key: true, secret: 'not-the-secret' }],
			['an unknown key with the right secret', { key: 'kmp_unknown', secret: true }],
		])('answers 401 to %s', async (_case, parts) => {
			const headers: Record<string, string> = {};
			if (parts.key) headers['X-Api-Key'] = parts.key === true ? sandbox.apiKey : parts.key;
			if (parts.secret)
				headers['X-Api-Secret'] = parts.secret === true ? sandbox.apiSecret : parts.secret;
			const response = await fetch(`${simulator.apiUrl}/contest/list`, { headers });
			expect(response.status).toBe(401);
			const text = await response.text();
			expect(JSON.parse(text)).toEqual({ code: 401, message: 'Invalid API key or secret' });
			expect(text).not.toContain(sandbox.apiSecret);
		});

		test('answers 403 to a revoked pair, and 200 once it is restored', async () => {
			const revoked = client(simulator, sandbox.revokedApiKey, sandbox.revokedApiSecret);
			const response = await revoked('/contest/list');
			expect(response.status).toBe(403);
			expect(await bodyOf(response)).toEqual({ code: 403, message: 'Access denied' });
			simulator.setKeyPairRevoked(sandbox.revokedApiKey, false);
			expect((await revoked('/contest/list')).status).toBe(200);
			simulator.setKeyPairRevoked(sandbox.revokedApiKey, true);
		});

		test('keeps the secret out of what it records', async () => {
			await api(listPath('contest'));
			expect(JSON.stringify(simulator.received)).not.toContain(sandbox.apiSecret);
		});
	});

	describe("the document's objects", () => {
		test('serves the contest exactly as printed, key order included', async () => {
			const response = await api('/contest/78HY9n');
			expect(response.status).toBe(200);
			const text = await response.text();
			expect(JSON.parse(text)).toStrictEqual(JSON.parse(DOC_CONTEST_TEXT));
			expect(text).toBe(JSON.stringify(JSON.parse(DOC_CONTEST_TEXT)));
		});

		test("answers the document's list example with its entry, exactly as printed", async () => {
			const response = await api(
				'/contest_entry/list?limit=10&order=firstname%20asc&search=email~%3D%27kimpleapp.com%27',
			);
			// Compared as text: the key order is part of "exactly as printed".
			expect(await response.text()).toBe(JSON.stringify(JSON.parse(DOC_ENTRY_LIST_TEXT)));
			const one = await (await api('/contest_entry/QKr1mkPcJb')).text();
			expect(one).toBe(JSON.stringify(JSON.parse(DOC_ENTRY_LIST_TEXT).data[0]));
		});

		test("answers the document's combined example: cassiop.com emails, by first name", async () => {
			const { data } = await bodyOf(
				api('/contest_entry/list?limit=10&order=firstname%20asc&search=email~%3D%27cassiop.com%27'),
			);
			expect(data).toHaveLength(10);
			for (const row of data) expect(row.email).toContain('cassiop.com');
			const names = data.map((row: Row) => row.firstname);
			expect([...names].sort(collator.compare)).toEqual(names);
		});
	});

	describe('sections and records', () => {
		test('every section lists in the {data: [...]} envelope, 20 a page by default', async () => {
			for (const section of [
				'client',
				'contest',
				'contest_entry',
				'campaign',
				'contest_participation',
			]) {
				const body = await bodyOf(api(listPath(section)));
				expect(Object.keys(body)).toEqual(['data']);
				expect(body.data.length).toBe(Math.min(20, simulator.records(section as never).length));
			}
			const [firstClient] = (await bodyOf(api(listPath('client')))).data;
			expect(Object.keys(firstClient)).toEqual([
				'id',
				'hash_id',
				'name',
				'city',
				'subscription_id',
				'created_at',
				'updated_at',
			]);
		});

		test('campaigns carry their contest and statistics', async () => {
			const { data } = await bodyOf(api(listPath('campaign', { limit: 100 })));
			expect(data).toHaveLength(sandbox.campaigns.length);
			for (const campaign of data) {
				expect(campaign).toEqual({
					id: expect.any(Number),
					hash_id: expect.stringMatching(/^[A-Za-z0-9]{6,10}$/),
					title: expect.any(String),
					contest_id: expect.any(Number),
					contest_hash_id: expect.any(String),
					statistics: {
						open_rate: expect.any(Number),
						bounce_rate: expect.any(Number),
						click_rate: expect.any(Number),
						emails_sent: expect.any(Number),
						emails_opened: expect.any(Number),
					},
					created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
					updated_at: expect.any(String),
				});
			}
		});

		test('participations carry the game data of each game type', async () => {
			const byType = new Map<string, KimpleParticipation>();
			const { rows } = await listAll(api, 'contest_participation');
			for (const row of rows) byType.set(row.game_type, row as KimpleParticipation);
			expect([...byType.keys()].sort()).toEqual([...KIMPLE_GAME_TYPES].sort());
			const photos = rows.filter((row) => row.game_type === 'photo');
			for (const { game_data: gameData } of photos) {
				expect(gameData).toEqual({
					photo: {
						link: expect.stringMatching(/^https:\/\/.+\.jpg$/),
						title: expect.any(String),
						description: expect.any(String),
						vote: gameData.photo.vote === null ? null : 1,
					},
				});
			}
			expect(new Set(photos.map((row) => row.game_data.photo.vote))).toEqual(new Set([1, null]));
			const purchase = rows.filter((row) => row.game_type === 'purchase');
			expect(purchase[0].game_data).toEqual({
				access_codes: [expect.stringMatching(/^[A-Z0-9]{6}$/)],
				purchase_proofs: [expect.stringMatching(/proof\.jpg$/)],
				sogec: expect.anything(),
			});
			expect(purchase.some((row) => row.game_data.sogec === null)).toBe(true);
			const sogec = purchase.find((row) => row.game_data.sogec)!.game_data.sogec;
			expect(Object.keys(sogec)).toEqual([
				'participation_id',
				'validation_status',
				'comment',
				'returned_at',
			]);
			const { quiz } = byType.get('quiz')!.game_data as { quiz: Row };
			expect(typeof quiz.score).toBe('string');
			expect(typeof quiz.time_spend).toBe('number');
			const good = quiz.answers.filter((answer: Row) => answer.is_good === 1).length;
			expect(String(good)).toBe(quiz.score);
			expect(byType.get('instant_win')!.game_data).toEqual({});
			expect(rows.some((row) => row.gift && row.gift.unique_code)).toBe(true);
			expect(Object.keys(rows[0].form)).toEqual([
				'firstname',
				'lastname',
				'email',
				'address',
				'city',
				'zipcode',
				'optin',
			]);
		});

		test('gets one record by numeric id and by hash id, the bare object', async () => {
			const { data } = await bodyOf(api(listPath('contest_entry', { page: 2 })));
			const entry = data[3];
			expect(entry.id).toBeGreaterThan(0);
			expect(await bodyOf(api(`/contest_entry/${entry.id}`))).toEqual(entry);
			expect(await bodyOf(api(`/contest_entry/${entry.contest_entry_hash_id}`))).toEqual(entry);
			const contest = await bodyOf(api(`/contest/${sandbox.contests.quiz.id}`));
			expect(contest.hash_id).toBe('YP67sgn');
			expect(contest.game_type).toBe('quiz');
		});

		test.each([
			['/contest_entry/NoSuchOne', 'Contest entry not found'],
			['/contest_entry/99999999', 'Contest entry not found'],
			['/contest_entry/0', 'Contest entry not found'],
			['/contest/NoSuchOne', 'Contest not found'],
			['/client/NoSuchOne', 'Client not found'],
			['/campaign/NoSuchOne', 'Campaign not found'],
			['/contest_participation/NoSuchOne', 'Contest participation not found'],
		])('answers 404 to %s', async (path, message) => {
			const response = await api(path);
			expect(response.status).toBe(404);
			expect(await bodyOf(response)).toEqual({ code: 404, message });
		});
	});

	describe('list options', () => {
		test('limit goes from 1 to 100; anything else is a 400 naming limit', async () => {
			expect((await bodyOf(api(listPath('contest_entry', { limit: 1 })))).data).toHaveLength(1);
			expect((await bodyOf(api(listPath('contest_entry', { limit: 100 })))).data).toHaveLength(100);
			for (const limit of ['0', '101', '-1', 'ten', '2.5']) {
				const response = await api(listPath('contest_entry', { limit }));
				expect(response.status).toBe(400);
				expect(await bodyOf(response)).toEqual({
					code: 400,
					message: 'limit must be between 1 and 100',
				});
			}
		});

		test('page counts from 1; a page that is not a positive integer is a 400', async () => {
			const first = await bodyOf(api(listPath('contest_entry')));
			expect(await bodyOf(api(listPath('contest_entry', { page: 1 })))).toEqual(first);
			for (const page of ['0', '-2', 'two']) {
				const response = await api(listPath('contest_entry', { page }));
				expect(response.status).toBe(400);
				expect((await bodyOf(response)).message).toMatch(/^page /);
			}
		});

		test('a page past the end is empty', async () => {
			const response = await api(listPath('contest_entry', { limit: 100, page: 50 }));
			expect(response.status).toBe(200);
			expect(await bodyOf(response)).toEqual({ data: [] });
		});

		test('the default order is by id, and pages neither overlap nor skip', async () => {
			const { rows } = await listAll(api, 'contest_entry', {}, 37);
			expect(rows).toHaveLength(entries().length);
			expect(new Set(rows.map((row) => row.contest_entry_hash_id)).size).toBe(rows.length);
			const ids = rows.map((row) => row.id);
			expect(ids).toEqual([...ids].sort((a, b) => a - b));
		});

		test("contest_hash_id scopes a list to one contest: the quiz's 250 entries in 3 pages", async () => {
			const { rows, pageSizes } = await listAll(api, 'contest_entry', {
				search: "contest_hash_id='YP67sgn'",
			});
			expect(pageSizes).toEqual([100, 100, 50]);
			expect(new Set(rows.map((row) => row.contest_entry_hash_id)).size).toBe(250);
			expect(rows.every((row) => row.contest_hash_id === 'YP67sgn')).toBe(true);
			expect(rows.map((row) => row.contest_entry_hash_id)).toContain('QKr1mkPcJb');
		});

		test('order on two fields, directions in any case, a missing direction meaning asc', async () => {
			const { rows } = await listAll(api, 'contest_entry', {
				search: "contest_hash_id='YP67sgn'",
				order: 'lastname DESC, firstname',
			});
			expect(rows).toHaveLength(250);
			for (let index = 1; index < rows.length; index++) {
				const [before, after] = [rows[index - 1], rows[index]];
				const byLastname = collator.compare(before.lastname, after.lastname);
				expect(byLastname).toBeGreaterThanOrEqual(0);
				if (byLastname === 0)
					expect(collator.compare(before.firstname, after.firstname)).toBeLessThanOrEqual(0);
			}
			// Ties keep insertion order, so the same query pages the same way every time.
			const again = await listAll(api, 'contest_entry', {
				search: "contest_hash_id='YP67sgn'",
				order: 'lastname desc,firstname asc',
			});
			expect(again.rows).toEqual(rows);
		});

		test('~= contains, whatever the case', async () => {
			const { rows } = await listAll(api, 'contest_entry', { search: "email~='ORANGE.FR'" });
			const expected = entries().filter((entry) => entry.email.includes('orange.fr'));
			expect(expected.length).toBeGreaterThan(0);
			expect(rows.map((row) => row.email)).toEqual(expected.map((entry) => entry.email));
		});

		test('= equals: text exactly, numbers by value', async () => {
			const target = entries()[42];
			const byEmail = await bodyOf(
				api(listPath('contest_entry', { search: `email='${target.email}'` })),
			);
			expect(byEmail.data.map((row: Row) => row.contest_entry_hash_id)).toEqual([
				target.contest_entry_hash_id,
			]);
			const upper = await bodyOf(
				api(listPath('contest_entry', { search: `email='${target.email.toUpperCase()}'` })),
			);
			expect(upper.data).toEqual([]);
			const { rows } = await listAll(api, 'contest_entry', { search: "total_play='2.0'" });
			expect(rows.length).toBe(entries().filter((entry) => entry.total_play === 2).length);
			expect(rows.length).toBeGreaterThan(0);
		});

		test('> and < compare numbers by value and dates as text', async () => {
			const scores = await listAll(api, 'contest_entry', { search: "score>'3'" });
			expect(scores.rows.length).toBe(entries().filter((entry) => Number(entry.score) > 3).length);
			expect(scores.rows.every((row) => Number(row.score) > 3)).toBe(true);
			const all = entries();
			const [from, to] = [all[100].created_at, all[120].created_at];
			const between = await listAll(api, 'contest_entry', {
				search: `created_at>'${from}' and created_at<'${to}'`,
			});
			const expected = all.filter((entry) => entry.created_at > from && entry.created_at < to);
			expect(between.rows.map((row) => row.contest_entry_hash_id)).toEqual(
				expected.map((entry) => entry.contest_entry_hash_id),
			);
			expect(expected.length).toBeGreaterThan(10);
		});

		test("a doubled quote inside a value stands for one quote: 'N''Diaye'", async () => {
			const expected = entries().filter((entry) => entry.lastname === "N'Diaye");
			expect(expected.length).toBeGreaterThan(0);
			const { rows } = await listAll(api, 'contest_entry', { search: "lastname='N''Diaye'" });
			expect(rows.map((row) => row.contest_entry_hash_id)).toEqual(
				expected.map((entry) => entry.contest_entry_hash_id),
			);
			const encoded = await bodyOf(
				api('/contest_entry/list?limit=100&search=lastname%3D%27N%27%27Diaye%27'),
			);
			expect(encoded.data.length).toBe(Math.min(100, expected.length));
		});

		test('AND joins two conditions', async () => {
			const { rows } = await listAll(api, 'contest_entry', {
				search: "contest_hash_id='YP67sgn' AND email~='orange.fr'",
			});
			const expected = entries().filter(
				(entry) => entry.contest_hash_id === 'YP67sgn' && entry.email.includes('orange.fr'),
			);
			expect(expected.length).toBeGreaterThan(0);
			expect(rows.map((row) => row.contest_entry_hash_id)).toEqual(
				expected.map((entry) => entry.contest_entry_hash_id),
			);
		});

		test('a value that arrives still percent-encoded is plain text', async () => {
			const response = await api('/contest_entry/list?search=email~%3D%27%2540orange%27');
			expect(simulator.received.at(-1)!.query.search).toBe("email~='%40orange'");
			expect(await bodyOf(response)).toEqual({ data: [] });
		});

		test.each([
			['search', "emial~='x'", 'search: unknown field "emial"'],
			['search', "email'x'", 'search: expected an operator after "email" at character 6'],
			['search', "email='abc", 'search: unterminated quoted value at character 7'],
			['search', 'email~=abc', 'search: expected a quoted value after "email~=" at character 8'],
			[
				'search',
				"email~='a' OR city='b'",
				'search: expected AND between conditions at character 12',
			],
			['search', "email~='a' AND ='b'", 'search: expected a field name at character 16'],
			['search', "form~='x'", 'search: field "form" holds an object and cannot be searched'],
			['order', 'foo asc', 'order: unknown field "foo"'],
			['order', 'lastname up', 'order: unknown direction "up" after "lastname" (asc or desc)'],
			['order', 'lastname asc,', 'order: empty part in "lastname asc,"'],
			[
				'order',
				'lastname asc desc',
				'order: expected "field asc" or "field desc", got "lastname asc desc"',
			],
		])('a bad %s (%s) is a 400 naming the wrong part', async (option, value, message) => {
			const section = value.startsWith('form') ? 'contest_participation' : 'contest_entry';
			const response = await api(listPath(section, { [option]: value }));
			expect(response.status).toBe(400);
			expect(await bodyOf(response)).toEqual({ code: 400, message });
		});

		test('nested fields cannot be sorted either', async () => {
			const response = await api(listPath('campaign', { order: 'statistics desc' }));
			expect(await bodyOf(response)).toEqual({
				code: 400,
				message: 'order: field "statistics" holds an object and cannot be sorted',
			});
		});
	});

	describe('what tests can assert', () => {
		test('counts requests per route and records their query as received', async () => {
			await api(listPath('contest_entry', { order: 'lastname desc', search: "city='Lyon'" }));
			await api(listPath('contest_entry', { page: 2 }));
			await api('/contest_entry/QKr1mkPcJb');
			await api('/contest/78HY9n');
			expect(simulator.count('GET /contest_entry/list')).toBe(2);
			expect(simulator.count('GET /contest_entry/{id}')).toBe(1);
			expect(simulator.count('GET /contest/{id}')).toBe(1);
			expect(simulator.received[0]).toEqual({
				method: 'GET',
				path: '/api/contest_entry/list',
				key: 'GET /contest_entry/list',
				query: { order: 'lastname desc', search: "city='Lyon'" },
			});
		});

		test('an injected fault answers instead of the handler, once', async () => {
			simulator.injectFault('GET /contest/list', {
				status: 503,
				body: { code: 503, message: 'Service unavailable' },
			});
			expect((await api(listPath('contest'))).status).toBe(503);
			expect((await api(listPath('contest'))).status).toBe(200);
			expect(simulator.faultCount()).toBe(1);
			expect(simulator.count('GET /contest/list')).toBe(2);
		});

		test('appended records come later; with sameSecond they share one second', async () => {
			const newest = entries().reduce(
				(max, entry) => (entry.created_at > max ? entry.created_at : max),
				'',
			);
			const appended = simulator.appendEntries('YP67sgn', 4, { sameSecond: true });
			expect(new Set(appended.map((entry) => entry.created_at)).size).toBe(1);
			expect(appended[0].created_at > newest).toBe(true);
			const { rows } = await listAll(api, 'contest_entry', {
				search: `created_at>'${newest}'`,
			});
			expect(rows.map((row) => row.contest_entry_hash_id)).toEqual(
				appended.map((entry) => entry.contest_entry_hash_id),
			);
			const participations = simulator.appendParticipations('YP67sgn', 3, { secondsApart: 5 });
			const times = participations.map((participation) =>
				Date.parse(participation.created_at + 'Z'),
			);
			expect(times[1] - times[0]).toBe(5000);
			for (const entry of appended)
				simulator.deleteRecord('contest_entry', entry.contest_entry_hash_id);
			for (const participation of participations)
				simulator.deleteRecord(
					'contest_participation',
					participation.contest_participation_hash_id,
				);
			expect((await api(`/contest_entry/${appended[0].contest_entry_hash_id}`)).status).toBe(404);
			expect(
				(await listAll(api, 'contest_entry', { search: `created_at>'${newest}'` })).rows,
			).toEqual([]);
		});

		test('setClock sets the created_at of the next records', () => {
			simulator.setClock('2030-01-01 00:00:00');
			const [entry] = simulator.appendEntries('YP67sgn', 1, { secondsApart: 2 });
			expect(entry.created_at).toBe('2030-01-01 00:00:02');
			expect(simulator.clock).toBe('2030-01-01 00:00:02');
			simulator.deleteRecord('contest_entry', entry.contest_entry_hash_id);
		});

		test('the same seed gives the same data', () => {
			const other = new KimpleSimulator();
			other.seedSandbox();
			for (const section of ['client', 'contest', 'contest_entry', 'campaign'] as const)
				expect(other.records(section)).toEqual(
					simulator.records(section).slice(0, other.records(section).length),
				);
		});
	});

	test("hash ids look like the document's and are unique", () => {
		const hashIds = [
			...simulator.records('client').map((row) => row.hash_id),
			...simulator.records('contest').map((row) => row.hash_id),
			...simulator.records('contest_entry').map((row) => row.contest_entry_hash_id),
			...simulator.records('campaign').map((row) => row.hash_id),
			...simulator.records('contest_participation').map((row) => row.contest_participation_hash_id),
		] as string[];
		expect(new Set(hashIds).size).toBe(hashIds.length);
		for (const hashId of hashIds) expect(hashId).toMatch(/^(?=.*[A-Za-z])[A-Za-z0-9]{6,10}$/);
	});
});

describe('Kimple simulator with masked ids', () => {
	let simulator: KimpleSimulator;
	let api: Api;

	beforeAll(async () => {
		simulator = await new KimpleSimulator({ maskIds: true }).start();
		const sandbox = simulator.seedSandbox({ apiKey: 'masked-key', apiSecret: 'masked-secret' });
		api = client(simulator, sandbox.apiKey, sandbox.apiSecret);
	});
	afterAll(async () => await simulator.close());

	test('every id and client_id reads 0', async () => {
		for (const section of [
			'client',
			'contest',
			'contest_entry',
			'campaign',
			'contest_participation',
		]) {
			const { data } = await bodyOf(api(listPath(section, { limit: 100 })));
			for (const row of data) {
				expect(row.id).toBe(0);
				if ('client_id' in row) expect(row.client_id).toBe(0);
			}
		}
	});

	test('a numeric id finds nothing; the hash id finds the record', async () => {
		const { data } = await bodyOf(api(listPath('contest_entry', { limit: 5 })));
		const entry = data[4];
		expect((await api('/contest_entry/0')).status).toBe(404);
		expect((await api('/contest_entry/5200010')).status).toBe(404);
		const byHash = await api(`/contest_entry/${entry.contest_entry_hash_id}`);
		expect(byHash.status).toBe(200);
		expect(await bodyOf(byHash)).toEqual(entry);
		const id = await bodyOf(api(`/contest/YP67sgn`));
		expect([id.id, id.client_id]).toEqual([0, 0]);
	});

	test('the default order falls back to the hash id, so pages neither overlap nor skip', async () => {
		const { rows } = await listAll(api, 'contest_entry', {}, 45);
		expect(rows).toHaveLength(simulator.records('contest_entry').length);
		const hashIds = rows.map((row) => row.contest_entry_hash_id as string);
		expect(new Set(hashIds).size).toBe(rows.length);
		expect(hashIds).toEqual([...hashIds].sort());
	});
});

describe('Kimple simulator rate limit', () => {
	test('answers 429 with Retry-After past the limit, per key, until the window passes', async () => {
		const simulator = await new KimpleSimulator({ rateLimit: 3, windowMs: 30_000 }).start();
		try {
			simulator.addKeyPair('rate-key', 'rate-secret');
			simulator.addKeyPair('other-key', 'other-secret');
			const api = client(simulator, 'rate-key', 'rate-secret');
			for (let index = 0; index < 3; index++) expect((await api('/contest/list')).status).toBe(200);
			const limited = await api('/contest/list');
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
			expect(await bodyOf(limited)).toEqual({ code: 429, message: 'Too many requests' });
			expect(simulator.rateLimitedCount).toBe(1);
			expect((await client(simulator, 'other-key', 'other-secret')('/contest/list')).status).toBe(
				200,
			);
			simulator.resetRateLimit();
			expect((await api('/contest/list')).status).toBe(200);
		} finally {
			await simulator.close();
		}
	});

	test('is off by default', async () => {
		const simulator = await new KimpleSimulator().start();
		try {
			simulator.addKeyPair('k', 's');
			const api = client(simulator, 'k', 's');
			const statuses = await Promise.all(
				Array.from({ length: 150 }, async () => (await api('/client/list')).status),
			);
			expect(new Set(statuses)).toEqual(new Set([200]));
		} finally {
			await simulator.close();
		}
	});
});
