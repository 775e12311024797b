import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { coinIdProperty, promotionIdProperty, userIdProperty } from '../../descriptions';
import {
	aboutUserCoin,
	readCoinId,
	readPromotionId,
	readUserId,
	requestSettings,
} from '../../parameters';
import { easypromosRequest, paths, queries } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['coinBalance'], operation: ['get'] } },
	[promotionIdProperty, userIdProperty, coinIdProperty],
);

/** How many virtual coins the user holds in the promotion (of the chosen coin, or of its only one). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	const coinId = readCoinId(this, itemIndex);
	return await easypromosRequest.call(this, 'GET', paths.coinBalance(promotionId, userId), {
		...requestSettings(this, itemIndex, aboutUserCoin(promotionId, userId, coinId)),
		qs: queries.coinBalance(coinId),
	});
}
