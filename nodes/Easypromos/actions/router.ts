import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runPerItem, type ItemOperation } from '../../shared/run-per-item';
import * as coinBalance from './coinBalance';
import * as coinTransaction from './coinTransaction';
import * as organizingBrand from './organizingBrand';
import * as participation from './participation';
import * as pointOfSale from './pointOfSale';
import * as prize from './prize';
import * as promotion from './promotion';
import * as ranking from './ranking';
import * as stage from './stage';
import * as user from './user';

/** Each resource's module exports its operations by their value (see actions/<resource>/index.ts). */
const resources: Record<string, Record<string, unknown>> = {
	coinBalance,
	coinTransaction,
	organizingBrand,
	participation,
	pointOfSale,
	prize,
	promotion,
	ranking,
	stage,
	user,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation] as { execute?: ItemOperation } | undefined;
	if (operation === 'description' || typeof module?.execute !== 'function') {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	}
	return [await runPerItem(this, module.execute)];
}
