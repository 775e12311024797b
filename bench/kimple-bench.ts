/**
 * Kimple's part of `npm run bench` (`--only kimple`): Return All of one contest's entries at several
 * sizes, O / H / R as for the other vendors (bench-export.ts runs them), and the Kimple Trigger's cost
 * per poll through n8n-core (test/harness): requests and static data over a large contest as 0, 3 and
 * 250 new entries arrive.
 */
import type { IDataObject } from 'n8n-workflow';

import { packageNode } from '../test/harness';
import { credentialRef, startKimple } from '../test/kimple/setup';
import { rawExport, type ExportSetup, type Route } from './bench-export';
import { BenchKimple } from './bench-simulators';
import { kimpleCredentials, kimpleHttp, kimpleOurs, type KimpleAccess } from './bench-workflows';
import type { RawLoopInput } from './raw-loop';

const KIMPLE_KEY = 'kmp_bench_key_0123456789';
const KIMPLE_SECRET = 'bench_secret_0123456789abcdef';
const ID_FIELD = 'contest_entry_hash_id';

/** One simulator, one contest per size, and the O / H / R routes of each. */
export async function setUpKimpleExports(sizes: number[]): Promise<ExportSetup> {
	const kimple = await new BenchKimple().start();
	const sandbox = kimple.seedSandbox({ apiKey: KIMPLE_KEY, apiSecret: KIMPLE_SECRET });
	const access: KimpleAccess = {
		apiUrl: kimple.apiUrl,
		apiKey: KIMPLE_KEY,
		apiSecret: KIMPLE_SECRET,
	};
	const routes: Route[] = [];
	const raws: RawLoopInput[] = [];
	for (const size of sizes) {
		const contest = kimple.addContest({
			title: `Bench ${size}`,
			clientHashId: sandbox.clients[0].hash_id,
		});
		kimple.appendEntries(contest.hash_id, size);
		const tag = `${size / 1000}k`;
		const raw: RawLoopInput = {
			vendor: 'kimple',
			url: `${kimple.apiUrl}/contest_entry/list`,
			apiKey: KIMPLE_KEY,
			apiSecret: KIMPLE_SECRET,
			// what O and H send, so that all three read the same cached pages
			search: `contest_hash_id='${contest.hash_id}'`,
			idField: ID_FIELD,
		};
		raws.push(raw);
		const common = { vendor: 'kimple' as const, size, idField: ID_FIELD };
		routes.push(
			{
				...common,
				variant: 'O',
				workflow: kimpleOurs(`benchKmO${tag}`, contest.hash_id),
				timed: ['Kimple'],
				output: 'Kimple',
			},
			{
				...common,
				variant: 'H',
				workflow: kimpleHttp(`benchKmH${tag}`, access, contest.hash_id),
				timed: ['HTTP Request', 'Split Out'],
				output: 'Split Out',
			},
			{ ...common, variant: 'R', raw },
		);
	}
	return {
		routes,
		credentials: kimpleCredentials(access),
		workflows: routes.flatMap((route) => (route.workflow ? [route.workflow] : [])),
		simulators: { kimple },
		async warm() {
			for (const raw of raws) await rawExport(raw);
		},
		async close() {
			await kimple.close();
		},
	};
}

export interface KimpleTriggerRow {
	/** Entries in the contest before the new ones. */
	entries: number;
	/** New entries since the last poll (`baseline`: the first poll). */
	new: number | 'baseline';
	polls: number;
	emitted: number;
	/** List requests of those polls, together. */
	requests: number;
	ms: number;
	/** The trigger's static data after them, as n8n saves it (JSON). */
	stateBytes: number;
	/** What a list of every hash id seen would take instead. */
	everyIdBytes: number;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null));

/**
 * Polls the trigger (New Contest Entry, one contest) over a contest of `size` entries: the baseline,
 * then each batch of `batches` new entries (a few seconds apart, as people enter), polling until all
 * of a batch came out.
 */
export async function measureKimpleTrigger(
	size: number,
	batches: number[] = [0, 3, 250],
): Promise<KimpleTriggerRow[]> {
	const previous = process.env.N8N_LOG_LEVEL;
	process.env.N8N_LOG_LEVEL = 'silent';
	const { simulator, environment, sandbox } = await startKimple();
	try {
		const quiz = sandbox.contests.quiz.hash_id;
		simulator.appendEntries(quiz, size - sandbox.entryCounts[quiz]);
		const node = packageNode(
			'Kimple Trigger',
			'kimpleTrigger',
			{ event: 'newContestEntry', contestId: { __rl: true, mode: 'list', value: quiz } },
			{ credentials: credentialRef },
		);
		const staticData: IDataObject = {};
		const entries = () =>
			simulator.records<IDataObject>('contest_entry').filter((e) => e.contest_hash_id === quiz);
		const row = async (batch: number | 'baseline'): Promise<KimpleTriggerRow> => {
			const before = entries().length;
			simulator.resetCounts();
			const started = performance.now();
			let polls = 0;
			let emitted = 0;
			do {
				const fresh = await environment.poll(node, staticData);
				polls++;
				emitted += fresh?.[0].length ?? 0;
			} while (batch !== 'baseline' && emitted < batch && polls < 20);
			return {
				entries: batch === 'baseline' ? before : before - batch,
				new: batch,
				polls,
				emitted,
				requests: simulator.count('GET /contest_entry/list'),
				ms: performance.now() - started,
				stateBytes: bytes(staticData['node:Kimple Trigger']),
				everyIdBytes: bytes(entries().map((entry) => entry[ID_FIELD])),
			};
		};
		const rows = [await row('baseline')];
		for (const batch of batches) {
			simulator.appendEntries(quiz, batch);
			rows.push(await row(batch));
		}
		return rows;
	} finally {
		await simulator.close();
		if (previous === undefined) delete process.env.N8N_LOG_LEVEL;
		else process.env.N8N_LOG_LEVEL = previous;
	}
}

if (require.main === module) {
	void measureKimpleTrigger(10_000).then((rows) => console.table(rows));
}
