import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty, organizingBrandIdProperty } from '../../descriptions';
import { readId, readOrder } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

const properties: INodeProperties[] = [
	organizingBrandIdProperty,
	orderProperty,
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['organizingBrand'], operation: ['getPromotions'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const brandId = readId(this, 'organizingBrandId', itemIndex, 'Organizing Brand ID');
	return await getMany(
		this,
		itemIndex,
		paths.organizingBrandPromotions(brandId),
		readOrder(this, itemIndex),
		`organizing brand ID ${brandId}`,
	);
}
