import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { segmentProperties } from '../../descriptions';
import { changeSegments } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['removeSegments'] } },
	segmentProperties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await changeSegments(this, itemIndex, 'remove');
}
