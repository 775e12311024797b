/** The simulator itself enforces what Leevia's document says, so a node that skips a step fails. */
import { leeviaSignature } from '../../nodes/Leevia/transport';
import { LEEVIA_ACCEPT, type LeeviaSimulator } from '../../sandbox/simulators/leevia';
import { API_KEY, API_SECRET, startLeevia } from './setup';

let simulator: LeeviaSimulator;

beforeEach(async () => {
	({ simulator } = await startLeevia());
});
afterEach(async () => await simulator.close());

async function signIn(
	timestamp: string | number,
	headers: Record<string, string> = {},
	product = 'campaigns/80',
) {
	return await fetch(`${simulator.url}/api/v1/${product}/authenticate`, {
		headers: {
			Accept: LEEVIA_ACCEPT,
			'Content-Type': 'application/json',
			'App-Key': API_KEY,
			Timestamp: String(timestamp),
			Signature: leeviaSignature(API_KEY, API_SECRET, timestamp),
			...headers,
		},
	});
}
const now = () => Math.floor(Date.now() / 1000);

describe('Leevia simulator', () => {
	test('answers a correct sign-in with 204, the JWT and its expiry', async () => {
		const response = await signIn(now());
		expect(response.status).toBe(204);
		expect(response.headers.get('authorization')).toMatch(/^Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(Number(response.headers.get('x-expires'))).toBeGreaterThan(now() + 86_000);
	});

	test.each([
		['a timestamp 10 minutes old', now() - 600, {}],
		['a timestamp in milliseconds', Date.now(), {}],
		['a wrong signature', now(), { Signature: 'f'.repeat(64) }],
		['an unknown key', now(), { 'App-Key': 'someone-else' }],
	])('refuses %s with 401', async (_case, timestamp, headers) => {
		expect((await signIn(timestamp, headers)).status).toBe(401);
	});

	test('accepts a date-string timestamp, as the document allows', async () => {
		const date = new Date()
			.toISOString()
			.replace('T', ' ')
			.replace(/\.\d+Z$/, ' +0000');
		expect((await signIn(date)).status).toBe(204);
	});

	test('requires the Leevia Accept header', async () => {
		expect((await signIn(now(), { Accept: 'application/json' })).status).toBe(406);
	});

	test('refuses unknown and expired tokens', async () => {
		const token = (await signIn(now(), {}, 'campaigns/90')).headers.get('authorization')!;
		const list = async (authorization: string) =>
			await fetch(`${simulator.url}/api/v1/campaigns/90/participants`, {
				headers: { Accept: LEEVIA_ACCEPT, Authorization: authorization },
			});
		expect((await list(token)).status).toBe(200);
		expect((await list('Bearer made-up')).status).toBe(401);
		simulator.expireTokens();
		expect((await list(token)).status).toBe(401);
	});

	test('a token opens only the product it was signed in for, as the document binds it', async () => {
		const token = (await signIn(now())).headers.get('authorization')!;
		const get = async (path: string) =>
			await fetch(`${simulator.url}/api/v1${path}`, {
				headers: { Accept: LEEVIA_ACCEPT, Authorization: token },
			});
		expect((await get('/campaigns/80/participants')).status).toBe(200);
		const other = await get('/campaigns/90/participants');
		expect(other.status).toBe(401);
		expect(await other.json()).toEqual({ errors: { token: ['is not valid for this product'] } });
		expect((await get('/loyalty_portals/456/campaigns')).status).toBe(401);
		expect(simulator.signIns).toEqual({ 'campaigns/80': 1 });
	});

	test('the registration and participation exports list their phase, a player once per play', async () => {
		const contest = simulator.product('campaigns', '80')!;
		contest.participants.push(
			...simulator.makeParticipants(3).map((participant, index) => ({
				...participant,
				plays: [0, 1, 3][index],
				registered: index !== 1,
			})),
		);
		const [first, second, third] = contest.participants.map((participant) => participant.id);
		const token = (await signIn(now())).headers.get('authorization')!;
		const ids = async (type: string) => {
			const response = await fetch(
				`${simulator.url}/api/v1/campaigns/80/participants${type ? `?type=${type}` : ''}`,
				{ headers: { Accept: LEEVIA_ACCEPT, Authorization: token } },
			);
			const body = (await response.json()) as { participants: Array<Record<string, unknown>> };
			return body.participants.map((participant) => participant.id);
		};
		expect(await ids('')).toEqual([first, second, third]);
		expect(await ids('registration')).toEqual([first, third]);
		expect(await ids('participation')).toEqual([second, third, third, third]);
	});

	test('pages hold 100 participants in the documented envelope', async () => {
		const token = (await signIn(now(), {}, 'campaigns/90')).headers.get('authorization')!;
		const response = await fetch(`${simulator.url}/api/v1/campaigns/90/participants?page=2`, {
			headers: { Accept: LEEVIA_ACCEPT, Authorization: token },
		});
		const body = (await response.json()) as {
			participants: unknown[];
			pagination: Record<string, unknown>;
		};
		expect(body.participants).toHaveLength(100);
		expect(body.pagination).toMatchObject({
			current: 2,
			previous_page: 1,
			next_page: 3,
			per_page: 100,
			pages: 3,
			count: 250,
		});
		expect(body.pagination.next).toBe(`${simulator.url}/api/v1/campaigns/90/participants?page=3`);
	});
});
