/**
 * The four packages in n8n's queue mode: PostgreSQL + Redis + one main + workers, each n8n process with
 * the four packed packages side by side in its own user folder.
 *
 *   node scripts/run.cjs test/queue/run.ts [--per-vendor 200] [--workers 2] [--concurrency 5] [--clients 10]
 *                           [--no-build] [--tarball x.tgz]... [--keep]
 *
 * Steps: PostgreSQL and Redis from Debian's packages (apt-get when missing), each on a free port with a
 * temp data folder; n8n 2.x (install-n8n.sh) as main + workers; per vendor a Webhook → vendor node
 * workflow and a Kimple Trigger workflow, imported active; `per-vendor` webhook calls per vendor; then:
 *   - every execution succeeded (execution_entity.status in n8n's database) and its items answer the
 *     call's own values (execution_data);
 *   - they ran on every worker: each worker logs "Worker finished execution <id>", the main logs
 *     "Execution <id> (job …) finished" with the worker's host id, and the two must agree;
 *   - each simulator saw exactly one read per execution, every one of them sent by a worker (a proxy in
 *     front of each simulator finds the sending process from the connection, through /proc);
 *   - Leevia signed in at most once per worker (the token lives in n8n's credential store);
 *   - the Kimple Trigger, polled by the main, emitted each appended entry once, in executions that
 *     ran on the workers, and a poll with nothing new emitted nothing.
 * Everything started is stopped by PID at the end, also on failure; the end checks that no process of
 * ours is left and no port of ours still answers. Exit code 1 on any failure.
 */
import { strict as assert } from 'assert';
import { rmSync, writeFileSync, mkdirSync } from 'fs';
import { dirname, join, resolve } from 'path';

import { ensureLine, type N8nLine } from '../../sandbox/n8n/n8n';
import { packedPackages } from '../../sandbox/packer/pack';
import { ClusterProcess, queueInstance } from './cluster';
import { ExecutionStore, itemsOf } from './executions';
import {
	alive,
	ensurePackages,
	portClosed,
	startPostgres,
	startRedis,
	startedGroups,
	type Service,
} from './services';
import { startVendors, type LoadedVendor, type Vendors } from './vendors';

interface Options {
	perVendor: number;
	workers: number;
	concurrency: number;
	clients: number;
	build: boolean;
	tarballs: string[];
	keep: boolean;
}

function parseArgs(argv: string[]): Options {
	const options: Options = {
		perVendor: 200,
		workers: 2,
		concurrency: 5,
		clients: 10,
		build: true,
		tarballs: [],
		keep: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--per-vendor') options.perVendor = Number(value());
		else if (flag === '--workers') options.workers = Number(value());
		else if (flag === '--concurrency') options.concurrency = Number(value());
		else if (flag === '--clients') options.clients = Number(value());
		else if (flag === '--no-build') options.build = false;
		else if (flag === '--tarball') options.tarballs.push(resolve(value()));
		else if (flag === '--keep') options.keep = true;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return options;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (message: string) => console.log(`[queue ${elapsed()}] ${message}`);
const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

interface Outcome {
	name: string;
	ok: boolean;
	detail?: string;
}
const outcomes: Outcome[] = [];
const figures: string[] = [];

function check(name: string, fn: () => void): void {
	try {
		fn();
		outcomes.push({ name, ok: true });
		console.log(`PASS ${name}`);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		outcomes.push({ name, ok: false, detail });
		console.log(`FAIL ${name}\n${detail.replace(/^/gm, '      ')}`);
	}
}

/** Everything to stop, newest first. */
const stack: Array<{ name: string; stop: () => Promise<void> }> = [];

async function stopAll(): Promise<void> {
	while (stack.length) {
		const { name, stop } = stack.pop()!;
		try {
			await stop();
		} catch (error) {
			console.log(`could not stop ${name}: ${String(error)}`);
		}
	}
}

async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs: number,
	everyMs = 1000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(everyMs);
	}
}

export async function main(argv: string[]): Promise<number> {
	const options = parseArgs(argv);
	const watchdog = setTimeout(() => {
		console.log('FAIL the whole test took more than 15 minutes: stopping everything');
		void stopAll().then(() => process.exit(1));
	}, 15 * 60_000);
	watchdog.unref();
	let ports: number[] = [];
	let pids: number[] = [];
	try {
		await run(options, (p, q) => {
			ports = p;
			pids = q;
		});
	} catch (error) {
		outcomes.push({
			name: 'the run itself',
			ok: false,
			detail: String((error as Error)?.stack ?? error),
		});
		console.log(
			`FAIL the run itself\n${String((error as Error)?.stack ?? error).replace(/^/gm, '      ')}`,
		);
	} finally {
		say('stopping everything');
		await stopAll();
	}
	// nothing of ours is left
	const leftPids = pids.filter(alive);
	const openPorts: number[] = [];
	for (const port of ports) if (!(await portClosed(port))) openPorts.push(port);
	check(
		`clean end: no process left (${pids.length} PIDs checked), no port still open (${ports.length} checked)`,
		() => {
			assert.deepEqual(leftPids, [], 'processes still alive');
			assert.deepEqual(openPorts, [], 'ports still answering');
			assert.equal(startedGroups.size, 0, 'process groups not stopped');
		},
	);

	const failed = outcomes.filter((o) => !o.ok);
	console.log(
		`\n== queue mode: ${outcomes.length - failed.length} passed, ${failed.length} failed, ${elapsed()} in all`,
	);
	for (const line of figures) console.log(`   ${line}`);
	for (const o of failed) console.log(`   FAILED ${o.name}`);
	return failed.length === 0 ? 0 : 1;
}

async function run(
	options: Options,
	register: (ports: number[], pids: number[]) => void,
): Promise<void> {
	const ports: number[] = [];
	const pids: number[] = [];
	register(ports, pids);

	// 1. services
	const install = ensurePackages();
	if (install.installed.length)
		say(`installed ${install.installed.join(', ')} in ${install.seconds.toFixed(0)} s`);
	const line: N8nLine = ensureLine('v2');
	say(`n8n ${line.version} on ${line.node}`);
	const tarballs = packedPackages({ build: options.build, tarballs: options.tarballs }).map(
		(pkg) => pkg.tarball,
	);
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	for (const service of [postgres, redis] as Service[]) {
		stack.push({ name: service.name, stop: service.stop });
		ports.push(service.port);
		pids.push(service.pid);
	}
	say(
		`postgres on ${postgres.port} (PID ${postgres.pid}), redis on ${redis.port} (PID ${redis.pid})`,
	);

	// 2. simulators behind taps; the taps name a request's process by its process group
	const processes: ClusterProcess[] = [];
	const owners = () =>
		new Map(processes.filter((p) => p.pid).map((p) => [p.pid!, p.name] as [number, string]));
	const vendors: Vendors = await startVendors(owners);
	stack.push({ name: 'simulators', stop: vendors.close });

	// 3. n8n: one user folder per process, the four packages installed in each
	const settings = { postgresPort: postgres.port, redisPort: redis.port };
	const mainInstance = await queueInstance(line, settings);
	const main = new ClusterProcess('main', mainInstance, ['start']);
	processes.push(main);
	for (let i = 1; i <= options.workers; i++) {
		const instance = await queueInstance(line, settings);
		processes.push(
			new ClusterProcess(`worker-${i}`, instance, [
				'worker',
				`--concurrency=${options.concurrency}`,
			]),
		);
	}
	for (const p of processes) {
		stack.push({
			name: `${p.name} user folder`,
			stop: async () => (options.keep ? p.instance.keep() : p.instance.remove()),
		});
		for (const tarball of tarballs) p.instance.installPackage(tarball);
		ports.push(p.brokerPort);
	}
	ports.push(main.port);
	if (options.keep) say(`user folders: ${processes.map((p) => p.instance.userFolder).join(' ')}`);
	say(`${tarballs.length} packages installed in ${processes.length} user folders`);

	// credentials and workflows, imported active (queue mode allows --activeState=fromJson)
	await mainInstance.importCredentials(vendors.credentials);
	const workflows = [...vendors.list.map((v) => v.workflow), vendors.trigger.workflow];
	const dir = join(mainInstance.userFolder, 'queue-workflows');
	mkdirSync(dir, { recursive: true });
	for (const workflow of workflows)
		writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
	await mainInstance.mustRun(['import:workflow', '--separate', `--input=${dir}`]);
	// n8n's CLI activates ("publishes") one workflow per command; the main picks them up when it starts.
	// (import's --activeState=fromJson refuses here: no owner account is set up.)
	await Promise.all(
		workflows.map(async (w) => await mainInstance.mustRun(['publish:workflow', `--id=${w.id}`])),
	);
	say(
		`imported ${vendors.credentials.length} credentials and ${workflows.length} workflows, published them`,
	);

	// 4. workers first, then the main (it activates the workflows: webhooks, the trigger's first poll)
	for (const p of [...processes.slice(1), main]) {
		p.start();
		stack.push({ name: p.name, stop: async () => await p.stop() });
		pids.push(p.pid!);
	}
	await Promise.all(
		processes
			.slice(1)
			.map(
				async (w) =>
					await w.waitForLog((e) => e.message.includes('n8n worker is now ready'), 'worker ready'),
			),
	);
	// n8n 2.40's publication service activates published workflows at start and logs it at debug only:
	// ready means the four webhooks are registered in the database and the trigger's first poll (its
	// baseline: what is there now, emitted never) is saved in the workflow's static data. Entries
	// appended before that save would be part of the baseline.
	const store = new ExecutionStore(line, postgres.port);
	await store.open();
	stack.push({ name: 'database client', stop: async () => await store.close() });
	await waitFor(
		"the main to register the webhooks and take the trigger's first poll",
		async () => {
			if (main.exited()) throw new Error(`main exited; ${main.logFile}`);
			const hooks = await store.webhookPaths();
			const registered = vendors.list.every((v) => hooks.includes(v.webhookPath));
			const state = await store.staticData(vendors.trigger.workflow.id);
			return registered && state && Object.keys(state).length > 0 ? true : undefined;
		},
		120_000,
		500,
	);
	// 5. the load and the trigger, side by side
	const [load, trigger] = await Promise.all([
		fire(vendors.list, main.port, options),
		triggerRounds(vendors, store),
	]);
	say(`${load.length} webhook calls answered in ${load.seconds.toFixed(1)} s; trigger rounds done`);

	// every execution reached an end state
	for (const vendor of vendors.list) {
		await waitFor(
			`${vendor.name}'s executions to finish`,
			async () => {
				const counts = await store.statusCounts(vendor.workflow.id);
				const open = (counts.new ?? 0) + (counts.running ?? 0);
				return open === 0 ? counts : undefined;
			},
			60_000,
		);
	}

	// 6. checks
	const perWorker = workerLedger(processes);
	const hostOf = mainLedger(main);
	const executionsByVendor = new Map<string, Awaited<ReturnType<ExecutionStore['executions']>>>();
	for (const vendor of vendors.list)
		executionsByVendor.set(vendor.name, await store.executions(vendor.workflow.id));

	check(`all ${load.length} webhook calls answered 200`, () => {
		const bad = load.filter((call) => call.status !== 200);
		assert.equal(
			bad.length,
			0,
			bad
				.slice(0, 5)
				.map((c) => `${c.vendor} #${c.n}: ${c.status} ${c.text.slice(0, 200)}`)
				.join('\n'),
		);
	});

	for (const vendor of vendors.list) {
		const executions = executionsByVendor.get(vendor.name)!;
		check(
			`${vendor.name}: ${options.perVendor} executions, every one status success, items answer their own call`,
			() => {
				assert.equal(executions.length, options.perVendor, 'executions stored');
				const failed = executions.filter((e) => e.status !== 'success');
				assert.equal(
					failed.length,
					0,
					failed
						.slice(0, 3)
						.map((e) => `#${e.id} ${e.status}: ${e.error}`)
						.join('\n'),
				);
				const seen = new Set<number>();
				for (const execution of executions) {
					const [hook] = itemsOf(execution, 'Webhook');
					const body = hook?.body as Record<string, any>;
					assert.ok(
						body && typeof body.n === 'number',
						`execution ${execution.id} has no webhook body`,
					);
					assert.deepEqual(body, vendor.body(body.n), `execution ${execution.id}: the body`);
					seen.add(body.n);
					try {
						vendor.checkItems(body, itemsOf(execution, vendor.node));
					} catch (error) {
						throw new Error(
							`execution ${execution.id} (call #${body.n}): ${(error as Error).message}`,
						);
					}
				}
				assert.equal(seen.size, options.perVendor, 'each call ran once');
			},
		);
	}

	const workerNames = processes.slice(1).map((p) => p.name);
	check(
		"each execution ran on exactly one worker: the workers' logs are disjoint and together hold every execution the main saw finish",
		() => {
			const all = workerNames.flatMap((name) => [...perWorker.get(name)!.ids]);
			assert.equal(new Set(all).size, all.length, 'an execution is in two worker logs');
			assert.ok(
				sameSet(new Set(all), new Set(hostOf.keys())),
				`worker logs ${all.length} executions, the main ${hostOf.size}`,
			);
			for (const executions of executionsByVendor.values())
				for (const execution of executions)
					assert.ok(
						hostOf.has(execution.id),
						`execution ${execution.id} not reported finished to the main`,
					);
		},
	);
	// n8n names a worker "worker-<hostname>" where it detects a container (/.dockerenv), else "worker-<random>"
	figures.push(`worker host ids in the main's log: ${[...new Set(hostOf.values())].join(', ')}`);

	const table: string[] = [];
	check(`every vendor's executions ran on all ${options.workers} workers`, () => {
		for (const vendor of vendors.list) {
			const ids = new Set(executionsByVendor.get(vendor.name)!.map((e) => e.id));
			const counts = workerNames.map(
				(name) => [...perWorker.get(name)!.ids].filter((id) => ids.has(id)).length,
			);
			table.push(`${vendor.name}: ${workerNames.map((n, i) => `${n} ${counts[i]}`).join(', ')}`);
			assert.equal(
				counts.reduce((a, b) => a + b, 0),
				ids.size,
				`${vendor.name}: executions missing from the worker logs`,
			);
			assert.ok(
				counts.every((c) => c > 0),
				`${vendor.name}: ${table.at(-1)}`,
			);
		}
		const failedOnWorkers = workerNames.flatMap((name) => perWorker.get(name)!.failures);
		assert.deepEqual(failedOnWorkers, [], 'worker logs report unsuccessful executions');
	});

	for (const vendor of vendors.list) {
		check(
			`${vendor.name}: the simulator saw one "${vendor.readKey}" per execution, all sent by workers`,
			() => {
				const counts = { ...vendor.simulator.requestCounts };
				assert.equal(
					counts[vendor.readKey] ?? 0,
					options.perVendor,
					`requests: ${JSON.stringify(counts)}`,
				);
				const unexpected = Object.keys(counts).filter(
					(k) => k !== vendor.readKey && !vendor.otherKeys.includes(k),
				);
				assert.deepEqual(unexpected, [], `unexpected requests: ${JSON.stringify(counts)}`);
				const isOther = (path: string) =>
					path.endsWith('/authenticate') || path.endsWith('/contest_entry/list');
				const byProcess = vendor.tap.countByProcess((r) => !isOther(r.path));
				figures.push(
					`${vendor.name} reads per process (proxy, via /proc): ${JSON.stringify(byProcess)}`,
				);
				assert.deepEqual(
					Object.keys(byProcess).sort(),
					[...workerNames].sort(),
					`reads by process: ${JSON.stringify(byProcess)}`,
				);
			},
		);
	}

	const leevia = vendors.list.find((v) => v.name === 'Leevia')!;
	const signIns = leevia.tap.countByProcess((r) => r.path.endsWith('/authenticate'));
	const signInTotal = vendors.leevia.count('authenticate');
	check(
		`Leevia signed in at most once per worker (${signInTotal} sign-ins: ${JSON.stringify(signIns)})`,
		() => {
			assert.ok(signInTotal >= 1, 'no sign-in at all');
			assert.equal(
				Object.values(signIns).reduce((a, b) => a + b, 0),
				signInTotal,
				'sign-ins the proxy saw',
			);
			for (const [name, count] of Object.entries(signIns)) {
				assert.ok(workerNames.includes(name), `${name} signed in`);
				assert.ok(count <= 1, `${name} signed in ${count} times`);
			}
		},
	);
	// What the credential store guarantees whatever the timing: once a token is stored, nobody signs in
	// again. n8n's preAuthentication takes no lock, so executions that read the credential before the
	// first token was stored each sign in (cold bursts on one worker signed in 2 and 3 times in 2 runs of 6).
	const leeviaRecords = leevia.tap.records;
	const firstRead = Math.min(
		...leeviaRecords.filter((r) => r.path.endsWith('/participants')).map((r) => r.at),
	);
	const late = leeviaRecords.filter(
		(r) => r.path.endsWith('/authenticate') && r.at > firstRead + 5000,
	);
	check(
		'Leevia: the stored token is shared: no sign-in later than 5 s after the first read, none from the main',
		() => {
			assert.deepEqual(
				late.map((r) => `${r.process} +${((r.at - firstRead) / 1000).toFixed(1)} s`),
				[],
			);
			assert.ok(!signIns.main, 'the main signed in');
			assert.ok(signInTotal <= options.workers * options.concurrency, 'more sign-ins than slots');
		},
	);
	// a worker that read participants without ever signing in used the token another process stored
	const leeviaReads = leevia.tap.countByProcess((r) => r.path.endsWith('/participants'));
	const borrowed = workerNames.filter((name) => !signIns[name] && (leeviaReads[name] ?? 0) > 0);
	figures.push(
		`Leevia: workers that read with a token another worker stored (never signed in themselves): ${borrowed.join(', ') || 'none'}`,
	);

	check(
		`Kimple Trigger on the main: ${trigger.appended.length} appended entries emitted once each, in ${trigger.executions.length} executions on the workers; a poll with nothing new emitted nothing`,
		() => {
			assert.deepEqual(
				[...trigger.emitted].sort(),
				[...trigger.appended].sort(),
				'emitted vs appended',
			);
			assert.equal(
				new Set(trigger.emitted).size,
				trigger.emitted.length,
				'an entry was emitted twice',
			);
			for (const execution of trigger.executions) {
				assert.equal(
					execution.status,
					'success',
					`trigger execution ${execution.id}: ${execution.status}`,
				);
				assert.equal(execution.mode, 'trigger');
				assert.ok(
					workerNames.some((name) => perWorker.get(name)!.ids.has(execution.id)),
					`trigger execution ${execution.id} ran on no worker`,
				);
			}
			const polls = vendors.list
				.find((v) => v.name === 'Kimple')!
				.tap.countByProcess((r) => r.path.endsWith('/contest_entry/list'));
			figures.push(`Kimple Trigger list requests per process: ${JSON.stringify(polls)}`);
			assert.deepEqual(
				Object.keys(polls),
				['main'],
				'the trigger polled from elsewhere than the main',
			);
			assert.ok(trigger.quietPollSeen, 'no poll after the last emission was seen');
		},
	);

	const workerTotals = workerNames
		.map((name) => `${name} ${perWorker.get(name)!.ids.size}`)
		.join(', ');
	figures.unshift(
		`load: ${load.length} webhook executions (${options.perVendor} per vendor) in ${load.seconds.toFixed(1)} s with ${options.clients} calls in flight, ${options.workers} workers x concurrency ${options.concurrency}`,
		`executions per worker (worker logs, all workflows incl. trigger): ${workerTotals}`,
		...table.map((t) => `per vendor: ${t}`),
		`Leevia sign-ins: ${signInTotal} in all, per process ${JSON.stringify(signIns)}`,
		`trigger: appended ${trigger.appended.length}, emitted ${trigger.emitted.length} in ${trigger.executions.length} executions`,
	);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
	return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Per worker: the ids of the executions its log says it finished, and the unsuccessful ones. */
function workerLedger(
	processes: ClusterProcess[],
): Map<string, { ids: Set<string>; failures: string[] }> {
	const ledger = new Map<string, { ids: Set<string>; failures: string[] }>();
	for (const p of processes.slice(1)) {
		const ids = new Set<string>();
		const failures: string[] = [];
		for (const entry of p.logs()) {
			const match = /^Worker finished execution (\S+) /.exec(entry.message);
			if (!match) continue;
			ids.add(match[1]);
			if (entry.metadata?.success === false) failures.push(match[1]);
		}
		ledger.set(p.name, { ids, failures });
	}
	return ledger;
}

/** Execution id → the host id of the worker that the main says finished it. */
function mainLedger(main: ClusterProcess): Map<string, string> {
	const ledger = new Map<string, string>();
	for (const entry of main.logs()) {
		const match = /^Execution (\S+) \(job \S+\) finished$/.exec(entry.message);
		if (match) ledger.set(match[1], String(entry.metadata?.workerId));
	}
	return ledger;
}

interface Call {
	vendor: string;
	n: number;
	status: number;
	text: string;
}

/** perVendor calls per vendor, vendors interleaved, `clients` of them in flight at any time. */
async function fire(
	vendors: LoadedVendor[],
	port: number,
	options: Options,
): Promise<Call[] & { seconds: number }> {
	const jobs: Array<{ vendor: LoadedVendor; n: number }> = [];
	for (let n = 0; n < options.perVendor; n++)
		for (const vendor of vendors) jobs.push({ vendor, n });
	const calls: Call[] = [];
	const t0 = Date.now();
	let next = 0;
	const client = async (until = jobs.length) => {
		while (next < until) {
			const { vendor, n } = jobs[next++];
			let status = 0;
			let text = '';
			try {
				const response = await fetch(`http://127.0.0.1:${port}/webhook/${vendor.webhookPath}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(vendor.body(n)),
					// Only a bound against a hung run: a call decides by its answer, however late it comes
					// on a busy machine (one took over 120 s while the trigger rounds ran).
					signal: AbortSignal.timeout(900_000),
				});
				status = response.status;
				text = await response.text();
			} catch (error) {
				text = String(error);
			}
			calls.push({ vendor: vendor.name, n, status, text });
			if (calls.length % 100 === 0) say(`${calls.length}/${jobs.length} calls answered`);
		}
	};
	// One call per vendor first, alone, as a running n8n has served one before a burst comes: n8n's
	// preAuthentication takes no lock, so executions that start together before the first Leevia token
	// is stored each sign in (cold bursts signed in 2 and 3 times on one worker in 2 runs of 6).
	await client(vendors.length);
	await Promise.all(Array.from({ length: options.clients }, async () => await client()));
	return Object.assign(calls, { seconds: (Date.now() - t0) / 1000 });
}

/**
 * The trigger, polled by the main every minute: the activation's poll took the baseline. Round 1 adds 3
 * entries, round 2 adds 4 after round 1 was emitted; then one more poll must emit nothing.
 */
async function triggerRounds(vendors: Vendors, store: ExecutionStore) {
	const { trigger } = vendors;
	const kimpleTap = vendors.list.find((v) => v.name === 'Kimple')!.tap;
	const appended: string[] = [];
	const t0 = Date.now();
	const successes = async (count: number) => {
		const executions = await store.executions(trigger.workflow.id, false);
		if (executions.some((e) => e.status === 'error' || e.status === 'crashed')) {
			const [failed] = (await store.executions(trigger.workflow.id)).filter(
				(e) => e.status !== 'success',
			);
			throw new Error(`trigger execution ${failed?.id} ${failed?.status}: ${failed?.error}`);
		}
		return executions.filter((e) => e.status === 'success').length >= count
			? executions
			: undefined;
	};
	const polls = () =>
		kimpleTap.records
			.filter((r) => r.path.endsWith('/contest_entry/list'))
			.map((r) => `${r.process}@${((r.at - t0) / 1000).toFixed(0)}s`)
			.join(' ');
	const explain = async <T>(what: Promise<T>): Promise<T> => {
		try {
			return await what;
		} catch (error) {
			const statuses = await store.statusCounts(trigger.workflow.id);
			throw new Error(
				`${(error as Error).message}; trigger executions ${JSON.stringify(statuses)}; list requests (s after round 1): ${polls()}`,
			);
		}
	};
	appended.push(...trigger.append(3));
	say('trigger round 1: 3 entries appended');
	await explain(
		waitFor('the trigger to emit round 1', async () => await successes(1), 150_000, 2000),
	);
	appended.push(...trigger.append(4));
	say('trigger round 1 emitted; round 2: 4 entries appended');
	await explain(
		waitFor('the trigger to emit round 2', async () => await successes(2), 150_000, 2000),
	);
	// one more poll after the last emission, then time for its execution to be enqueued
	const pollsNow = kimpleTap.records.filter((r) => r.path.endsWith('/contest_entry/list')).length;
	say('trigger round 2 emitted; waiting for a poll with nothing new');
	let quietPollSeen = false;
	await waitFor(
		'a poll after the last emission',
		async () =>
			kimpleTap.records.filter((r) => r.path.endsWith('/contest_entry/list')).length > pollsNow
				? true
				: undefined,
		90_000,
		1000,
	);
	quietPollSeen = true;
	await sleep(8000);
	const executions = await store.executions(trigger.workflow.id);
	const emitted = executions.flatMap((e) =>
		itemsOf(e, trigger.node).map((item) => String(item.contest_entry_hash_id)),
	);
	return { appended, emitted, executions, quietPollSeen };
}
