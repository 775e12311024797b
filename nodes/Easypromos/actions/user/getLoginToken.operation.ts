import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promotionIdProperty, userIdProperty } from '../../descriptions';
import { readPromotionId, readUserId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getLoginToken'] } },
	[promotionIdProperty, userIdProperty],
);

/** A fresh user login token for a user already in the promotion. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	return await easypromosRequest.call(
		this,
		'GET',
		paths.loginToken(promotionId, userId),
		requestSettings(this, itemIndex, `promotion ID ${promotionId} and user ID ${userId}`),
	);
}
