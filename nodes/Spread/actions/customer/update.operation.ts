import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { customerFields } from '../../descriptions';
import { fail, readCustomerFields, readEmail } from '../../parameters';
import { paths, V1_FIELDS } from '../../transport';
import { openItem, v1Write } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	[
		{
			displayName: 'Find Customer By',
			name: 'updateBy',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'External ID', value: 'externalId' },
			],
			default: 'email',
			description: 'How SPREAD finds the customer to update',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: "The customer's email address",
			displayOptions: { show: { updateBy: ['email'] } },
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. CRM-00042',
			description: "The customer's ID in your own system",
			displayOptions: { show: { updateBy: ['externalId'] } },
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: customerFields({ withExternalId: false, withRemoveTags: true }),
		},
	],
);

/** Updates a customer found by email or external ID (API v1, UpdateAccount). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const updateBy = this.getNodeParameter('updateBy', itemIndex, 'email') as string;
	let key: Record<string, string>;
	if (updateBy === 'email') {
		key = { [V1_FIELDS.email]: readEmail(this, 'email', itemIndex) };
	} else if (updateBy === 'externalId') {
		const externalId = String(this.getNodeParameter('externalId', itemIndex, '') ?? '').trim();
		if (!externalId) throw fail(this, itemIndex, 'Set the External ID');
		key = { [V1_FIELDS.externalId]: externalId };
	} else {
		throw fail(
			this,
			itemIndex,
			`Find Customer By "${updateBy}" is not known: use Email or External ID`,
		);
	}
	const about =
		updateBy === 'email'
			? `the customer with email ${key[V1_FIELDS.email]}`
			: `the customer with external ID ${key[V1_FIELDS.externalId]}`;
	const opened = await openItem(this, itemIndex, about);
	const given = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = readCustomerFields(this, itemIndex, given, opened.timeZone);
	if (!Object.keys(changes).length)
		throw fail(this, itemIndex, 'Add at least one field to update under Update Fields');
	return await v1Write(
		this,
		itemIndex,
		paths.updateAccount(),
		{ ...changes, ...key },
		{
			done: `updated ${about}`,
			advice: 'Read the customer (Customer → Get) to see whether the change was made',
		},
		opened,
	);
}
