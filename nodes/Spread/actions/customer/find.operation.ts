import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { customerKeyProperties } from '../../descriptions';
import { spreadContact } from '../../helpers/contact';
import { shapeRecord } from '../../helpers/shape';
import { readCustomerLookup, wantsContacts } from '../../parameters';
import { SPREAD_MAX_PAGE_SIZE } from '../../transport';
import { findCustomer, openItem } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['find'] } },
	[
		...customerKeyProperties('findBy', {
			displayName: 'Find Customer By',
			description: 'What to look the customer up by',
			otherKeys: ['externalId'],
			emailDescription: "The customer's email address (case does not matter)",
		}),
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
	const { lookup, about } = readCustomerLookup(this, itemIndex, 'findBy');
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
