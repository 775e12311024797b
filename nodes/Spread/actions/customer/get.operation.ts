import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputProperty } from '../../../shared/contact/contact';
import { readId, wantsContacts } from '../../parameters';
import { paths } from '../../transport';
import { getOne, getOneContact } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	[
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 15130125',
			description: "SPREAD's ID of the customer",
		},
		outputProperty,
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const customerId = readId(this, 'customerId', itemIndex, 'Customer ID');
	const path = paths.customer(customerId);
	const about = `Customer ID ${customerId}`;
	if (wantsContacts(this, itemIndex))
		return await getOneContact(this, itemIndex, path, about, 'customer');
	return await getOne(this, itemIndex, path, about);
}
