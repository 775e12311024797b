import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem, type ItemOperation } from '../../shared/run-per-item';
import * as campaignGetAll from './campaign/getAll';
import * as participantGetAll from './participant/getAll';
import * as participantRegister from './participant/register';

const operations: Record<string, Record<string, ItemOperation>> = {
	participant: { register: participantRegister.execute, getAll: participantGetAll.execute },
	campaign: { getAll: campaignGetAll.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[resource]?.[operation];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	}
	return [await runPerItem(this, execute)];
}
