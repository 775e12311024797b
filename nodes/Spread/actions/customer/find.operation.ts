import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { spreadContact } from '../../helpers/contact';
import { shapeRecord } from '../../helpers/shape';
import { fail, readEmail, wantsContacts } from '../../parameters';
import { SPREAD_MAX_PAGE_SIZE, type CustomerLookup } from '../../transport';
import { findCustomer, openItem } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['find'] } },
	[
		{
			displayName: 'Find Customer By',
			name: 'findBy',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'External ID', value: 'externalId' },
			],
			default: 'email',
			description: 'What to look the customer up by',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: "The customer's email address (case does not matter)",
			displayOptions: { show: { findBy: ['email'] } },
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. CRM-00042',
			description: "The customer's ID in your own system",
			displayOptions: { show: { findBy: ['externalId'] } },
		},
		{
			displayName: `SPREAD's API has no customer search: this reads the customer list, ${SPREAD_MAX_PAGE_SIZE.toLocaleString('en-US')} customers a request, until the customer shows up; one not found costs the whole list. The output pane says what each item read.`,
			name: 'findNotice',
			type: 'notice',
			default: '',
		},
		outputProperty,
	],
);

/** The customer with an email or an external ID, or no item when there is none. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const findBy = this.getNodeParameter('findBy', itemIndex, 'email') as string;
	let lookup: CustomerLookup;
	let about: string;
	if (findBy === 'email') {
		lookup = { email: readEmail(this, 'email', itemIndex) };
		about = `the customer with email ${lookup.email}`;
	} else if (findBy === 'externalId') {
		const externalId = String(this.getNodeParameter('externalId', itemIndex, '') ?? '').trim();
		if (!externalId) throw fail(this, itemIndex, 'Set the External ID');
		lookup = { externalId };
		about = `the customer with external ID ${externalId}`;
	} else {
		throw fail(
			this,
			itemIndex,
			`Find Customer By "${findBy}" is not known: use Email or External ID`,
		);
	}
	const opened = await openItem(this, itemIndex, about);
	const { customer, pagesRead, customersRead } = await findCustomer(this, lookup, opened);
	// The cost of a lookup without a search, where the user sees it: the output pane.
	const read = `${customersRead} ${customersRead === 1 ? 'customer' : 'customers'} in ${pagesRead} ${pagesRead === 1 ? 'request' : 'requests'}`;
	this.addExecutionHints?.({
		message: `Item ${itemIndex + 1}: ${customer ? 'found' : 'did not find'} ${about} after reading ${read}`,
		type: customer ? 'info' : 'warning',
		location: 'outputPane',
	});
	if (!customer) return [];
	if (wantsContacts(this, itemIndex))
		return [contactJson(spreadContact('customer', customer, { timeZone: opened.timeZone }))];
	return [shapeRecord(customer, opened.shape)];
}
