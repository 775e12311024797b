import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promotionIdProperty } from '../../descriptions';
import { readPromotionId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['promotion'], operation: ['get'] } },
	[promotionIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	return await easypromosRequest.call(
		this,
		'GET',
		paths.promotion(promotionId),
		requestSettings(this, itemIndex, `promotion ID ${promotionId}`),
	);
}
