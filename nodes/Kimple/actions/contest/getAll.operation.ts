import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProperties } from '../../descriptions';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['contest'], operation: ['getAll'] } },
	[...listProperties()],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, 'contest');
}
