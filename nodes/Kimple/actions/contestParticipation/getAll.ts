import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyParticipation } from '../../helpers/participation';
import {
	contestScope,
	getMany,
	listProperties,
	readContestScope,
	simplifyProperty,
} from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contestParticipation'], operation: ['getAll'] } },
	[contestScope, ...listProperties(), simplifyProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const participations = await getMany(
		this,
		itemIndex,
		'contestParticipation',
		readContestScope(this, itemIndex),
	);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? participations.map(simplifyParticipation) : participations;
}
