/**
 * End-to-end runner: the four packages inside real n8n processes, on each n8n line.
 *
 *   node scripts/run.cjs test/e2e/run.ts [--line v1|v2]... [--vendor leevia]... [--no-build] [--tarball x.tgz]...
 *                         [--spec path/to/x.e2e.ts]... [--keep] [--no-install]
 *
 * For each line (install n8n if missing: install-n8n.sh), one n8n with a fresh user folder per group:
 *   - each package alone: its tarball installed as n8n installs a community package, checked to load
 *     with no loader problem and to register exactly its own nodes, `<node>Tool` and credential (nothing
 *     of the other three), then the spec(s) of that package alone, then its examples/<platform>-*.json
 *     that start by hand, against the vendor sandbox;
 *   - all four side by side (when every package is under test): the same load check for the four together,
 *     then the specs that use several packages (contacts.e2e.ts: Leevia's and Easypromos's).
 * A spec (test/e2e/<vendor>.e2e.ts) starts its simulators, has its credentials and workflows imported with
 * n8n's CLI and runs its cases (each executes workflows with `n8n execute` and asserts on the items).
 * Vendor-specific knowledge lives only in the specs. Exit code 1 when anything failed.
 */
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { startEditorServer } from '../../sandbox/n8n/editor-server';
import {
	N8nInstance,
	REPO_ROOT,
	ensureLine,
	freePort,
	summarize,
	type N8nLine,
} from '../../sandbox/n8n/n8n';
import { REGISTRATIONS, packedPackages, type PackedPackage } from '../../sandbox/packer/pack';
import type { CaseContext, VendorSpec, WorkflowJson } from './lib/types';

interface Options {
	lines: string[];
	vendors: string[];
	specs: string[];
	tarballs: string[];
	build: boolean;
	install: boolean;
	keep: boolean;
}

function parseArgs(argv: string[]): Options {
	const options: Options = {
		lines: [],
		vendors: [],
		specs: [],
		tarballs: [],
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
		else if (flag === '--tarball') options.tarballs.push(resolve(value()));
		else if (flag === '--no-build') options.build = false;
		else if (flag === '--no-install') options.install = false;
		else if (flag === '--keep') options.keep = true;
		else throw new Error(`unknown argument ${arg}`);
	}
	if (options.lines.length === 0)
		options.lines = (process.env.N8N_E2E_LINES ?? 'v2,v1').split(',').filter(Boolean);
	return options;
}

function specFiles(): string[] {
	return readdirSync(__dirname)
		.filter((f) => /^[a-z0-9-]+\.e2e\.ts$/.test(f))
		.sort()
		.map((f) => join(__dirname, f));
}

function loadSpec(file: string): VendorSpec {
	const mod = require(file) as { default?: VendorSpec; spec?: VendorSpec };
	const spec = mod.default ?? mod.spec;
	if (!spec || typeof spec.setup !== 'function' || !Array.isArray(spec.packages))
		throw new Error(`${file} exports no VendorSpec (default export, with its packages)`);
	return spec;
}

/** One n8n user folder: the packages installed in it and the specs run there. */
interface Group {
	name: string;
	packages: PackedPackage[];
	specs: VendorSpec[];
	/** the package whose examples run here (a package alone) */
	examplesOf?: PackedPackage;
}

function groups(packages: PackedPackage[], specs: VendorSpec[]): Group[] {
	const unknown = packages.filter((pkg) => !REGISTRATIONS[pkg.name]);
	if (unknown.length)
		throw new Error(
			`${unknown.map((pkg) => pkg.name).join(', ')}: not one of ours (sandbox/packer/pack.ts REGISTRATIONS)`,
		);
	const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
	const missing = specs.flatMap((spec) => spec.packages.filter((name) => !byName.has(name)));
	if (missing.length)
		throw new Error(`specs need packages not under test: ${[...new Set(missing)].join(', ')}`);
	const alone: Group[] = packages.map((pkg) => ({
		name: `${pkg.name} alone`,
		packages: [pkg],
		specs: specs.filter((spec) => spec.packages.length === 1 && spec.packages[0] === pkg.name),
		examplesOf: pkg,
	}));
	const together = specs.filter((spec) => spec.packages.length > 1);
	if (packages.length < 2) return alone;
	return [
		...alone,
		{ name: `the ${packages.length} packages side by side`, packages, specs: together },
	];
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

/** Set difference, for messages. */
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

/**
 * The packages load in this n8n: no loader problem logged, every node and credential their classes name
 * is registered, and of ours exactly what REGISTRATIONS lists for them (the node types of community
 * packages, and the credential types those nodes use).
 */
async function checkLoaded(
	n8n: N8nInstance,
	packages: PackedPackage[],
	dirs: Map<string, string>,
): Promise<void> {
	const types = await n8n.loadedTypes();
	const expectedNodes = packages.flatMap((pkg) => REGISTRATIONS[pkg.name].nodes).sort();
	const expectedCredentials = packages.flatMap((pkg) => REGISTRATIONS[pkg.name].credentials).sort();
	const communityNodes = types.nodes
		.filter((type) => type.startsWith('n8n-nodes-') && !type.startsWith('n8n-nodes-base.'))
		.sort();
	const communityCredentials = Object.entries(types.credentialNodes)
		.filter(([, nodes]) => nodes.some((node) => communityNodes.includes(node)))
		.map(([name]) => name)
		.sort();
	const errors: string[] = [];
	const classTypes = packages.flatMap((pkg) => pkg.nodeTypes);
	const classCredentials = packages.flatMap((pkg) => pkg.credentialTypes);
	if (minus(classTypes, types.nodes).length)
		errors.push(`node types missing from n8n: ${minus(classTypes, types.nodes).join(', ')}`);
	if (minus(classCredentials, types.credentials).length)
		errors.push(
			`credential types missing from n8n: ${minus(classCredentials, types.credentials).join(', ')}`,
		);
	if (JSON.stringify(communityNodes) !== JSON.stringify(expectedNodes))
		errors.push(
			`community node types: expected ${expectedNodes.join(', ')}; n8n has ${communityNodes.join(', ') || 'none'}`,
		);
	if (JSON.stringify(communityCredentials) !== JSON.stringify(expectedCredentials))
		errors.push(
			`credential types of community nodes: expected ${expectedCredentials.join(', ')}; n8n has ${communityCredentials.join(', ') || 'none'}`,
		);
	// Custom API calls: the editor offers our credential types to the HTTP Request node, and n8n gives
	// each action node (and its Tool) "Custom API Call" as its last Resource
	const withoutAuthenticate = minus(expectedCredentials, types.credentialsWithAuthenticate);
	if (withoutAuthenticate.length)
		errors.push(
			`credential types served without authenticate (not in the HTTP Request node's Predefined Credential Type list): ${withoutAuthenticate.join(', ')}`,
		);
	const withoutCustomCall = expectedNodes.filter(
		(node) => !/Trigger$/.test(node) && types.resourceOptions[node]?.at(-1) !== 'Custom API Call',
	);
	if (withoutCustomCall.length)
		errors.push(`action nodes without Custom API Call: ${withoutCustomCall.join(', ')}`);
	for (const pkg of packages) {
		const problems = n8n.packageLoadProblems(pkg.name, dirs.get(pkg.name)!);
		if (problems.length)
			errors.push(
				`n8n logged problems loading ${pkg.name}:\n${summarize(problems, ['error', 'warn'])}`,
			);
	}
	if (errors.length) throw new Error(errors.join('\n'));
}

/** A platform's examples that start by hand (a trigger or a webhook starts the others once active). */
function handStartedExamples(pkg: PackedPackage): WorkflowJson[] {
	const platform = pkg.name.replace(/^n8n-nodes-/, '');
	const dir = join(REPO_ROOT, 'examples');
	return readdirSync(dir)
		.filter((file) => file.startsWith(`${platform}-`) && file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson)
		.filter((workflow) =>
			workflow.nodes.some((node) => String(node.type) === 'n8n-nodes-base.manualTrigger'),
		);
}

/** The vendor sandbox of `npm start` (the examples' credentials point at it), on free ports. */
async function sandboxOnFreePorts(): Promise<Sandbox> {
	for (const vendor of ['LEEVIA', 'EASYPROMOS', 'KIMPLE', 'SPREAD'])
		process.env[`SANDBOX_PORT_${vendor}`] = String(await freePort());
	return await startSandbox();
}

/** A spec set up for one group: its simulators running, what to import, its cases. */
interface Prepared {
	spec: VendorSpec;
	setup: Awaited<ReturnType<VendorSpec['setup']>>;
}

/** The examples' case of a package alone: what to import, and the case. */
function examplesCase(pkg: PackedPackage, sandbox: Sandbox) {
	const examples = handStartedExamples(pkg);
	const credentialTypes = new Set(REGISTRATIONS[pkg.name].credentials);
	return {
		examples,
		credentials: sandbox.vendors
			.map((vendor) => vendor.credential)
			.filter((credential) => credentialTypes.has(credential.type)),
		name: `${pkg.name}: its examples that start by hand run against the sandbox (${examples.map((w) => w.id).join(', ')})`,
		run: async (n8n: N8nInstance) => {
			const failures: string[] = [];
			for (const workflow of examples) {
				const result = await n8n.execute(workflow.id);
				const ours = workflow.nodes.filter((node) => String(node.type).startsWith(`${pkg.name}.`));
				if (result.status !== 'success')
					failures.push(`${workflow.id}: ${result.errorMessage} (${result.logFile})`);
				for (const node of ours)
					if (result.items(String(node.name)).length === 0)
						failures.push(`${workflow.id}: node "${node.name}" output no item`);
				console.log(
					`      ${workflow.id}: ${result.status}; ${ours.map((node) => `${node.name} ${result.items(String(node.name)).length} items`).join(', ')}`,
				);
			}
			if (failures.length) throw new Error(failures.join('\n'));
		},
	};
}

/**
 * The group's specs set up (simulators started), their credentials and workflows and the examples'
 * imported with one n8n command each, then every case, then the examples.
 */
async function runCases(
	lineName: string,
	line: N8nLine,
	n8n: N8nInstance,
	group: Group,
	sandbox: Sandbox,
): Promise<void> {
	const prepared: Prepared[] = [];
	const examples = group.examplesOf ? examplesCase(group.examplesOf, sandbox) : undefined;
	if (group.examplesOf && !examples?.examples.length)
		console.log(
			`[${lineName}] ---- ${group.examplesOf.name}: its examples start from a trigger or a webhook, none by hand`,
		);
	try {
		const names = [
			...group.specs.map((spec) => spec.vendor),
			...(examples?.examples.length ? ['examples'] : []),
		];
		const imported = await step(
			lineName,
			`${group.name}: ${names.join(', ')}: simulators up, credentials and workflows imported`,
			async () => {
				for (const spec of group.specs)
					prepared.push({
						spec,
						setup: await spec.setup({ line: lineName, n8nVersion: line.version }),
					});
				await n8n.importCredentials([
					...prepared.flatMap(({ setup }) => setup.credentials),
					...(examples?.examples.length ? examples.credentials : []),
				]);
				await n8n.importWorkflows([
					...prepared.flatMap(({ setup }) => setup.workflows),
					...(examples?.examples ?? []),
				]);
			},
		);
		if (!imported) return;
		for (const { spec, setup } of prepared)
			for (const testCase of setup.cases)
				await step(lineName, `${spec.vendor}: ${testCase.name}`, async () => {
					const context: CaseContext = {
						line: lineName,
						n8nVersion: line.version,
						execute: async (workflowId) => await n8n.execute(workflowId),
						serve: async (workflowIds) => await serveWorkflows(n8n, line, workflowIds),
						log: (message) => console.log(`      ${message}`),
					};
					await testCase.run(context);
				});
		if (examples?.examples.length)
			await step(lineName, examples.name, async () => await examples.run(n8n));
	} finally {
		for (const { setup } of prepared) await setup.close();
	}
}

/**
 * Activates the workflows with n8n's CLI (2.x publishes a workflow; 1.x sets it active), then starts
 * `n8n start`, and returns once it has activated them: n8n answers HTTP before that, so the sign is a
 * debug line, 1.x's once for all of them, 2.x's once for each workflow published.
 */
async function serveWorkflows(n8n: N8nInstance, line: N8nLine, workflowIds: string[]) {
	for (const id of workflowIds)
		await n8n.mustRun(
			line.version.startsWith('1.')
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`],
		);
	const server = await startEditorServer(n8n, await freePort());
	const deadline = Date.now() + 120_000;
	const activated = () => {
		const log = readFileSync(server.logFile, 'utf8');
		return (
			log.includes('Finished activating all workflows') ||
			log.split('Finished processing workflow publication outbox record').length - 1 >=
				workflowIds.length
		);
	};
	while (!activated()) {
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`n8n did not finish activating the workflows; output: ${server.logFile}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return server;
}

async function runGroup(
	lineName: string,
	line: N8nLine,
	group: Group,
	sandbox: Sandbox,
	options: Options,
): Promise<void> {
	const n8n = await N8nInstance.create(line);
	console.log(`[${lineName}] == ${group.name}: user folder ${n8n.userFolder}`);
	const dirs = new Map<string, string>();
	try {
		const loaded = await step(
			lineName,
			`${group.name}: loads, and registers exactly ${group.packages.flatMap((pkg) => [...REGISTRATIONS[pkg.name].nodes, ...REGISTRATIONS[pkg.name].credentials]).length} types of ours`,
			async () => {
				for (const pkg of group.packages) dirs.set(pkg.name, n8n.installPackage(pkg.tarball).dir);
				await checkLoaded(n8n, group.packages, dirs);
			},
		);
		if (!loaded) return;
		await runCases(lineName, line, n8n, group, sandbox);
		// executions load the packages again: anything logged while running counts too
		await step(
			lineName,
			`${group.name}: no package load problems logged during the run`,
			async () => {
				const problems = group.packages.flatMap((pkg) =>
					n8n.packageLoadProblems(pkg.name, dirs.get(pkg.name)!),
				);
				if (problems.length) throw new Error(summarize(problems, ['error', 'warn']));
			},
		);
	} finally {
		if (options.keep) {
			n8n.keep();
			console.log(`[${lineName}] kept ${n8n.userFolder}`);
		} else n8n.remove();
	}
}

async function runLine(lineName: string, plan: Group[], options: Options): Promise<void> {
	const line = ensureLine(lineName, options.install);
	// The contact's country table and masks on this line's Node (24 for n8n 2.x, whose Intl differs).
	await step(lineName, `contact countries and masks on ${line.node}`, async () => {
		execFileSync(line.node, [CONTACT_TESTS.jest, '--ci', '--silent', ...CONTACT_TESTS.files], {
			cwd: REPO_ROOT,
			stdio: ['ignore', 'ignore', 'pipe'],
		});
	});
	console.log(`[${lineName}] n8n ${line.version} on ${line.node}`);
	// the examples' sandbox, fresh for each line
	const sandbox = await sandboxOnFreePorts();
	try {
		for (const group of plan) await runGroup(lineName, line, group, sandbox, options);
	} finally {
		await sandbox.close();
	}
}

export async function main(argv: string[]): Promise<number> {
	const options = parseArgs(argv);
	const specs = (options.specs.length ? options.specs : specFiles()).map(loadSpec);
	const packages = packedPackages({
		build: options.build,
		vendors: options.vendors,
		tarballs: options.tarballs,
	});
	const names = packages.map((pkg) => pkg.name);
	// with --vendor, the specs whose packages are all under test
	const wanted = specs.filter((spec) => spec.packages.every((name) => names.includes(name)));
	const plan = groups(packages, wanted);
	for (const pkg of packages)
		console.log(
			`package ${pkg.name}@${pkg.version}: nodes ${pkg.nodeTypes.join(', ')}; credentials ${pkg.credentialTypes.join(', ')}`,
		);
	for (const group of plan)
		console.log(
			`n8n "${group.name}": specs ${group.specs.map((spec) => spec.vendor).join(', ') || '(none)'}`,
		);
	for (const line of options.lines) {
		const t0 = Date.now();
		try {
			await runLine(line, plan, options);
		} catch (error) {
			record(line, 'line setup', t0, error);
		}
		console.log(`[${line}] line done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	}
	const failed = outcomes.filter((o) => !o.ok);
	console.log(
		`\n${outcomes.length - failed.length} passed, ${failed.length} failed, ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
	);
	for (const o of failed) console.log(`  FAILED [${o.line}] ${o.name}`);
	return failed.length === 0 && outcomes.length > 0 ? 0 : 1;
}
