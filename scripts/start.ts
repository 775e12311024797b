/**
 * The package's main job on a fresh clone: a real n8n with these nodes, against the vendor sandbox.
 *
 *   npm start                 # build, sandbox, n8n 2.x with the package, credentials and examples; Ctrl+C stops
 *   npm start -- --once       # the same, but runs the example workflows headless and prints their output
 *
 * n8n runs from .cache/n8n (installed on first use by test/e2e/install-n8n.sh), in a fresh user folder.
 * Port: N8N_START_PORT (5678).
 */
import { spawn } from 'child_process';
import { readdirSync, readFileSync, rmSync } from 'fs';
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

/** A workflow that starts from a polling trigger runs when activated, not from the CLI. */
function startsWithPollingTrigger(workflow: WorkflowJson): boolean {
	return workflow.nodes.some((node) => /Trigger$/.test(String(node.type)) && !/manualTrigger$/.test(String(node.type)));
}

export async function main(argv: string[]): Promise<number> {
	const once = argv.includes('--once');
	say('Building the package...');
	const tarball = buildAndPack(REPO_ROOT, true);
	say('Preparing n8n 2.x (the first time this downloads n8n and Node 24 into .cache/, a few minutes)...');
	const line = ensureLine('v2');
	const sandbox = await startSandbox();
	const n8n = await N8nInstance.create(line);
	const stop = async () => {
		await sandbox.close();
		n8n.remove();
		rmSync(dirname(tarball), { recursive: true, force: true });
	};
	try {
		n8n.installPackage(tarball);
		await n8n.importCredentials(sandbox.vendors.map((vendor) => vendor.credential));
		const workflows = exampleWorkflows();
		await n8n.importWorkflows(workflows);
		say(`\nVendor sandbox (sample data, nothing leaves this machine):\n${describeSandbox(sandbox)}`);

		if (once) {
			let failures = 0;
			for (const workflow of workflows) {
				say(`\n=== ${workflow.name} (examples/, id ${workflow.id})`);
				if (startsWithPollingTrigger(workflow)) {
					say('starts from a polling trigger: it runs once activated in the editor (npm start).');
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
		const child = spawn(line.node, [line.bin, 'start'], {
			cwd: n8n.userFolder,
			env: { ...n8n.env(), N8N_PORT: port, N8N_LOG_LEVEL: 'info', N8N_LOG_FORMAT: 'text' },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let announced = false;
		child.stdout!.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			if (!announced && /Editor is now accessible/i.test(chunk.toString())) {
				announced = true;
				say(
					`\nn8n is running with n8n-nodes-contest-platforms: open http://localhost:${port}\n` +
						'Create the owner account on first visit; the sandbox credentials and the example workflows\n' +
						'(examples/) are already there. Ctrl+C stops n8n and the sandbox.',
				);
			}
		});
		// Ctrl+C reaches n8n directly (same process group); a kill of this script alone stops n8n here.
		process.on('exit', () => child.kill('SIGTERM'));
		return await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 0)));
	} finally {
		await stop();
	}
}
