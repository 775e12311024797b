import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyParticipation } from '../../helpers/participation';
import { getOne, recordIdProperty, simplifyProperty } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contestParticipation'], operation: ['get'] } },
	[recordIdProperty('contestParticipation'), simplifyProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const participation = await getOne(
		this,
		itemIndex,
		'contestParticipation',
		'contestParticipationId',
	);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? simplifyParticipation(participation) : participation;
}
