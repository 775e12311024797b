/**
 * The four simulators behind recording proxies (taps), and what runs on them in queue mode:
 * per vendor a workflow Webhook → the vendor's node doing a read with a value from the request,
 * plus one polling trigger (Kimple Trigger, new contest entries) that runs on the main.
 */
import { strict as assert } from 'assert';
import { randomUUID } from 'crypto';

import { EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import type { SimulatorServer } from '../../sandbox/simulators/http-server';
import { KimpleSimulator } from '../../sandbox/simulators/kimple';
import { LeeviaSimulator, seedLeeviaSandbox } from '../../sandbox/simulators/leevia';
import { SpreadSimulator } from '../../sandbox/simulators/spread';
import type { CredentialJson, WorkflowJson } from '../../sandbox/n8n/types';
import { Tap, type Owners } from './tap';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export interface LoadedVendor {
	name: string;
	workflow: WorkflowJson;
	webhookPath: string;
	/** the vendor node's name in the workflow */
	node: string;
	simulator: SimulatorServer;
	tap: Tap;
	/** the JSON body of the n-th webhook call */
	body(n: number): Record<string, unknown>;
	/** throws when the vendor node's items do not answer the n-th call's body */
	checkItems(body: Record<string, any>, items: Array<Record<string, any>>): void;
	/** the simulator's endpoint key the read hits, once per execution */
	readKey: string;
	/** other keys allowed besides readKey (Leevia's sign-in; the trigger's list on Kimple) */
	otherKeys: string[];
}

export interface Vendors {
	list: LoadedVendor[];
	credentials: CredentialJson[];
	trigger: {
		workflow: WorkflowJson;
		node: string;
		/** adds `count` new entries to the watched contest; returns their hash ids */
		append(count: number): string[];
		listKey: string;
	};
	leevia: LeeviaSimulator;
	close(): Promise<void>;
}

function webhookWorkflow(
	id: string,
	path: string,
	vendorNode: Record<string, unknown>,
): WorkflowJson {
	return {
		id,
		name: `queue ${id}`,
		active: true,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				// lastNode: the main answers once a worker has finished, so the caller's in-flight
				// requests are the executions in flight
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{ id: `${id}-node`, position: [260, 0], ...vendorNode },
		],
		connections: {
			Webhook: { main: [[{ node: String(vendorNode.name), type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export async function startVendors(owners: Owners): Promise<Vendors> {
	const leevia = await new LeeviaSimulator().start();
	const easypromos = await new EasypromosSimulator().start();
	const kimple = await new KimpleSimulator().start();
	const spread = await new SpreadSimulator().start();
	const simulators = [leevia, easypromos, kimple, spread];
	const taps = await Promise.all(simulators.map(async (s) => await new Tap(s.url, owners).start()));
	const [leeviaTap, easypromosTap, kimpleTap, spreadTap] = taps;
	const viaTap = (apiUrl: string, simulator: SimulatorServer, tap: Tap) =>
		apiUrl.replace(simulator.url, tap.url);

	const leeviaKeys = seedLeeviaSandbox(leevia);
	const contest = leevia.product('campaigns', leeviaKeys.contestId)!;
	const epData = easypromos.seedSandbox({ token: 'ep_queue_token' });
	const promotion = epData.promotions.active;
	const epUsers = easypromos.users(promotion.id);
	const kimpleData = kimple.seedSandbox({ apiKey: 'kmp_queue_key', apiSecret: 'kmp_queue_secret' });
	const contests = Object.values(kimpleData.contests).map((c) => c.hash_id);
	const quiz = kimpleData.contests.quiz.hash_id;
	const spreadData = spread.seedSandbox({
		publicKey: 'spread_queue_public',
		privateKey: 'spread_queue_private',
	});

	const cred = {
		leevia: { id: 'queueLeeviaCred01', name: 'Leevia queue' },
		easypromos: { id: 'queueEasypromos01', name: 'Easypromos queue' },
		kimple: { id: 'queueKimpleCred01', name: 'Kimple queue' },
		spread: { id: 'queueSpreadCred01', name: 'SPREAD queue' },
	};
	const credentials: CredentialJson[] = [
		{
			...cred.leevia,
			type: 'leeviaApi',
			data: {
				apiKey: leeviaKeys.apiKey,
				apiSecret: leeviaKeys.apiSecret,
				productType: 'campaigns',
				productId: leeviaKeys.contestId,
				baseUrl: leeviaTap.url,
			},
		},
		{
			...cred.easypromos,
			type: 'easypromosApi',
			data: {
				accessToken: epData.token,
				baseUrl: viaTap(easypromos.apiUrl, easypromos, easypromosTap),
			},
		},
		{
			...cred.kimple,
			type: 'kimpleApi',
			data: {
				apiKey: kimpleData.apiKey,
				apiSecret: kimpleData.apiSecret,
				baseUrl: viaTap(kimple.apiUrl, kimple, kimpleTap),
			},
		},
		{
			...cred.spread,
			type: 'spreadApi',
			data: {
				publicKey: spreadData.publicKey,
				privateKey: spreadData.privateKey,
				baseUrl: viaTap(spread.apiUrl, spread, spreadTap),
				timeZone: spread.timeZone,
			},
		},
	];

	const list: LoadedVendor[] = [
		{
			name: 'Leevia',
			// the read carries the JWT from the credential's sign-in (preAuthentication)
			workflow: webhookWorkflow('queueLeevia', 'queue-leevia', {
				name: 'Leevia',
				type: 'n8n-nodes-leevia.leevia',
				typeVersion: 1,
				parameters: {
					resource: 'participant',
					operation: 'getAll',
					limit: '={{ $json.body.limit }}',
				},
				credentials: { leeviaApi: cred.leevia },
			}),
			webhookPath: 'queue-leevia',
			node: 'Leevia',
			simulator: leevia,
			tap: leeviaTap,
			body: (n) => ({ n, limit: 1 + (n % 5) }),
			checkItems: (body, items) =>
				assert.deepEqual(
					items.map((item) => item.id),
					contest.participants.slice(0, body.limit).map((p) => p.id),
				),
			readKey: 'GET participants',
			otherKeys: ['authenticate'],
		},
		{
			name: 'Easypromos',
			workflow: webhookWorkflow('queueEasypromos', 'queue-easypromos', {
				name: 'Easypromos',
				type: 'n8n-nodes-easypromos.easypromos',
				typeVersion: 1,
				parameters: {
					resource: 'user',
					operation: 'get',
					promotionId: byId(String(promotion.id)),
					userId: '={{ $json.body.userId }}',
				},
				credentials: { easypromosApi: cred.easypromos },
			}),
			webhookPath: 'queue-easypromos',
			node: 'Easypromos',
			simulator: easypromos,
			tap: easypromosTap,
			body: (n) => ({ n, userId: epUsers[n % epUsers.length].id }),
			checkItems: (body, items) =>
				assert.deepEqual(
					items.map((item) => item.id),
					[body.userId],
				),
			readKey: 'GET /users/{pid}/{user_id}',
			otherKeys: [],
		},
		{
			name: 'Kimple',
			workflow: webhookWorkflow('queueKimple', 'queue-kimple', {
				name: 'Kimple',
				type: 'n8n-nodes-kimple.kimple',
				typeVersion: 1,
				parameters: {
					resource: 'contest',
					operation: 'get',
					contestId: byId('={{ $json.body.contest }}'),
				},
				credentials: { kimpleApi: cred.kimple },
			}),
			webhookPath: 'queue-kimple',
			node: 'Kimple',
			simulator: kimple,
			tap: kimpleTap,
			body: (n) => ({ n, contest: contests[n % contests.length] }),
			checkItems: (body, items) =>
				assert.deepEqual(
					items.map((item) => item.hash_id),
					[body.contest],
				),
			readKey: 'GET /contest/{id}',
			otherKeys: ['GET /contest_entry/list'],
		},
		{
			name: 'SPREAD',
			workflow: webhookWorkflow('queueSpread', 'queue-spread', {
				name: 'SPREAD',
				type: 'n8n-nodes-spread.spread',
				typeVersion: 1,
				parameters: {
					resource: 'customer',
					operation: 'get',
					customerId: '={{ $json.body.customerId }}',
				},
				credentials: { spreadApi: cred.spread },
			}),
			webhookPath: 'queue-spread',
			node: 'SPREAD',
			simulator: spread,
			tap: spreadTap,
			body: (n) => ({ n, customerId: spreadData.customers[n % spreadData.customers.length].id }),
			checkItems: (body, items) =>
				assert.deepEqual(
					items.map((item) => String(item.id)),
					[String(body.customerId)],
				),
			readKey: 'GET /v2/customers/{id}',
			otherKeys: [],
		},
	];

	const triggerNode = 'Kimple Trigger';
	const triggerWorkflow: WorkflowJson = {
		id: 'queueKimpleTrigger',
		name: 'queue Kimple Trigger',
		active: true,
		nodes: [
			{
				id: 'queueKimpleTrigger-node',
				name: triggerNode,
				type: 'n8n-nodes-kimple.kimpleTrigger',
				typeVersion: 1,
				position: [0, 0],
				// every minute is the shortest interval n8n accepts for a polling trigger
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					event: 'newContestEntry',
					contestId: byId(quiz),
				},
				credentials: { kimpleApi: cred.kimple },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};

	return {
		list,
		credentials,
		leevia,
		trigger: {
			workflow: triggerWorkflow,
			node: triggerNode,
			append: (count) =>
				kimple.appendEntries(quiz, count).map((entry) => String(entry.contest_entry_hash_id)),
			listKey: 'GET /contest_entry/list',
		},
		close: async () => {
			await Promise.all(taps.map(async (tap) => await tap.close()));
			await Promise.all(simulators.map(async (s) => await s.close()));
		},
	};
}
