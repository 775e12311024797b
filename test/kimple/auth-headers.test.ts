/**
 * The credential's two header names: Kimple's document names an API key and a secret but not the
 * headers that carry them. The defaults are X-Api-Key / X-Api-Secret; an account whose API expects
 * others sets them in the credential, and the simulator, told to expect them, accepts nothing else.
 */
import { CREDENTIAL_ID, run, startKimple, type KimpleTestbed } from './setup';

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
