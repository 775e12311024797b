/**
 * One real n8n 2.x (sandbox/n8n/install-n8n.sh's v2 line) with the four packed packages installed, and
 * `n8n execute` runs whose memory is watched from outside: /proc/<pid>/status of the n8n process, every
 * SAMPLE_MS, gives VmRSS over time and VmHWM (the kernel's own peak).
 */
import { execFileSync, spawn } from 'child_process';
import { closeSync, openSync, readFileSync } from 'fs';
import { join } from 'path';

import { N8nInstance, ensureLine, freePort, parseOutput } from '../sandbox/n8n/n8n';
import { packedPackages } from '../sandbox/packer/pack';

const SAMPLE_MS = 20;

export interface BenchN8n {
	instance: N8nInstance;
	version: string;
	nodeVersion: string;
	close(): void;
}

/**
 * Installs n8n if missing (as the e2e suite does), builds and packs the four packages unless tarballs
 * are given, and installs them into a fresh user folder in the OS temp dir.
 */
export async function startN8n(options: { tarballs?: string[] } = {}): Promise<BenchN8n> {
	const line = ensureLine('v2');
	const packages = packedPackages({ build: true, tarballs: options.tarballs });
	// A Code node may require('crypto') (the HTTP Request route signs in to Leevia with one).
	process.env.NODE_FUNCTION_ALLOW_BUILTIN = 'crypto';
	const instance = await N8nInstance.create(line);
	for (const pkg of packages) instance.installPackage(pkg.tarball);
	const nodeVersion = execFileSync(line.node, ['--version'], { encoding: 'utf8' }).trim();
	return { instance, version: line.version, nodeVersion, close: () => instance.remove() };
}

export interface Sample {
	at: number;
	rssKb: number;
}

export interface MeasuredRun {
	exitCode: number | null;
	wallMs: number;
	/** VmHWM of the n8n process: its peak over the whole command (start-up and result printing too). */
	hwmKb: number;
	samples: Sample[];
	/** n8n's run data (data.resultData.runData …), undefined when nothing was printed. */
	run?: Record<string, any>;
	errorMessage?: string;
	logFile: string;
}

function readStatus(pid: number): { rssKb: number; hwmKb: number } | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name: string) =>
			Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
		return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
	} catch {
		return undefined; // gone
	}
}

/**
 * `n8n <args>` (execute, executeBatch …) with stdout in a file (a pipe can lose the tail of a large
 * output) and its memory sampled.
 */
export async function runMeasured(
	instance: N8nInstance,
	args: string[],
	extraEnv: Record<string, string> = {},
	timeoutMs = 600_000,
): Promise<MeasuredRun> {
	const logFile = join(
		instance.userFolder,
		`bench-${Date.now()}-${args[0].replace(/[^a-z]/gi, '_')}.out`,
	);
	const fd = openSync(logFile, 'w');
	const env = {
		...instance.env(),
		// info: the execution's data is printed at info level; debug lines would cost time per request
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_PORT: String(await freePort()),
		...extraEnv,
	};
	const samples: Sample[] = [];
	let hwmKb = 0;
	const started = Date.now();
	const exitCode = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(instance.n8n.node, [instance.n8n.bin, ...args], {
			cwd: instance.userFolder,
			env,
			stdio: ['ignore', fd, 'ignore'],
			detached: true,
		});
		const pid = child.pid!;
		const sample = () => {
			const status = readStatus(pid);
			if (!status) return;
			if (status.rssKb > 0) samples.push({ at: Date.now(), rssKb: status.rssKb });
			if (status.hwmKb > hwmKb) hwmKb = status.hwmKb;
		};
		const sampler = setInterval(sample, SAMPLE_MS);
		const timer = setTimeout(() => {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// gone already
			}
		}, timeoutMs);
		child.on('error', reject);
		child.on('exit', (code) => {
			clearInterval(sampler);
			clearTimeout(timer);
			resolve(code);
		});
	});
	closeSync(fd);
	const wallMs = Date.now() - started;
	const { run, errorMessage } = readRunData(logFile, args[0]);
	return { exitCode, wallMs, hwmKb, samples, run, errorMessage, logFile };
}

/** The execution data `n8n execute` printed (n8n 2.x: the message of one JSON log entry). */
function readRunData(
	file: string,
	command: string,
): { run?: Record<string, any>; errorMessage?: string } {
	const { logs } = parseOutput(readFileSync(file, 'utf8'), command);
	let errorMessage: string | undefined;
	for (const entry of logs) {
		if (entry.level === 'error' && !errorMessage) errorMessage = entry.message;
		if (!entry.message.startsWith('{')) continue;
		try {
			const value = JSON.parse(entry.message) as Record<string, any>;
			if (value?.data?.resultData) {
				const error = value.data.resultData.error as { message?: string } | undefined;
				return { run: value, errorMessage: error ? String(error.message) : undefined };
			}
		} catch {
			// another message
		}
	}
	return { errorMessage: errorMessage ?? 'n8n printed no execution data' };
}

/** One node's first run: when it started, how long it took, its first output's items. */
export function nodeRun(run: Record<string, any> | undefined, node: string) {
	const task = run?.data?.resultData?.runData?.[node]?.[0] as
		| { startTime: number; executionTime: number; data?: { main?: Array<Array<{ json: any }>> } }
		| undefined;
	if (!task) return undefined;
	return {
		startTime: task.startTime,
		endTime: task.startTime + task.executionTime,
		executionTime: task.executionTime,
		items: task.data?.main?.[0] ?? [],
	};
}

/** The highest sampled RSS between two instants (ms since the epoch). */
export function peakRssKb(samples: Sample[], from: number, to: number): number {
	let peak = 0;
	for (const sample of samples) {
		if (sample.at >= from && sample.at <= to + SAMPLE_MS) peak = Math.max(peak, sample.rssKb);
	}
	return peak;
}
