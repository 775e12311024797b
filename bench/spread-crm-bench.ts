/**
 * SPREAD's CRM figures in `npm run bench` (`--only spread`), through n8n-core (test/harness) against the
 * simulator: what a poll of New or Updated Customer and of Validated Cagnotte Line costs as 0, 3 and 250
 * records change, and what Customer → Find costs (SPREAD has no customer search) for a customer on the
 * first page, on the last, and for one not there.
 */
import type { IDataObject } from 'n8n-workflow';

import { run, startSpread, triggerNode } from '../test/spread/setup';

export interface SpreadChangeRow {
	event: 'newOrUpdatedCustomer' | 'validatedCagnotteLine';
	/** Records of the list the event reads (customers or cagnotte lines). */
	records: number;
	/** Records changed since the last poll (`baseline`: the first poll). */
	changed: number | 'baseline';
	polls: number;
	emitted: number;
	/** Requests of those polls, together. */
	requests: number;
	ms: number;
	stateBytes: number;
}

export interface SpreadFindRow {
	customers: number;
	/** Where the customer looked for is: on the first page, on the last, nowhere. */
	where: 'first page' | 'last page' | 'not there';
	requests: number;
	customersRead: number;
	ms: number;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null));

/** The change events over `customers` customers (and the sandbox's cagnotte lines). */
export async function measureSpreadChanges(
	customers: number,
	batches: number[] = [0, 3, 250],
): Promise<SpreadChangeRow[]> {
	const previous = process.env.N8N_LOG_LEVEL;
	process.env.N8N_LOG_LEVEL = 'silent';
	const { simulator, environment, sandbox } = await startSpread();
	try {
		for (let index = sandbox.customers.length; index < customers; index++)
			simulator.addCustomer({ createdAt: '2024-01-01 00:00:00', updatedAt: '2024-01-01 00:00:00' });
		const rows: SpreadChangeRow[] = [];
		let clock = Date.now();
		for (const event of ['newOrUpdatedCustomer', 'validatedCagnotteLine'] as const) {
			const node = triggerNode({ event });
			const staticData: IDataObject = {};
			const key = event === 'newOrUpdatedCustomer' ? 'GET /v2/customers' : 'GET /v2/cagnottes/';
			const row = async (changed: number | 'baseline'): Promise<SpreadChangeRow> => {
				simulator.resetCounts();
				const started = performance.now();
				let polls = 0;
				let emitted = 0;
				do {
					emitted += (await environment.poll(node, staticData))?.[0].length ?? 0;
					polls++;
				} while (changed !== 'baseline' && emitted < changed && polls < 20);
				return {
					event,
					records:
						event === 'newOrUpdatedCustomer' ? simulator.customers.length : simulator.lines.length,
					changed,
					polls,
					emitted,
					requests: simulator.count(key),
					ms: performance.now() - started,
					stateBytes: bytes(staticData['node:SPREAD Trigger']),
				};
			};
			rows.push(await row('baseline'));
			for (const batch of batches) {
				for (let index = 0; index < batch; index++) {
					clock += 400;
					simulator.now = () => clock;
					const customer = simulator.customers[(index * 37) % simulator.customers.length];
					if (event === 'newOrUpdatedCustomer')
						simulator.touchCustomer(customer, { city: `C${index}` });
					else simulator.addLine(customer, 5);
				}
				rows.push(await row(batch));
			}
		}
		return rows;
	} finally {
		await simulator.close();
		if (previous === undefined) delete process.env.N8N_LOG_LEVEL;
		else process.env.N8N_LOG_LEVEL = previous;
	}
}

/** Customer → Find by email over `customers` customers. */
export async function measureSpreadFind(customers: number): Promise<SpreadFindRow[]> {
	const previous = process.env.N8N_LOG_LEVEL;
	process.env.N8N_LOG_LEVEL = 'silent';
	const { simulator, environment, sandbox } = await startSpread();
	try {
		for (let index = sandbox.customers.length; index < customers; index++)
			simulator.addCustomer({
				email: `bulk.${index}@example.fr`,
				createdAt: '2024-01-01 00:00:00',
			});
		const rows: SpreadFindRow[] = [];
		const cases: Array<[SpreadFindRow['where'], string]> = [
			['first page', sandbox.customers[0].email],
			['last page', simulator.customers[simulator.customers.length - 1].email],
			['not there', 'nobody@example.fr'],
		];
		for (const [where, email] of cases) {
			simulator.resetCounts();
			const started = performance.now();
			const outcome = await run(environment, {
				resource: 'customer',
				operation: 'find',
				findBy: 'email',
				email,
			});
			const ms = performance.now() - started;
			const hint = String(
				(outcome.result.run.data.resultData.runData.SPREAD?.[0]?.hints?.[0] as { message?: string })
					?.message ?? '',
			);
			rows.push({
				customers: simulator.customers.length,
				where,
				requests: simulator.count('GET /v2/customers'),
				customersRead: Number(/reading (\d+) customers/.exec(hint)?.[1] ?? NaN),
				ms,
			});
		}
		return rows;
	} finally {
		await simulator.close();
		if (previous === undefined) delete process.env.N8N_LOG_LEVEL;
		else process.env.N8N_LOG_LEVEL = previous;
	}
}

if (require.main === module) {
	void (async () => {
		console.table(await measureSpreadChanges(20_000));
		console.table(await measureSpreadFind(20_000));
	})();
}
