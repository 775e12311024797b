import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paths } from '../../transport';
import { getOne, readId } from '../common';

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
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const customerId = readId(this, 'customerId', itemIndex, 'Customer ID');
	return await getOne(this, itemIndex, paths.customer(customerId), `Customer ID ${customerId}`);
}
