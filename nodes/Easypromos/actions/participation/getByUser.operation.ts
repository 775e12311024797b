import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty, promotionIdProperty, userIdProperty } from '../../descriptions';
import { participationToContact, promotionRef } from '../../helpers/contact';
import { readOrder, readPromotionId, readUserId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['getByUser'] } },
	[promotionIdProperty, userIdProperty, orderProperty, ...returnAllOrLimit(), outputProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	const about = `promotion ID ${promotionId} and user ID ${userId}`;
	const participations = await getMany(
		this,
		itemIndex,
		paths.userParticipations(promotionId, userId),
		readOrder(this, itemIndex),
		about,
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact' || !participations.length)
		return participations;
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	// The format=full that embeds the user is documented for the whole list only: read the user once.
	const user = await easypromosRequest.call(
		this,
		'GET',
		paths.user(promotionId, userId),
		requestSettings(this, itemIndex, about),
	);
	return participations.map((participation) =>
		contactJson(participationToContact(participation, promotion, user)),
	);
}
