import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { recordIdProperty } from '../../descriptions';
import { contestEntryToContact } from '../../helpers/contact';
import { getOne } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['contestEntry'], operation: ['get'] } },
	[recordIdProperty('contestEntry'), outputProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const entry = await getOne(this, itemIndex, 'contestEntry', 'contestEntryId');
	const output = this.getNodeParameter('output', itemIndex, 'raw') as string;
	return output === 'contact' ? contactJson(contestEntryToContact(entry)) : entry;
}
