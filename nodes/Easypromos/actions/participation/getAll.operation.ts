import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty, promotionIdProperty } from '../../descriptions';
import { participationToContact, promotionRef } from '../../helpers/contact';
import { readOrder, readPromotionId } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['getAll'] } },
	[
		promotionIdProperty,
		{
			displayName: 'Full Format',
			name: 'fullFormat',
			type: 'boolean',
			default: false,
			description:
				'Whether to include the user, the prize won and the requirement (e.g. the code entered) in each participation',
		},
		orderProperty,
		...returnAllOrLimit(),
		outputProperty,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const qs: IDataObject = readOrder(this, itemIndex);
	const contact = this.getNodeParameter('output', itemIndex, 'raw') === 'contact';
	// A contact needs the person and the prize, which only the full format embeds.
	if (contact || this.getNodeParameter('fullFormat', itemIndex, false)) qs.format = 'full';
	const participations = await getMany(
		this,
		itemIndex,
		paths.participations(promotionId),
		qs,
		`promotion ID ${promotionId}`,
	);
	if (!contact) return participations;
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	return participations.map((participation) =>
		contactJson(participationToContact(participation, promotion)),
	);
}
