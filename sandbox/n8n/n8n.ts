/**
 * One real n8n process line (from .cache/n8n, see install-n8n.sh) driven through its CLI, headless,
 * with a fresh user folder. Vendor-neutral.
 */
import { spawn, execFileSync } from 'child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

import type { CredentialJson, ExecutionResult, N8nItem, WorkflowJson } from './types';

export const REPO_ROOT = join(__dirname, '..', '..');
const INSTALL_SCRIPT = join(REPO_ROOT, 'sandbox', 'n8n', 'install-n8n.sh');

export interface N8nLine {
	line: string; // 'v1' | 'v2'
	node: string; // path of the node binary
	bin: string; // path of n8n/bin/n8n
	version: string;
	/** settings this line needs on this machine (see expressionEngineEnv) */
	env: Record<string, string>;
}

/** Installs the line if missing (install-n8n.sh is a no-op when present) and returns its paths. */
export function ensureLine(line: string, install = true): N8nLine {
	if (install)
		execFileSync('bash', [INSTALL_SCRIPT, line], { stdio: ['ignore', 'inherit', 'inherit'] });
	const env = execFileSync('bash', [INSTALL_SCRIPT, '--print-env', line], { encoding: 'utf8' });
	const node = /N8N_E2E_NODE='([^']+)'/.exec(env)?.[1];
	const bin = /N8N_E2E_BIN='([^']+)'/.exec(env)?.[1];
	if (!node || !bin || !existsSync(node) || !existsSync(bin)) {
		throw new Error(`n8n line ${line} is not installed (run sandbox/n8n/install-n8n.sh ${line})`);
	}
	const version = JSON.parse(readFileSync(join(dirname(bin), '..', 'package.json'), 'utf8'))
		.version as string;
	return { line, node, bin, version, env: expressionEngineEnv(node, bin) };
}

/**
 * n8n's default 'vm' expression engine needs isolated-vm's native module. It ships prebuilds for Node 22+
 * ABIs only (n8n 1.123.x: isolated-vm 6.2.0, engines node >=22), and install scripts are off, so on Node 20
 * n8n exits with "Could not initialize the vm expression engine"; there the line runs with the 'legacy'
 * engine, the one every 1.x release before it used.
 */
function expressionEngineEnv(node: string, bin: string): Record<string, string> {
	const ivm = join(dirname(bin), '..', '..', 'isolated-vm');
	if (!existsSync(ivm)) return {};
	const abi = execFileSync(node, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
	const native = [
		join(
			ivm,
			'prebuilds',
			`${process.platform}-${process.arch}`,
			`isolated-vm.abi${abi}.glibc.node`,
		),
		join(ivm, 'build', 'Release', 'isolated_vm.node'),
	];
	return native.some((file) => existsSync(file)) ? {} : { N8N_EXPRESSION_ENGINE: 'legacy' };
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface LoadedTypes {
	nodes: string[];
	credentials: string[];
	/** credential type → the node types that use it */
	credentialNodes: Record<string, string[]>;
}

/** One parsed line of n8n's JSON log (N8N_LOG_FORMAT=json). */
export interface LogEntry {
	level: string;
	message: string;
	metadata?: Record<string, unknown>;
	/** which CLI command printed it */
	command: string;
}

export interface CommandResult {
	exitCode: number | null;
	stdoutFile: string;
	stderr: string;
	logs: LogEntry[];
	/** stdout lines that are not JSON log entries (n8n 1.x prints --rawOutput with console.log). */
	plain: string;
	timedOut: boolean;
}

/**
 * An n8n user folder in the OS temp dir (never under the repo: there Node would resolve the repo's own
 * n8n-workflow for the package instead of n8n's).
 */
export class N8nInstance {
	readonly userFolder: string;

	readonly logs: LogEntry[] = [];

	private commandCount = 0;

	private constructor(
		readonly n8n: N8nLine,
		private readonly brokerPort: number,
		private readonly httpPort: number,
		userFolder?: string,
	) {
		if (userFolder) {
			// A folder the caller keeps (npm start's): never removed here.
			mkdirSync(userFolder, { recursive: true });
			this.userFolder = userFolder;
		} else {
			this.userFolder = mkdtempSync(join(tmpdir(), `n8n-e2e-${n8n.line}-`));
			folders.add(this.userFolder);
		}
	}

	/** A fresh user folder in the OS temp dir, removed at the end, unless `userFolder` names one to keep. */
	static async create(n8n: N8nLine, userFolder?: string): Promise<N8nInstance> {
		return new N8nInstance(n8n, await freePort(), await freePort(), userFolder);
	}

	get nodesDir(): string {
		return join(this.userFolder, '.n8n', 'nodes');
	}

	env(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		// nothing of the caller's n8n or database settings leaks in
		for (const [key, value] of Object.entries(process.env)) {
			if (!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL)/.test(key)) env[key] = value;
		}
		return {
			...env,
			PATH: `${dirname(this.n8n.node)}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'e2e-only-not-a-secret',
			N8N_LOG_LEVEL: 'debug',
			N8N_LOG_FORMAT: 'json',
			N8N_LOG_OUTPUT: 'console',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_PORT: String(this.httpPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			NO_COLOR: '1',
			...this.n8n.env,
		};
	}

	/**
	 * Installs a packed community package the way n8n's Community Nodes screen does: the tarball unpacked
	 * into <user folder>/.n8n/nodes/node_modules/<name> without its dev/peer/optional dependencies, an
	 * `npm install` there, and <user folder>/.n8n/nodes/package.json listing it.
	 */
	installPackage(tarball: string): { name: string; version: string; dir: string } {
		const manifest = JSON.parse(
			execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
		) as Record<string, any>;
		const dir = join(this.nodesDir, 'node_modules', manifest.name);
		// A reinstall replaces the package whole, as n8n's update does: no file of an older build stays.
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
		const {
			devDependencies: _d,
			peerDependencies: _p,
			optionalDependencies: _o,
			...kept
		} = manifest;
		writeFileSync(join(dir, 'package.json'), JSON.stringify(kept, null, 2));
		execFileSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=error',
			],
			{
				cwd: dir,
				stdio: ['ignore', 'ignore', 'inherit'],
				env: { ...process.env, PATH: this.env().PATH },
			},
		);
		// beside the packages installed before, as n8n keeps them
		const listFile = join(this.nodesDir, 'package.json');
		const installed = existsSync(listFile)
			? ((JSON.parse(readFileSync(listFile, 'utf8')) as { dependencies?: Record<string, string> })
					.dependencies ?? {})
			: {};
		writeFileSync(
			listFile,
			JSON.stringify(
				{
					name: 'installed-nodes',
					private: true,
					dependencies: { ...installed, [manifest.name]: manifest.version },
				},
				null,
				2,
			),
		);
		return { name: manifest.name, version: manifest.version, dir };
	}

	/** Removes an installed package, if there, as n8n's uninstall does: its folder and its entry. */
	uninstallPackage(name: string): void {
		rmSync(join(this.nodesDir, 'node_modules', name), { recursive: true, force: true });
		const listFile = join(this.nodesDir, 'package.json');
		if (!existsSync(listFile)) return;
		const list = JSON.parse(readFileSync(listFile, 'utf8')) as {
			dependencies?: Record<string, string>;
		};
		delete list.dependencies?.[name];
		writeFileSync(listFile, JSON.stringify(list, null, 2));
	}

	/** Runs `n8n <args>` to completion, stdout into a file (a pipe can lose the tail when n8n exits). */
	async run(args: string[], timeoutMs = 180_000): Promise<CommandResult> {
		const n = ++this.commandCount;
		const stdoutFile = join(
			this.userFolder,
			`cmd-${String(n).padStart(3, '0')}-${args[0].replace(/[^a-z]/gi, '_')}.out`,
		);
		const fd = openSync(stdoutFile, 'w');
		let stderr = '';
		let timedOut = false;
		const exitCode = await new Promise<number | null>((resolve, reject) => {
			const child = spawn(this.n8n.node, [this.n8n.bin, ...args], {
				cwd: this.userFolder,
				env: this.env(),
				stdio: ['ignore', fd, 'pipe'],
				detached: true, // own process group: a kill reaches n8n's task runner child too
			});
			track(child.pid);
			child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			const timer = setTimeout(() => {
				timedOut = true;
				killGroup(child.pid, 'SIGKILL');
			}, timeoutMs);
			child.on('error', reject);
			child.on('close', (code) => {
				running.delete(child.pid!);
				clearTimeout(timer);
				resolve(code);
			});
		});
		closeSync(fd);
		const { logs, plain } = parseOutput(readFileSync(stdoutFile, 'utf8'), args[0]);
		this.logs.push(...logs);
		return { exitCode, stdoutFile, stderr, logs, plain, timedOut };
	}

	async mustRun(args: string[]): Promise<CommandResult> {
		const result = await this.run(args);
		if (result.exitCode !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}\n` +
					summarize(result.logs, ['error', 'warn']) +
					`\n${result.stderr.slice(-2000)}\nfull output: ${result.stdoutFile}`,
			);
		}
		return result;
	}

	async importCredentials(credentials: CredentialJson[]): Promise<void> {
		if (credentials.length === 0) return;
		const file = join(this.userFolder, `credentials-${++this.commandCount}.json`);
		writeFileSync(file, JSON.stringify(credentials, null, 2));
		await this.mustRun(['import:credentials', `--input=${file}`]);
		rmSync(file); // plain secrets only live until imported
	}

	/** All in one n8n process: `import:workflow --separate` reads every .json file of a folder. */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		if (workflows.length === 0) return;
		const dir = join(this.userFolder, `workflows-${++this.commandCount}`);
		rmSync(dir, { recursive: true, force: true }); // left by an earlier start in a kept user folder
		mkdirSync(dir);
		for (const workflow of workflows) {
			writeFileSync(
				join(dir, `${workflow.id}.json`),
				JSON.stringify({ active: false, settings: {}, ...workflow }, null, 2),
			);
		}
		await this.mustRun(['import:workflow', '--separate', `--input=${dir}`]);
	}

	async execute(workflowId: string): Promise<ExecutionResult> {
		const result = await this.run(['execute', `--id=${workflowId}`, '--rawOutput']);
		if (result.timedOut)
			throw new Error(`n8n execute --id=${workflowId} timed out; output: ${result.stdoutFile}`);
		const run = findRunData(result);
		if (!run) {
			throw new Error(
				`n8n execute --id=${workflowId} printed no execution data (exit ${result.exitCode})\n` +
					summarize(result.logs, ['error', 'warn']) +
					`\nfull output: ${result.stdoutFile}`,
			);
		}
		const resultData = (run.data?.resultData ?? {}) as Record<string, any>;
		const runData = (resultData.runData ?? {}) as Record<string, any[]>;
		const error = resultData.error as Record<string, any> | undefined;
		return {
			workflowId,
			status: error ? 'error' : 'success',
			errorMessage: error ? String(error.message ?? JSON.stringify(error)) : undefined,
			run,
			exitCode: result.exitCode,
			logFile: result.stdoutFile,
			nodesRun: () => Object.keys(runData),
			items: (nodeName, output = 0, runIndex = 0) =>
				(runData[nodeName]?.[runIndex]?.data?.main?.[output] ?? []) as N8nItem[],
		};
	}

	/**
	 * The node and credential types n8n loaded, as its editor sees them: starts `n8n start` until it has
	 * written <user folder>/.cache/n8n/public/types/{nodes,credentials}.json, then stops it. With each
	 * credential type, the node types n8n found using it (its `supportedNodes`).
	 */
	async loadedTypes(timeoutMs = 120_000): Promise<LoadedTypes> {
		const typesDir = join(this.userFolder, '.cache', 'n8n', 'public', 'types');
		const nodesFile = join(typesDir, 'nodes.json');
		const credentialsFile = join(typesDir, 'credentials.json');
		rmSync(typesDir, { recursive: true, force: true });
		const n = ++this.commandCount;
		const stdoutFile = join(this.userFolder, `cmd-${String(n).padStart(3, '0')}-start.out`);
		const fd = openSync(stdoutFile, 'w');
		const child = spawn(this.n8n.node, [this.n8n.bin, 'start'], {
			cwd: this.userFolder,
			env: this.env(),
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		track(child.pid);
		let exited = false;
		child.on('close', () => {
			exited = true;
			running.delete(child.pid!);
		});
		const readTypes = () => {
			try {
				const nodes = JSON.parse(readFileSync(nodesFile, 'utf8')) as Array<{ name: string }>;
				const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Array<{
					name: string;
					supportedNodes?: string[];
				}>;
				return {
					nodes: nodes.map((t) => t.name),
					credentials: credentials.map((t) => t.name),
					credentialNodes: Object.fromEntries(
						credentials.map((t) => [t.name, t.supportedNodes ?? []]),
					),
				};
			} catch {
				return undefined; // not written yet, or being written
			}
		};
		const deadline = Date.now() + timeoutMs;
		let types: LoadedTypes | undefined;
		try {
			while (!types && !exited && Date.now() < deadline) {
				await new Promise((r) => setTimeout(r, 250));
				types = readTypes();
			}
		} finally {
			if (!exited) {
				killGroup(child.pid, 'SIGTERM');
				const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 15_000);
				await new Promise((r) => (exited ? r(undefined) : child.on('close', r)));
				clearTimeout(killer);
			}
			closeSync(fd);
		}
		this.logs.push(...parseOutput(readFileSync(stdoutFile, 'utf8'), 'start').logs);
		if (!types)
			throw new Error(`n8n start wrote no types within ${timeoutMs} ms; output: ${stdoutFile}`);
		return types;
	}

	/**
	 * n8n's log entries that say something went wrong loading this package: the loader's messages and
	 * anything the loader's files log at warn/error (any command), and any error that names the package
	 * outside `execute` (an execution's errors are the cases' business: their stacks name the package too).
	 */
	packageLoadProblems(packageName: string, packageDir: string): LogEntry[] {
		const loaderMessage =
			/Failed to load (package|Custom API)|Skipping package|failed to load package metadata|Class could not be found|Unrecognized (node|credential) type|Unknown credential name/i;
		const loaderFile =
			/^(load-nodes-and-credentials|(lazy-|custom-)?(package-)?directory-loader|scan-directory-for-packages|load-class-in-isolation)\.js$/;
		return this.logs.filter((entry) => {
			if (entry.level !== 'error' && entry.level !== 'warn') return false;
			if (loaderMessage.test(entry.message)) return true;
			// n8n 1.x logs a package's load failure as the bare error message, from the loader's file
			if (loaderFile.test(String(entry.metadata?.file ?? ''))) return true;
			const text = `${entry.message} ${JSON.stringify(entry.metadata ?? {})}`;
			return (
				entry.level === 'error' &&
				entry.command !== 'execute' &&
				(text.includes(packageName) || text.includes(packageDir))
			);
		});
	}

	remove(): void {
		folders.delete(this.userFolder);
		rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Leaves the user folder in place, also when the runner is interrupted. */
	keep(): void {
		folders.delete(this.userFolder);
	}
}

/** n8n processes still running, killed if the runner itself exits or is interrupted. */
const running = new Set<number>();
/** user folders not yet removed or kept, removed if the runner exits early */
const folders = new Set<string>();
process.on('exit', () => {
	running.forEach((pid) => killGroup(pid, 'SIGKILL'));
	folders.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => process.exit(130));
}

function track(pid: number | undefined): void {
	if (pid) running.add(pid);
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** Splits n8n's stdout into JSON log entries and the rest. */
export function parseOutput(text: string, command: string): { logs: LogEntry[]; plain: string } {
	const logs: LogEntry[] = [];
	const plain: string[] = [];
	for (const line of text.split('\n')) {
		if (line.startsWith('{"level":') || line.startsWith('{"message":')) {
			try {
				const entry = JSON.parse(line) as Omit<LogEntry, 'command'>;
				if (typeof entry.level === 'string' && typeof entry.message === 'string') {
					logs.push({ ...entry, command });
					continue;
				}
			} catch {
				// not a log line after all
			}
		}
		plain.push(line);
	}
	return { logs, plain: plain.join('\n') };
}

/**
 * The execution data `n8n execute --rawOutput` printed: n8n 1.x prints it with console.log (plain stdout),
 * n8n 2.x through its logger (the message of an info entry; on failure after "Execution error:").
 */
function findRunData(result: CommandResult): Record<string, any> | undefined {
	const candidates = [result.plain.trim(), ...result.logs.map((entry) => entry.message)];
	// 1.x may print log lines before the JSON; take the text from the first line that is exactly "{"
	const brace = result.plain.indexOf('\n{\n');
	if (brace >= 0) candidates.push(result.plain.slice(brace + 1).trim());
	for (const text of candidates) {
		if (!text.startsWith('{')) continue;
		try {
			const value = JSON.parse(text) as Record<string, any>;
			if (value?.data?.resultData) return value;
		} catch {
			// not it
		}
	}
	return undefined;
}

export function summarize(logs: LogEntry[], levels: string[], max = 20): string {
	return logs
		.filter((entry) => levels.includes(entry.level))
		.slice(-max)
		.map(
			(entry) =>
				`  [${entry.command}] ${entry.level}: ${entry.message.split('\n')[0].slice(0, 300)}`,
		)
		.join('\n');
}
