import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { changeSegments, segmentProperties } from './segments';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['removeSegments'] } },
	segmentProperties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await changeSegments(this, itemIndex, 'DELETE');
}
