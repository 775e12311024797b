import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { contestScope, listProperties } from '../../descriptions';
import { contestEntryToContact } from '../../helpers/contact';
import { readContestScope } from '../../parameters';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['contestEntry'], operation: ['getAll'] } },
	[contestScope, ...listProperties(), outputProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const entries = await getMany(this, itemIndex, 'contestEntry', readContestScope(this, itemIndex));
	const output = this.getNodeParameter('output', itemIndex, 'raw') as string;
	return output === 'contact'
		? entries.map((entry) => contactJson(contestEntryToContact(entry)))
		: entries;
}
