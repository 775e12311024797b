import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { promotionIdProperty } from '../../descriptions';
import { participationToContact, promotionRef } from '../../helpers/contact';
import { readId, readPromotionId, requestSettings } from '../../parameters';
import { easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['get'] } },
	[
		promotionIdProperty,
		{
			displayName: 'Participation ID',
			name: 'participationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 98765',
		},
		outputProperty,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const promotionId = readPromotionId(this, itemIndex);
	const participationId = readId(this, 'participationId', itemIndex, 'Participation ID');
	const participation: IDataObject = await easypromosRequest.call(
		this,
		'GET',
		paths.participation(promotionId, participationId),
		requestSettings(
			this,
			itemIndex,
			`promotion ID ${promotionId} and participation ID ${participationId}`,
		),
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact') return participation;
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	// The format=full that embeds the user is documented for the list only: read the user apart.
	const userId = String(participation.user_id ?? '');
	const user = /^[1-9][0-9]*$/.test(userId)
		? await easypromosRequest.call(
				this,
				'GET',
				paths.user(promotionId, userId),
				requestSettings(this, itemIndex, `promotion ID ${promotionId} and user ID ${userId}`),
			)
		: undefined;
	return contactJson(participationToContact(participation, promotion, user));
}
