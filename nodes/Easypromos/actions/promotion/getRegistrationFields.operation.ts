import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promotionIdProperty } from '../../descriptions';
import { readPromotionId, requestSettings } from '../../parameters';
import { easypromosRequestAllItems, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['promotion'], operation: ['getRegistrationFields'] } },
	[promotionIdProperty],
);

/** One item per field of the promotion's registration form. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	return await easypromosRequestAllItems.call(
		this,
		paths.registrationFields(promotionId),
		{},
		Infinity,
		requestSettings(this, itemIndex, `promotion ID ${promotionId}`),
	);
}
