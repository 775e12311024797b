import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty, promotionIdProperty } from '../../descriptions';
import { prizeToContact, promotionRef } from '../../helpers/contact';
import { readOrder, readPromotionId } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['prize'], operation: ['getAll'] } },
	[promotionIdProperty, orderProperty, ...returnAllOrLimit(), outputProperty],
);

/** The prizes won in the promotion, each with its prize type and winner. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const prizes = await getMany(
		this,
		itemIndex,
		paths.prizes(promotionId),
		readOrder(this, itemIndex),
		`promotion ID ${promotionId}`,
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact') return prizes;
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	return prizes.map((prize) => contactJson(prizeToContact(prize, promotion)));
}
