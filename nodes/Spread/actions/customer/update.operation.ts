import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputProperty } from '../../../shared/contact/contact';
import { customerFields, customerKeyProperties } from '../../descriptions';
import { checkEmail, fail, readCustomerFields, readCustomerLookup } from '../../parameters';
import { paths, V1_FIELDS } from '../../transport';
import { openItem, v1Write } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	[
		...customerKeyProperties('updateBy', {
			displayName: 'Find Customer By',
			description: 'How SPREAD finds the customer to update',
			otherKeys: ['externalId'],
		}),
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
 * external ID included: such a change names the customer in `request[...]` (transport/v1.ts, V1_REQUEST).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { lookup, about } = readCustomerLookup(this, itemIndex, 'updateBy');
	const key: Record<string, string> =
		'email' in lookup
			? { [V1_FIELDS.email]: lookup.email }
			: { [V1_FIELDS.externalId]: lookup.externalId };
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
