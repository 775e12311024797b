/**
 * Where one page of our node's export goes, inside n8n: one more run of the O workflow with
 * n8n-timing-hook.cjs preloaded into the n8n process, which times the steps of every request
 * (credential reads, preAuthentication, authenticate, n8n's HTTP client). Per page = total / pages.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { nodeRun, runMeasured, type BenchN8n } from './bench-n8n';
import { trafficOf, type ExportSetup, type Vendor } from './bench-export';
import type { WorkflowJson } from '../sandbox/n8n/types';
import { setPagesAtOnce } from './bench-workflows';

export interface PageProfile {
	vendor: Vendor;
	size: number;
	pages: number;
	connections: number;
	/** ms per page */
	node: number;
	nodeGetCredentials: number;
	helper: number;
	helperGetCredentials: number;
	credentialQuery: number;
	decrypt: number;
	preAuthentication: number;
	authenticate: number;
	httpClient: number;
	axios: number;
	/** the node's time outside n8n's helper and its own credential reads: our code, n8n's engine */
	rest: number;
	error?: string;
}

type Stats = Record<string, { calls: number; ms: number } | undefined>;

/**
 * A copy of the O workflow that reads one page after the other (Request Options → Pages at Once 1),
 * imported: with pages in flight together, their steps' times overlap and would not add up to a page.
 */
async function onePageAtATime(
	n8n: BenchN8n,
	workflow: WorkflowJson,
	timed: string[],
): Promise<WorkflowJson> {
	const copy = structuredClone(workflow);
	copy.id = `${workflow.id}P1`;
	copy.name = `${workflow.name} (one page at a time)`;
	setPagesAtOnce(copy, timed, 1);
	await n8n.instance.importWorkflows([copy]);
	return copy;
}

export async function profileOurs(
	n8n: BenchN8n,
	setup: ExportSetup,
	vendor: Vendor,
	size: number,
): Promise<PageProfile> {
	const route = setup.routes.find(
		(r) => r.vendor === vendor && r.size === size && r.variant === 'O',
	);
	if (!route?.workflow) throw new Error(`no O route for ${vendor} ${size}`);
	// Easypromos follows a cursor: one page after the other already.
	const workflow =
		vendor === 'easypromos'
			? route.workflow
			: await onePageAtATime(n8n, route.workflow, route.timed ?? []);
	const simulator = trafficOf(setup, vendor);
	simulator.resetTraffic();
	const out = join(n8n.instance.userFolder, `bench-timing-${vendor}-${size}.json`);
	const measured = await runMeasured(n8n.instance, ['execute', `--id=${workflow.id}`], {
		NODE_OPTIONS:
			`${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'n8n-timing-hook.cjs')}`.trim(),
		BENCH_TIMING_OUT: out,
	});
	const traffic = simulator.resetTraffic();
	let stats: Stats = {};
	try {
		stats = (JSON.parse(readFileSync(out, 'utf8')) as { stats: Stats }).stats;
	} catch {
		// reported as an error below
	}
	const node = nodeRun(measured.run, route.timed![0]);
	const pages = traffic.requests;
	const perPage = (name: string) => (stats[name]?.ms ?? 0) / pages;
	const nodeMs = (node?.executionTime ?? NaN) / pages;
	return {
		vendor,
		size,
		pages,
		connections: traffic.connections,
		node: nodeMs,
		nodeGetCredentials: perPage('nodeGetCredentials'),
		helper: perPage('helper'),
		helperGetCredentials: perPage('helperGetCredentials'),
		credentialQuery: perPage('credentialQuery'),
		decrypt: perPage('decrypt'),
		preAuthentication: perPage('preAuthentication'),
		authenticate: perPage('authenticate'),
		httpClient: perPage('httpClient'),
		axios: perPage('axios'),
		rest: nodeMs - perPage('helper') - perPage('nodeGetCredentials'),
		error: measured.errorMessage ?? (stats.helper ? undefined : 'the timing hook wrote nothing'),
	};
}
