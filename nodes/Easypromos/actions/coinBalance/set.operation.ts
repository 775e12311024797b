import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { coinIdProperty, promotionIdProperty, userIdProperty } from '../../descriptions';
import {
	aboutUserCoin,
	readCoinId,
	readPromotionId,
	readUserId,
	requestSettings,
} from '../../parameters';
import { bodies, easypromosRequest, paths, writeMethods } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['coinBalance'], operation: ['set'] } },
	[
		promotionIdProperty,
		userIdProperty,
		coinIdProperty,
		{
			displayName: 'Balance',
			name: 'balance',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			required: true,
			description:
				"The user's new coin balance, e.g. to match an external loyalty system. A whole number, 0 or more.",
		},
	],
);

/** Sets the user's coin balance (of the chosen coin, or of the promotion's only one) to a given figure. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	const raw = this.getNodeParameter('balance', itemIndex, 0);
	const balance = Number(raw);
	if (raw === '' || !Number.isInteger(balance) || balance < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Balance "${String(raw)}" is not valid: give a whole number of coins, 0 or more`,
			{ itemIndex },
		);
	}
	const coinId = readCoinId(this, itemIndex);
	return await easypromosRequest.call(this, writeMethods.setCoinBalance, paths.coins(promotionId), {
		...requestSettings(this, itemIndex, aboutUserCoin(promotionId, userId, coinId)),
		body: bodies.coinBalance(Number(userId), balance, coinId),
		record: {
			done: `set the balance${coinId === undefined ? '' : ` of coin ID ${coinId}`} of user ID ${userId} in promotion ID ${promotionId} to ${balance}`,
			advice: "Check the user's coin balance (Coin Balance → Get) before running this item again",
		},
	});
}
