import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { promotionIdProperty, stageIdProperty } from '../../descriptions';
import { readPromotionId, readStageId } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['ranking'], operation: ['get'] } },
	[
		promotionIdProperty,
		{
			...stageIdProperty,
			required: false,
			description:
				"The scored stage (game) whose leaderboard to read. Empty: the promotion's first scored stage.",
		},
		...returnAllOrLimit(),
	],
);

/** The leaderboard, best first: one item per user with position and points. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const promotionId = readPromotionId(this, itemIndex);
	const stage = this.getNodeParameter('stageId', itemIndex, '', { extractValue: true }) as string;
	const qs: IDataObject = {};
	// [src] The ranking takes the stage as a query parameter; without it, the first scored stage.
	if (String(stage ?? '').trim()) qs.stage_id = readStageId(this, itemIndex);
	const about = `promotion ID ${promotionId}${qs.stage_id ? ` and stage ID ${String(qs.stage_id)} (a scored stage)` : ' (it needs a scored stage)'}`;
	return await getMany(this, itemIndex, paths.ranking(promotionId), qs, about);
}
