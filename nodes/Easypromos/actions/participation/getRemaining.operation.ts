import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promotionIdProperty, stageIdProperty, userIdProperty } from '../../descriptions';
import { readPromotionId, readStageId, readUserId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['getRemaining'] } },
	[promotionIdProperty, stageIdProperty, userIdProperty],
);

/** How many more times the user may take part in the stage. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const stageId = readStageId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	return await easypromosRequest.call(
		this,
		'GET',
		paths.remainingParticipations(promotionId, stageId, userId),
		requestSettings(
			this,
			itemIndex,
			`promotion ID ${promotionId}, stage ID ${stageId} and user ID ${userId}`,
		),
	);
}
