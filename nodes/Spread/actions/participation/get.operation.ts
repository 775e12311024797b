import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputProperty } from '../../../shared/contact/contact';
import { readId, wantsContacts } from '../../parameters';
import { paths } from '../../transport';
import { getOne, getOneContact } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['get'] } },
	[
		{
			displayName: 'Participation ID',
			name: 'participationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 880011',
			description: "SPREAD's ID of the participation",
		},
		outputProperty,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const participationId = readId(this, 'participationId', itemIndex, 'Participation ID');
	const path = paths.participation(participationId);
	const about = `Participation ID ${participationId}`;
	if (wantsContacts(this, itemIndex))
		return await getOneContact(this, itemIndex, path, about, 'participation');
	return await getOne(this, itemIndex, path, about);
}
