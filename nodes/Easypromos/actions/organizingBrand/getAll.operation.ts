import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty } from '../../descriptions';
import { readOrder } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

const properties: INodeProperties[] = [orderProperty, ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['organizingBrand'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, paths.organizingBrands(), readOrder(this, itemIndex));
}
