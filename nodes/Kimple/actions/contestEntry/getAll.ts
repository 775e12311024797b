import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contestScope, getMany, listProperties, readContestScope } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contestEntry'], operation: ['getAll'] } },
	[contestScope, ...listProperties()],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await getMany(this, itemIndex, 'contestEntry', readContestScope(this, itemIndex));
}
