import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { filtersProperty } from '../../descriptions';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	[
		...returnAllOrLimit(),
		filtersProperty(['createdAfter', 'createdBefore', 'modifiedAfter', 'modifiedBefore']),
	],
);

/** The operations run on SPREAD: instant wins, contests, quizzes. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, paths.campaigns());
}
