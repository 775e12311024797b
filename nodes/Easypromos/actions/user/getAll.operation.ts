import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty, promotionIdProperty } from '../../descriptions';
import { promotionRef, userToContact } from '../../helpers/contact';
import { readOrder, readPromotionId } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

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
