/**
 * What a large Leevia contest costs: Return All of its participants, and polls of the trigger, through
 * n8n's engine (n8n-core, test/harness) and the real node against the simulator, and the size of the
 * trigger's static data (saved after every poll that changes it) next to what the old list of every id
 * took. Prints a table; asserts nothing.
 *
 *   node -r ./scripts/ts-register.cjs test/benchmarks/leevia-export.ts
 *
 * `npm run bench` (run.ts) takes the trigger's figures at 50,000 participants from measureTriggerState.
 */
import type { IDataObject } from 'n8n-workflow';

import { packageNode, type TestEnvironment } from '../harness';
import { credentialRef, leeviaWorkflow, startLeevia } from '../leevia/setup';
import type { LeeviaSimulator } from '../simulators/leevia';

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

if (require.main === module) {
	void (async () => {
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
