import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem, type ItemOperation } from './run-per-item';

/** One operation's file: its parameters and what it does for one input item. */
export interface Operation {
	description: INodeProperties[];
	execute: ItemOperation;
}

/** Every operation of a node, by resource value, then by operation value. */
export type OperationMap = Record<string, Record<string, Operation>>;

/** An options property whose option values (and default) are known to the type checker. */
export type Dropdown<Value extends string> = INodeProperties & {
	options: Array<INodePropertyOptions & { value: Value }>;
	default: Value;
};

/**
 * The Resource or an Operation dropdown, returned as it is, with its option values kept as a type:
 * the maps the router runs are checked against it with `satisfies` (`OperationsOf`, `ResourcesOf`),
 * so an option without an operation, or an operation without an option, fails the build.
 */
export function dropdown<const Value extends string>(property: Dropdown<Value>): Dropdown<Value> {
	return property;
}

/** A resource's operations: one for each option of its Operation dropdown, and no other. */
export type OperationsOf<D> = D extends Dropdown<infer Value> ? Record<Value, Operation> : never;

/** A node's resources: one for each option of its Resource dropdown, and no other. */
export type ResourcesOf<D> =
	D extends Dropdown<infer Value> ? Record<Value, Record<string, Operation>> : never;

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
