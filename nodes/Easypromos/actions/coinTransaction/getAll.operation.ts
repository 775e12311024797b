import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { outputProperty, contactJson } from '../../../shared/contact/contact';
import { coinTransactionToContact, promotionRef } from '../../helpers/contact';
import { paths } from '../../transport';
import { getMany, orderProperty, promotionIdProperty, readOrder, readPromotionId } from '../common';
import { shape, simplifyProperty } from './simplify';

export const description = updateDisplayOptions(
	{ show: { resource: ['coinTransaction'], operation: ['getAll'] } },
	[promotionIdProperty, simplifyProperty, orderProperty, ...returnAllOrLimit(), outputProperty],
);

/** The promotion's virtual-coin ledger. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const items = await getMany(
		this,
		itemIndex,
		paths.coinTransactions(promotionId),
		readOrder(this, itemIndex),
		`promotion ID ${promotionId}`,
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') === 'contact') {
		const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
		return items.map((item) => contactJson(coinTransactionToContact(item, promotion)));
	}
	return shape(items, this.getNodeParameter('simplify', itemIndex, true) as boolean);
}
