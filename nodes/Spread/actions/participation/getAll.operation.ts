import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { paths } from '../../transport';
import { filtersProperty, getMany } from '../common';
import { getManyContacts, outputProperty, wantsContacts } from '../contacts';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['getAll'] } },
	[
		...returnAllOrLimit(),
		filtersProperty([
			'createdAfter',
			'createdBefore',
			'modifiedAfter',
			'modifiedBefore',
			'customerId',
			'campaignId',
		]),
		outputProperty,
	],
);

/** Customers' entries in campaigns. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	if (wantsContacts(this, itemIndex))
		return await getManyContacts(this, itemIndex, paths.participations(), 'participation');
	return await getMany(this, itemIndex, paths.participations());
}
