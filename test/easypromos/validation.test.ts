/** One bad input per parameter the node checks: refused before any request, with a message that says how to fix it. */
import type { IDataObject } from 'n8n-workflow';

import type { TestEnvironment } from '../harness';
import type { EasypromosSandbox, EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { byId, nodeError, run, startEasypromos } from './setup';

let simulator: EasypromosSimulator;
let environment: TestEnvironment;
let sandbox: EasypromosSandbox;

beforeAll(async () => {
	({ simulator, environment, sandbox } = await startEasypromos());
});
afterAll(async () => await simulator.close());
beforeEach(() => simulator.resetCounts());

const pid = () => byId(sandbox.promotions.active.id);
const user = () => String(simulator.users(sandbox.promotions.active.id)[0].id);
const stage = () => byId(sandbox.stages.code.id);

const cases: Array<[string, () => IDataObject, string]> = [
	[
		'Promotion ID not a number',
		() => ({ resource: 'promotion', operation: 'get', promotionId: byId('={{ "summer" }}') }),
		'Promotion ID "summer" is not valid: Easypromos IDs are whole numbers such as 12345',
	],
	[
		'Promotion ID empty',
		() => ({ resource: 'promotion', operation: 'get', promotionId: byId('={{ "" }}') }),
		'Set the Promotion ID',
	],
	[
		'Stage ID not a number',
		() => ({
			resource: 'stage',
			operation: 'get',
			promotionId: pid(),
			stageId: byId('={{ "wheel" }}'),
		}),
		'Stage ID "wheel" is not valid',
	],
	[
		'User ID a fraction',
		() => ({ resource: 'user', operation: 'get', promotionId: pid(), userId: '12.5' }),
		'User ID "12.5" is not valid',
	],
	[
		'Participation ID negative',
		() => ({
			resource: 'participation',
			operation: 'get',
			promotionId: pid(),
			participationId: '-3',
		}),
		'Participation ID "-3" is not valid',
	],
	[
		'Organizing Brand ID a name',
		() => ({ resource: 'organizingBrand', operation: 'get', organizingBrandId: 'Sunny' }),
		'Organizing Brand ID "Sunny" is not valid',
	],
	[
		'Limit 0',
		() => ({ resource: 'user', operation: 'getAll', promotionId: pid(), limit: 0 }),
		'Limit "0" is not valid: give a whole number, 1 or more, or turn on Return All',
	],
	[
		'Order unknown',
		() => ({ resource: 'user', operation: 'getAll', promotionId: pid(), order: 'newest' }),
		'Order "newest" is not valid: use created_desc or created_asc',
	],
	[
		'Status unknown',
		() => ({ resource: 'promotion', operation: 'getAll', status: 'running' }),
		'Status "running" is not valid: use all, draft, active, expired',
	],
	[
		'External ID empty',
		() => ({ resource: 'user', operation: 'autologin', promotionId: pid(), externalId: '  ' }),
		"Set the External ID: the person's ID in your own system",
	],
	[
		'Email malformed',
		() => ({
			resource: 'user',
			operation: 'autologin',
			promotionId: pid(),
			externalId: 'x',
			email: 'laia(at)example.com',
		}),
		'Email "laia(at)example.com" is not a valid address',
	],
	[
		'Country not a code',
		() => ({
			resource: 'user',
			operation: 'autologin',
			promotionId: pid(),
			externalId: 'x',
			additionalFields: { country: 'Spain' },
		}),
		'Country "Spain" is not valid: use a two-letter ISO 3166 code such as ES',
	],
	[
		'Segments empty',
		() => ({
			resource: 'user',
			operation: 'addSegments',
			promotionId: pid(),
			userId: user(),
			segments: ' , ',
		}),
		'Set at least one segment name in Segments',
	],
	[
		'Code empty on Validate Code',
		() => ({
			resource: 'participation',
			operation: 'validateCode',
			promotionId: pid(),
			stageId: stage(),
			userId: user(),
			code: '={{ "" }}',
		}),
		'Set the Code to check',
	],
	[
		'User Login Token empty',
		() => ({
			resource: 'participation',
			operation: 'participate',
			promotionId: pid(),
			stageId: stage(),
			identifyBy: 'loginToken',
			loginToken: '={{ "" }}',
		}),
		'Set the User Login Token, or identify the user by User ID',
	],
	[
		'Amount 0',
		() => ({
			resource: 'coinTransaction',
			operation: 'create',
			promotionId: pid(),
			userId: user(),
			amount: 0,
		}),
		'Amount "0" is not valid: give a whole number of coins other than 0',
	],
	[
		'Amount a fraction',
		() => ({
			resource: 'coinTransaction',
			operation: 'create',
			promotionId: pid(),
			userId: user(),
			amount: 2.5,
		}),
		'Amount "2.5" is not valid',
	],
	[
		'Balance negative',
		() => ({
			resource: 'coinBalance',
			operation: 'set',
			promotionId: pid(),
			userId: user(),
			balance: -1,
		}),
		'Balance "-1" is not valid: give a whole number of coins, 0 or more',
	],
	[
		'Max Wait negative',
		() => ({
			resource: 'promotion',
			operation: 'getAll',
			requestOptions: { maxRateLimitWait: -5 },
		}),
		'Max Wait on Rate Limit "-5" is not valid: give a number of seconds, 0 or more',
	],
];

describe('typed IDs are checked before anything is sent', () => {
	// Not by an editor pattern: n8n 2.x runs those in a vm limited to 250 ms at every execution, which
	// failed an execution under heavy load in the queue-mode test; the operation checks them itself.
	test('a promotion ID or a stage ID that is not a number never runs', async () => {
		const promotion = await run(environment, {
			resource: 'promotion',
			operation: 'get',
			promotionId: byId('summer'),
		});
		expect(nodeError(promotion.result)?.message).toBe(
			'Promotion ID "summer" is not valid: Easypromos IDs are whole numbers such as 12345',
		);
		const stage = await run(environment, {
			resource: 'stage',
			operation: 'get',
			promotionId: pid(),
			stageId: byId('x1'),
		});
		expect(nodeError(stage.result)?.message).toBe(
			'Stage ID "x1" is not valid: Easypromos IDs are whole numbers such as 12345',
		);
		expect(Object.values(simulator.requestCounts).reduce((sum, count) => sum + count, 0)).toBe(0);
	});
});

describe('bad parameters (here from expressions) are refused before any request', () => {
	test.each(cases)('%s', async (_name, parameters, expected) => {
		const outcome = await run(environment, parameters());
		const error = nodeError(outcome.result);
		expect(error?.message).toContain(expected);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.context?.itemIndex).toBe(0);
		expect(Object.values(simulator.requestCounts).reduce((sum, count) => sum + count, 0)).toBe(0);
	});
});
