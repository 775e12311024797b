import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/list-properties';
import { paths } from '../../transport';
import { filtersProperty, getMany } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['sponsorship'], operation: ['getAll'] } },
	[
		...returnAllOrLimit(),
		filtersProperty(['createdAfter', 'createdBefore', 'modifiedAfter', 'modifiedBefore']),
	],
);

/** Referrals: a customer (godfather) who brought another (godson). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, paths.sponsorships());
}
