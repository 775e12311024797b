import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { returnAllOrLimit } from '../../../shared/node/list-properties';
import {
	orderProperty,
	promotionIdProperty,
	simplifyProperty,
	userIdProperty,
} from '../../descriptions';
import { shapeCoinTransactions } from '../../helpers/coinTransaction';
import { coinTransactionToContact, promotionRef } from '../../helpers/contact';
import { readOrder, readPromotionId, readUserId } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['coinTransaction'], operation: ['getByUser'] } },
	[
		promotionIdProperty,
		userIdProperty,
		simplifyProperty,
		orderProperty,
		...returnAllOrLimit(),
		outputProperty,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	const items = await getMany(
		this,
		itemIndex,
		paths.userCoinTransactions(promotionId, userId),
		readOrder(this, itemIndex),
		`promotion ID ${promotionId} and user ID ${userId}`,
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') === 'contact') {
		const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
		return items.map((item) => contactJson(coinTransactionToContact(item, promotion)));
	}
	return shapeCoinTransactions(
		items,
		this.getNodeParameter('simplify', itemIndex, true) as boolean,
	);
}
