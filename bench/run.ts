/**
 * `npm run bench`: our nodes against n8n's HTTP Request node and a raw fetch loop, in a real n8n 2.x
 * (sandbox/n8n/install-n8n.sh, installed when missing), with the sandbox simulators. One run; prints the
 * figures as it goes, then a summary, written to bench/results.md. Asserts nothing.
 *
 *   node scripts/run.cjs bench/run.ts [--sizes 5000,50000] [--runs 3]
 *        [--only exports,profile,signins,trigger,rate-limit,kimple,spread]
 *        [--kimple-sizes 5000,10000,50000] [--spread-lines 20000]
 *        [--tarball x.tgz]... [--out bench/results.md | --no-write] [--merge]
 *   … --only latency [--latency 150] [--jitter 0] [--latency-sizes 10000,50000] [--latency-runs 1]
 *        [--latency-vendors leevia,easypromos,kimple,spread] [--pages-at-once 4]
 *
 * --tarball (once per package) measures already packed builds (a prototype, say) instead of building
 * this checkout's four packages.
 * `kimple` is Kimple's exports (at --kimple-sizes) and its trigger's cost per poll; `spread` is
 * SPREAD's export of a ledger of --spread-lines cagnotte lines and its trigger's cost per poll;
 * `trigger` is the Leevia Trigger's requests and time per poll, before and after it read only what is
 * new, and its static data (in the bench process, through n8n-core: no n8n is started for it alone).
 * `latency` (not in the default run: about 10 minutes of waiting) is every vendor's O and H with each
 * simulator answering --latency ms late (+ up to --jitter ms), at --latency-sizes, against the
 * physical limit (bench/latency-bench.ts).
 * A run of those alone (`--only kimple`, `--only trigger`, `--only latency,kimple` …), or one
 * with --merge, replaces only their sections of the --out file and keeps the other figures as they
 * were measured.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { dirname, join } from 'path';

import { REPO_ROOT } from '../sandbox/n8n/n8n';
import { runMeasured, startN8n } from './bench-n8n';
import {
	runRoute,
	setUpExports,
	summarise,
	type ExportRun,
	type ExportSetup,
	type Vendor,
} from './bench-export';
import { profileOurs } from './bench-profile';
import {
	kimpleReport,
	leeviaTriggerReport,
	mergeKimpleSection,
	mergeLeeviaTriggerSection,
	mergeSpreadSection,
	report,
	spreadReport,
	type Results,
} from './bench-report';
import { setUpRateLimit } from './easypromos-rate-limit';
import { measureLatency, type LatencyOptions } from './latency-bench';
import {
	LATENCY_END,
	LATENCY_START,
	latencyReport,
	mergeLatencySection,
	type LatencyResults,
} from './latency-report';
import { measureKimpleTrigger, setUpKimpleExports } from './kimple-bench';
import { measurePollCosts, measureTriggerState } from './leevia-export';
import { setUpSignIns } from './leevia-signins';
import { measureSpreadTrigger, setUpSpreadExports } from './spread-bench';
import { measureSpreadChanges, measureSpreadFind } from './spread-crm-bench';

interface Options {
	sizes: number[];
	kimpleSizes: number[];
	spreadLines: number;
	runs: number;
	only: Set<string>;
	tarballs: string[];
	out?: string;
	/** Write only the sections measured (Kimple, SPREAD, the Leevia Trigger) into the existing --out file. */
	merge: boolean;
	latency: LatencyOptions;
}

/** The parts that have a section of their own in results.md, which a run of them alone merges. */
const SECTIONS = ['kimple', 'spread', 'trigger', 'latency'];

/** The parts measured in the bench process alone (the harness's n8n-core), with no n8n started. */
const IN_PROCESS = ['trigger'];

/** The Kimple Trigger's figures are taken over a contest of this many entries. */
const KIMPLE_TRIGGER_ENTRIES = 10_000;

function parseArgs(argv: string[]): Options {
	const options: Options = {
		sizes: [5_000, 50_000],
		kimpleSizes: [5_000, 10_000, 50_000],
		spreadLines: 20_000,
		runs: 3,
		only: new Set(['exports', 'profile', 'signins', 'trigger', 'rate-limit', 'kimple', 'spread']),
		out: join(REPO_ROOT, 'bench', 'results.md'),
		merge: false,
		tarballs: [],
		latency: { latencyMs: 150, jitterMs: 0, sizes: [10_000, 50_000], runs: 1 },
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--sizes') options.sizes = value().split(',').map(Number);
		else if (flag === '--kimple-sizes') options.kimpleSizes = value().split(',').map(Number);
		else if (flag === '--spread-lines') options.spreadLines = Number(value());
		else if (flag === '--runs') options.runs = Number(value());
		else if (flag === '--merge') options.merge = true;
		else if (flag === '--latency') options.latency.latencyMs = Number(value());
		else if (flag === '--jitter') options.latency.jitterMs = Number(value());
		else if (flag === '--latency-sizes') options.latency.sizes = value().split(',').map(Number);
		else if (flag === '--latency-runs') options.latency.runs = Number(value());
		else if (flag === '--latency-vendors')
			options.latency.vendors = value().split(',') as LatencyOptions['vendors'];
		else if (flag === '--pages-at-once') options.latency.pagesAtOnce = Number(value());
		else if (flag === '--only') options.only = new Set(value().split(','));
		else if (flag === '--tarball') options.tarballs.push(value());
		else if (flag === '--out') options.out = value();
		else if (flag === '--no-write') options.out = undefined;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if ([...options.only].every((part) => SECTIONS.includes(part))) options.merge = true;
	return options;
}

const log = (message: string) =>
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function describeRun(run: ExportRun): string {
	const perSecond = Math.round(run.items / (run.ms / 1000));
	return (
		`${run.vendor} ${run.size} ${run.variant}: ${run.items} items (${run.unique} unique) in ` +
		`${Math.round(run.ms)} ms = ${perSecond}/s, ${run.requests} requests, ${run.connections} connections, ` +
		`RSS ${Math.round(run.exportRssKb / 1024)} MB during the export, VmHWM ${Math.round(run.hwmKb / 1024)} MB` +
		(run.error ? `, ERROR ${run.error.split('\n')[0]}` : '')
	);
}

/** `options.runs` rounds of every route of `vendor` at each size, interleaved, then their summaries. */
async function measureExports(
	n8n: Awaited<ReturnType<typeof startN8n>>,
	setup: ExportSetup,
	vendor: Vendor,
	sizes: number[],
	runs: number,
): Promise<Results['exports']> {
	const summaries: Results['exports'] = [];
	for (const size of sizes) {
		const routes = setup.routes.filter((r) => r.vendor === vendor && r.size === size);
		const measured: ExportRun[] = [];
		for (let round = 0; round < runs; round++) {
			for (const route of routes) {
				const run = await runRoute(n8n, setup, route);
				measured.push(run);
				log(describeRun(run));
				if (run.variant === 'O' && run.ms > run.size) {
					log('  (over 1 ms a record: did the node pace its requests to a rate limit?)');
				}
			}
		}
		for (const variant of ['O', 'H', 'R'] as const) {
			const mine = measured.filter((run) => run.variant === variant);
			if (mine.length) summaries.push(summarise(mine));
		}
	}
	return summaries;
}

/** The latency section of an existing results file, kept by a whole run that does not measure it. */
function keptLatencySection(out: string | undefined): string {
	if (!out || !existsSync(out)) return '';
	const text = readFileSync(out, 'utf8');
	const start = text.indexOf(LATENCY_START);
	const end = text.indexOf(LATENCY_END);
	return start >= 0 && end > start ? text.slice(start, end + LATENCY_END.length) : '';
}

export async function main(argv: string[]): Promise<void> {
	const options = parseArgs(argv);
	const started = Date.now();
	const results: Results = {
		machine: {
			cpu: cpus()[0]?.model ?? 'unknown',
			cores: cpus().length,
			ramGb: totalmem() / 1024 ** 3,
			benchNode: process.version,
			loadAtStart: loadavg()[0],
		},
		date: new Date().toISOString(),
		sizes: options.sizes,
		kimpleSizes: options.kimpleSizes,
		spreadLines: options.spreadLines,
		runs: options.runs,
		exports: [],
		profiles: [],
		signIns: [],
		rateLimit: [],
	};
	log(`machine: ${results.machine.cpu}, ${results.machine.cores} cores, load ${loadavg()[0]}`);
	const n8n = [...options.only].every((part) => IN_PROCESS.includes(part))
		? undefined
		: await startN8n({ tarballs: options.tarballs });
	if (n8n) {
		results.machine.n8n = n8n.version;
		results.machine.n8nNode = n8n.nodeVersion;
		results.tarball = options.tarballs.join(', ') || undefined;
		log(`n8n ${n8n.version} on Node ${n8n.nodeVersion}, user folder ${n8n.instance.userFolder}`);
	}

	const exports =
		options.only.has('exports') || options.only.has('profile')
			? await setUpExports(options.sizes)
			: undefined;
	const signIns = options.only.has('signins') ? await setUpSignIns() : undefined;
	const rateLimit = options.only.has('rate-limit') ? await setUpRateLimit() : undefined;
	const kimple = options.only.has('kimple')
		? await setUpKimpleExports(options.kimpleSizes)
		: undefined;
	const spread = options.only.has('spread')
		? await setUpSpreadExports(options.spreadLines)
		: undefined;
	const parts = [exports, signIns, rateLimit, kimple, spread].filter((part) => part !== undefined);
	let latency: LatencyResults | undefined;
	try {
		if (n8n) {
			await n8n.instance.importCredentials(parts.flatMap((part) => part.credentials));
			await n8n.instance.importWorkflows(parts.flatMap((part) => part.workflows));
			log('credentials and workflows imported');
		}

		if (signIns && n8n) {
			results.signIns = await signIns.run(n8n);
			for (const row of results.signIns) log(`Leevia sign-ins: ${JSON.stringify(row)}`);
		}

		if (exports && n8n) {
			const t0 = Date.now();
			await exports.warm();
			log(`simulator pages computed and cached in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			// the Leevia credential signs in once, untimed (as a running n8n would have its token)
			const leeviaO = exports.routes.find((r) => r.vendor === 'leevia' && r.variant === 'O');
			if (leeviaO?.workflow) {
				await runMeasured(n8n.instance, ['execute', `--id=${leeviaO.workflow.id}`]);
			}
			for (const vendor of ['easypromos', 'leevia'] as const) {
				if (options.only.has('profile')) {
					const profile = await profileOurs(n8n, exports, vendor, Math.max(...options.sizes));
					results.profiles.push(profile);
					log(`profile of a page: ${JSON.stringify(profile)}`);
				}
				const sizes = options.only.has('exports') ? options.sizes : [];
				results.exports.push(...(await measureExports(n8n, exports, vendor, sizes, options.runs)));
			}
		}

		if (kimple && n8n) {
			const t0 = Date.now();
			await kimple.warm();
			log(`Kimple pages computed and cached in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			results.exports.push(
				...(await measureExports(n8n, kimple, 'kimple', options.kimpleSizes, options.runs)),
			);
			results.kimpleTrigger = await measureKimpleTrigger(KIMPLE_TRIGGER_ENTRIES);
			for (const row of results.kimpleTrigger) log(`Kimple Trigger: ${JSON.stringify(row)}`);
		}

		if (spread && n8n) {
			const t0 = Date.now();
			await spread.warm();
			log(`SPREAD pages computed and cached in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			results.exports.push(
				...(await measureExports(n8n, spread, 'spread', [options.spreadLines], options.runs)),
			);
			results.spreadTrigger = await measureSpreadTrigger(options.spreadLines);
			for (const row of results.spreadTrigger) log(`SPREAD Trigger: ${JSON.stringify(row)}`);
			results.spreadChanges = await measureSpreadChanges(options.spreadLines);
			for (const row of results.spreadChanges) log(`SPREAD Trigger: ${JSON.stringify(row)}`);
			results.spreadFind = await measureSpreadFind(options.spreadLines);
			for (const row of results.spreadFind) log(`SPREAD Find: ${JSON.stringify(row)}`);
		}

		if (options.only.has('trigger')) {
			const core = join(REPO_ROOT, 'node_modules', 'n8n-core', 'package.json');
			results.n8nCore = (JSON.parse(readFileSync(core, 'utf8')) as { version: string }).version;
			results.triggerPolls = await measurePollCosts();
			for (const row of results.triggerPolls) log(`Leevia Trigger: ${JSON.stringify(row)}`);
			results.trigger = await measureTriggerState(Math.max(...options.sizes));
			log(`Leevia Trigger: ${JSON.stringify(results.trigger)}`);
		}

		if (rateLimit && n8n) {
			results.rateLimit = await rateLimit.run(n8n);
			for (const row of results.rateLimit) log(`Easypromos rate limit: ${JSON.stringify(row)}`);
		}

		if (options.only.has('latency') && n8n) {
			const t0 = Date.now();
			const loadAtStart = loadavg()[0];
			const rows = await measureLatency(n8n, options.latency);
			latency = {
				options: options.latency,
				date: new Date(t0).toISOString(),
				machine:
					`${results.machine.cpu}, ${results.machine.cores} cores; load average ${loadAtStart.toFixed(2)} ` +
					`at the start, ${loadavg()[0].toFixed(2)} at the end; n8n ${n8n.version} on Node ${n8n.nodeVersion}`,
				minutes: (Date.now() - t0) / 60_000,
				rows,
			};
		}
	} finally {
		for (const part of parts) await part.close();
		n8n?.close();
	}
	results.seconds = (Date.now() - started) / 1000;
	results.machine.loadAtEnd = loadavg()[0];
	const merging = options.merge && !!options.out && existsSync(options.out);
	// Merging: each section measured, in place of its old one (or added at the end).
	const sections = [
		{ part: 'kimple', markdown: kimpleReport(results), merge: mergeKimpleSection },
		{ part: 'spread', markdown: spreadReport(results), merge: mergeSpreadSection },
		{ part: 'trigger', markdown: leeviaTriggerReport(results), merge: mergeLeeviaTriggerSection },
		{
			part: 'latency',
			markdown: latency ? latencyReport(latency) : '',
			merge: mergeLatencySection,
		},
	].filter((section) => options.only.has(section.part) && section.markdown);
	const markdown = merging
		? sections.map((section) => section.markdown).join('\n\n')
		: [report(results), latency ? latencyReport(latency) : keptLatencySection(options.out)]
				.filter(Boolean)
				.join('\n\n');
	console.log(`\n${markdown}`);
	if (options.out) {
		mkdirSync(dirname(options.out), { recursive: true });
		writeFileSync(
			options.out,
			merging
				? sections.reduce(
						(text, section) => section.merge(text, section.markdown),
						readFileSync(options.out, 'utf8'),
					)
				: markdown,
		);
		const names = sections.map((section) => section.part).join(' and ');
		log(`${merging ? `${names} section merged into` : 'written to'} ${options.out}`);
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
