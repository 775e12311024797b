/**
 * What a large Leevia contest costs: Return All of its participants, and one poll of the trigger, through
 * n8n's engine and the real node against the simulator, and the size of the trigger's static data
 * (saved after every poll that changes it) next to what the old list of every id took. Prints a
 * table; asserts nothing.
 *
 *   node -r ./scripts/ts-register.cjs test/benchmarks/leevia-export.ts
 */
import type { IDataObject } from 'n8n-workflow';

import { packageNode } from '../harness';
import { credentialRef, leeviaWorkflow, startLeevia } from '../leevia/setup';

const SIZES = [1_000, 10_000, 50_000];

/** The trigger's static data as n8n saves it: JSON. */
const stateBytes = (state: unknown) => Buffer.byteLength(JSON.stringify(state));

async function measure(size: number) {
	const { simulator, environment } = await startLeevia();
	try {
		simulator.product('campaigns', '90')!.participants = simulator.makeParticipants(size, 10);
		// Sign in before timing, as a running n8n would have a token already.
		await environment.runWorkflow(
			leeviaWorkflow([{}], {
				resource: 'participant',
				operation: 'getAll',
				productId: '90',
				limit: 1,
			}),
		);
		simulator.resetCounts();

		let started = process.hrtime.bigint();
		const result = await environment.runWorkflow(
			leeviaWorkflow([{}], {
				resource: 'participant',
				operation: 'getAll',
				productId: '90',
				returnAll: true,
			}),
		);
		const exportSeconds = Number(process.hrtime.bigint() - started) / 1e9;
		const exportRequests = simulator.count('GET participants');
		const items = result.output.Leevia.length;

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
		started = process.hrtime.bigint();
		const fresh = await environment.poll(trigger, staticData);
		const pollSeconds = Number(process.hrtime.bigint() - started) / 1e9;
		// What version 0.1.0 stored after the same polls: every id seen, in a list.
		const oldState = {
			watching: 'newParticipant:campaigns/90',
			seenIds: simulator
				.product('campaigns', '90')!
				.participants.map((participant) => participant.id),
		};
		return {
			participants: size,
			items,
			'export s': exportSeconds.toFixed(2),
			'items/s': Math.round(items / exportSeconds),
			'export requests': exportRequests,
			'poll s': pollSeconds.toFixed(2),
			'poll requests': simulator.count('GET participants'),
			'poll emitted': fresh?.[0].length ?? 0,
			'state bytes before': stateBytes(oldState),
			'state bytes after': stateBytes(staticData['node:Leevia Trigger']),
		};
	} finally {
		await simulator.close();
	}
}

void (async () => {
	process.env.N8N_LOG_LEVEL = 'silent';
	const rows = [];
	for (const size of SIZES) rows.push(await measure(size));
	console.table(rows);
})();
