import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { promotionIdProperty, userIdProperty } from '../../descriptions';
import { promotionRef, userToContact } from '../../helpers/contact';
import { readPromotionId, readUserId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['get'] } },
	[promotionIdProperty, userIdProperty, outputProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	const user = await easypromosRequest.call(
		this,
		'GET',
		paths.user(promotionId, userId),
		requestSettings(this, itemIndex, `promotion ID ${promotionId} and user ID ${userId}`),
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact') return user;
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	return contactJson(userToContact(user, promotion));
}
