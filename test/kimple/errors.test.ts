/** Kimple's refusals and faults, each as the message a person reads, and continueOnFail. */
import type { IDataObject } from 'n8n-workflow';

import { CREDENTIAL_ID, fromList, run, startKimple, useKeys, type KimpleTestbed } from './setup';

let bed: KimpleTestbed;
beforeEach(async () => {
	bed = await startKimple();
});
afterEach(async () => {
	await bed.simulator.close();
});

const entries = (extra: IDataObject = {}) => ({
	resource: 'contestEntry',
	operation: 'getAll',
	returnAll: true,
	...extra,
});

describe('the credential', () => {
	test('Test lists one contest', async () => {
		expect(await bed.environment.testCredential(CREDENTIAL_ID)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(bed.simulator.received.at(-1)).toMatchObject({
			key: 'GET /contest/list',
			query: { limit: '1' },
		});
	});

	test('a wrong secret: Test and the node say where to find the key and the secret, never showing them', async () => {
		useKeys(bed.environment, bed.sandbox.apiKey, 'not-the-secret-4711');
		const verdict = await bed.environment.testCredential(CREDENTIAL_ID);
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(/check both\. In Kimple: Account settings → Integration/);
		expect(verdict.message).toMatch(/Generate your secret API/);
		const { error } = await run(bed.environment, entries());
		expect(error?.message).toMatch(
			/^Kimple rejected the API key or secret \(HTTP 401\): check both/,
		);
		const shown = JSON.stringify([verdict, error?.message, error?.description]);
		expect(shown).not.toContain('not-the-secret-4711');
		expect(shown).not.toContain(bed.sandbox.apiKey);
	});

	test('a revoked key: 403 says to check the key and the account', async () => {
		useKeys(bed.environment, bed.sandbox.revokedApiKey, bed.sandbox.revokedApiSecret);
		const { error } = await run(bed.environment, entries());
		expect(error?.message).toMatch(/^Kimple refused access \(HTTP 403\)/);
		expect((await bed.environment.testCredential(CREDENTIAL_ID)).message).toMatch(
			/Kimple refused this API key/,
		);
	});
});

describe('bad input is named before anything is sent', () => {
	test.each([
		[
			{ options: { search: "email~='x" } },
			/^Search Expression "email~='x" is not valid: the quoted value that starts at character 8 is not closed/,
		],
		[
			{ options: { search: "email='a' OR city='b'" } },
			/expected AND between conditions at character 11/,
		],
		[
			{ sort: { fields: [{ field: 'first name', direction: 'asc' }] } },
			/^Sort field 1: "first name" is not a field name/,
		],
		[
			{ filters: { conditions: [{ field: 'e-mail', operator: 'equals', value: 'x' }] } },
			/^Filter 1: "e-mail" is not a field name/,
		],
		[{ returnAll: false, limit: 0 }, /^Limit "0" is not valid/],
		[{ requestOptions: { maxWait: -1 } }, /^Max Wait "-1" is not valid/],
	])('%j', async (extra, message) => {
		const { error } = await run(bed.environment, entries(extra));
		expect(error?.message).toMatch(message);
		expect(bed.simulator.count('GET /contest_entry/list')).toBe(0);
	});

	test('a masked ID 0 asks for the hash ID', async () => {
		const { error } = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'get',
			contestEntryId: '0',
		});
		expect(error?.message).toBe(
			"Contest entry ID 0 is a masked ID (Kimple shows numeric IDs as 0): give the record's hash ID instead",
		);
	});
});

describe("Kimple's refusals", () => {
	test('an unknown field in the search: Kimple names it, the message says what to check', async () => {
		const { error } = await run(bed.environment, entries({ options: { search: "emial~='x'" } }));
		expect(error?.message).toMatch(
			/^Kimple refused the list options \(HTTP 400\): search: unknown field "emial"\. Check the Sort fields, the Filters and the Search expression/,
		);
		expect(error?.description).toBe('Kimple said: "search: unknown field "emial"" (HTTP 400)');
	});

	test('an unknown sort field too', async () => {
		const { error } = await run(
			bed.environment,
			entries({ sort: { fields: [{ field: 'nickname', direction: 'asc' }] } }),
		);
		expect(error?.message).toMatch(/HTTP 400\): order: unknown field "nickname"/);
	});

	test('an unknown record: 404 names it and suggests the hash ID', async () => {
		const { error } = await run(bed.environment, {
			resource: 'campaign',
			operation: 'get',
			campaignId: 'nope42',
		});
		expect(error?.message).toBe(
			"Kimple found no such record (HTTP 404): check the campaign ID nope42. Give the record's hash ID (e.g. QKr1mkPcJb) or its numeric ID; Kimple may show numeric IDs as 0, which finds nothing",
		);
		expect(error?.httpCode).toBe('404');
	});
});

describe('faults', () => {
	test('429 with Retry-After and a 503 are waited out: the list is whole, nothing twice', async () => {
		bed.simulator.injectFault(
			'GET /contest_entry/list',
			{
				status: 429,
				headers: { 'Retry-After': '1' },
				body: { code: 429, message: 'Too many requests' },
			},
			1,
			1,
		);
		bed.simulator.injectFault('GET /contest_entry/list', '503', 1, 0);
		const { json, error } = await run(bed.environment, entries());
		expect(error).toBeUndefined();
		const all = bed.simulator.records<IDataObject>('contest_entry');
		expect(json.map((entry) => entry.contest_entry_hash_id)).toEqual(
			all.map((entry) => entry.contest_entry_hash_id),
		);
	});

	test('a rate limit that outlasts Max Wait: the message says what to raise, and how far the list got', async () => {
		bed.simulator.injectFault(
			'GET /contest_entry/list',
			{
				status: 429,
				headers: { 'Retry-After': '30' },
				body: { code: 429, message: 'Too many requests' },
			},
			1,
			1,
		);
		const { error } = await run(bed.environment, entries({ requestOptions: { maxWait: 5 } }));
		expect(error?.message).toBe(
			'Kimple\'s rate limit still held after waiting 5 s (HTTP 429): raise "Max Wait (Seconds)" in the node\'s Request Options, or run fewer requests at once (stopped while reading page 2 of contest entries: 100 records read so far, none output)',
		);
	});

	test('a server error that lasts: retried within Max Wait, then try again later', async () => {
		bed.simulator.injectFault('GET /contest/list', '500', 10);
		const { error } = await run(bed.environment, {
			resource: 'contest',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { maxWait: 1 },
		});
		expect(error?.message).toMatch(
			/^Kimple had a server error \(HTTP 500\) \(tried 2 times\): try again later/,
		);
		expect(bed.simulator.count('GET /contest/list')).toBe(2);
	});

	// A stall never answers: only the Timeout ends it. The Timeout is short only where the stalled
	// request is the one sent; where other requests share it, none of them comes near it.
	test('no reply in time: a read is sent again, and the list comes whole', async () => {
		bed.simulator.injectFault('GET /contest_entry/list', 'stall');
		const { json, error } = await run(bed.environment, entries({ requestOptions: { timeout: 3 } }));
		expect(error).toBeUndefined();
		const all = bed.simulator.records<IDataObject>('contest_entry');
		expect(json.map((entry) => entry.contest_entry_hash_id)).toEqual(
			all.map((entry) => entry.contest_entry_hash_id),
		);
		expect(bed.simulator.faultCount('stall')).toBe(1);
	});

	test('no reply in time and no wait allowed: named with the option that sets the wait', async () => {
		bed.simulator.setFaultMode({ share: 1, seed: 1, kinds: ['stall'] });
		const { error } = await run(bed.environment, {
			resource: 'client',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { maxWait: 0, timeout: 0.3 },
		});
		bed.simulator.setFaultMode(undefined);
		expect(error?.message).toMatch(
			/^Kimple sent no reply within 0\.3 s: try again later, or raise "Timeout \(Seconds\)"/,
		);
		// Not sent again. (On a busy machine the 0.3 s may run out before the simulator reads it.)
		expect(bed.simulator.count('GET /client/list')).toBeLessThanOrEqual(1);
	});

	test('an unreachable base URL says to check it', async () => {
		await bed.simulator.close();
		const { error } = await run(bed.environment, entries());
		expect(error?.message).toBe(
			`Could not reach Kimple at ${bed.simulator.apiUrl}: check the Base URL in the credential and the network between n8n and Kimple`,
		);
		await bed.simulator.start();
	});
});

describe('continueOnFail', () => {
	test('a bad item becomes an error item, the others go on, each paired with its input', async () => {
		const quiz = bed.sandbox.contests.quiz.hash_id;
		const { output, error } = await run(
			bed.environment,
			{ resource: 'contest', operation: 'get', contestId: fromList('={{ $json.contest }}') },
			[{ contest: quiz }, { contest: 'missing1' }, { contest: 'bad id!' }, { contest: quiz }],
			{ continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.pairedItem, item.json.hash_id ?? item.json.error])).toEqual([
			[{ item: 0 }, quiz],
			[{ item: 1 }, expect.stringMatching(/^Kimple found no such record \(HTTP 404\)/)],
			[{ item: 2 }, expect.stringMatching(/^Contest ID "bad id!" is not valid/)],
			[{ item: 3 }, quiz],
		]);
	});
});
