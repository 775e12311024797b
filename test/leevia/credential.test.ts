import type { LeeviaSimulator } from '../../sandbox/simulators/leevia';
import type { TestEnvironment } from '../harness';
import { API_SECRET, CREDENTIAL_ID, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;

beforeEach(async () => {
	({ simulator, environment } = await startLeevia());
});
afterEach(async () => await simulator.close());

describe('Leevia credential "Test" in the editor', () => {
	test('good key and secret: it signs in and lists one page', async () => {
		expect(await environment.testCredential(CREDENTIAL_ID)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(simulator.count('authenticate')).toBe(1);
		expect(simulator.count('GET participants')).toBe(1);
	});

	test('signs in again even when a token is stored, so a changed secret is caught', async () => {
		await environment.testCredential(CREDENTIAL_ID);
		const stored = environment.credentials.stored(CREDENTIAL_ID);
		stored.data.apiSecret = `${API_SECRET}-typo`;
		const verdict = await environment.testCredential(CREDENTIAL_ID);
		expect(verdict).toEqual({
			status: 'Error',
			message:
				'Leevia refused to sign in (HTTP 401): check the API key, the API secret, the product type and the product ID campaigns/80 in the credential',
		});
		expect(verdict.message).not.toContain('typo');
	});

	test('a missing product ID is named', async () => {
		environment.credentials.stored(CREDENTIAL_ID).data.productId = '';
		expect(await environment.testCredential(CREDENTIAL_ID)).toEqual({
			status: 'Error',
			message: 'The Leevia credential needs an API key, an API secret and a product ID',
		});
		expect(simulator.count('authenticate')).toBe(0);
	});
});
