/**
 * `npm run test:packages`: each platform's repository tree as n8n's verification and a contributor meet
 * it. For each package:
 *
 *   1. the tree written and committed to a new git repository, then cloned (a fresh clone: only what is
 *      committed, nothing of this workspace's node_modules);
 *   2. in the clone: `npm ci`, `npm run build` (n8n-node build), `npm run lint` (n8n-node lint, strict
 *      mode: the template's eslint.config.mjs), `npm pack`;
 *   3. n8n's scanner (`analyzePackage` of @n8n/scan-community-package) on the clone's source and on the
 *      unpacked tarball: 0 errors, or the check fails; warnings are listed;
 *   4. the tarball holds the same files, byte for byte, as dist/<package>-<version>.tgz that `npm run
 *      build` packs with this workspace's TypeScript (what the e2e, browser and queue suites install),
 *      when that one is there.
 *
 * The clone's commands run the way the tree's own CI runs them on GitHub (.github/workflows/ci.yml:
 * Node 'lts/*', a CI environment): with Node 24 (the one sandbox/n8n/install-n8n.sh installs for n8n 2.x;
 * n8n-workflow, which npm installs as the peer dependency, needs Node >= 24 for its isolated-vm) and
 * CI=true (npm then answers npx's questions yes, as on GitHub's runners). Needs the npm registry.
 * Exit code 1 when anything failed.
 */
import { execFileSync, spawn } from 'child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { dirname, join, posix } from 'path';

import { ensureLine } from '../../sandbox/n8n/n8n';
import { DIST_DIR } from '../../sandbox/packer/build';
import { platforms, REPO_ROOT, type Platform } from '../../sandbox/packer/platforms';
import { writeTree } from '../../sandbox/packer/tree';

interface ScanResult {
	passed: boolean;
	message: string | null;
	files: number;
	errors: number;
	warnings: number;
	messages: Array<{ file: string; line: number; severity: string; rule: string; message: string }>;
}

export interface PackageReport {
	name: string;
	ok: boolean;
	steps: Array<{ step: string; ok: boolean; seconds: number; detail?: string }>;
	tarballBytes?: number;
	scan: { source?: ScanResult; tarball?: ScanResult };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A command's exit and output (stdout and stderr together, as they came). */
async function spawned(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; output: string }> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			output += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, output }));
	});
}

/** Runs a command; its output goes to a log file, and its tail into the error when it fails. */
async function run(
	command: string,
	args: string[],
	cwd: string,
	log: string,
	nodeDir?: string,
): Promise<string> {
	const child = await spawned(command, args, {
		cwd,
		env: {
			...process.env,
			PATH: nodeDir ? `${nodeDir}:${process.env.PATH ?? ''}` : process.env.PATH,
			CI: 'true',
			npm_config_yes: 'true',
		},
	});
	// n8n-node colours its output whatever the environment says
	const output = `$ ${command} ${args.join(' ')}\n${child.output}\n`.replace(
		/\x1b\[[0-9;?]*[A-Za-z]/g,
		'',
	);
	writeFileSync(log, output, { flag: 'a' });
	if (child.code !== 0)
		throw new Error(
			`${command} ${args.join(' ')} exited ${child.code}:\n${output.split('\n').slice(-40).join('\n')}`,
		);
	return output;
}

async function scan(folder: string, kind: 'source' | 'tarball'): Promise<ScanResult> {
	const child = await spawned(process.execPath, [join(__dirname, 'scan.mjs'), folder, kind], {
		cwd: REPO_ROOT,
	});
	const line = child.stdout.trim().split('\n').pop() ?? '';
	try {
		return JSON.parse(line) as ScanResult;
	} catch {
		throw new Error(`the scanner printed no result (exit ${child.code}):\n${child.output}`);
	}
}

/** Every file of an unpacked tarball, path → bytes. */
function unpack(tarball: string, into: string): Map<string, Buffer> {
	mkdirSync(into, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', into]);
	const files = new Map<string, Buffer>();
	const walk = (prefix: string) => {
		for (const entry of readdirSync(join(into, prefix), { withFileTypes: true })) {
			const path = posix.join(prefix, entry.name);
			if (entry.isDirectory()) walk(path);
			else files.set(path, readFileSync(join(into, path)));
		}
	};
	walk('');
	return files;
}

function sameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
	const differences: string[] = [];
	for (const path of new Set([...a.keys(), ...b.keys()])) {
		if (!a.has(path)) differences.push(`only in dist/'s tarball: ${path}`);
		else if (!b.has(path)) differences.push(`only in the clone's tarball: ${path}`);
		else if (!a.get(path)!.equals(b.get(path)!)) differences.push(`differs: ${path}`);
	}
	return differences.sort();
}

function describeScan(result: ScanResult): string {
	const head = `${result.passed ? 'passed' : 'FAILED'}: ${result.errors} errors, ${result.warnings} warnings in ${result.files} files`;
	return [
		head,
		...result.messages.map(
			(m) => `      ${m.severity} ${m.file}:${m.line} ${m.rule}: ${m.message}`,
		),
	].join('\n');
}

export async function checkPackage(
	platform: Platform,
	work: string,
	nodeDir: string,
): Promise<PackageReport> {
	const report: PackageReport = { name: platform.name, ok: true, steps: [], scan: {} };
	const log = join(work, `${platform.name}.log`);
	const source = join(work, `${platform.name}-source`);
	const clone = join(work, platform.name);
	const unpacked = join(work, `${platform.name}-tarball`);
	let tarball = '';
	const step = async (name: string, fn: () => Promise<string | void>): Promise<boolean> => {
		const t0 = Date.now();
		try {
			const detail = (await fn()) ?? undefined;
			const seconds = (Date.now() - t0) / 1000;
			report.steps.push({ step: name, ok: true, seconds, detail });
			say(
				`[${platform.name}] PASS ${name} (${seconds.toFixed(1)} s)${detail ? `: ${detail}` : ''}`,
			);
			return true;
		} catch (error) {
			const seconds = (Date.now() - t0) / 1000;
			const detail = error instanceof Error ? error.message : String(error);
			report.steps.push({ step: name, ok: false, seconds, detail });
			report.ok = false;
			say(
				`[${platform.name}] FAIL ${name} (${seconds.toFixed(1)} s)\n${detail.replace(/^/gm, '      ')}`,
			);
			return false;
		}
	};
	const npm = async (...args: string[]) => await run('npm', args, clone, log, nodeDir);
	const git = ['-c', 'user.name=contest-platforms', '-c', 'user.email=dev@contest-platforms.dev'];
	const ok =
		(await step('tree written, committed to a new repository and cloned', async () => {
			const files = writeTree(platform, source);
			await run('git', ['init', '-q', '-b', 'main'], source, log);
			await run('git', ['add', '-A'], source, log);
			await run(
				'git',
				[...git, 'commit', '-q', '-m', `${platform.name} ${platform.version}`],
				source,
				log,
			);
			await run('git', ['clone', '-q', source, clone], work, log);
			return `${files.length} files`;
		})) &&
		(await step('npm ci', async () => void (await npm('ci', '--no-audit', '--no-fund')))) &&
		(await step('npm run build (n8n-node build)', async () => void (await npm('run', 'build')))) &&
		(await step('npm run lint (n8n-node lint, strict)', async () => {
			const output = await npm('run', 'lint');
			const problems = /✖ (\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(output);
			return problems ? `${problems[2]} errors, ${problems[3]} warnings` : 'no problems';
		})) &&
		(await step('npm pack', async () => {
			const out = await npm('pack', '--json', '--pack-destination', work);
			const json = out.slice(out.indexOf('['), out.lastIndexOf(']') + 1);
			const [packed] = JSON.parse(json) as Array<{
				filename: string;
				size: number;
				entryCount: number;
			}>;
			tarball = join(work, packed.filename);
			report.tarballBytes = packed.size;
			return `${packed.filename}, ${packed.size} bytes, ${packed.entryCount} files`;
		}));
	if (!ok) return report;
	await step("n8n's scanner on the source (package.json, nodes/, credentials/)", async () => {
		const result = await scan(clone, 'source');
		report.scan.source = result;
		if (!result.passed || result.errors > 0) throw new Error(describeScan(result));
		return describeScan(result);
	});
	await step("n8n's scanner on the tarball (its .js files and package.json)", async () => {
		const files = unpack(tarball, unpacked);
		if (files.size === 0) throw new Error('the tarball is empty');
		const result = await scan(join(unpacked, 'package'), 'tarball');
		report.scan.tarball = result;
		if (!result.passed || result.errors > 0) throw new Error(describeScan(result));
		return describeScan(result);
	});
	const workspaceTarball = join(DIST_DIR, `${platform.name}-${platform.version}.tgz`);
	if (existsSync(workspaceTarball))
		await step("same files as npm run build's tarball (dist/)", async () => {
			const differences = sameFiles(
				unpack(workspaceTarball, join(work, `${platform.name}-dist`)),
				unpack(tarball, join(work, `${platform.name}-clone`)),
			);
			if (differences.length) throw new Error(differences.join('\n'));
		});
	else say(`[${platform.name}] (no ${workspaceTarball} to compare with: run npm run build first)`);
	return report;
}

/**
 * `--jobs N` (2 by default) packages at a time: most of a check is npm ci, which waits on the network
 * and the disk as much as on a core.
 */
export async function main(argv: string[]): Promise<number> {
	const keep = argv.includes('--keep');
	const jobsIndex = argv.indexOf('--jobs');
	const jobs = jobsIndex >= 0 ? Math.max(1, Number(argv[jobsIndex + 1]) || 1) : 2;
	const ids = argv.filter((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--jobs');
	const started = Date.now();
	const nodeDir = dirname(ensureLine('v2').node);
	say(
		`node ${execFileSync(join(nodeDir, 'node'), ['--version'], { encoding: 'utf8' }).trim()} from ${nodeDir}; ${jobs} package(s) at a time`,
	);
	const work = mkdtempSync(join(tmpdir(), 'n8n-packages-check-'));
	const queue = platforms(ids);
	const reports: PackageReport[] = [];
	try {
		await Promise.all(
			Array.from({ length: jobs }, async () => {
				for (let platform = queue.shift(); platform; platform = queue.shift())
					reports.push(await checkPackage(platform, work, nodeDir));
			}),
		);
	} finally {
		if (keep) say(`kept ${work}`);
		else rmSync(work, { recursive: true, force: true });
	}
	say(`\npackages: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
	for (const r of reports.sort((a, b) => a.name.localeCompare(b.name))) {
		const scanLine = (s?: ScanResult) => (s ? `${s.errors} errors, ${s.warnings} warnings` : '-');
		say(
			`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name}: tarball ${r.tarballBytes ?? '-'} bytes; scanner source ${scanLine(r.scan.source)}, tarball ${scanLine(r.scan.tarball)}`,
		);
	}
	return reports.length > 0 && reports.every((r) => r.ok) ? 0 : 1;
}
