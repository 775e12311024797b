/**
 * The package's main job on a fresh clone: a real n8n with these nodes, against the vendor sandbox.
 *
 *   npm start                 # build, sandbox, n8n 2.x with the package, credentials and examples; Ctrl+C stops
 *   npm start -- --once       # the same, but runs the example workflows headless and prints their output
 *
 * n8n runs from .cache/n8n (installed on first use by test/e2e/install-n8n.sh). Its user folder
 * (N8N_START_USER_FOLDER, default ~/.n8n-contest-platforms-sandbox) is kept between starts, so the owner
 * account and your own workflows stay; each start reinstalls the package and re-imports the sandbox
 * credentials and examples/ over their previous copies. It lives outside the repository, where the package
 * would otherwise resolve the repository's own n8n-workflow instead of n8n's. Port: N8N_START_PORT (5678).
 */
import { spawn, type ChildProcess } from 'child_process';
import { readdirSync, readFileSync, rmSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';

import { N8nInstance, REPO_ROOT, ensureLine } from '../test/e2e/lib/n8n';
import { buildAndPack } from '../test/e2e/lib/pack';
import type { WorkflowJson } from '../test/e2e/lib/types';
import { describeSandbox, startSandbox } from './sandbox';

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

/** Polls n8n's health endpoint until it answers, or the process ends. */
async function waitUntilHealthy(port: string, child: ChildProcess): Promise<boolean> {
	while (child.exitCode === null && child.signalCode === null) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return true;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

export async function main(argv: string[]): Promise<number> {
	const once = argv.includes('--once');
	say('Building the package...');
	const tarball = buildAndPack(REPO_ROOT, true);
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
		rmSync(dirname(tarball), { recursive: true, force: true });
	};
	try {
		n8n.installPackage(tarball);
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

		const port = process.env.N8N_START_PORT ?? '5678';
		// n8n writes to this terminal itself: a pipe through this script would break when Ctrl+C ends the
		// script before n8n has finished shutting down.
		const child = spawn(line.node, [line.bin, 'start'], {
			cwd: n8n.userFolder,
			env: { ...n8n.env(), N8N_PORT: port, N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text' },
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		// Ctrl+C reaches n8n directly (same process group); a kill of this script alone stops n8n here.
		process.on('exit', () => child.kill('SIGTERM'));
		void waitUntilHealthy(port, child).then((healthy) => {
			if (!healthy) return;
			say(
				`\nn8n is running with n8n-nodes-contest-platforms: open http://localhost:${port}\n` +
					'Create the owner account on first visit; the sandbox credentials and the example workflows\n' +
					`(examples/) are already there. n8n keeps its data in ${n8n.userFolder}.\n` +
					'Ctrl+C stops n8n and the sandbox.',
			);
		});
		return await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 0)));
	} finally {
		await stop();
	}
}
