import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { outputProperty, contactJson } from '../../../shared/contact/contact';
import { promotionRef, userToContact } from '../../helpers/contact';
import { paths } from '../../transport';
import { getMany, orderProperty, promotionIdProperty, readOrder, readPromotionId } from '../common';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	[promotionIdProperty, orderProperty, ...returnAllOrLimit(), outputProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const users = await getMany(
		this,
		itemIndex,
		paths.users(promotionId),
		readOrder(this, itemIndex),
		`promotion ID ${promotionId}`,
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact') return users;
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	return users.map((user) => contactJson(userToContact(user, promotion)));
}
