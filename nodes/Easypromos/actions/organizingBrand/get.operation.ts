import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { easypromosRequest, paths } from '../../transport';
import { readId, requestSettings } from '../common';

export const organizingBrandIdProperty: INodeProperties = {
	displayName: 'Organizing Brand ID',
	name: 'organizingBrandId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 12',
	description: 'ID of the organizing brand (Get Many lists them)',
};

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
