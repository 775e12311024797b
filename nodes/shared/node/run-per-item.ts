import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** One operation run for one input item: the objects it produced, or `binary` items it built itself. */
export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

/**
 * Runs `operation` once per input item. Each result keeps `pairedItem` pointing at its input; with
 * "Continue On Fail" an item that fails becomes an `error` item and the others go on.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	operation: ItemOperation,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.call(context, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (context.continueOnFail()) {
				output.push({
					json: { error: (error as Error).message, ...errorDescription(error) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			const nodeError = isNodeError(error)
				? error
				: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex = itemIndex;
			throw nodeError;
		}
	}
	return output;
}

/** By name: the package may see another copy of n8n-workflow than the one that made the error. */
function isNodeError(error: unknown): error is NodeOperationError {
	const name = (error as Error)?.name;
	return name === 'NodeApiError' || name === 'NodeOperationError';
}

function errorDescription(error: unknown): IDataObject {
	const description = (error as { description?: string }).description;
	return description ? { errorDescription: description } : {};
}
