/**
 * How long a 20-page Easypromos export (2,000 users, Return All) takes when the simulator's rate limit
 * is set low, through n8n's engine and the real node. Prints a table; asserts nothing.
 *
 *   node -r ./scripts/ts-register.cjs test/benchmarks/easypromos-rate-limit.ts
 */
import type { EasypromosSimulatorOptions } from '../simulators/easypromos';
import { byId, run, startEasypromos } from '../easypromos/setup';

const USERS = 2000;

interface Scenario {
	name: string;
	options: EasypromosSimulatorOptions;
}

const scenarios: Scenario[] = [
	{ name: 'no throttling (200 a minute, never reached)', options: {} },
	{ name: '5 requests / 1 s window, Retry-After sent', options: { rateLimit: 5, windowMs: 1000 } },
	{
		name: '5 requests / 1 s window, no Retry-After',
		options: { rateLimit: 5, windowMs: 1000, sendRetryAfter: false },
	},
	{
		name: '10 requests / 3 s window, Retry-After sent',
		options: { rateLimit: 10, windowMs: 3000 },
	},
];

async function measure(scenario: Scenario) {
	const { simulator, environment } = await startEasypromos(scenario.options);
	try {
		const promotion = simulator.addPromotion({ title: 'Benchmark export' });
		simulator.addUsers(promotion.id, USERS);
		simulator.resetCounts();
		simulator.resetRateLimit();
		const started = process.hrtime.bigint();
		const outcome = await run(environment, {
			resource: 'user',
			operation: 'getAll',
			promotionId: byId(promotion.id),
			returnAll: true,
		});
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const ids = outcome.json.map((user) => user.id);
		return {
			scenario: scenario.name,
			seconds: seconds.toFixed(2),
			pages: simulator.count('GET /users/{pid}') - simulator.rateLimitedCount,
			'429s': simulator.rateLimitedCount,
			items: ids.length,
			unique: new Set(ids).size,
			error: outcome.error ?? '',
		};
	} finally {
		await simulator.close();
	}
}

export async function main(): Promise<void> {
	const rows = [];
	for (const scenario of scenarios) rows.push(await measure(scenario));
	console.table(rows);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
