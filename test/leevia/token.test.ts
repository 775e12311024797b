import type { LeeviaSimulator } from '../../sandbox/simulators/leevia';
import type { TestEnvironment } from '../harness';
import { CREDENTIAL_ID, leeviaWorkflow, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;

beforeEach(async () => {
	({ simulator, environment } = await startLeevia());
});
afterEach(async () => await simulator.close());

const listParticipants = leeviaWorkflow([{}], {
	resource: 'participant',
	operation: 'getAll',
	productId: '90',
	limit: 5,
});

describe('Leevia sign-in and token reuse', () => {
	test('while the token is valid, any number of executions sign in once', async () => {
		for (let run = 0; run < 5; run++) {
			const result = await environment.runWorkflow(listParticipants);
			expect(result.error).toBeUndefined();
		}
		expect(simulator.count('authenticate')).toBe(1);
		expect(environment.credentials.preAuthenticationCalls[CREDENTIAL_ID]).toBe(1);
		expect(simulator.count('GET participants')).toBe(5);
		// The token went to the credential store, where n8n keeps it between executions.
		expect(environment.credentials.stored(CREDENTIAL_ID).data.accessToken).toMatch(/^ey/);
	});

	test('after the token expires, the next call signs in once more and succeeds', async () => {
		await environment.runWorkflow(listParticipants);
		simulator.expireTokens();
		const result = await environment.runWorkflow(listParticipants);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia).toHaveLength(5);
		expect(simulator.count('authenticate')).toBe(2);
		// One refused call with the old token, one good call with the new one (and one in the first run).
		expect(simulator.count('GET participants')).toBe(3);
		await environment.runWorkflow(listParticipants);
		expect(simulator.count('authenticate')).toBe(2);
	});

	test('an expired token during a file upload signs in again and sends the file once', async () => {
		await environment.runWorkflow(listParticipants);
		simulator.expireTokens();
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[{}],
				{
					resource: 'participant',
					operation: 'register',
					email: 'upload@example.com',
					acceptRules: true,
					fileField: { file: { name: 'receipt', binaryPropertyName: 'data' } },
				},
				{},
				'scan',
			),
		);
		expect(result.error).toBeUndefined();
		expect(simulator.count('authenticate')).toBe(2);
		const contest = simulator.product('campaigns', '80')!;
		expect(contest.participants.filter((p) => p.email === 'upload@example.com')).toHaveLength(1);
		expect(Object.values(contest.files ?? {})).toHaveLength(1);
	});

	test('a wrong secret is caught at sign-in with a message that says what to check, and no secret', async () => {
		const stored = environment.credentials.stored(CREDENTIAL_ID);
		stored.data.apiSecret = 'not-the-secret';
		const result = await environment.runWorkflow(listParticipants);
		expect(result.error).toBe(
			'Leevia refused to sign in (HTTP 401): check the API key, the API secret, the product type and the product ID campaigns/80 in the credential',
		);
		expect(JSON.stringify(result.run.data.resultData.error)).not.toContain('not-the-secret');
	});

	test('a key that does not own the product is refused at sign-in', async () => {
		environment.credentials.stored(CREDENTIAL_ID).data.productId = '12345';
		const result = await environment.runWorkflow(listParticipants);
		expect(result.error).toContain('Leevia refused to sign in (HTTP 401)');
	});

	test('a token refused even after a fresh sign-in says to check key, secret and product', async () => {
		simulator.injectFault(
			'GET participants',
			{ status: 401, body: { errors: { token: ['is invalid'] } } },
			2,
		);
		const result = await environment.runWorkflow(listParticipants);
		expect(result.error).toBe(
			'Leevia refused the request (HTTP 401) even after signing in again: check the API key, the API secret, the product type and the product ID in the credential',
		);
		expect(simulator.count('authenticate')).toBe(2);
	});

	test('the sign-in sends unix seconds, signed as the document says', async () => {
		const result = await environment.runWorkflow(listParticipants);
		// The simulator refuses a timestamp more than 5 minutes off, so milliseconds would have failed.
		expect(result.error).toBeUndefined();
		expect(simulator.count('authenticate')).toBe(1);
	});
});

test('an unreachable host says to check the Base URL', async () => {
	environment.credentials.stored(CREDENTIAL_ID).data.baseUrl = 'http://127.0.0.1:9';
	const result = await environment.runWorkflow(listParticipants);
	expect(result.error).toBe(
		'Could not reach Leevia at http://127.0.0.1:9/api/v1: check the Base URL in the credential and the network between n8n and Leevia',
	);
	const error = result.run.data.resultData.runData.Leevia[0].error as unknown as {
		description: string;
	};
	expect(error.description).toBe(
		'The connection failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9).',
	);
});
