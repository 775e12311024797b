import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { campaignIdProperty } from '../../descriptions';
import { readId } from '../../parameters';
import { paths } from '../../transport';
import { getOne } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['get'] } },
	[campaignIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const campaignId = readId(this, 'campaignId', itemIndex, 'Campaign ID');
	return await getOne(this, itemIndex, paths.campaign(campaignId), `Campaign ID ${campaignId}`);
}
