/**
 * `n8n start` as a server a browser can use: the editor on a local port, and an owner account created
 * through n8n's REST API (n8n 2.x shows nothing but the owner setup form until one exists).
 */
import { spawn } from 'child_process';
import { closeSync, openSync } from 'fs';
import { join } from 'path';

import type { N8nInstance } from './n8n';

export interface EditorServer {
	url: string;
	pid: number;
	/** n8n's stdout and stderr (JSON log lines) */
	logFile: string;
	stop(): Promise<void>;
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** A fixed test account; the password meets n8n's rules (8+ characters, a digit, a capital). */
export const TEST_OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Sandbox-Owner-1',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/**
 * Starts `n8n start` on `port` in the instance's user folder and resolves once /healthz answers and the
 * REST API is up. The process runs in its own group; stop() ends that group (SIGTERM, then SIGKILL).
 */
export async function startEditorServer(
	n8n: N8nInstance,
	port: number,
	extraEnv: Record<string, string> = {},
	timeoutMs = 120_000,
): Promise<EditorServer> {
	const logFile = join(n8n.userFolder, `editor-${port}.out`);
	const fd = openSync(logFile, 'w');
	const child = spawn(n8n.n8n.node, [n8n.n8n.bin, 'start'], {
		cwd: n8n.userFolder,
		env: {
			...n8n.env(),
			N8N_PORT: String(port),
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
			N8N_SECURE_COOKIE: 'false', // plain http on loopback
			...extraEnv,
		},
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	closeSync(fd);
	const pid = child.pid;
	if (!pid) throw new Error('n8n start did not start');
	let exited = false;
	const closed = new Promise<void>((resolve) =>
		child.on('close', () => {
			exited = true;
			resolve();
		}),
	);
	const kill = (signal: NodeJS.Signals) => {
		try {
			process.kill(-pid, signal);
		} catch {
			// already gone
		}
	};
	const onExit = () => kill('SIGKILL');
	process.on('exit', onExit);
	const stop = async () => {
		process.off('exit', onExit);
		if (exited) return;
		kill('SIGTERM');
		const killer = setTimeout(() => kill('SIGKILL'), 15_000);
		await closed;
		clearTimeout(killer);
	};
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	while (!exited && Date.now() < deadline) {
		try {
			// /healthz answers before the REST controllers are mounted; settings is what the editor loads first
			const response = await fetch(`${url}/rest/settings`);
			if (response.ok) return { url, pid, logFile, stop };
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	await stop();
	throw new Error(
		`n8n start ${exited ? 'exited' : `did not answer within ${timeoutMs} ms`}; output: ${logFile}`,
	);
}

/** Creates the instance owner (POST /rest/owner/setup), as the first visit's form would. */
export async function setupOwner(url: string, owner: OwnerAccount = TEST_OWNER): Promise<void> {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (!response.ok) {
		throw new Error(
			`owner setup answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
		);
	}
}
