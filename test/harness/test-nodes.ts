/** Small node types that only tests use, to feed items into the nodes under test and collect theirs. */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

const base = {
	group: ['transform'],
	version: 1,
	defaults: {},
	outputs: [NodeConnectionTypes.Main],
} as const;

/** Emits the items given in its `items` parameter (a JSON array), with an optional text file as binary. */
export class ItemsNode implements INodeType {
	description: INodeTypeDescription = {
		...base,
		displayName: 'Items',
		name: 'test.items',
		description: 'Emits fixed items',
		inputs: [],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' },
			{ displayName: 'File Text', name: 'fileText', type: 'string', default: '' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'entry.txt' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | object[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as object[];
		const fileText = this.getNodeParameter('fileText', 0) as string;
		const fileName = this.getNodeParameter('fileName', 0) as string;
		const output: INodeExecutionData[] = [];
		for (const [index, json] of items.entries()) {
			const item: INodeExecutionData = {
				json: json as INodeExecutionData['json'],
				pairedItem: { item: index },
			};
			if (fileText) {
				item.binary = {
					data: await this.helpers.prepareBinaryData(Buffer.from(fileText), fileName, 'text/plain'),
				};
			}
			output.push(item);
		}
		return [output];
	}
}

/** Passes its input on unchanged: shows that items reached the next node. */
export class PassThroughNode implements INodeType {
	description: INodeTypeDescription = {
		...base,
		displayName: 'Pass Through',
		name: 'test.passThrough',
		description: 'Passes items on',
		inputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
