import type { IDataObject } from 'n8n-workflow';

import type { LeeviaSimulator } from '../../sandbox/simulators/leevia';
import type { TestEnvironment } from '../harness';
import { leeviaWorkflow, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;

beforeEach(async () => {
	({ simulator, environment } = await startLeevia());
});
afterEach(async () => await simulator.close());

const register = (parameters: IDataObject) => ({
	resource: 'participant',
	operation: 'register',
	acceptRules: true,
	...parameters,
});

const contest = (id: string) => simulator.product('campaigns', id)!;

describe('Leevia → Participant → Register', () => {
	test('registers a participant with acceptances, profile and custom fields, and returns the prize fields', async () => {
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[{ mail: 'john.doe@leevia.com', ip: '192.168.0.4' }],
				register({
					email: '={{ $json.mail }}',
					firstName: 'John',
					lastName: 'Doe',
					registrationIp: '={{ $json.ip }}',
					acceptNewsletter: true,
					profileFields: { date_of_birth: '1971-05-18', phone: '3458921863525', gender: 'M' },
					customFields: { field: [{ name: 'pet', value: 'bunny' }] },
					customAcceptances: { acceptance: [{ name: 'marketing_partners', accepted: true }] },
				}),
			),
		);
		expect(result.error).toBeUndefined();
		const [item] = result.output.Leevia;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			email: 'john.doe@leevia.com',
			campaign_id: 80,
			is_winner: false,
			prize_id: 1,
			prize_title: 'iPhone',
		});
		const stored = contest('80').participants.at(-1)!;
		expect(stored).toMatchObject({
			email: 'john.doe@leevia.com',
			first_name: 'John',
			last_name: 'Doe',
			newsletter: 'true',
			date_of_birth: '1971-05-18',
			phone: 3458921863525,
			gender: 'M',
			pet: 'bunny',
		});
		// (The pre-configured phone above went as a number, as Leevia's document types it.)
		expect(simulator.requestCounts['POST participants']).toBe(1);
	});

	test('the second registration of contest 80 wins, and is_winner says so', async () => {
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[{ email: 'first@example.com' }, { email: 'second@example.com' }],
				register({ email: '={{ $json.email }}' }),
			),
		);
		expect(result.output.Leevia.map((item) => item.json.is_winner)).toEqual([false, true]);
		expect(result.output.Leevia[1].json.coupon_code).toMatch(/^WIN-/);
	});

	test('registers by phone alone on a contest that identifies people by phone', async () => {
		const result = await environment.runWorkflow(
			leeviaWorkflow([{}], register({ phone: '02 7421 2398 262' })),
		);
		expect(result.error).toBeUndefined();
		expect(contest('80').participants.at(-1)).toMatchObject({
			phone: '02 7421 2398 262',
			email: null,
		});
	});

	test('uses the Campaign ID parameter over the credential product', async () => {
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[{}],
				register({
					campaignId: '82',
					email: 'x@example.com',
					profileFields: { occupation: 'Student' },
				}),
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.output.Leevia[0].json.campaign_id).toBe(82);
		expect(contest('82').participants).toHaveLength(1);
	});

	test('uploads a file custom field from a binary property as multipart, beside custom_data', async () => {
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[{}],
				register({
					email: 'file@example.com',
					profileFields: { city: 'Milano' },
					fileField: { file: { name: 'receipt', binaryPropertyName: 'data' } },
				}),
				{},
				'receipt contents',
			),
		);
		expect(result.error).toBeUndefined();
		const stored = contest('80').participants.at(-1)!;
		expect(stored).toMatchObject({ email: 'file@example.com', city: 'Milano', rules: 'true' });
		expect(contest('80').files?.[stored.id]).toEqual({
			field: 'receipt',
			name: 'entry.txt',
			size: 'receipt contents'.length,
			type: 'text/plain',
		});
	});

	describe('vendor errors become messages that name each field', () => {
		test('422 with several fields', async () => {
			contest('80').participants.push(...simulator.makeParticipants(1, 0, 'taken.com'));
			const taken = contest('80').participants.at(-1)!.email;
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ email: taken, acceptRules: false })),
			);
			expect(result.error).toBe(
				'email: has already been taken; rules: Accept the terms to participate',
			);
		});

		test('a mandatory custom field of the contest is missing', async () => {
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ campaignId: '82', email: 'y@example.com' })),
			);
			expect(result.error).toBe("occupation: can't be blank");
		});

		test('parameters_missing names the missing field', async () => {
			simulator.injectFault('POST participants', {
				status: 422,
				body: { errors: { parameters_missing: { param: 'registration_ip' } } },
			});
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ email: 'z@example.com' })),
			);
			expect(result.error).toBe('missing required field registration_ip');
		});

		test('a closed contest says it is not online and why', async () => {
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ campaignId: '81', email: 'late@example.com' })),
			);
			expect(result.error).toBe('the contest is not online: ended on 2026-06-24T12:00:00');
		});

		test('a contest that has not started says so', async () => {
			contest('81').state = 'not_started';
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ campaignId: '81', email: 'early@example.com' })),
			);
			expect(result.error).toBe('the contest is not online (it has not started yet)');
		});

		test('an unknown contest is a 404 that says which ID to check', async () => {
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ campaignId: '999', email: 'a@example.com' })),
			);
			expect(result.error).toMatch(
				/no such contest or product \(HTTP 404\): check the campaign ID/,
			);
		});

		test('a 503 is retried and the participant is registered once', async () => {
			simulator.injectFault('POST participants', {
				status: 503,
				body: {},
				headers: { 'Retry-After': '0' },
			});
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ email: 'retry@example.com' })),
			);
			expect(result.error).toBeUndefined();
			expect(simulator.requestCounts['POST participants']).toBe(2);
			expect(
				contest('80').participants.filter((p) => p.email === 'retry@example.com'),
			).toHaveLength(1);
		});

		test('a 500 on a registration is not retried, since it may have been applied', async () => {
			simulator.injectFault('POST participants', { status: 500, body: {} });
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ email: 'once@example.com' })),
			);
			expect(result.error).toBe(
				"Leevia had a server error (HTTP 500) and may have registered once@example.com in contest 80: the outcome is unknown, so the request was not sent again. Check the contest's participants (Participant → Get Many) for once@example.com before running this item again",
			);
			expect(simulator.requestCounts['POST participants']).toBe(1);
		});
	});

	describe('bad input is refused before anything is sent', () => {
		test.each([
			[
				{ registrationIp: '999.1.1.1' },
				'Registration IP "999.1.1.1" is not an IPv4 or IPv6 address',
			],
			[{ registrationIp: ' ' }, 'Registration IP "" is not an IPv4 or IPv6 address'],
			[{ email: 'john.doe-leevia.com' }, 'Email "john.doe-leevia.com" is not a valid address'],
			[{ email: '' }, 'Set an Email or a Phone'],
			[
				{ customFields: { field: [{ name: ' ', value: 'x' }] } },
				'A Custom Field has no Identifier',
			],
			[
				{ customAcceptances: { acceptance: [{ name: '', accepted: true }] } },
				'A Custom Acceptance has no Identifier',
			],
			[{ fileField: { file: { name: 'receipt', binaryPropertyName: 'missing' } } }, 'missing'],
		])('%j', async (parameters, message) => {
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ email: 'valid@example.com', ...parameters })),
			);
			expect(result.error).toContain(message);
			expect(simulator.count('POST participants')).toBe(0);
		});

		test('an empty Registration IP is a parameter issue n8n reports before running', async () => {
			await expect(
				environment.runWorkflow(
					leeviaWorkflow([{}], register({ email: 'valid@example.com', registrationIp: '' })),
				),
			).rejects.toThrow('Parameter "Registration IP" is required');
		});

		test('an IPv6 address is accepted', async () => {
			const result = await environment.runWorkflow(
				leeviaWorkflow([{}], register({ email: 'v6@example.com', registrationIp: '2001:db8::1' })),
			);
			expect(result.error).toBeUndefined();
		});
	});

	test('with Continue On Fail, a failed item becomes an error item and the others go on', async () => {
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[
					{ email: 'ok1@example.com' },
					{ email: 'not-an-email' },
					{ email: 'ok2@example.com' },
					{ email: 'ok1@example.com' },
				],
				register({ email: '={{ $json.email }}' }),
				{ onError: 'continueRegularOutput' },
			),
		);
		expect(result.error).toBeUndefined();
		const output = result.output.Leevia;
		expect(output).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json.email).toBe('ok1@example.com');
		expect(output[1].json.error).toContain('Email "not-an-email" is not a valid address');
		expect(output[2].json.email).toBe('ok2@example.com');
		expect(output[3].json.error).toBe('email: has already been taken');
		// The items reached the next node, errors included.
		expect(result.output.Next).toHaveLength(4);
		expect(simulator.count('POST participants')).toBe(3);
	});

	test('without Continue On Fail, the first failure stops the workflow and names the item', async () => {
		const result = await environment.runWorkflow(
			leeviaWorkflow(
				[{ email: 'ok@example.com' }, { email: 'bad' }],
				register({ email: '={{ $json.email }}' }),
			),
		);
		expect(result.error).toContain('Email "bad" is not a valid address');
		const nodeError = result.run.data.resultData.runData.Leevia[0].error as unknown as {
			context: IDataObject;
		};
		expect(nodeError.context.itemIndex).toBe(1);
		expect(result.output.Next).toBeUndefined();
	});
});
