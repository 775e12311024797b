import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { codeProperty, stageActionProperties } from '../../descriptions';
import { paths } from '../../transport';
import { postToStage } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['participate'] } },
	[...stageActionProperties, codeProperty(false)],
);

/** Makes the user take part in the stage (spin the wheel, play the instant win...) and returns the result. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await postToStage(this, itemIndex, paths.participate, {
		codeRequired: false,
		record: (who, where) => ({
			done: `made ${who} take part in ${where}`,
			advice:
				"Check the user's participations (Participation → Get Many by User) before running this item again",
		}),
	});
}
