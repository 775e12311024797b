import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { easypromosRequest, paths } from '../../transport';
import { promotionIdProperty, readId, readPromotionId, requestSettings } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['get'] } },
	[
		promotionIdProperty,
		{
			displayName: 'Participation ID',
			name: 'participationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 98765',
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const participationId = readId(this, 'participationId', itemIndex, 'Participation ID');
	return await easypromosRequest.call(
		this,
		'GET',
		paths.participation(promotionId, participationId),
		requestSettings(
			this,
			itemIndex,
			`promotion ID ${promotionId} and participation ID ${participationId}`,
		),
	);
}
