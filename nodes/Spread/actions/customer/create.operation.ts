import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputProperty } from '../../../shared/contact/contact';
import { customerFields } from '../../descriptions';
import { readCustomerFields, readEmail } from '../../parameters';
import { paths, V1_FIELDS } from '../../transport';
import { openItem, v1Write } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['create'] } },
	[
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: "The customer's email address",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: customerFields({ withEmail: false, withRemoveTags: false }),
		},
		outputProperty,
	],
);

/** Creates a customer (API v1, CreateAccount). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const email = readEmail(this, 'email', itemIndex);
	const opened = await openItem(this, itemIndex, `the customer with email ${email}`);
	const given = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields = {
		[V1_FIELDS.email]: email,
		...readCustomerFields(this, itemIndex, given, opened.timeZone),
	};
	return await v1Write(
		this,
		itemIndex,
		paths.createAccount(),
		fields,
		{
			done: `created the customer with email ${email}`,
			advice: 'Look the customer up (Customer → Find) before running this item again',
		},
		opened,
		{ person: 'customer' },
	);
}
