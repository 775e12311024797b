import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pointsProperties } from '../../descriptions';
import { movePoints } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['cagnotte'], operation: ['addPoints'] } },
	pointsProperties('add'),
);

/** Adds points to a customer's cagnotte: one new cagnotte line. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await movePoints(this, itemIndex, 'add');
}
