/**
 * Executions read back from n8n's own PostgreSQL tables (execution_entity, execution_data), with the
 * `pg` and `flatted` modules of the n8n install itself, so the test adds no dependency.
 */
import { createRequire } from 'module';
import { dirname, join } from 'path';

import type { N8nLine } from '../../sandbox/n8n/n8n';

export interface StoredExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	/** runData by node name: [{ data: { main: [[items]] } }] */
	runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, any> }>> } }>>;
	error?: string;
}

interface PgClient {
	connect(): Promise<void>;
	query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, any>> }>;
	end(): Promise<void>;
}

export class ExecutionStore {
	private readonly client: PgClient;

	private readonly flatted: { parse(text: string): any };

	constructor(line: N8nLine, port: number) {
		// bin/n8n → the n8n package; its require resolves the install's node_modules
		const requireFromN8n = createRequire(join(dirname(line.bin), '..', 'package.json'));
		const { Client } = requireFromN8n('pg') as { Client: new (config: object) => PgClient };
		this.flatted = requireFromN8n('flatted');
		this.client = new Client({ host: '127.0.0.1', port, user: 'n8n', database: 'n8n' });
	}

	async open(): Promise<void> {
		await this.client.connect();
	}

	async close(): Promise<void> {
		await this.client.end().catch(() => undefined);
	}

	/** The paths of the production webhooks the main registered. */
	async webhookPaths(): Promise<string[]> {
		const { rows } = await this.client.query('SELECT "webhookPath" AS path FROM webhook_entity');
		return rows.map((row) => String(row.path));
	}

	/** A workflow's static data as n8n saved it (a polling trigger's state, after its first poll). */
	async staticData(workflowId: string): Promise<Record<string, unknown> | undefined> {
		const { rows } = await this.client.query(
			'SELECT "staticData" AS data FROM workflow_entity WHERE id = $1',
			[workflowId],
		);
		const data = rows[0]?.data as unknown;
		const parsed = typeof data === 'string' ? (JSON.parse(data) as unknown) : data;
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
	}

	/** Status counts of a workflow's executions, e.g. { success: 198, running: 2 }. */
	async statusCounts(workflowId: string): Promise<Record<string, number>> {
		const { rows } = await this.client.query(
			'SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status',
			[workflowId],
		);
		return Object.fromEntries(rows.map((row) => [row.status as string, row.n as number]));
	}

	async executions(workflowId: string, withData = true): Promise<StoredExecution[]> {
		const { rows } = await this.client.query(
			`SELECT e.id::text AS id, e."workflowId" AS "workflowId", e.status, e.mode${withData ? ', d.data' : ''}
			   FROM execution_entity e ${withData ? 'LEFT JOIN execution_data d ON d."executionId" = e.id' : ''}
			  WHERE e."workflowId" = $1 ORDER BY e.id`,
			[workflowId],
		);
		return rows.map((row) => {
			let runData: StoredExecution['runData'] = {};
			let error: string | undefined;
			if (withData && typeof row.data === 'string') {
				const parsed = this.flatted.parse(row.data) as Record<string, any>;
				runData = parsed?.resultData?.runData ?? {};
				const failure = parsed?.resultData?.error;
				if (failure) error = String(failure.message ?? JSON.stringify(failure));
			}
			return {
				id: row.id as string,
				workflowId: row.workflowId as string,
				status: row.status as string,
				mode: row.mode as string,
				runData,
				error,
			};
		});
	}
}

/** The items a node emitted (first run, output 0). */
export function itemsOf(execution: StoredExecution, node: string): Array<Record<string, any>> {
	return (execution.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}
