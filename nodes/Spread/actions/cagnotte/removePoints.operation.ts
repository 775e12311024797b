import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pointsProperties } from '../../descriptions';
import { movePoints } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['cagnotte'], operation: ['removePoints'] } },
	pointsProperties('remove'),
);

/** Takes points from a customer's cagnotte: one cagnotte line with a negative amount. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await movePoints(this, itemIndex, 'remove');
}
