import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty, promotionIdProperty } from '../../descriptions';
import { readOrder, readPromotionId } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['stage'], operation: ['getAll'] } },
	[promotionIdProperty, orderProperty, ...returnAllOrLimit()],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	return await getMany(
		this,
		itemIndex,
		paths.stages(promotionId),
		readOrder(this, itemIndex),
		`promotion ID ${promotionId}`,
	);
}
