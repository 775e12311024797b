import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem, type ItemOperation } from './run-per-item';

/** One operation's file: its parameters and what it does for one input item. */
export interface Operation {
	description: INodeProperties[];
	execute: ItemOperation;
}

/** Every operation of a node, by resource value, then by operation value. */
export type OperationMap = Record<string, Record<string, Operation>>;

/** Runs the operation the node's Resource and Operation parameters name, once per input item. */
export async function router(
	context: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const operationsOfResource = ownValue(operations, resource);
	if (!operationsOfResource || !ownValue(operationsOfResource, operation)) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of "${resource}" is not known`,
		);
	}
	return [await runPerItem(context, operationsOfResource[operation].execute)];
}

/** Own keys only: a value named like an Object method ("toString") must not match one. */
function ownValue<T>(map: Record<string, T>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
