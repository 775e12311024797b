/**
 * What a large Leevia contest costs: Return All of its participants, and polls of the trigger, through
 * n8n's engine (n8n-core, test/harness) and the real node against the simulator, and the size of the
 * trigger's static data (saved after every poll that changes it) next to what the old list of every id
 * took. Prints a table; asserts nothing.
 *
 *   node -r ./scripts/ts-register.cjs bench/leevia-export.ts
 *
 * Requests and milliseconds per poll at each size with 0, 3 and 250 newcomers before each poll:
 * before (every poll reads the export whole, as 0.2 did) and after (a poll reads on from where the
 * previous one ended). `npm run bench` (its `trigger` part, run.ts) takes that table from
 * measurePollCosts and the static data at 50,000 participants from measureTriggerState; run directly,
 * this file prints both, then the export's figures.
 */
import type { IDataObject } from 'n8n-workflow';

import { packageNode, type TestEnvironment } from '../test/harness';
import { credentialRef, leeviaWorkflow, startLeevia } from '../test/leevia/setup';
import type { LeeviaSimulator } from '../sandbox/simulators/leevia';

const SIZES = [1_000, 10_000, 50_000];

/** The trigger's static data as n8n saves it: JSON. */
const stateBytes = (state: unknown) => Buffer.byteLength(JSON.stringify(state));

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

async function signIn(environment: TestEnvironment): Promise<void> {
	// As a running n8n would have a token already.
	await environment.runWorkflow(
		leeviaWorkflow([{}], {
			resource: 'participant',
			operation: 'getAll',
			productId: '90',
			limit: 1,
		}),
	);
}

async function measureExport(simulator: LeeviaSimulator, environment: TestEnvironment) {
	simulator.resetCounts();
	const started = process.hrtime.bigint();
	const result = await environment.runWorkflow(
		leeviaWorkflow([{}], {
			resource: 'participant',
			operation: 'getAll',
			productId: '90',
			returnAll: true,
		}),
	);
	const exportSeconds = seconds(started);
	const items = result.output.Leevia?.length ?? 0;
	return {
		items,
		'export s': exportSeconds.toFixed(2),
		'items/s': Math.round(items / exportSeconds),
		'export requests': simulator.count('GET participants'),
	};
}

export interface TriggerState {
	participants: number;
	/** Polls until the new participants came out (the first one records the baseline). */
	polls: number;
	'poll s': string;
	'poll requests': number;
	'poll emitted': number;
	/** What version 0.1.0 stored after the same polls: every id seen, in a list. */
	'state bytes before': number;
	'state bytes after': number;
}

/** Polls over `size` participants, 5 more arrive, one more poll: the static data it leaves. */
async function measureTrigger(
	simulator: LeeviaSimulator,
	environment: TestEnvironment,
	size: number,
): Promise<TriggerState> {
	const staticData: IDataObject = {};
	const trigger = packageNode(
		'Leevia Trigger',
		'leeviaTrigger',
		{ event: 'newParticipant', productId: '90' },
		{ credentials: credentialRef },
	);
	await environment.poll(trigger, staticData);
	simulator.product('campaigns', '90')!.participants.push(...simulator.makeParticipants(5));
	simulator.resetCounts();
	const started = process.hrtime.bigint();
	let polls = 1;
	let emitted = 0;
	// a poll may stop early (a time budget) and go on at the next one
	while (emitted < 5 && polls < 20) {
		const fresh = await environment.poll(trigger, staticData);
		polls++;
		emitted += fresh?.[0].length ?? 0;
	}
	const oldState = {
		watching: 'newParticipant:campaigns/90',
		seenIds: simulator.product('campaigns', '90')!.participants.map((p) => p.id),
	};
	return {
		participants: size,
		polls,
		'poll s': seconds(started).toFixed(2),
		'poll requests': simulator.count('GET participants'),
		'poll emitted': emitted,
		'state bytes before': stateBytes(oldState),
		'state bytes after': stateBytes(staticData['node:Leevia Trigger']),
	};
}

async function withContest<T>(
	size: number,
	work: (simulator: LeeviaSimulator, environment: TestEnvironment) => Promise<T>,
): Promise<T> {
	const previous = process.env.N8N_LOG_LEVEL;
	process.env.N8N_LOG_LEVEL = 'silent';
	const { simulator, environment } = await startLeevia();
	try {
		simulator.product('campaigns', '90')!.participants = simulator.makeParticipants(size, 10);
		await signIn(environment);
		return await work(simulator, environment);
	} finally {
		await simulator.close();
		if (previous === undefined) delete process.env.N8N_LOG_LEVEL;
		else process.env.N8N_LOG_LEVEL = previous;
	}
}

/** The trigger's static data after polls over `size` participants. */
export async function measureTriggerState(size: number): Promise<TriggerState> {
	return await withContest(
		size,
		async (simulator, environment) => await measureTrigger(simulator, environment, size),
	);
}

/** One row of the per-poll table: a contest of `participants`, `fresh` new ones before each poll. */
export interface PollCostRow {
	participants: number;
	new: number;
	/** Polls averaged in this row. */
	polls: number;
	'before requests': number;
	'before ms': number;
	'after requests': number;
	'after ms': number;
}

/** Polls measured per cell, averaged. */
const POLLS_PER_CELL = 3;
const NEW_PER_POLL = [0, 3, 250];

/**
 * Requests and milliseconds per poll over `size` participants, `fresh` of them new before each of
 * POLLS_PER_CELL polls. `forgetPosition` keeps only what 0.2 saved (`{watching, seen}`), so every poll
 * reads the export whole as that version did: the "before" column.
 */
async function measurePolls(
	simulator: LeeviaSimulator,
	environment: TestEnvironment,
	fresh: number,
	forgetPosition: boolean,
	staticData: IDataObject,
) {
	const trigger = packageNode(
		'Leevia Trigger',
		'leeviaTrigger',
		{ event: 'newParticipant', productId: '90' },
		{ credentials: credentialRef },
	);
	const contest = simulator.product('campaigns', '90')!;
	if (!Object.keys(staticData).length) await environment.poll(trigger, staticData);
	let requests = 0;
	let nanoseconds = 0n;
	for (let poll = 0; poll < POLLS_PER_CELL; poll++) {
		contest.participants.push(...simulator.makeParticipants(fresh));
		if (forgetPosition) {
			const state = staticData['node:Leevia Trigger'] as IDataObject;
			staticData['node:Leevia Trigger'] = { watching: state.watching, seen: state.seen };
		}
		simulator.resetCounts();
		const started = process.hrtime.bigint();
		const emitted = (await environment.poll(trigger, staticData))?.[0].length ?? 0;
		nanoseconds += process.hrtime.bigint() - started;
		requests += simulator.count('GET participants');
		if (emitted !== fresh) throw new Error(`emitted ${emitted} of ${fresh} new participants`);
	}
	return {
		requests: Math.round((requests / POLLS_PER_CELL) * 10) / 10,
		ms: Math.round(Number(nanoseconds) / 1e6 / POLLS_PER_CELL),
	};
}

/** The per-poll table at every size and number of new participants, before and after. */
export async function measurePollCosts(sizes = SIZES): Promise<PollCostRow[]> {
	const rows: PollCostRow[] = [];
	for (const size of sizes) {
		const cells = new Map<number, { before?: { requests: number; ms: number } }>();
		for (const forgetPosition of [true, false]) {
			await withContest(size, async (simulator, environment) => {
				const staticData: IDataObject = {};
				for (const fresh of NEW_PER_POLL) {
					const cost = await measurePolls(
						simulator,
						environment,
						fresh,
						forgetPosition,
						staticData,
					);
					if (forgetPosition) cells.set(fresh, { before: cost });
					else {
						const before = cells.get(fresh)!.before!;
						rows.push({
							participants: size,
							new: fresh,
							polls: POLLS_PER_CELL,
							'before requests': before.requests,
							'before ms': before.ms,
							'after requests': cost.requests,
							'after ms': cost.ms,
						});
					}
				}
			});
		}
	}
	return rows;
}

if (require.main === module) {
	void (async () => {
		console.log(
			'Leevia Trigger, per poll (the average of 3 polls; "before" reads the export whole):',
		);
		console.table(await measurePollCosts());
		const rows = [];
		for (const size of SIZES) {
			rows.push(
				await withContest(size, async (simulator, environment) => ({
					...(await measureExport(simulator, environment)),
					...(await measureTrigger(simulator, environment, size)),
				})),
			);
		}
		console.table(rows);
	})();
}
