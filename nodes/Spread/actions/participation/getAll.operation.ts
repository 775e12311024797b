import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputProperty } from '../../../shared/contact/contact';
import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { filtersProperty } from '../../descriptions';
import { wantsContacts } from '../../parameters';
import { paths } from '../../transport';
import { getMany, getManyContacts } from '../requests';

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
