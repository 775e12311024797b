import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getMany, listProperties } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contest'], operation: ['getAll'] } },
	[...listProperties()],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, 'contest');
}
