/**
 * PostgreSQL and Redis for the queue-mode test: Debian's packages (installed with apt-get when missing),
 * each started on a free loopback port with a data folder of its own in the OS temp dir, stopped by PID.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'child_process';
import {
	chmodSync,
	chownSync,
	closeSync,
	existsSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readdirSync,
	rmSync,
	unlinkSync,
	writeFileSync,
} from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../../sandbox/n8n/n8n';

/** A server this test started: its PID (also its process group), port and log. */
export interface Service {
	name: string;
	pid: number;
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

const log = (message: string) => console.log(`[services] ${message}`);

function which(command: string): string | undefined {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Debian puts PostgreSQL's server programs in /usr/lib/postgresql/<major>/bin, off PATH. */
function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((dir) => existsSync(join(root, dir, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

/**
 * apt-get install of what is missing among postgresql and redis-server. The packages' install scripts
 * would start a system PostgreSQL on 5432 and a Redis on 6379: a policy-rc.d that forbids starting
 * services keeps them down (the Docker images' own trick), and is removed afterwards.
 */
export function ensurePackages(): { installed: string[]; seconds: number } {
	const t0 = Date.now();
	const missing: string[] = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!which('redis-server')) missing.push('redis-server');
	if (missing.length === 0) return { installed: [], seconds: 0 };
	if (process.getuid?.() !== 0)
		throw new Error(
			`${missing.join(' and ')} missing: run as root (apt-get install ${missing.join(' ')})`,
		);
	log(`apt-get install ${missing.join(' ')}`);
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy)
		writeFileSync(
			policy,
			'#!/bin/sh\n# queue-mode test: no service starts during apt-get\nexit 101\n',
			{ mode: 0o755 },
		);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	try {
		execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'inherit', 'inherit'], env });
		execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
			stdio: ['ignore', 'inherit', 'inherit'],
			env,
		});
	} finally {
		if (ownPolicy) unlinkSync(policy);
	}
	if (!postgresBinDir() || !which('redis-server'))
		throw new Error('apt-get ran, but postgres or redis-server is still missing');
	return { installed: missing, seconds: (Date.now() - t0) / 1000 };
}

/** Resolves when a TCP connection to 127.0.0.1:port succeeds (and `probe` says so), or throws after the timeout. */
async function waitForPort(
	name: string,
	port: number,
	child: ChildProcess,
	logFile: string,
	timeoutMs = 60_000,
	probe?: () => Promise<boolean>,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(
				`${name} exited (${child.exitCode ?? child.signalCode}); log ${logFile}:\n${tail(logFile)}`,
			);
		const open = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open && (!probe || (await probe()))) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(
		`${name} did not answer on port ${port} within ${timeoutMs} ms; log ${logFile}:\n${tail(logFile)}`,
	);
}

export function tail(file: string, lines = 15): string {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// gone
	}
}

/** Signals the process (or its group), waits up to `graceMs`, then SIGKILLs the whole group. */
export async function stopProcess(
	child: ChildProcess,
	signal: NodeJS.Signals,
	graceMs: number,
	options: { group: boolean },
): Promise<void> {
	const pid = child.pid;
	if (!pid) return;
	const exited = new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
	if (options.group) signalGroup(pid, signal);
	else {
		try {
			process.kill(pid, signal);
		} catch {
			// gone
		}
	}
	const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	// children left in the group (n8n's task runner, PostgreSQL's backends) go too
	signalGroup(pid, 'SIGKILL');
}

/** Every process group this file or the n8n helpers started, killed if the test exits early. */
export const startedGroups = new Set<number>();
/** Data folders not yet removed, removed if the test exits early. */
const dataDirs = new Set<string>();
process.on('exit', () => {
	startedGroups.forEach((pid) => signalGroup(pid, 'SIGKILL'));
	dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** A user that may run PostgreSQL (it refuses root): Debian's `postgres`, else `nobody`. */
function postgresUser(): { uid: number; gid: number; name: string } {
	for (const name of ['postgres', 'nobody']) {
		const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		if (uid.status === 0 && gid.status === 0)
			return { uid: Number(uid.stdout), gid: Number(gid.stdout), name };
	}
	throw new Error('no user to run PostgreSQL as (neither postgres nor nobody exists)');
}

/**
 * initdb into a fresh temp folder (as a non-root user when we are root), then `postgres` on a free
 * port, TCP on 127.0.0.1 only, no Unix socket, durability off (a throwaway database). User `n8n`,
 * trust authentication, database `n8n`.
 */
export async function startPostgres(): Promise<Service & { database: string; user: string }> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
	dataDirs.add(dir);
	const data = join(dir, 'data');
	const logFile = join(dir, 'postgres.log');
	const asRoot = process.getuid?.() === 0;
	const user = asRoot ? postgresUser() : undefined;
	chmodSync(dir, 0o755);
	if (user) chownSync(dir, user.uid, user.gid);
	const ids = user ? { uid: user.uid, gid: user.gid } : {};
	const init = spawnSync(
		join(bin, 'initdb'),
		[
			'-D',
			data,
			'-U',
			'n8n',
			'-A',
			'trust',
			'-E',
			'UTF8',
			'--locale=C',
			'--no-sync',
			'--no-instructions',
		],
		{ cwd: dir, encoding: 'utf8', ...ids, env: { ...process.env, LC_ALL: 'C' } },
	);
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	const port = await freePort();
	const fd = openSync(logFile, 'w');
	if (user) chownSync(logFile, user.uid, user.gid);
	const child = spawn(
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
		],
		{ cwd: dir, stdio: ['ignore', fd, fd], detached: true, ...ids },
	);
	closeSync(fd);
	startedGroups.add(child.pid!);
	const service = {
		name: 'postgres',
		pid: child.pid!,
		port,
		logFile,
		database: 'n8n',
		user: 'n8n',
		stop: async () => {
			// SIGINT: PostgreSQL's fast shutdown
			await stopProcess(child, 'SIGINT', 15_000, { group: false });
			startedGroups.delete(child.pid!);
			rmSync(dir, { recursive: true, force: true });
			dataDirs.delete(dir);
		},
	};
	try {
		await waitForPort('postgres', port, child, logFile, 60_000, async () =>
			readFileSync(logFile, 'utf8').includes('ready to accept connections'),
		);
		const psql = spawnSync(
			join(bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'n8n',
				'-d',
				'postgres',
				'-qAtc',
				'CREATE DATABASE n8n',
			],
			{ encoding: 'utf8' },
		);
		if (psql.status !== 0) throw new Error(`CREATE DATABASE failed: ${psql.stderr}`);
	} catch (error) {
		await service.stop();
		throw error;
	}
	return service;
}

/** redis-server on a free port, 127.0.0.1 only, no persistence, its folder in the OS temp dir. */
export async function startRedis(): Promise<Service> {
	const server = which('redis-server');
	if (!server) throw new Error('redis-server is not installed');
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-redis-'));
	dataDirs.add(dir);
	const logFile = join(dir, 'redis.log');
	const port = await freePort();
	const fd = openSync(logFile, 'w');
	const child = spawn(
		server,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ cwd: dir, stdio: ['ignore', fd, fd], detached: true },
	);
	closeSync(fd);
	startedGroups.add(child.pid!);
	const service: Service = {
		name: 'redis',
		pid: child.pid!,
		port,
		logFile,
		stop: async () => {
			await stopProcess(child, 'SIGTERM', 10_000, { group: false });
			startedGroups.delete(child.pid!);
			rmSync(dir, { recursive: true, force: true });
			dataDirs.delete(dir);
		},
	};
	try {
		await waitForPort('redis', port, child, logFile, 30_000, async () => await redisPing(port));
	} catch (error) {
		await service.stop();
		throw error;
	}
	return service;
}

async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(2000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) {
				socket.destroy();
				resolve(reply.startsWith('+PONG'));
			}
		});
		socket.once('error', () => resolve(false));
	});
}

/** True when nothing listens on 127.0.0.1:port any more. */
export async function portClosed(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}
