/**
 * Runs workflow JSON through n8n's own engine (WorkflowExecute from n8n-core) with our node types and
 * a credentials store that signs in like n8n does, and returns each node's output items.
 */
import { createServer, type IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

import type {
	ICredentialType,
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypes,
	IPollFunctions,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookFunctions,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';

import { nodeTypeOf } from '../../sandbox/packer/platforms';
import { TestCredentialsHelper, type StoredCredential } from './credentials-helper';
import { ItemsNode, PassThroughNode } from './test-nodes';

export class NodeRegistry implements INodeTypes {
	private readonly types: Record<string, INodeType> = {};

	constructor(nodes: INodeType[]) {
		for (const node of [...nodes, new ItemsNode(), new PassThroughNode()]) {
			const name = node.description.name.startsWith('test.')
				? node.description.name
				: nodeTypeOf(node.description.name);
			this.types[name] = node;
		}
	}

	getByName(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface WorkflowResult {
	run: IRun;
	/** Output items of each node that ran (first run, first output). */
	output: Record<string, INodeExecutionData[]>;
	/** The workflow-level error message, when the workflow stopped on an error. */
	error?: string;
}

export class TestEnvironment {
	readonly credentials: TestCredentialsHelper;

	readonly nodeTypes: NodeRegistry;

	constructor(nodes: INodeType[], credentialTypes: ICredentialType[]) {
		this.nodeTypes = new NodeRegistry(nodes);
		this.credentials = new TestCredentialsHelper(
			Object.fromEntries(credentialTypes.map((type) => [type.name, type])),
		);
	}

	addCredential(credential: StoredCredential): void {
		this.credentials.add(credential);
	}

	private additionalData(hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentials,
			hooks,
			executionId: '1',
			restApiUrl: 'http://localhost/rest',
			instanceBaseUrl: 'http://localhost/',
			formWaitingBaseUrl: 'http://localhost/form-waiting',
			webhookBaseUrl: 'http://localhost/webhook',
			webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost/webhook-test',
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			userId: 'test-user',
			variables: {},
			logAiEvent: async () => {},
			startRunnerTask: async () => {
				throw new Error('Task runners are not available in tests');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private workflow(
		workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
		staticData?: IDataObject,
	) {
		return new Workflow({
			id: 'test-workflow',
			nodes: workflowData.nodes,
			connections: workflowData.connections,
			active: false,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: {},
		});
	}

	/** Executes a workflow the way n8n's manual run does, from its node without inputs. */
	async runWorkflow(
		workflowData: Pick<IWorkflowBase, 'nodes' | 'connections'>,
		mode: WorkflowExecuteMode = 'manual',
	): Promise<WorkflowResult> {
		const workflow = this.workflow(workflowData);
		const hooks = new ExecutionLifecycleHooks(mode, '1', {
			id: 'test-workflow',
			name: 'test',
			active: false,
			nodes: workflowData.nodes,
			connections: workflowData.connections,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
			isArchived: false,
		} as unknown as IWorkflowBase);
		let resolveRun: (run: IRun) => void = () => {};
		const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
		const startNode =
			workflowData.nodes.find((node) => this.hasNoInputs(node)) ?? workflowData.nodes[0];
		const runExecutionData: IRunExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		} as unknown as IRunExecutionData;
		const execution = new WorkflowExecute(this.additionalData(hooks), mode, runExecutionData);
		await execution.processRunExecutionData(workflow);
		const run = await finished;
		const output: Record<string, INodeExecutionData[]> = {};
		for (const [nodeName, taskData] of Object.entries(run.data.resultData.runData) as Array<
			[string, IRunExecutionData['resultData']['runData'][string]]
		>) {
			output[nodeName] = taskData[0]?.data?.main?.[0] ?? [];
		}
		const error = run.data.resultData.error;
		return { run, output, error: error?.message };
	}

	/**
	 * One poll of a polling trigger, as n8n's scheduler runs it. `staticData` is the workflow's static
	 * data: pass the same object to the next poll, as n8n keeps it between polls.
	 */
	async poll(
		node: INode,
		staticData: IDataObject,
		mode: WorkflowExecuteMode = 'trigger',
		options: { pollBudgetMs?: number } = {},
	): Promise<INodeExecutionData[][] | null> {
		const workflow = this.workflow({ nodes: [node], connections: {} }, staticData);
		const hooks = new ExecutionLifecycleHooks(mode, '1', {} as IWorkflowBase);
		const context =
			options.pollBudgetMs === undefined
				? new PollContext(workflow, node, this.additionalData(hooks), mode, 'activate')
				: new PollContext(
						workflow,
						node,
						this.additionalData(hooks),
						mode,
						'activate',
						undefined,
						undefined,
						undefined,
						undefined,
						undefined,
						() => options.pollBudgetMs!,
					);
		const nodeType = this.nodeTypes.getByName(node.type);
		if (!nodeType.poll) throw new Error(`${node.type} is not a polling node`);
		const result = await nodeType.poll.call(context as unknown as IPollFunctions);
		// n8n saves static data after a poll from the workflow object; read it back the same way.
		Object.assign(staticData, workflow.staticData);
		return result;
	}

	/**
	 * The editor's "Test" button for a saved credential, done as n8n's CredentialsTester does it: the
	 * credential's test request runs through n8n-core's RoutingNode on a placeholder node, with the
	 * credential's sign-in first. Returns n8n's verdict.
	 */
	async testCredential(id: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const stored = this.credentials.stored(id);
		const credentialType = this.credentials.type(stored.type);
		if (!credentialType.test)
			return { status: 'Error', message: 'No testing function found for this credential.' };
		const testNodeType = {
			description: {
				displayName: 'Temp',
				name: 'n8n-nodes-base.noOp',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: {},
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: stored.type, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: credentialType.test.request },
						default: '',
					},
				],
			},
		} as unknown as INodeType;
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { [stored.type]: { id: stored.id, name: stored.name } },
		};
		const nodeTypes: INodeTypes = {
			getByName: () => testNodeType,
			getByNameAndVersion: () => testNodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const hooks = new ExecutionLifecycleHooks('internal', '1', {} as IWorkflowBase);
		const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
		const context = new ExecuteContext(
			workflow,
			node,
			this.additionalData(hooks),
			'internal',
			runExecutionData,
			0,
			[],
			{ main: [[{ json: {} }]] },
			{ node, data: {}, source: null },
			[],
		);
		const data = await this.credentials.getDecrypted(
			{} as IWorkflowExecuteAdditionalData,
			node.credentials![stored.type],
			stored.type,
		);
		try {
			await new RoutingNode(context, testNodeType, {
				id: stored.id,
				name: stored.name,
				type: stored.type,
				data,
			}).runNode();
		} catch (error) {
			const { cause } = error as {
				cause?: { code?: string; response?: { status: number; statusText?: string } };
			};
			const response = cause?.response;
			if (response) {
				for (const rule of credentialType.test.rules ?? []) {
					if (rule.type === 'responseCode' && rule.properties.value === response.status) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				return {
					status: 'Error',
					message: response.statusText || `Received HTTP status code: ${response.status}`,
				};
			}
			// As n8n's credentials tester: a client error's code, else the message.
			if (cause?.code) return { status: 'Error', message: cause.code };
			return { status: 'Error', message: (error as Error).message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	/**
	 * One request to a webhook trigger, as n8n's webhook server hands it over: the node's `webhook()`
	 * runs in n8n-core's WebhookContext with the request (body already parsed, as n8n's body parser
	 * does) and a response object that records what the node wrote to it.
	 */
	async webhook(
		node: INode,
		request: WebhookRequest,
		mode: WorkflowExecuteMode = 'webhook',
	): Promise<WebhookCallResult> {
		const nodeType = this.nodeTypes.getByName(node.type);
		const description = nodeType.description.webhooks?.find(
			(candidate) => candidate.name === (request.name ?? 'default'),
		);
		if (!nodeType.webhook || !description)
			throw new Error(`${node.type} has no webhook named ${request.name ?? 'default'}`);
		const workflow = this.workflow({ nodes: [node], connections: {} });
		const hooks = new ExecutionLifecycleHooks(mode, '1', {} as IWorkflowBase);
		const headers: IncomingHttpHeaders = {};
		for (const [name, value] of Object.entries(request.headers ?? {}))
			headers[name.toLowerCase()] = value;
		const written: { status: number; body?: unknown } = { status: 200 };
		const response = {
			status(code: number) {
				written.status = code;
				return response;
			},
			json(body: unknown) {
				written.body = body;
				return response;
			},
			send(body: unknown) {
				written.body = body;
				return response;
			},
			end(body?: unknown) {
				if (body !== undefined) written.body = body;
				return response;
			},
			setHeader() {
				return response;
			},
		};
		const additionalData = {
			...this.additionalData(hooks),
			httpRequest: {
				method: request.method ?? String(description.httpMethod),
				body: request.body,
				headers,
				query: request.query ?? {},
				params: {},
				...(request.rawBody === undefined ? {} : { rawBody: request.rawBody }),
			},
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData: IWebhookData = {
			httpMethod: (request.method ?? description.httpMethod) as IWebhookData['httpMethod'],
			node: node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
		const result = await nodeType.webhook.call(context as unknown as IWebhookFunctions);
		const evaluate = (name: string, fallback: unknown) =>
			workflow.expression.getComplexParameterValue(
				node,
				description[name],
				mode,
				{},
				undefined,
				fallback as never,
			);
		return {
			result,
			status: written.status,
			body: written.body,
			answer: n8nAnswer(result, written, evaluate),
			url: context.getNodeWebhookUrl('default'),
		};
	}

	/**
	 * Serves a webhook trigger on a local port, so a simulator can POST to it over HTTP: each request's
	 * JSON body is parsed the way n8n does, handed to `webhook()`, answered, and recorded in `calls`.
	 */
	async serveWebhook(node: INode, options: ServeWebhookOptions = {}): Promise<WebhookServer> {
		const calls: WebhookCallResult[] = [];
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				void (async () => {
					const raw = Buffer.concat(chunks).toString('utf8');
					let body: unknown = raw;
					if (String(req.headers['content-type'] ?? '').includes('json')) {
						try {
							body = raw ? JSON.parse(raw) : {};
						} catch {
							res.writeHead(400, { 'content-type': 'application/json' });
							res.end(JSON.stringify({ message: 'Body is not valid JSON' }));
							return;
						}
					}
					try {
						const call = await this.webhook(node, {
							method: req.method,
							body,
							headers: req.headers as Record<string, string>,
							...(options.passQuery ? { query: queryOf(req.url) } : {}),
							...(options.passRawBody ? { rawBody: Buffer.concat(chunks) } : {}),
						});
						calls.push(call);
						const { status, body: answer } = call.answer;
						// As Express sends it for n8n: a string as it is, anything else as JSON.
						const text = typeof answer === 'string';
						res.writeHead(status, {
							'content-type': text ? 'text/html; charset=utf-8' : 'application/json',
						});
						res.end(text ? answer : (JSON.stringify(answer) ?? ''));
					} catch (error) {
						res.writeHead(500, { 'content-type': 'application/json' });
						res.end(JSON.stringify({ message: (error as Error).message }));
					}
				})();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		return {
			url: `http://127.0.0.1:${port}/webhook/${node.webhookId ?? node.name}`,
			calls,
			close: async () => {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			},
		};
	}

	/** A resource locator's list, as the node panel loads it: `method` of the node type's listSearch. */
	async listSearch(
		node: INode,
		method: string,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const nodeType = this.nodeTypes.getByName(node.type);
		const search = nodeType.methods?.listSearch?.[method];
		if (!search) throw new Error(`${node.type} has no listSearch method ${method}`);
		const workflow = this.workflow({ nodes: [node], connections: {} });
		const hooks = new ExecutionLifecycleHooks('manual', '1', {} as IWorkflowBase);
		const additionalData = {
			...this.additionalData(hooks),
			currentNodeParameters: node.parameters,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
		return await search.call(context as unknown as ILoadOptionsFunctions, filter, paginationToken);
	}

	private hasNoInputs(node: INode): boolean {
		const inputs = this.nodeTypes.getByName(node.type).description.inputs;
		return Array.isArray(inputs) && inputs.length === 0;
	}
}

export interface WebhookRequest {
	/** The webhook of the node's description to call; "default" unless told. */
	name?: string;
	method?: string;
	body?: unknown;
	headers?: Record<string, string | string[] | undefined>;
	query?: IDataObject;
	/** The bytes as received, which n8n keeps on the request as `rawBody`. */
	rawBody?: Buffer | string;
}

/** What serveWebhook hands on besides method, headers and parsed body (off unless asked for). */
export interface ServeWebhookOptions {
	/** The URL's query string, as n8n's `getQueryData()` gives it. */
	passQuery?: boolean;
	/** The body's bytes, as n8n keeps them on the request (`getRequestObject().rawBody`). */
	passRawBody?: boolean;
}

export interface WebhookCallResult {
	/** What the node's webhook() returned: the items to start the workflow with, and the reply. */
	result: IWebhookResponseData;
	/** Status and body the node wrote to the response object itself (with noWebhookResponse). */
	status: number;
	body?: unknown;
	/** What n8n sends the caller, by n8nAnswer. */
	answer: { status: number; body?: unknown };
	/** The production URL n8n would show for the node. */
	url?: string;
}

/**
 * What n8n answers a webhook call of a trigger in the 'onReceived' mode, from what webhook()
 * returned (n8n 1.x and 2.x webhook-helpers, executeWebhook, and 2.x's
 * extractWebhookOnReceivedResponse): what the node wrote itself; when no workflow starts, its
 * webhookResponse; when one starts, the description's responseData (evaluated, "firstEntryJson"
 * when left out), 'noData' for none, and only a falsy one gives webhookResponse its turn.
 */
export function n8nAnswer(
	result: IWebhookResponseData,
	written: { status: number; body?: unknown },
	evaluate: (name: string, fallback: unknown) => unknown,
): { status: number; body?: unknown } {
	if (result.noWebhookResponse) return written;
	const status = Number(evaluate('responseCode', 200));
	if (result.workflowData === undefined)
		return { status, body: result.webhookResponse ?? { message: 'Webhook call received' } };
	const responseData = evaluate('responseData', 'firstEntryJson');
	if (responseData === 'noData') return { status };
	if (responseData) return { status, body: responseData };
	return { status, body: result.webhookResponse ?? { message: 'Workflow was started' } };
}

export interface WebhookServer {
	url: string;
	calls: WebhookCallResult[];
	close: () => Promise<void>;
}

/** A URL's query as Express parses it for n8n: a repeated name gives an array of its values. */
export function queryOf(url = '/'): IDataObject {
	const query: IDataObject = {};
	for (const [name, value] of new URL(url, 'http://localhost').searchParams) {
		const before = query[name];
		query[name] =
			before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
	}
	return query;
}

/** A node of ours, as a workflow stores it (its type named as n8n names it: n8n-nodes-<platform>.<node>). */
export function packageNode(
	name: string,
	type: string,
	parameters: IDataObject,
	extra: Partial<INode> = {},
): INode {
	return {
		id: name,
		name,
		type: nodeTypeOf(type),
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		...extra,
	};
}

/** A "Next" node that passes its input on, so a test sees what reached the node after ours. */
export function nextNode(): INode {
	return {
		id: 'Next',
		name: 'Next',
		type: 'test.passThrough',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** A workflow of "Items" → the given nodes in a row. */
export function chain(
	items: IDataObject[],
	nodes: INode[],
	fileText = '',
): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	const start: INode = {
		id: 'Items',
		name: 'Items',
		type: 'test.items',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(items), fileText },
	};
	const all = [start, ...nodes];
	const connections: IWorkflowBase['connections'] = {};
	for (let index = 0; index < all.length - 1; index++) {
		connections[all[index].name] = {
			main: [[{ node: all[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { nodes: all, connections };
}
