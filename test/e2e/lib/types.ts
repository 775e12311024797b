/**
 * The contract between the vendor-neutral runner (test/e2e/run.ts) and a vendor's end-to-end spec
 * (test/e2e/<vendor>.e2e.ts). The runner owns n8n; the spec owns its simulator, credentials,
 * workflows and assertions.
 */

/** One entry of the JSON array `n8n import:credentials --input` reads; plain `data` is encrypted on import. */
export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as `n8n import:workflow --input` reads it; `id` is what cases execute. */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface N8nItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
	[key: string]: unknown;
}

/** What one `n8n execute --id X --rawOutput` gave. */
export interface ExecutionResult {
	workflowId: string;
	/** 'error' when the workflow stopped on an error (the process then exits non-zero). */
	status: 'success' | 'error';
	/** The workflow's error message when status is 'error'. */
	errorMessage?: string;
	/** n8n's IRun-like object: data.resultData.runData etc. */
	run: Record<string, any>;
	/** Items a node emitted on an output (default: first run, output 0). [] when the node did not run. */
	items(nodeName: string, output?: number, runIndex?: number): N8nItem[];
	/** The names of the nodes that ran. */
	nodesRun(): string[];
	/** Path of the file holding n8n's stdout (JSON log lines) of this execution, for diagnosis. */
	logFile: string;
	exitCode: number | null;
}

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
