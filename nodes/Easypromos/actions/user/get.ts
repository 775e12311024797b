import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { easypromosRequest, paths } from '../../transport';
import {
	promotionIdProperty,
	readPromotionId,
	readUserId,
	requestSettings,
	userIdProperty,
} from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	[promotionIdProperty, userIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	return await easypromosRequest.call(
		this,
		'GET',
		paths.user(promotionId, userId),
		requestSettings(this, itemIndex, `promotion ID ${promotionId} and user ID ${userId}`),
	);
}
