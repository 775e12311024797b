import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordIdProperty } from '../../descriptions';
import { getOne } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['get'] } },
	[recordIdProperty('campaign')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await getOne(this, itemIndex, 'campaign', 'campaignId');
}
