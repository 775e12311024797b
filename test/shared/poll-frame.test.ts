/**
 * The poll frame passes the request timeout a trigger is built with (PollFrameOptions) to every
 * request of a poll. Each trigger runs as n8n runs it, against its simulator over HTTP: a reply
 * slower than the timeout is given up on and the page is asked again, while a trigger built as n8n
 * builds it (without options) waits for the same slow reply.
 */
import type { ICredentialType, IDataObject, INode, INodeType } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { EasypromosApi } from '../../credentials/EasypromosApi.credentials';
import { KimpleApi } from '../../credentials/KimpleApi.credentials';
import { LeeviaApi } from '../../credentials/LeeviaApi.credentials';
import { SpreadApi } from '../../credentials/SpreadApi.credentials';
import { EasypromosTrigger } from '../../nodes/Easypromos/EasypromosTrigger.node';
import { KimpleTrigger } from '../../nodes/Kimple/KimpleTrigger.node';
import { LeeviaTrigger } from '../../nodes/Leevia/LeeviaTrigger.node';
import { SpreadTrigger } from '../../nodes/Spread/SpreadTrigger.node';
import type { PollFrameOptions } from '../../nodes/shared/trigger/poll-frame';
import * as easypromos from '../easypromos/setup';
import { packageNode, TestEnvironment } from '../harness';
import * as kimple from '../kimple/setup';
import * as leevia from '../leevia/setup';
import type { SimReply, SimRequest, SimulatorServer } from '../../sandbox/simulators/http-server';
import * as spread from '../spread/setup';

/** The timeout the triggers are built with, and the lateness of the slow reply: well past it. */
const TIMEOUT_MS = 300;
const LATE_MS = 1500;

interface Bed {
	simulator: SimulatorServer;
	environment: TestEnvironment;
}

interface Case {
	vendor: string;
	start: () => Promise<Bed & { node: INode }>;
	trigger: (frame?: PollFrameOptions) => INodeType;
	credential: ICredentialType;
	credentialId: string;
	/** The requests that read the watched list. */
	lists: (request: SimRequest) => boolean;
}

const CASES: Case[] = [
	{
		vendor: 'Leevia',
		start: async () => ({
			...(await leevia.startLeevia()),
			node: packageNode(
				'Leevia Trigger',
				'leeviaTrigger',
				{ event: 'newParticipant', productId: '90' },
				{ credentials: leevia.credentialRef },
			),
		}),
		trigger: (frame) => new LeeviaTrigger(frame),
		credential: new LeeviaApi(),
		credentialId: leevia.CREDENTIAL_ID,
		lists: (request) => request.url.pathname.endsWith('/participants'),
	},
	{
		vendor: 'Easypromos',
		start: async () => {
			const bed = await easypromos.startEasypromos();
			const promotionId = easypromos.byId(bed.sandbox.promotions.active.id);
			return {
				...bed,
				node: packageNode(
					'Easypromos Trigger',
					'easypromosTrigger',
					{ event: 'newUser', promotionId },
					{ credentials: easypromos.credentialRef },
				),
			};
		},
		trigger: (frame) => new EasypromosTrigger(frame),
		credential: new EasypromosApi(),
		credentialId: easypromos.CREDENTIAL_ID,
		lists: (request) => request.url.pathname.includes('/users/'),
	},
	{
		vendor: 'Kimple',
		start: async () => {
			const bed = await kimple.startKimple();
			const contestId = kimple.fromList(bed.sandbox.contests.quiz.hash_id);
			return {
				...bed,
				node: packageNode(
					'Kimple Trigger',
					'kimpleTrigger',
					{ event: 'newContestEntry', contestId },
					{ credentials: kimple.credentialRef },
				),
			};
		},
		trigger: (frame) => new KimpleTrigger(frame),
		credential: new KimpleApi(),
		credentialId: kimple.CREDENTIAL_ID,
		lists: (request) => request.url.pathname.endsWith('/contest_entry/list'),
	},
	{
		vendor: 'SPREAD',
		start: async () => ({
			...(await spread.startSpread()),
			node: spread.triggerNode({ event: 'newCagnotteLine' }),
		}),
		trigger: (frame) => new SpreadTrigger(frame),
		credential: new SpreadApi(),
		credentialId: spread.CREDENTIAL_ID,
		lists: (request) => request.url.pathname.includes('/cagnottes'),
	},
];

/**
 * Counts the list requests the simulator receives and, when `late` is set, holds its reply to the
 * next one for LATE_MS before sending it (a real reply, late).
 */
function watchLists(simulator: SimulatorServer, lists: (request: SimRequest) => boolean) {
	const handle = simulator['handle'].bind(simulator);
	const watch = { requests: 0, late: false };
	simulator['handle'] = async (request: SimRequest): Promise<SimReply> => {
		if (lists(request)) {
			watch.requests++;
			if (watch.late) {
				watch.late = false;
				await sleep(LATE_MS);
			}
		}
		return await handle(request);
	};
	return watch;
}

describe.each(CASES)('$vendor Trigger', (testCase) => {
	let bed: Bed & { node: INode };
	beforeEach(async () => {
		bed = await testCase.start();
	});
	afterEach(async () => await bed.simulator.close());

	test('a request timeout given to the trigger: a later reply is given up on and asked again', async () => {
		const watch = watchLists(bed.simulator, testCase.lists);
		/** A manual run (the sample) of `trigger`: what it showed, and the list requests it sent. */
		const sample = async (trigger: INodeType, late: boolean) => {
			const environment = new TestEnvironment([trigger], [testCase.credential]);
			environment.addCredential(bed.environment.credentials.stored(testCase.credentialId));
			watch.requests = 0;
			watch.late = late;
			const staticData: IDataObject = {};
			const result = await environment.poll(bed.node, staticData, 'manual');
			expect(staticData).toEqual({});
			return { shown: result?.[0].map((item) => item.json), requests: watch.requests };
		};

		const onTime = await sample(testCase.trigger(), false);
		expect(onTime.shown).toHaveLength(1);
		// Built as n8n builds it, the trigger waits for the late reply.
		expect(await sample(testCase.trigger(), true)).toEqual(onTime);
		// With a timeout shorter than the reply's lateness, it asks again once and shows the same.
		expect(await sample(testCase.trigger({ requestTimeoutMs: TIMEOUT_MS }), true)).toEqual({
			shown: onTime.shown,
			requests: onTime.requests + 1,
		});
	});
});
