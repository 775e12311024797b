/**
 * End-to-end runner: the packed package inside real n8n processes, one per n8n line.
 *
 *   node test/e2e/run.cjs [--line v1|v2]... [--vendor leevia]... [--no-build] [--tarball x.tgz]
 *                         [--spec path/to/x.e2e.ts]... [--keep] [--no-install]
 *
 * For each line: install n8n if missing (install-n8n.sh), fresh user folder in the OS temp dir, install the
 * tarball as n8n installs a community package, check that n8n loaded every node and credential the package
 * lists and logged no error loading it, then for each vendor spec (test/e2e/<vendor>.e2e.ts): start its
 * simulators, import its credentials and workflows with n8n's CLI, run its cases (each case executes
 * workflows with `n8n execute` and asserts on the items). Vendor-specific knowledge lives only in the specs.
 * Exit code 1 when anything failed.
 */
import { execFileSync } from 'child_process';
import { readdirSync, rmSync } from 'fs';
import { dirname, join, resolve } from 'path';

import { N8nInstance, REPO_ROOT, ensureLine, summarize } from './lib/n8n';
import { buildAndPack, describeTarball, type PackedPackage } from './lib/pack';
import type { VendorSpec } from './lib/types';

interface Options {
	lines: string[];
	vendors: string[];
	specs: string[];
	build: boolean;
	install: boolean;
	tarball?: string;
	keep: boolean;
}

function parseArgs(argv: string[]): Options {
	const options: Options = {
		lines: [],
		vendors: [],
		specs: [],
		build: true,
		install: true,
		keep: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=')
			? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
			: [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--line') options.lines.push(value());
		else if (flag === '--vendor') options.vendors.push(value().toLowerCase());
		else if (flag === '--spec') options.specs.push(resolve(value()));
		else if (flag === '--tarball') options.tarball = resolve(value());
		else if (flag === '--no-build') options.build = false;
		else if (flag === '--no-install') options.install = false;
		else if (flag === '--keep') options.keep = true;
		else throw new Error(`unknown argument ${arg}`);
	}
	if (options.lines.length === 0)
		options.lines = (process.env.N8N_E2E_LINES ?? 'v2,v1').split(',').filter(Boolean);
	return options;
}

function discoverSpecs(vendors: string[]): string[] {
	const dir = __dirname;
	return readdirSync(dir)
		.filter((f) => /^[a-z0-9-]+\.e2e\.ts$/.test(f))
		.filter((f) => vendors.length === 0 || vendors.includes(f.split('.')[0]))
		.sort()
		.map((f) => join(dir, f));
}

function loadSpec(file: string): VendorSpec {
	const mod = require(file) as { default?: VendorSpec; spec?: VendorSpec };
	const spec = mod.default ?? mod.spec;
	if (!spec || typeof spec.setup !== 'function')
		throw new Error(`${file} exports no VendorSpec (default export)`);
	return spec;
}

interface Outcome {
	line: string;
	name: string;
	ok: boolean;
	ms: number;
	error?: string;
}

/** Jest suites that depend on the Node version's data, run again on each line's Node. */
const CONTACT_TESTS = {
	jest: join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
	files: ['test/shared/country.test.ts', 'test/shared/contact.test.ts'],
};

const started = Date.now();
const outcomes: Outcome[] = [];

function record(line: string, name: string, t0: number, error?: unknown): void {
	const ms = Date.now() - t0;
	const message =
		error === undefined
			? undefined
			: error instanceof Error
				? (error.stack ?? error.message)
				: String(error);
	outcomes.push({ line, name, ok: error === undefined, ms, error: message });
	const mark = error === undefined ? 'PASS' : 'FAIL';
	console.log(`[${line}] ${mark} ${name} (${(ms / 1000).toFixed(1)} s)`);
	if (message) console.log(message.replace(/^/gm, '      '));
}

async function step(line: string, name: string, fn: () => Promise<void>): Promise<boolean> {
	const t0 = Date.now();
	try {
		await fn();
		record(line, name, t0);
		return true;
	} catch (error) {
		record(line, name, t0, error);
		return false;
	}
}

async function runLine(
	lineName: string,
	pkg: PackedPackage,
	specFiles: string[],
	options: Options,
): Promise<void> {
	const line = ensureLine(lineName, options.install);
	// The contact's country table and masks on this line's Node (24 for n8n 2.x, whose Intl differs).
	await step(lineName, `contact countries and masks on ${line.node}`, async () => {
		execFileSync(line.node, [CONTACT_TESTS.jest, '--ci', '--silent', ...CONTACT_TESTS.files], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'ignore', 'pipe'],
		});
	});
	const n8n = await N8nInstance.create(line);
	console.log(`[${lineName}] n8n ${line.version} on ${line.node}; user folder ${n8n.userFolder}`);
	let installedDir = '';
	try {
		const loadedOk = await step(
			lineName,
			`package loads: ${pkg.nodeTypes.length} nodes, ${pkg.credentialTypes.length} credentials`,
			async () => {
				installedDir = n8n.installPackage(pkg.tarball).dir;
				const types = await n8n.loadedTypes();
				const missingNodes = pkg.nodeTypes.filter((t) => !types.nodes.includes(t));
				const missingCredentials = pkg.credentialTypes.filter(
					(t) => !types.credentials.includes(t),
				);
				const problems = n8n.packageLoadProblems(pkg.name, installedDir);
				const errors: string[] = [];
				if (missingNodes.length)
					errors.push(`node types missing from n8n: ${missingNodes.join(', ')}`);
				if (missingCredentials.length)
					errors.push(`credential types missing from n8n: ${missingCredentials.join(', ')}`);
				if (problems.length)
					errors.push(
						`n8n logged problems loading ${pkg.name}:\n${summarize(problems, ['error', 'warn'])}`,
					);
				if (errors.length) throw new Error(errors.join('\n'));
			},
		);
		if (!loadedOk) return;

		for (const file of specFiles) {
			const spec = loadSpec(file);
			const setupName = `${spec.vendor}: simulators up, credentials and workflows imported`;
			const t0 = Date.now();
			let setup;
			try {
				setup = await spec.setup({ line: lineName, n8nVersion: line.version });
			} catch (error) {
				record(lineName, setupName, t0, error);
				continue;
			}
			try {
				await n8n.importCredentials(setup.credentials);
				await n8n.importWorkflows(setup.workflows);
				record(lineName, setupName, t0);
			} catch (error) {
				record(lineName, setupName, t0, error);
				await setup.close();
				continue;
			}
			try {
				for (const testCase of setup.cases) {
					await step(lineName, `${spec.vendor}: ${testCase.name}`, async () => {
						await testCase.run({
							line: lineName,
							n8nVersion: line.version,
							execute: async (workflowId) => await n8n.execute(workflowId),
							log: (message) => console.log(`      ${message}`),
						});
					});
				}
			} finally {
				await setup.close();
			}
		}

		// executions load the package again: anything logged while running counts too
		await step(lineName, 'no package load problems logged during the run', async () => {
			const problems = n8n.packageLoadProblems(pkg.name, installedDir);
			if (problems.length) throw new Error(summarize(problems, ['error', 'warn']));
		});
	} finally {
		if (options.keep) {
			n8n.keep();
			console.log(`[${lineName}] kept ${n8n.userFolder}`);
		} else n8n.remove();
	}
}

export async function main(argv: string[]): Promise<number> {
	const options = parseArgs(argv);
	const specFiles = options.specs.length ? options.specs : discoverSpecs(options.vendors);
	const tarball = options.tarball ?? buildAndPack(REPO_ROOT, options.build);
	try {
		return await runAll(options, specFiles, describeTarball(tarball, REPO_ROOT));
	} finally {
		if (!options.tarball) rmSync(dirname(tarball), { recursive: true, force: true });
	}
}

async function runAll(options: Options, specFiles: string[], pkg: PackedPackage): Promise<number> {
	console.log(
		`package ${pkg.name}@${pkg.version}: nodes ${pkg.nodeTypes.join(', ')}; credentials ${pkg.credentialTypes.join(', ')}`,
	);
	console.log(
		`specs: ${specFiles.map((f) => f.replace(`${REPO_ROOT}/`, '')).join(', ') || '(none)'}`,
	);
	for (const line of options.lines) {
		const t0 = Date.now();
		try {
			await runLine(line, pkg, specFiles, options);
		} catch (error) {
			record(line, 'line setup', t0, error);
		}
	}
	const failed = outcomes.filter((o) => !o.ok);
	console.log(
		`\n${outcomes.length - failed.length} passed, ${failed.length} failed, ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
	);
	for (const o of failed) console.log(`  FAILED [${o.line}] ${o.name}`);
	return failed.length === 0 && outcomes.length > 0 ? 0 : 1;
}
