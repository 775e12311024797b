import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { organizingBrandIdProperty } from '../../descriptions';
import { readId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['organizingBrand'], operation: ['get'] } },
	[organizingBrandIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const brandId = readId(this, 'organizingBrandId', itemIndex, 'Organizing Brand ID');
	return await easypromosRequest.call(
		this,
		'GET',
		paths.organizingBrand(brandId),
		requestSettings(this, itemIndex, `organizing brand ID ${brandId}`),
	);
}
