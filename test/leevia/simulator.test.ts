/** The simulator itself enforces what Leevia's document says, so a node that skips a step fails. */
import { leeviaSignature } from '../../nodes/Leevia/transport';
import { LEEVIA_ACCEPT, type LeeviaSimulator } from '../../sandbox/simulators/leevia';
import { API_KEY, API_SECRET, startLeevia } from './setup';

let simulator: LeeviaSimulator;

beforeEach(async () => {
	({ simulator } = await startLeevia());
});
afterEach(async () => await simulator.close());

async function signIn(timestamp: string | number, headers: Record<string, string> = {}) {
	return await fetch(`${simulator.url}/api/v1/campaigns/80/authenticate`, {
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
		const token = (await signIn(now())).headers.get('authorization')!;
		const list = async (authorization: string) =>
			await fetch(`${simulator.url}/api/v1/campaigns/90/participants`, {
				headers: { Accept: LEEVIA_ACCEPT, Authorization: authorization },
			});
		expect((await list(token)).status).toBe(200);
		expect((await list('Bearer made-up')).status).toBe(401);
		simulator.expireTokens();
		expect((await list(token)).status).toBe(401);
	});

	test('pages hold 100 participants in the documented envelope', async () => {
		const token = (await signIn(now())).headers.get('authorization')!;
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
