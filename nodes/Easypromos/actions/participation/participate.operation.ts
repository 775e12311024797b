import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { codeProperty, stageActionProperties } from '../../descriptions';
import { participationToContact, promotionRef } from '../../helpers/contact';
import { readPromotionId } from '../../parameters';
import { paths } from '../../transport';
import { postToStage } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['participate'] } },
	[...stageActionProperties, codeProperty(false), outputProperty],
);

/** Makes the user take part in the stage (spin the wheel, play the instant win...) and returns the result. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const participation = await postToStage(this, itemIndex, paths.participate, {
		codeRequired: false,
		record: (who, where) => ({
			done: `made ${who} take part in ${where}`,
			advice:
				"Check the user's participations (Participation → Get Many by User) before running this item again",
		}),
	});
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact') return participation;
	// The reply is the participation in full format (transport/api.ts): its user and its prize.
	const promotionId = readPromotionId(this, itemIndex);
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	return contactJson(participationToContact(participation, promotion));
}
