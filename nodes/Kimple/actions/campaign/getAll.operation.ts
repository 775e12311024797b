import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contestScope, listProperties } from '../../descriptions';
import { readContestScope } from '../../parameters';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	[contestScope, ...listProperties()],
);

/** The account's email campaigns, or those of one contest ([doc] a campaign names its operation). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, 'campaign', readContestScope(this, itemIndex));
}
