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
