/** Building blocks for the workflows the vendor specs import into n8n. */
import type { WorkflowJson } from './types';

export type NodeJson = Record<string, unknown>;

export const manualTrigger: NodeJson = {
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	parameters: {},
};
export const noOp: NodeJson = {
	name: 'Next',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	parameters: {},
};

/** The nodes in a chain (first → ... → last), or wired by `edges` [from, to] when given. */
export function workflowOf(
	id: string,
	chain: NodeJson[],
	edges?: Array<[string, string]>,
): WorkflowJson {
	const nodes: NodeJson[] = chain.map((node, index) => ({
		id: `${id}-${index}`,
		position: [index * 220, 0],
		...node,
	}));
	const wires =
		edges ??
		nodes
			.slice(1)
			.map((node, index): [string, string] => [String(nodes[index].name), String(node.name)]);
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	for (const [from, to] of wires) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	}
	return { id, name: `e2e ${id}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A Set node making one field holding a list, and Split Out making one item per entry. */
export function itemsFrom(field: string, values: string[]): NodeJson[] {
	return [
		{
			name: 'Values',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'v', name: field, value: `={{ ${JSON.stringify(values)} }}`, type: 'array' },
					],
				},
				options: {},
			},
		},
		{
			name: 'One per item',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: field, options: {} },
		},
	];
}

/**
 * n8n's HTTP Request node with one of our credentials as its "Predefined Credential Type" (what a
 * node's "Custom API Call" leads to), reading every page with its own pagination: `page` names the
 * query parameter it updates with `next` (evaluated on the previous reply) until `done` is true.
 * One item per page (the reply body).
 */
export function customApiCall(options: {
	credentialType: string;
	credential: { id: string; name: string };
	url: string;
	query?: Record<string, string>;
	page: string;
	next: string;
	done: string;
}): NodeJson {
	const query = Object.entries(options.query ?? {}).map(([name, value]) => ({ name, value }));
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			url: options.url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: options.credentialType,
			sendQuery: query.length > 0,
			queryParameters: { parameters: query },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: options.page, value: options.next }] },
						paginationCompleteWhen: 'other',
						completeExpression: options.done,
						limitPagesFetched: true,
						maxRequests: 50,
					},
				},
			},
		},
		credentials: { [options.credentialType]: options.credential },
	};
}

/** Split Out: one item per entry of a page's list field. */
export const recordsOf = (field: string): NodeJson => ({
	name: 'Records',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, options: {} },
});
