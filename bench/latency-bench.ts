/**
 * The latency mode of `npm run bench` (`--only latency`): the same Return All exports as the
 * memory-served mode, O (our node) and H (the HTTP Request node with its pagination, then Split Out),
 * with every simulator answering each request `--latency` ms late (plus up to `--jitter` ms), as a
 * vendor in another country does. Easypromos enforces its documented 200 requests a minute here, and
 * our node keeps its default Max Wait on Rate Limit. Measures, asserts nothing.
 *
 * The physical limit of a route is max(requests × latency ÷ requests allowed in flight, the documented
 * cap's minimum): our node's requests, 4 in flight for the lists whose pages are addressed (Leevia,
 * Kimple, SPREAD: Pages at Once's default), 1 for Easypromos, which follows a cursor. Easypromos's cap
 * (200 a minute) cannot let the last window open before (windows − 1) minutes, and a cursor reads that
 * window's pages one after the other: its limit adds them (pages in the last window × latency).
 */
import { loadavg } from 'os';

import type { BenchN8n } from './bench-n8n';
import { runMeasured } from './bench-n8n';
import {
	runRoute,
	setUpExports,
	type ExportRun,
	type ExportSetup,
	type Route,
	type Vendor,
} from './bench-export';
import { setPagesAtOnce } from './bench-workflows';
import { setUpKimpleExports } from './kimple-bench';
import { setUpSpreadExports } from './spread-bench';

/** Records a page holds, as our node asks (SPREAD: its largest page). */
const PAGE_SIZE: Record<Vendor, number> = {
	easypromos: 100,
	leevia: 100,
	kimple: 100,
	spread: 5000,
};

/** Pages at Once's default: the requests our node has in flight where pages are addressed. */
const PAGES_AT_ONCE_DEFAULT = 4;

/** Requests our node has in flight at once: Pages at Once, 1 where a cursor leads (Easypromos). */
function inFlight(vendor: Vendor, pagesAtOnce = PAGES_AT_ONCE_DEFAULT): number {
	return vendor === 'easypromos' ? 1 : pagesAtOnce;
}

/** [doc] Easypromos: 200 requests a minute per account. The others document no cap. */
const EASYPROMOS_CAP = { requests: 200, windowMs: 60_000 };

export interface LatencyOptions {
	latencyMs: number;
	jitterMs: number;
	sizes: number[];
	runs: number;
	/** The vendors measured (default: all four). */
	vendors?: Vendor[];
	/** Our node's Request Options → Pages at Once (default: the node's default, 4). */
	pagesAtOnce?: number;
}

export interface LatencyRow {
	vendor: Vendor;
	size: number;
	variant: 'O' | 'H';
	/** Median over the runs that ended without an error. */
	ms: number;
	runs: number;
	items: number;
	duplicates: number;
	requests: number;
	rateLimited: number;
	/** The physical limit of our node's route (see above), in ms. */
	limitMs: number;
	/** The load average (1 min) before and after the run. */
	load: [number, number];
	errors: string[];
}

const log = (message: string) =>
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The requests our node needs: the pages, and one more (empty) where only a short page ends a list. */
export function pagesNeeded(vendor: Vendor, size: number): number {
	const pages = Math.ceil(size / PAGE_SIZE[vendor]);
	const endsOnEmptyPage =
		(vendor === 'kimple' || vendor === 'spread') && size % PAGE_SIZE[vendor] === 0;
	return Math.max(1, pages + (endsOnEmptyPage ? 1 : 0));
}

/** max(requests × latency ÷ in flight, the documented cap's minimum), in ms. */
export function physicalLimitMs(
	vendor: Vendor,
	size: number,
	latencyMs: number,
	pagesAtOnce?: number,
): number {
	const requests = pagesNeeded(vendor, size);
	const waiting = (requests * latencyMs) / inFlight(vendor, pagesAtOnce);
	if (vendor !== 'easypromos') return waiting;
	const windows = Math.ceil(requests / EASYPROMOS_CAP.requests);
	const lastWindowPages = requests - (windows - 1) * EASYPROMOS_CAP.requests;
	const cap = (windows - 1) * EASYPROMOS_CAP.windowMs + lastWindowPages * latencyMs;
	return Math.max(waiting, cap);
}

interface LatencySimulator {
	setLatency(ms: number, jitterMs?: number, seed?: number): void;
	resetRateLimit?: () => void;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** O and H of one vendor at one size, `runs` times each, interleaved. */
async function measureRoutes(
	n8n: BenchN8n,
	setup: ExportSetup,
	vendor: Vendor,
	size: number,
	options: LatencyOptions,
): Promise<LatencyRow[]> {
	const simulator = setup.simulators[vendor] as unknown as LatencySimulator;
	const routes = setup.routes.filter(
		(route: Route) => route.vendor === vendor && route.size === size && route.variant !== 'R',
	);
	const measured: Array<ExportRun & { load: [number, number] }> = [];
	for (let round = 0; round < options.runs; round++) {
		for (const route of routes) {
			// Each run starts with a fresh rate window, as after a quiet minute.
			simulator.resetRateLimit?.();
			const before = loadavg()[0];
			const run = await runRoute(n8n, setup, route);
			measured.push({ ...run, load: [before, loadavg()[0]] });
			log(
				`latency ${options.latencyMs} ms: ${vendor} ${size} ${route.variant}: ${run.items} items in ` +
					`${Math.round(run.ms)} ms, ${run.requests} requests, ${run.rateLimited ?? 0} × 429, ` +
					`load ${before.toFixed(2)}` +
					(run.error ? `, ERROR ${run.error.split('\n')[0].slice(0, 200)}` : ''),
			);
		}
	}
	return (['O', 'H'] as const).flatMap((variant) => {
		const mine = measured.filter((run) => run.variant === variant);
		if (!mine.length) return [];
		const ok = mine.filter((run) => !run.error && Number.isFinite(run.ms));
		const middle = [...(ok.length ? ok : mine)].sort((a, b) => a.ms - b.ms)[
			Math.floor((ok.length || mine.length) / 2)
		];
		return [
			{
				vendor,
				size,
				variant,
				ms: median(ok.map((run) => run.ms)),
				runs: ok.length,
				items: middle.items,
				duplicates: middle.items - middle.unique,
				requests: middle.requests,
				rateLimited: middle.rateLimited ?? 0,
				limitMs: physicalLimitMs(vendor, size, options.latencyMs, options.pagesAtOnce),
				load: [
					Math.min(...mine.map((run) => run.load[0])),
					Math.max(...mine.map((run) => run.load[1])),
				],
				errors: mine.flatMap((run) => (run.error ? [run.error.split('\n')[0].slice(0, 160)] : [])),
			},
		];
	});
}

/** Our node's Request Options → Pages at Once in every O workflow whose pages are addressed. */
function setPagesAtOnceOfRoutes(setup: ExportSetup, pagesAtOnce: number): void {
	for (const route of setup.routes) {
		if (route.variant !== 'O' || route.vendor === 'easypromos' || !route.workflow) continue;
		setPagesAtOnce(route.workflow, route.timed ?? [], pagesAtOnce);
	}
}

/** Imports a setup's credentials and workflows, fills its page caches, then turns the latency on. */
async function prepare(n8n: BenchN8n, setup: ExportSetup, options: LatencyOptions): Promise<void> {
	if (options.pagesAtOnce !== undefined) setPagesAtOnceOfRoutes(setup, options.pagesAtOnce);
	await n8n.instance.importCredentials(setup.credentials);
	await n8n.instance.importWorkflows(setup.workflows);
	// The pages are computed without the cap (the warm-up reads them all at once), which then applies.
	const capped = Object.values(setup.simulators).map(
		(simulator) => simulator as unknown as { rateLimit?: number; resetRateLimit?: () => void },
	);
	const caps = capped.map((simulator) => simulator.rateLimit);
	for (const simulator of capped) {
		if (simulator.rateLimit !== undefined) simulator.rateLimit = Number.MAX_SAFE_INTEGER;
	}
	await setup.warm();
	capped.forEach((simulator, index) => {
		if (caps[index] !== undefined) simulator.rateLimit = caps[index];
		simulator.resetRateLimit?.();
	});
	// The Leevia credential signs in once, untimed (a running n8n has its token).
	const leeviaO = setup.routes.find((route) => route.vendor === 'leevia' && route.variant === 'O');
	if (leeviaO?.workflow)
		await runMeasured(n8n.instance, ['execute', `--id=${leeviaO.workflow.id}`]);
	for (const simulator of Object.values(setup.simulators)) {
		(simulator as unknown as LatencySimulator).setLatency(options.latencyMs, options.jitterMs);
	}
}

/** Every vendor's O and H at each size, latency on. */
export async function measureLatency(
	n8n: BenchN8n,
	options: LatencyOptions,
): Promise<LatencyRow[]> {
	const rows: LatencyRow[] = [];
	const wanted = (vendor: Vendor) => !options.vendors || options.vendors.includes(vendor);
	const exports = await setUpExports(options.sizes, { documentedCap: true });
	try {
		await prepare(n8n, exports, options);
		for (const vendor of (['leevia', 'easypromos'] as const).filter(wanted)) {
			for (const size of options.sizes) {
				rows.push(...(await measureRoutes(n8n, exports, vendor, size, options)));
			}
		}
	} finally {
		await exports.close();
	}
	const kimple = wanted('kimple') ? await setUpKimpleExports(options.sizes) : undefined;
	if (kimple)
		try {
			await prepare(n8n, kimple, options);
			for (const size of options.sizes) {
				rows.push(...(await measureRoutes(n8n, kimple, 'kimple', size, options)));
			}
		} finally {
			await kimple.close();
		}
	// SPREAD's setup holds one ledger: one setup per size, the workflows imported anew for each.
	for (const size of wanted('spread') ? options.sizes : []) {
		const spread = await setUpSpreadExports(size);
		try {
			await prepare(n8n, spread, options);
			rows.push(...(await measureRoutes(n8n, spread, 'spread', size, options)));
		} finally {
			await spread.close();
		}
	}
	return rows;
}
