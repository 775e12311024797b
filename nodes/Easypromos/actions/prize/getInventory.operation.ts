import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty, promotionIdProperty } from '../../descriptions';
import { readOrder, readPromotionId } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['prize'], operation: ['getInventory'] } },
	[promotionIdProperty, orderProperty, ...returnAllOrLimit()],
);

/** The promotion's prize types with the units they hold. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	return await getMany(
		this,
		itemIndex,
		paths.prizeInventory(promotionId),
		readOrder(this, itemIndex),
		`promotion ID ${promotionId}`,
	);
}
