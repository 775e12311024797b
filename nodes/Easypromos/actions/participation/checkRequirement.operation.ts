import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { codeProperty, stageActionProperties } from '../../descriptions';
import { paths } from '../../transport';
import { postToStage } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['checkRequirement'] } },
	[...stageActionProperties, codeProperty(false)],
);

/** Checks whether the user meets the stage's requirement, without taking part. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await postToStage(this, itemIndex, paths.checkRequirement, {
		codeRequired: false,
		record: (who, where) => ({
			done: `checked the requirement of ${where} for ${who}`,
			advice:
				'Check Requirement only checks and uses nothing up, so running this item again is safe',
		}),
	});
}
