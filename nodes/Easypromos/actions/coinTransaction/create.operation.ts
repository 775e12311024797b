import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import {
	coinIdProperty,
	promotionIdProperty,
	simplifyProperty,
	userIdProperty,
} from '../../descriptions';
import { shapeCoinTransactions } from '../../helpers/coinTransaction';
import { coinTransactionToContact, promotionRef } from '../../helpers/contact';
import {
	aboutUserCoin,
	readCoinId,
	readPromotionId,
	readUserId,
	requestSettings,
} from '../../parameters';
import { bodies, easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['coinTransaction'], operation: ['create'] } },
	[
		promotionIdProperty,
		userIdProperty,
		coinIdProperty,
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			default: 0,
			required: true,
			description:
				'Coins to add to the user, or to take away when negative. A whole number other than 0.',
		},
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			default: '',
			placeholder: 'e.g. Purchase in store',
			description: "Why the coins move; shown in the user's coin history",
		},
		simplifyProperty,
		outputProperty,
	],
);

/** Adds coins to a user, or takes them away, as one transaction of the ledger (of the chosen coin). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	const amount = Number(this.getNodeParameter('amount', itemIndex, 0));
	if (!Number.isInteger(amount) || amount === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Amount "${String(this.getNodeParameter('amount', itemIndex, 0))}" is not valid: give a whole number of coins other than 0 (negative takes coins away)`,
			{ itemIndex },
		);
	}
	const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
	const coinId = readCoinId(this, itemIndex);
	const coins = `${Math.abs(amount)} ${Math.abs(amount) === 1 ? 'coin' : 'coins'}${coinId === undefined ? '' : ` of coin ID ${coinId}`}`;
	const response = await easypromosRequest.call(this, 'POST', paths.coinTransactions(promotionId), {
		...requestSettings(this, itemIndex, aboutUserCoin(promotionId, userId, coinId)),
		body: bodies.coinTransaction(Number(userId), amount, reason || undefined, coinId),
		record: {
			done:
				amount > 0
					? `booked ${coins} for user ID ${userId} in promotion ID ${promotionId}`
					: `taken ${coins} from user ID ${userId} in promotion ID ${promotionId}`,
			advice:
				"Check the user's coin history (Coin Transaction → Get Many by User) before running this item again",
		},
	});
	if (this.getNodeParameter('output', itemIndex, 'raw') === 'contact') {
		// The reply is the transaction as the ledger lists it, {transaction, user} (transport/api.ts).
		const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
		return contactJson(coinTransactionToContact(response, promotion));
	}
	return shapeCoinTransactions(
		[response],
		this.getNodeParameter('simplify', itemIndex, true) as boolean,
	)[0];
}
