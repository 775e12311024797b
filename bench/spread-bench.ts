/**
 * SPREAD's part of `npm run bench` (`--only spread`): Return All of an account's cagnotte lines, O / H /
 * R as for the other vendors (bench-export.ts runs them), and the SPREAD Trigger's cost per poll through
 * n8n-core (test/harness): requests and static data over a large ledger as 0, 3 and 250 new lines arrive.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSpread, triggerNode } from '../test/spread/setup';
import { rawExport, type ExportSetup, type Route } from './bench-export';
import { BenchSpread } from './bench-simulators';
import {
	SPREAD_PAGE_SIZE,
	spreadCredentials,
	spreadHttp,
	spreadOurs,
	type SpreadAccess,
} from './bench-workflows';
import type { RawLoopInput } from './raw-loop';

const PUBLIC_KEY = 'pk_bench_0123456789';
const PRIVATE_KEY = 'sk_bench_0123456789abcdef';
const ID_FIELD = 'cagnotteLineId';

/** The document's three example lines, which every sandbox holds besides the ones asked for. */
const DOCUMENT_LINES = 3;

/** One simulator whose ledger holds `lines` cagnotte lines, and the O / H / R routes of its export. */
export async function setUpSpreadExports(lines: number): Promise<ExportSetup> {
	const spread = await new BenchSpread().start();
	spread.seedSandbox({
		publicKey: PUBLIC_KEY,
		privateKey: PRIVATE_KEY,
		cagnotteLines: lines - DOCUMENT_LINES,
	});
	const access: SpreadAccess = {
		apiUrl: spread.apiUrl,
		publicKey: PUBLIC_KEY,
		privateKey: PRIVATE_KEY,
	};
	const tag = `${lines / 1000}k`;
	const raw: RawLoopInput = {
		vendor: 'spread',
		url: `${spread.apiUrl}/v2/cagnottes/`,
		publicKey: PUBLIC_KEY,
		privateKey: PRIVATE_KEY,
		envelope: 'cagnottes',
		pageSize: SPREAD_PAGE_SIZE,
		idField: ID_FIELD,
	};
	const common = { vendor: 'spread' as const, size: lines, idField: ID_FIELD };
	const routes: Route[] = [
		{
			...common,
			variant: 'O',
			workflow: spreadOurs(`benchSpO${tag}`),
			timed: ['SPREAD'],
			output: 'SPREAD',
		},
		{
			...common,
			variant: 'H',
			workflow: spreadHttp(`benchSpH${tag}`, access),
			timed: ['HTTP Request', 'Split Out'],
			output: 'Split Out',
		},
		{ ...common, variant: 'R', raw },
	];
	return {
		routes,
		credentials: spreadCredentials(access),
		workflows: routes.flatMap((route) => (route.workflow ? [route.workflow] : [])),
		simulators: { spread },
		async warm() {
			// O and R leave startAt out on the first page; H sends startAt=0: both first pages.
			await rawExport(raw);
			const pair = Buffer.from(`${PUBLIC_KEY}:${PRIVATE_KEY}`).toString('base64');
			await fetch(`${raw.url}?maxResult=${SPREAD_PAGE_SIZE}&startAt=0`, {
				headers: { Authorization: `Basic ${pair}` },
			}).then(async (response) => await response.arrayBuffer());
		},
		async close() {
			await spread.close();
		},
	};
}

export interface SpreadTriggerRow {
	/** Cagnotte lines in the ledger before the new ones. */
	lines: number;
	/** New lines since the last poll (`baseline`: the first poll). */
	new: number | 'baseline';
	polls: number;
	emitted: number;
	/** Requests for cagnotte lines of those polls, together. */
	requests: number;
	ms: number;
	/** The trigger's static data after them, as n8n saves it (JSON). */
	stateBytes: number;
	/** What a list of every line id seen would take instead. */
	everyIdBytes: number;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null));

/**
 * Polls the trigger (New Cagnotte Line) over a ledger of `size` lines: the baseline, then each batch
 * of `batches` new lines (0.4 s apart on the account's clock, so two or three share a second), polling
 * until all of a batch came out.
 */
export async function measureSpreadTrigger(
	size: number,
	batches: number[] = [0, 3, 250],
): Promise<SpreadTriggerRow[]> {
	const previous = process.env.N8N_LOG_LEVEL;
	process.env.N8N_LOG_LEVEL = 'silent';
	const { simulator, environment, sandbox } = await startSpread({
		cagnotteLines: size - DOCUMENT_LINES,
	});
	try {
		const node = triggerNode({ event: 'newCagnotteLine' });
		const staticData: IDataObject = {};
		let clock = Date.now();
		const row = async (batch: number | 'baseline'): Promise<SpreadTriggerRow> => {
			const before = simulator.lines.length;
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
				lines: batch === 'baseline' ? before : before - batch,
				new: batch,
				polls,
				emitted,
				requests: simulator.count('GET /v2/cagnottes/'),
				ms: performance.now() - started,
				stateBytes: bytes(staticData['node:SPREAD Trigger']),
				everyIdBytes: bytes(simulator.lines.map((line) => line[ID_FIELD])),
			};
		};
		const rows = [await row('baseline')];
		for (const batch of batches) {
			for (let index = 0; index < batch; index++) {
				clock += 400;
				simulator.now = () => clock;
				simulator.addLine(sandbox.customers[index % sandbox.customers.length], 5);
			}
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
	void measureSpreadTrigger(20_000).then((rows) => console.table(rows));
}
