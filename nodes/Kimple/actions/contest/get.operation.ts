import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contestLocator } from '../../descriptions';
import { getOne } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['contest'], operation: ['get'] } },
	[contestLocator],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await getOne(this, itemIndex, 'contest', 'contestId');
}
