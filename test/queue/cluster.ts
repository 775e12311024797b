/**
 * n8n 2.x in queue mode: one main (`n8n start`: webhooks, polling triggers, the queue's producer) and
 * workers (`n8n worker`), each with a user folder of its own (as on separate machines) holding the
 * packed package, all sharing one PostgreSQL, one Redis and one encryption key.
 */
import { spawn, type ChildProcess } from 'child_process';
import { closeSync, openSync, readFileSync } from 'fs';
import { join } from 'path';

import { N8nInstance, parseOutput, type LogEntry, type N8nLine } from '../../sandbox/n8n/n8n';
import { startedGroups, stopProcess, tail } from './services';

export interface QueueSettings {
	postgresPort: number;
	redisPort: number;
	/** the main's log level: 'info' keeps the lines this test reads, without debug's cost */
	logLevel?: string;
}

/** What every process of the cluster shares: the database, the queue, execution settings. */
function queueEnv(settings: QueueSettings): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(settings.postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(settings.redisPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
		N8N_LOG_LEVEL: settings.logLevel ?? 'info',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_METRICS: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PUBLIC_API_DISABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
	};
}

export class ClusterProcess {
	private child?: ChildProcess;

	readonly logFile: string;

	constructor(
		readonly name: string,
		readonly instance: N8nInstance,
		private readonly args: string[],
	) {
		this.logFile = join(instance.userFolder, `${name}.out`);
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get port(): number {
		return Number(this.instance.env().N8N_PORT);
	}

	get brokerPort(): number {
		return Number(this.instance.env().N8N_RUNNERS_BROKER_PORT);
	}

	start(): void {
		const fd = openSync(this.logFile, 'w');
		const line = this.instance.n8n;
		this.child = spawn(line.node, [line.bin, ...this.args], {
			cwd: this.instance.userFolder,
			env: this.instance.env(),
			stdio: ['ignore', fd, fd],
			detached: true, // own process group: the stop reaches n8n's task runner too
		});
		closeSync(fd);
		startedGroups.add(this.child.pid!);
	}

	exited(): boolean {
		return !this.child || this.child.exitCode !== null || this.child.signalCode !== null;
	}

	logs(): LogEntry[] {
		try {
			return parseOutput(readFileSync(this.logFile, 'utf8'), this.name).logs;
		} catch {
			return [];
		}
	}

	/** Waits until a log entry matches, or throws when the process exits or the time is up. */
	async waitForLog(
		match: (entry: LogEntry) => boolean,
		what: string,
		timeoutMs = 120_000,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.logs().some(match)) return;
			if (this.exited())
				throw new Error(
					`${this.name} exited before ${what}; ${this.logFile}:\n${tail(this.logFile, 30)}`,
				);
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(
			`${this.name}: no ${what} within ${timeoutMs} ms; ${this.logFile}:\n${tail(this.logFile, 30)}`,
		);
	}

	async stop(): Promise<void> {
		if (!this.child?.pid) return;
		// n8n waits for running executions up to N8N_GRACEFUL_SHUTDOWN_TIMEOUT (5 s here)
		await stopProcess(this.child, 'SIGTERM', 20_000, { group: true });
		startedGroups.delete(this.child.pid);
	}
}

/** An N8nInstance (fresh user folder, free HTTP and task-broker ports) that runs in queue mode. */
export async function queueInstance(line: N8nLine, settings: QueueSettings): Promise<N8nInstance> {
	const instance = await N8nInstance.create(line);
	const base = instance.env.bind(instance);
	const extra = queueEnv(settings);
	instance.env = () => ({ ...base(), ...extra });
	return instance;
}
