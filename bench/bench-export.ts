/**
 * Return All exports at several sizes, for each vendor, three ways: our node in real n8n (O), n8n's HTTP
 * Request node with its pagination settings and a Split Out (H), a raw fetch loop in Node (R). Runs are
 * interleaved (O, H, R, O, H, R …) so that a busy moment of the machine does not fall on one of them.
 * Time: from the start of the first export node to the end of the last, as n8n records them in the run
 * data (n8n's start-up and the printing of the result are not in it); R times its own loop.
 */
import { execFile } from 'child_process';
import { join } from 'path';

import { REPO_ROOT } from '../sandbox/n8n/n8n';
import type { CredentialJson, WorkflowJson } from '../sandbox/n8n/types';
import { nodeRun, peakRssKb, runMeasured, type BenchN8n } from './bench-n8n';
import { BenchEasypromos, BenchLeevia, type Traffic } from './bench-simulators';
import {
	easypromosCredentials,
	easypromosHttp,
	easypromosOurs,
	leeviaCredentials,
	leeviaHttp,
	leeviaOurs,
	type LeeviaAccess,
} from './bench-workflows';
import type { RawLoopInput, RawLoopResult } from './raw-loop';

export type Variant = 'O' | 'H' | 'R';
export type Vendor = 'easypromos' | 'leevia' | 'kimple' | 'spread';

/** One measured run. */
export interface ExportRun {
	vendor: Vendor;
	size: number;
	variant: Variant;
	ms: number;
	items: number;
	unique: number;
	/** Peak RSS while the export ran (n8n: sampled VmRSS between the export nodes' start and end). */
	exportRssKb: number;
	/** VmHWM of the whole process (n8n: also start-up, saving and printing the execution). */
	hwmKb: number;
	requests: number;
	connections: number;
	error?: string;
}

export interface Route {
	vendor: Vendor;
	size: number;
	variant: Variant;
	/** n8n: the workflow and the nodes timed (first to last) and the node whose items count. */
	workflow?: WorkflowJson;
	timed?: string[];
	output?: string;
	raw?: RawLoopInput;
	/** The field that tells the records apart, for the duplicate count; `id` when absent. */
	idField?: string;
}

/** A simulator that counts what a run did on the wire. */
export interface TrafficSource {
	resetTraffic(): Traffic;
}

export interface ExportSetup {
	routes: Route[];
	credentials: CredentialJson[];
	workflows: WorkflowJson[];
	simulators: Partial<Record<Vendor, TrafficSource>>;
	/** Computes every page once, so the timed runs are served from the cache. */
	warm(): Promise<void>;
	close(): Promise<void>;
	leevia?: LeeviaAccess;
}

const EASYPROMOS_TOKEN = 'ep_bench_token_0123456789abcdef';
const LEEVIA_KEY = 'bench_app_key';
const LEEVIA_SECRET = 'bench_app_secret';

/** Starts both simulators with one list per size and builds the routes. */
export async function setUpExports(
	sizes: number[],
): Promise<ExportSetup & { simulators: { easypromos: BenchEasypromos; leevia: BenchLeevia } }> {
	// The client's cost is measured here, not the documented cap (200 a minute; see bench-rate-limit.ts).
	const easypromos = await new BenchEasypromos({ rateLimit: Number.MAX_SAFE_INTEGER }).start();
	easypromos.addToken(EASYPROMOS_TOKEN);
	const leevia = await new BenchLeevia().start();
	leevia.addAccount({
		apiKey: LEEVIA_KEY,
		apiSecret: LEEVIA_SECRET,
		accountId: 1,
		products: sizes.map((size) => ({
			type: 'campaigns' as const,
			id: String(size),
			participants: leevia.makeParticipants(size, 10),
		})),
	});
	const access: LeeviaAccess = {
		baseUrl: leevia.url,
		apiKey: LEEVIA_KEY,
		apiSecret: LEEVIA_SECRET,
		productId: String(sizes[0]),
	};

	const routes: Route[] = [];
	const warmUrls: Array<() => Promise<void>> = [];
	for (const size of sizes) {
		const promotion = easypromos.addPromotion({ title: `Bench ${size}` });
		easypromos.addUsers(promotion.id, size);
		const usersUrl = `${easypromos.apiUrl}/users/${promotion.id}`;
		const tag = `${size / 1000}k`;
		routes.push(
			{
				vendor: 'easypromos',
				size,
				variant: 'O',
				// The client's own cost: no cap here, and Max Wait on Rate Limit 0, so the node neither paces
				// to the documented 200 a minute nor waits (easypromos-rate-limit.ts measures that).
				workflow: easypromosOurs(`benchEpO${tag}`, promotion.id, {
					requestOptions: { maxRateLimitWait: 0 },
				}),
				timed: ['Easypromos'],
				output: 'Easypromos',
			},
			{
				vendor: 'easypromos',
				size,
				variant: 'H',
				workflow: easypromosHttp(`benchEpH${tag}`, easypromos.apiUrl, promotion.id),
				timed: ['HTTP Request', 'Split Out'],
				output: 'Split Out',
			},
			{
				vendor: 'easypromos',
				size,
				variant: 'R',
				// the order our node sends (its default), so R and O read the same cached pages
				raw: {
					vendor: 'easypromos',
					url: usersUrl,
					token: EASYPROMOS_TOKEN,
					order: 'created_desc',
				},
			},
		);
		// O and R send order=created_desc, H sends no order: two sets of pages to compute
		warmUrls.push(async () => {
			await rawExport({ vendor: 'easypromos', url: usersUrl, token: EASYPROMOS_TOKEN });
			await rawExport({
				vendor: 'easypromos',
				url: usersUrl,
				token: EASYPROMOS_TOKEN,
				order: 'created_desc',
			});
		});

		const productAccess = { ...access, productId: String(size) };
		const participantsUrl = `${leevia.url}/api/v1/campaigns/${size}/participants`;
		const leeviaRaw: RawLoopInput = {
			vendor: 'leevia',
			url: participantsUrl,
			apiKey: LEEVIA_KEY,
			apiSecret: LEEVIA_SECRET,
			authenticateUrl: `${leevia.url}/api/v1/campaigns/${size}/authenticate`,
		};
		routes.push(
			{
				vendor: 'leevia',
				size,
				variant: 'O',
				workflow: leeviaOurs(`benchLvO${tag}`, { productId: String(size) }),
				timed: ['Leevia'],
				output: 'Leevia',
			},
			{
				vendor: 'leevia',
				size,
				variant: 'H',
				workflow: leeviaHttp(`benchLvH${tag}`, productAccess),
				timed: ['HTTP Request', 'Split Out'],
				output: 'Split Out',
			},
			{ vendor: 'leevia', size, variant: 'R', raw: leeviaRaw },
		);
		warmUrls.push(async () => await rawExport(leeviaRaw));
	}
	return {
		routes,
		credentials: [
			...easypromosCredentials(easypromos.apiUrl, EASYPROMOS_TOKEN),
			...leeviaCredentials(access),
		],
		workflows: routes.flatMap((route) => (route.workflow ? [route.workflow] : [])),
		simulators: { easypromos, leevia },
		leevia: access,
		async warm() {
			for (const warm of warmUrls) await warm();
		},
		async close() {
			await easypromos.close();
			await leevia.close();
		},
	};
}

/** The raw loop inside this process (to fill the simulators' page caches). */
export async function rawExport(input: RawLoopInput): Promise<void> {
	const { rawLoop } = await import('./raw-loop');
	await rawLoop(input);
}

/** The raw loop in its own process, on n8n's Node. */
async function rawLoopProcess(node: string, input: RawLoopInput): Promise<RawLoopResult> {
	return await new Promise((resolve, reject) => {
		execFile(
			node,
			[
				'-r',
				join(REPO_ROOT, 'scripts', 'ts-register.cjs'),
				join(__dirname, 'raw-loop.ts'),
				JSON.stringify(input),
			],
			{ cwd: REPO_ROOT, maxBuffer: 1 << 20 },
			(error, stdout, stderr) => {
				if (error) reject(new Error(`raw loop failed: ${stderr || error.message}`));
				else resolve(JSON.parse(stdout) as RawLoopResult);
			},
		);
	});
}

export function trafficOf(setup: ExportSetup, vendor: Vendor): TrafficSource {
	const simulator = setup.simulators[vendor];
	if (!simulator) throw new Error(`no ${vendor} simulator in this setup`);
	return simulator;
}

export async function runRoute(
	n8n: BenchN8n,
	setup: ExportSetup,
	route: Route,
): Promise<ExportRun> {
	const simulator = trafficOf(setup, route.vendor);
	simulator.resetTraffic();
	const base = { vendor: route.vendor, size: route.size, variant: route.variant };
	if (route.raw) {
		const result = await rawLoopProcess(n8n.instance.n8n.node, route.raw);
		const traffic: Traffic = simulator.resetTraffic();
		return {
			...base,
			ms: result.ms,
			items: result.items,
			unique: result.unique,
			exportRssKb: result.hwmKb,
			hwmKb: result.hwmKb,
			requests: traffic.requests,
			connections: traffic.connections,
		};
	}
	const measured = await runMeasured(n8n.instance, ['execute', `--id=${route.workflow!.id}`]);
	const traffic = simulator.resetTraffic();
	const first = nodeRun(measured.run, route.timed![0]);
	const last = nodeRun(measured.run, route.timed![route.timed!.length - 1]);
	const output = nodeRun(measured.run, route.output!);
	const items = output?.items ?? [];
	const ms = first && last ? last.endTime - first.startTime : NaN;
	return {
		...base,
		ms,
		items: items.length,
		unique: new Set(items.map((item) => item.json?.[route.idField ?? 'id'])).size,
		exportRssKb: first && last ? peakRssKb(measured.samples, first.startTime, last.endTime) : 0,
		hwmKb: measured.hwmKb,
		requests: traffic.requests,
		connections: traffic.connections,
		error:
			measured.errorMessage ??
			(measured.exitCode !== 0 ? `n8n exited ${measured.exitCode}` : undefined),
	};
}

export const median = (values: number[]): number => {
	const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The runs of one vendor, size and variant, summed up: medians, and the traffic of the median run. */
export interface ExportSummary {
	vendor: Vendor;
	size: number;
	variant: Variant;
	runs: number;
	itemsPerSecond: number;
	ms: number;
	items: number;
	duplicates: number;
	exportRssMb: number;
	hwmMb: number;
	requests: number;
	connections: number;
	errors: string[];
}

export function summarise(runs: ExportRun[]): ExportSummary {
	const ok = runs.filter((run) => !run.error && Number.isFinite(run.ms));
	const [first] = runs;
	const middle = [...ok].sort((a, b) => a.ms - b.ms)[Math.floor(ok.length / 2)] ?? first;
	const mb = (kb: number) => kb / 1024;
	return {
		vendor: first.vendor,
		size: first.size,
		variant: first.variant,
		runs: ok.length,
		itemsPerSecond: median(ok.map((run) => run.items / (run.ms / 1000))),
		ms: median(ok.map((run) => run.ms)),
		items: middle.items,
		duplicates: middle.items - middle.unique,
		exportRssMb: mb(median(ok.map((run) => run.exportRssKb))),
		hwmMb: mb(median(ok.map((run) => run.hwmKb))),
		requests: middle.requests,
		connections: middle.connections,
		errors: runs.flatMap((run) => (run.error ? [run.error.split('\n')[0].slice(0, 200)] : [])),
	};
}
