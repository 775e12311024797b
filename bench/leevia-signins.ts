/**
 * How often the Leevia credential signs in, in real n8n: 100 executions of a one-request workflow
 * (Participant → Get Many, Limit 1) in one `n8n executeBatch` process, one after the other, counted at
 * the simulator's sign-in endpoint. First with a credential that has no token yet (the first execution
 * signs in and n8n stores the token: the goal is 1), then again after the simulator has expired every
 * token (the first request gets a 401, n8n signs in again through preAuthentication and stores the new
 * token: again 1).
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import type { CredentialJson, WorkflowJson } from '../sandbox/n8n/types';
import { runMeasured, type BenchN8n } from './bench-n8n';
import { BenchLeevia } from './bench-simulators';
import { leeviaOurs } from './bench-workflows';

const EXECUTIONS = 100;
const CREDENTIAL = { id: 'benchLvSignIn', name: 'Leevia sign-ins' };

export interface SignInRow {
	case: string;
	executions: number;
	succeeded: number;
	signIns: number;
	/** requests refused with 401 (an expired token) */
	unauthorized: number;
	requests: number;
	seconds: number;
	error?: string;
}

export interface SignInSetup {
	credentials: CredentialJson[];
	workflows: WorkflowJson[];
	run(n8n: BenchN8n): Promise<SignInRow[]>;
	close(): Promise<void>;
}

export async function setUpSignIns(): Promise<SignInSetup> {
	const simulator = await new BenchLeevia().start();
	simulator.addAccount({
		apiKey: 'bench_signin_key',
		apiSecret: 'bench_signin_secret',
		accountId: 7,
		products: [{ type: 'campaigns', id: '70', participants: simulator.makeParticipants(300) }],
	});
	const workflows = Array.from({ length: EXECUTIONS }, (_, index) => {
		const workflow = leeviaOurs(`benchLvTok${String(index + 1).padStart(3, '0')}`, {
			returnAll: false,
			limit: 1,
		});
		// the same workflow shape, on this credential
		for (const node of workflow.nodes) {
			if (node.credentials) node.credentials = { leeviaApi: CREDENTIAL };
		}
		return workflow;
	});
	let unauthorized = 0;
	const countUnauthorized = (reply: { status: number }) => {
		if (reply.status === 401) unauthorized++;
	};

	async function batch(n8n: BenchN8n, name: string): Promise<SignInRow> {
		simulator.resetCounts();
		simulator.resetTraffic();
		unauthorized = 0;
		const ids = join(n8n.instance.userFolder, 'bench-signin-ids.txt');
		const output = join(n8n.instance.userFolder, 'bench-signin-result.json');
		writeFileSync(ids, workflows.map((workflow) => workflow.id).join(','));
		const started = Date.now();
		const measured = await runMeasured(n8n.instance, [
			'executeBatch',
			`--ids=${ids}`,
			'--concurrency=1',
			'--retries=0',
			`--output=${output}`,
		]);
		let succeeded = 0;
		let error: string | undefined;
		try {
			const result = JSON.parse(readFileSync(output, 'utf8')) as {
				summary: { successfulExecutions: number; errors: Array<{ error?: string }> };
			};
			succeeded = result.summary.successfulExecutions;
			error = result.summary.errors[0]?.error;
		} catch {
			error = `executeBatch wrote no result (exit ${measured.exitCode})`;
		}
		return {
			case: name,
			executions: workflows.length,
			succeeded,
			signIns: simulator.count('authenticate'),
			unauthorized,
			requests: simulator.traffic.requests,
			seconds: (Date.now() - started) / 1000,
			error,
		};
	}

	return {
		credentials: [
			{
				...CREDENTIAL,
				type: 'leeviaApi',
				data: {
					apiKey: 'bench_signin_key',
					apiSecret: 'bench_signin_secret',
					productType: 'campaigns',
					productId: '70',
					baseUrl: simulator.url,
				},
			},
		],
		workflows,
		async run(n8n) {
			simulator.onReply = countUnauthorized;
			const rows = [await batch(n8n, 'credential without a token')];
			simulator.expireTokens();
			rows.push(await batch(n8n, 'after every token expired'));
			return rows;
		},
		close: async () => await simulator.close(),
	};
}
