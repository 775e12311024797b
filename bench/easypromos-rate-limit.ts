/**
 * An Easypromos export that needs several rate-limit windows, in real n8n: Users → Get Many, Return All
 * (the node's default Max Wait on Rate Limit), against the simulator's per-account cap: scaled down
 * (three windows in seconds), and the documented 200 requests a minute itself (two windows, the one a
 * pacing node knows). Measures, asserts nothing: the time against the cap's own minimum (the last window
 * cannot open before (windows - 1) x window), items lost and repeated, and how many 429s the simulator
 * answered (each one a request the node sent too early). Part of `npm run bench` (run.ts):
 *
 *   node scripts/run.cjs bench/run.ts --only rate-limit
 */
import type { CredentialJson, WorkflowJson } from '../sandbox/n8n/types';
import { manualTrigger, workflowOf } from '../test/e2e/lib/workflows';
import { nodeRun, runMeasured, type BenchN8n } from './bench-n8n';
import { BenchEasypromos } from './bench-simulators';

const PAGE_SIZE = 100;

interface Scenario {
	name: string;
	rateLimit: number;
	windowMs: number;
	sendRetryAfter: boolean;
	users: number;
}

const SCENARIOS: Scenario[] = [
	// The cap scaled down (20 per 2 s; the API: 200 per 60 s): three windows in a few seconds.
	{
		name: 'scaled window, Retry-After sent',
		rateLimit: 20,
		windowMs: 2_000,
		sendRetryAfter: true,
		users: 6_000,
	},
	// [doc] the guide promises no Retry-After header
	{
		name: 'scaled window, no Retry-After',
		rateLimit: 20,
		windowMs: 2_000,
		sendRetryAfter: false,
		users: 6_000,
	},
	// The documented cap itself, which the node's own pacing (if any) knows: two windows, a minute.
	{
		name: 'documented cap, no Retry-After',
		rateLimit: 200,
		windowMs: 60_000,
		sendRetryAfter: false,
		users: 25_000,
	},
];

export interface RateLimitRow {
	scenario: string;
	cap: string;
	users: number;
	pages: number;
	/** The earliest the last page can be asked for: (windows - 1) x window. */
	minimumSeconds: number;
	seconds: number;
	/** seconds / minimum */
	overMinimum: number;
	items: number;
	lost: number;
	repeated: number;
	requests: number;
	rateLimited: number;
	error?: string;
}

export interface RateLimitSetup {
	credentials: CredentialJson[];
	workflows: WorkflowJson[];
	run(n8n: BenchN8n): Promise<RateLimitRow[]>;
	close(): Promise<void>;
}

export async function setUpRateLimit(): Promise<RateLimitSetup> {
	const prepared: Array<{
		scenario: Scenario;
		simulator: BenchEasypromos;
		promotion: { id: number };
		credential: CredentialJson;
		workflow: WorkflowJson;
	}> = [];
	for (const [index, scenario] of SCENARIOS.entries()) {
		const simulator = await new BenchEasypromos({
			rateLimit: scenario.rateLimit,
			windowMs: scenario.windowMs,
			sendRetryAfter: scenario.sendRetryAfter,
		}).start();
		const token = simulator.addToken(`ep_bench_rate_${index}`);
		const promotion = simulator.addPromotion({ title: `Rate limit ${index}` });
		simulator.addUsers(promotion.id, scenario.users);
		const credential = { id: `benchEpRate${index}`, name: `Easypromos rate limit ${index}` };
		prepared.push({
			scenario,
			simulator,
			promotion,
			credential: {
				...credential,
				type: 'easypromosApi',
				data: { accessToken: token, baseUrl: simulator.apiUrl },
			},
			workflow: workflowOf(`benchEpRate${index}`, [
				manualTrigger,
				{
					name: 'Easypromos',
					type: 'n8n-nodes-easypromos.easypromos',
					typeVersion: 1,
					parameters: {
						resource: 'user',
						operation: 'getAll',
						promotionId: { __rl: true, mode: 'id', value: String(promotion.id) },
						order: 'created_asc',
						returnAll: true,
					},
					credentials: { easypromosApi: credential },
				},
			]),
		});
	}
	return {
		credentials: prepared.map((entry) => entry.credential),
		workflows: prepared.map((entry) => entry.workflow),
		async run(n8n) {
			const rows: RateLimitRow[] = [];
			for (const { scenario, simulator, promotion, workflow } of prepared) {
				simulator.resetCounts();
				simulator.resetRateLimit();
				simulator.resetTraffic();
				const measured = await runMeasured(n8n.instance, ['execute', `--id=${workflow.id}`]);
				const node = nodeRun(measured.run, 'Easypromos');
				const received = (node?.items ?? []).map((item) => item.json?.id as number);
				const unique = new Set(received);
				const expected = simulator.users(promotion.id).map((user) => user.id);
				const pages = Math.ceil(scenario.users / PAGE_SIZE);
				const minimumSeconds =
					((Math.ceil(pages / scenario.rateLimit) - 1) * scenario.windowMs) / 1000;
				const seconds = (node?.executionTime ?? NaN) / 1000;
				rows.push({
					scenario: scenario.name,
					cap: `${scenario.rateLimit} per ${scenario.windowMs / 1000} s`,
					users: scenario.users,
					pages,
					minimumSeconds,
					seconds,
					overMinimum: seconds / minimumSeconds,
					items: received.length,
					lost: expected.filter((id) => !unique.has(id)).length,
					repeated: received.length - unique.size,
					requests: simulator.traffic.requests,
					rateLimited: simulator.rateLimitedCount,
					error: measured.errorMessage,
				});
			}
			return rows;
		},
		async close() {
			for (const { simulator } of prepared) await simulator.close();
		},
	};
}
