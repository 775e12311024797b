/**
 * The repository's main job on a fresh clone: a real n8n with the four packages' nodes, against the
 * vendor sandbox.
 *
 *   npm start                 # build, sandbox, n8n 2.x with the four packages, credentials and examples;
 *                             # Ctrl+C stops
 *   npm start -- --once       # the same, but runs the example workflows headless and prints their output
 *
 * n8n runs from .cache/n8n (installed on first use by sandbox/n8n/install-n8n.sh). Its user folder
 * (N8N_START_USER_FOLDER, default ~/.n8n-contest-platforms-sandbox) is kept between starts, so the owner
 * account and your own workflows stay; each start reinstalls the four packages (n8n-nodes-leevia,
 * -easypromos, -kimple, -spread, side by side, as a user installs them) and re-imports the sandbox
 * credentials and examples/ over their previous copies. It lives outside the repository, where the package
 * would otherwise resolve the repository's own n8n-workflow instead of n8n's. Port: N8N_START_PORT (5678).
 *
 * The terminal shows our banner and n8n's errors only: n8n runs with its calls to n8n's servers switched off
 * (quiet-n8n.ts) and writes its whole log to n8n.log in the user folder, which the banner names.
 */
import { spawn, type ChildProcess } from 'child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync } from 'fs';
import { createServer } from 'net';
import { homedir } from 'os';
import { dirname, join } from 'path';

import { N8nInstance, REPO_ROOT, ensureLine, type N8nLine } from '../sandbox/n8n/n8n';
import { buildPackages } from '../sandbox/packer/build';
import type { WorkflowJson } from '../sandbox/n8n/types';
import { QUIET_N8N_ENV, followFile, terminalLine } from './quiet-n8n';
import { describeSandbox, startSandbox } from '../sandbox';

const say = (line: string) => process.stdout.write(`${line}\n`);

function exampleWorkflows(): WorkflowJson[] {
	const dir = join(REPO_ROOT, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson);
}

/** A workflow that starts from a trigger (polling or webhook) runs when activated, not from the CLI. */
function startsWithTrigger(workflow: WorkflowJson): boolean {
	return workflow.nodes.some((node) => {
		const type = String(node.type);
		return (/Trigger$/.test(type) && !/manualTrigger$/.test(type)) || /\.webhook$/.test(type);
	});
}

/**
 * Polls until n8n serves its editor's REST API (its /healthz answers a few seconds earlier, before the
 * editor works), or the process ends.
 */
async function waitUntilReady(port: string, child: ChildProcess): Promise<boolean> {
	while (child.exitCode === null && child.signalCode === null) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/rest/settings`)).ok) return true;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

/** Whether something already listens on the port n8n would take (n8n listens on 127.0.0.1 here). */
async function portTaken(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(true));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
	});
}

export async function main(argv: string[]): Promise<number> {
	const once = argv.includes('--once');
	const port = process.env.N8N_START_PORT ?? '5678';
	if (!once && (await portTaken(Number(port)))) {
		say(
			`Port ${port} is taken (another n8n, or an earlier npm start?): stop it, or pick a free port ` +
				`with N8N_START_PORT, e.g. N8N_START_PORT=5679 npm start`,
		);
		return 1;
	}
	say('Building the four packages...');
	const packages = buildPackages();
	say(
		'Preparing n8n 2.x (the first time this downloads n8n and Node 24 into .cache/, a few minutes)...',
	);
	const line = ensureLine('v2');
	const sandbox = await startSandbox();
	const userFolder =
		process.env.N8N_START_USER_FOLDER ?? join(homedir(), '.n8n-contest-platforms-sandbox');
	const n8n = await N8nInstance.create(line, userFolder);
	const stop = async () => {
		await sandbox.close();
	};
	try {
		// a user folder of an earlier start may hold the one package that preceded the four: its
		// credential types would clash with theirs
		n8n.uninstallPackage('n8n-nodes-contest-platforms');
		for (const built of packages) n8n.installPackage(built.tarball);
		const names = packages.map((built) => built.platform.name);
		await n8n.importCredentials(sandbox.vendors.map((vendor) => vendor.credential));
		const workflows = exampleWorkflows();
		await n8n.importWorkflows(workflows);
		say(
			`\nVendor sandbox (sample data, nothing leaves this machine):\n${describeSandbox(sandbox)}`,
		);

		if (once) {
			let failures = 0;
			for (const workflow of workflows) {
				say(`\n=== ${workflow.name} (examples/, id ${workflow.id})`);
				if (startsWithTrigger(workflow)) {
					say('starts from a trigger: it runs once activated in the editor (npm start).');
					continue;
				}
				const result = await n8n.execute(workflow.id);
				for (const nodeName of result.nodesRun()) {
					const items = result.items(nodeName);
					say(`--- ${nodeName}: ${items.length} item(s)`);
					for (const item of items.slice(0, 3)) say(`    ${JSON.stringify(item.json)}`);
					if (items.length > 3) say(`    ... ${items.length - 3} more`);
				}
				if (result.status === 'error') {
					failures++;
					say(`workflow failed: ${result.errorMessage}`);
				}
			}
			return failures ? 1 : 0;
		}

		return await runN8n(line, n8n, names, port);
	} finally {
		await stop();
	}
}

/**
 * `n8n start` until it stops: Ctrl+C (n8n is in its own process group, so the signal reaches this script
 * alone, which stops n8n once and waits for it), a kill of this script, or the end of npm, its parent.
 */
async function runN8n(
	line: N8nLine,
	n8n: N8nInstance,
	packageNames: string[],
	port: string,
): Promise<number> {
	const logFile = join(n8n.userFolder, 'n8n.log');
	const logFd = openSync(logFile, 'w');
	// n8n writes into the file itself: nothing breaks when this script ends before n8n has finished
	const child = spawn(line.node, [line.bin, 'start'], {
		cwd: n8n.userFolder,
		env: { ...n8n.env(), ...QUIET_N8N_ENV, N8N_PORT: port },
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	closeSync(logFd);
	const killGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// already gone
		}
	};
	// last resort, whatever ends this script: n8n and its task runner go too
	process.on('exit', () => killGroup('SIGKILL'));

	let errors = 0;
	const log = followFile(logFile, (text) => {
		const shown = terminalLine(text, packageNames);
		if (shown === undefined) return;
		errors++;
		say(shown);
	});

	let stopping = false;
	const stop = (why: string) => {
		if (stopping) {
			killGroup('SIGKILL'); // a second Ctrl+C: now
			return;
		}
		stopping = true;
		say(`\n${why}: stopping n8n and the sandbox (Ctrl+C again to stop at once)...`);
		if (child.pid) process.kill(child.pid, 'SIGTERM'); // n8n stops its task runner itself
	};
	// sandbox/n8n/n8n.ts exits at once on these; here n8n must be stopped and waited for first
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.removeAllListeners(signal);
		process.on(signal, () => stop(signal === 'SIGINT' ? 'Ctrl+C' : signal));
	}
	// npm passes a kill on to its shell, not to this script: when npm is gone, stop too
	const parent = process.ppid;
	const orphanCheck = setInterval(() => {
		if (process.ppid !== parent) stop('npm ended');
	}, 1000);
	orphanCheck.unref();

	void waitUntilReady(port, child).then((healthy) => {
		if (!healthy) return;
		say(
			`\nn8n is running with ${packageNames.join(', ')}: open http://localhost:${port}\n` +
				'Create the owner account on first visit; the sandbox credentials and the example workflows\n' +
				`(examples/) are already there. n8n keeps its data in ${n8n.userFolder}\n` +
				`and its log in ${logFile} (only its errors are shown here).\n` +
				"n8n's calls to n8n's servers (telemetry, templates, version checks, banners, suggested\n" +
				'community nodes, the MCP registry) are off. Ctrl+C stops n8n and the sandbox.',
		);
	});
	const code = await new Promise<number>((resolve) =>
		child.on('close', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))),
	);
	clearInterval(orphanCheck);
	log.stop();
	killGroup('SIGKILL'); // a task runner n8n left behind
	if (stopping) {
		say('n8n stopped.');
		return 0;
	}
	say(
		`\nn8n stopped by itself (exit code ${code})${errors ? ', after the errors above' : ''}. ` +
			`Its log: ${logFile}`,
	);
	return code || 1;
}
