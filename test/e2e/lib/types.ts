/**
 * The contract between the vendor-neutral runner (test/e2e/run.ts) and a vendor's end-to-end spec
 * (test/e2e/<vendor>.e2e.ts). The runner owns n8n; the spec owns its simulator, credentials,
 * workflows and assertions.
 */

import type { CredentialJson, ExecutionResult, WorkflowJson } from '../../../sandbox/n8n/types';

export type {
	CredentialJson,
	ExecutionResult,
	N8nItem,
	WorkflowJson,
} from '../../../sandbox/n8n/types';

/** `n8n start` running with the workflows a case activated. */
export interface RunningN8n {
	url: string;
	/** n8n's stdout and stderr: JSON log lines, at debug level. */
	logFile: string;
	stop(): Promise<void>;
}

export interface CaseContext {
	/** 'v1' or 'v2' and the n8n version running. */
	line: string;
	n8nVersion: string;
	/** Runs `n8n execute` on an imported workflow in a new n8n process. */
	execute(workflowId: string): Promise<ExecutionResult>;
	/**
	 * Activates imported workflows (webhook and polling triggers) and starts `n8n start` on a free port:
	 * its webhooks answer on `url` (`<url>/webhook/<webhookId>/<path>`), its polls run every interval.
	 * The case stops it.
	 */
	serve(workflowIds: string[]): Promise<RunningN8n>;
	/** Prints a line under the case's name. */
	log(message: string): void;
}

export interface E2eCase {
	name: string;
	/** Throws (an AssertionError, say) to fail the case. */
	run(ctx: CaseContext): Promise<void>;
}

/** What a vendor spec sets up for one n8n line: ids must be unique across vendors (prefix them). */
export interface VendorSetup {
	credentials: CredentialJson[];
	workflows: WorkflowJson[];
	cases: E2eCase[];
	/** Stops the simulators. */
	close(): Promise<void>;
}

/** The default export of test/e2e/<vendor>.e2e.ts. */
export interface VendorSpec {
	vendor: string;
	/**
	 * The packages its workflows use. A spec of one package runs in an n8n with that package alone; a
	 * spec of several runs in the n8n where all four are installed side by side.
	 */
	packages: string[];
	/** Starts the vendor's simulators and returns what to import and run. Called once per n8n line. */
	setup(line: { line: string; n8nVersion: string }): Promise<VendorSetup>;
}
