/** What n8n's CLI reads and gives: credentials and workflows to import, and one execution's result. */

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
