/**
 * The credential's two header names: Kimple's document names an API key and a secret but not the
 * headers that carry them. The defaults are X-Api-Key / X-Api-Secret; an account whose API expects
 * others sets them in the credential, and the simulator, told to expect them, accepts nothing else.
 */
import { CREDENTIAL_ID, byId, run, startKimple, type KimpleTestbed } from './setup';

let bed: KimpleTestbed;
beforeEach(async () => {
	bed = await startKimple();
});
afterEach(async () => {
	await bed.simulator.close();
});

const contests = { resource: 'contest', operation: 'getAll', returnAll: true };

const setHeaderNames = (key: string | undefined, secret: string | undefined) => {
	const data = bed.environment.credentials.stored(CREDENTIAL_ID).data;
	for (const [name, value] of [
		['keyHeaderName', key],
		['privateHeaderName', secret],
	] as const) {
		if (value === undefined) delete data[name];
		else data[name] = value;
	}
};

test('a credential saved before the header fields existed sends X-Api-Key and X-Api-Secret', async () => {
	setHeaderNames(undefined, undefined);
	const { json, error } = await run(bed.environment, contests);
	expect(error).toBeUndefined();
	expect(json).toHaveLength(5);
});

test('other header names: the default ones are refused, the credential names them, the list and Test work', async () => {
	bed.simulator.expectAuthHeaders({ key: 'X-Kimple-Key', secret: 'X-Kimple-Secret' });

	const refused = await run(bed.environment, contests);
	expect(refused.error?.message).toMatch(/^Kimple rejected the API key or secret \(HTTP 401\)/);

	setHeaderNames('X-Kimple-Key', 'X-Kimple-Secret');
	const { json, error } = await run(bed.environment, contests);
	expect(error).toBeUndefined();
	expect(json).toHaveLength(5);
	expect(await bed.environment.testCredential(CREDENTIAL_ID)).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
});

test('an empty header name falls back to the default, which the simulator then refuses', async () => {
	bed.simulator.expectAuthHeaders({ key: 'X-Kimple-Key', secret: 'X-Kimple-Secret' });
	setHeaderNames('X-Kimple-Key', '  ');
	const { error } = await run(bed.environment, contests);
	expect(error?.message).toMatch(/^Kimple rejected the API key or secret \(HTTP 401\)/);
	const shown = JSON.stringify([error?.message, error?.description]);
	expect(shown).not.toContain(bed.sandbox.apiSecret);
	expect(shown).not.toContain(bed.sandbox.apiKey);
});

describe('a header name that is not an HTTP token (RFC 9110)', () => {
	const keyNameWithSpace =
		'The API Key Header Name of the Kimple API credential holds a space, which an HTTP header name cannot: use only letters, digits and - (e.g. X-Api-Key), or empty the field for X-Api-Key';
	const secretNameWithColon =
		'The API Secret Header Name of the Kimple API credential holds ":", which an HTTP header name cannot: use only letters, digits and - (e.g. X-Api-Secret), or empty the field for X-Api-Secret';

	test('the node stops before any request, naming the field and what to fix', async () => {
		bed.simulator.logRequests = true;
		setHeaderNames('X Api Key', undefined);
		const { error } = await run(bed.environment, contests);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(keyNameWithSpace);
		setHeaderNames('X-Api-Key', 'X-Api-Secret:');
		expect((await run(bed.environment, contests)).error?.message).toBe(secretNameWithColon);
		expect(bed.simulator.requestLog).toEqual([]);
	});

	const getQuiz = () => ({ resource: 'contest', operation: 'get', contestId: byId('YP67sgn') });

	test('Continue On Fail: each item gets the error as its output, none is sent', async () => {
		bed.simulator.logRequests = true;
		setHeaderNames(undefined, 'X-Api-Secret\n');
		const { json } = await run(bed.environment, getQuiz(), [{}, {}], { continueOnFail: true });
		// Trimmed like the value sent: a final newline is no fault.
		expect(json.map((item) => item.hash_id)).toEqual(['YP67sgn', 'YP67sgn']);
		expect(bed.simulator.requestLog).toHaveLength(2);
		bed.simulator.resetCounts();
		setHeaderNames(undefined, 'X-Api\tSecret');
		const failed = await run(bed.environment, getQuiz(), [{}, {}], { continueOnFail: true });
		const message =
			'The API Secret Header Name of the Kimple API credential holds a control character (U+0009), which an HTTP header name cannot: use only letters, digits and - (e.g. X-Api-Secret), or empty the field for X-Api-Secret';
		expect(failed.json).toEqual([{ error: message }, { error: message }]);
		expect(bed.simulator.requestLog).toEqual([]);
	});

	test("the credential's Test fails with the same words, and the value is never shown", async () => {
		bed.simulator.logRequests = true;
		// A key pasted into the field by mistake: the message names a character, not the value.
		setHeaderNames(`${bed.sandbox.apiKey} `.replace(/^(.{3})/, '$1 '), undefined);
		const result = await bed.environment.testCredential(CREDENTIAL_ID);
		expect(result).toEqual({ status: 'Error', message: keyNameWithSpace });
		expect(bed.simulator.requestLog).toEqual([]);
	});
});
