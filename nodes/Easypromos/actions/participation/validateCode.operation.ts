import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { codeProperty, stageActionProperties } from '../../descriptions';
import { paths } from '../../transport';
import { postToStage } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['validateCode'] } },
	[...stageActionProperties, codeProperty(true)],
);

/** Checks a code against the stage's code list (e.g. a code from a WhatsApp bot) and uses it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await postToStage(this, itemIndex, paths.validateCode, {
		codeRequired: true,
		record: (who, where, code) => ({
			done: `used code ${code} for ${who} in ${where}`,
			advice: `Check whether code ${code} is used (Participation → Check Requirement) before running this item again`,
		}),
	});
}
