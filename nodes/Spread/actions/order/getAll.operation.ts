import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { filtersProperty } from '../../descriptions';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getAll'] } },
	[
		...returnAllOrLimit(),
		filtersProperty([
			'createdAfter',
			'createdBefore',
			'modifiedAfter',
			'modifiedBefore',
			'customerId',
		]),
	],
);

/** Your shop's orders as SPREAD knows them. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, paths.orders());
}
