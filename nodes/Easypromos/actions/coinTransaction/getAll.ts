import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/list-properties';
import { paths } from '../../transport';
import { getMany, orderProperty, promotionIdProperty, readOrder, readPromotionId } from '../common';
import { shape, simplifyProperty } from './simplify';

export const description = updateDisplayOptions(
	{ show: { resource: ['coinTransaction'], operation: ['getAll'] } },
	[promotionIdProperty, simplifyProperty, orderProperty, ...returnAllOrLimit()],
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
	return shape(items, this.getNodeParameter('simplify', itemIndex, true) as boolean);
}
