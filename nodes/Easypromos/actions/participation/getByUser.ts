import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/list-properties';
import { paths } from '../../transport';
import {
	getMany,
	orderProperty,
	promotionIdProperty,
	readOrder,
	readPromotionId,
	readUserId,
	userIdProperty,
} from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['getByUser'] } },
	[promotionIdProperty, userIdProperty, orderProperty, ...returnAllOrLimit()],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	return await getMany(
		this,
		itemIndex,
		paths.userParticipations(promotionId, userId),
		readOrder(this, itemIndex),
		`promotion ID ${promotionId} and user ID ${userId}`,
	);
}
