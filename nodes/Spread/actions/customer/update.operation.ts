import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputProperty } from '../../../shared/contact/contact';
import { customerFields } from '../../descriptions';
import { checkEmail, fail, readCustomerFields, readEmail } from '../../parameters';
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
			options: customerFields({ withEmail: true, withRemoveTags: true }),
		},
		outputProperty,
	],
);

/**
 * Updates a customer found by email or external ID (API v1, UpdateAccount), its email and its
 * external ID included: such a change names the customer in `request[...]` (api.ts, V1_REQUEST).
 */
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
	const given = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const newEmail =
		given.email === undefined || String(given.email).trim() === ''
			? undefined
			: checkEmail(this, itemIndex, given.email, 'Update Fields → Email');
	const opened = await openItem(this, itemIndex, about);
	const changes = readCustomerFields(this, itemIndex, given, opened.timeZone);
	if (newEmail !== undefined) changes[V1_FIELDS.email] = newEmail;
	if (!Object.keys(changes).length)
		throw fail(this, itemIndex, 'Add at least one field to update under Update Fields');
	const [keyField] = Object.keys(key);
	// A new email or external ID is a value to set, so the customer is named apart from it.
	const changesKey = V1_FIELDS.email in changes || V1_FIELDS.externalId in changes;
	return await v1Write(
		this,
		itemIndex,
		paths.updateAccount(),
		{ ...key, ...changes },
		{
			done: `updated ${about}`,
			advice: 'Read the customer (Customer → Find) to see whether the change was made',
		},
		opened,
		{ person: 'customer', request: changesKey ? { [keyField]: key[keyField] } : undefined },
	);
}
