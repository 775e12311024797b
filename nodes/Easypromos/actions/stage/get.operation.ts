import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promotionIdProperty, stageIdProperty } from '../../descriptions';
import { readPromotionId, readStageId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['stage'], operation: ['get'] } },
	[promotionIdProperty, stageIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const stageId = readStageId(this, itemIndex);
	return await easypromosRequest.call(
		this,
		'GET',
		paths.stage(promotionId, stageId),
		requestSettings(this, itemIndex, `promotion ID ${promotionId} and stage ID ${stageId}`),
	);
}
