/** What Add Points and Remove Points share: the customer, the amount, and the one POST. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cagnotteLineToContact } from '../../helpers/contact';
import { contactJson } from '../../../shared/contact/contact';
import { shapeRecord } from '../../helpers/shape';
import { bodies, paths, spreadRequest, type CustomerKey } from '../../transport';
import { fail, openItem, readAmount, readEmail, readId } from '../common';
import { outputProperty, wantsContacts } from '../contacts';

export function pointsProperties(verb: 'add' | 'remove'): INodeProperties[] {
	return [
		{
			displayName: 'Identify Customer By',
			name: 'identifyBy',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'Customer ID', value: 'customerId' },
			],
			default: 'email',
			description: 'How to name the customer whose cagnotte changes',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: "The customer's email address",
			displayOptions: { show: { identifyBy: ['email'] } },
		},
		{
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 123456',
			description: "SPREAD's ID of the customer",
			displayOptions: { show: { identifyBy: ['customerId'] } },
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			required: true,
			description:
				verb === 'add'
					? 'Points to add to the cagnotte, above 0; decimals are allowed'
					: 'Points to take from the cagnotte, above 0 (sent to SPREAD as a negative amount); decimals are allowed',
		},
		outputProperty,
	];
}

function readCustomer(
	context: IExecuteFunctions,
	itemIndex: number,
): { key: CustomerKey; label: string; email?: string } {
	const identifyBy = context.getNodeParameter('identifyBy', itemIndex, 'email') as string;
	if (identifyBy === 'email') {
		const email = readEmail(context, 'email', itemIndex);
		return { key: { email }, label: `the customer with email ${email}`, email };
	}
	if (identifyBy === 'customerId') {
		const customerId = readId(context, 'customerId', itemIndex, 'Customer ID');
		return { key: { customerId }, label: `customer ID ${customerId}` };
	}
	throw fail(
		context,
		itemIndex,
		`Identify Customer By "${identifyBy}" is not known: use Email or Customer ID`,
	);
}

/**
 * One cagnotte line: SPREAD's reply `{customer: {id, cagnotteAmount}, cagnotte: {...the new line}}`
 * as one item, shaped; or, with Output = Contact, the customer's contact with the points moved.
 */
export async function movePoints(
	context: IExecuteFunctions,
	itemIndex: number,
	verb: 'add' | 'remove',
): Promise<IDataObject> {
	const customer = readCustomer(context, itemIndex);
	const amount = readAmount(
		context,
		itemIndex,
		context.getNodeParameter('amount', itemIndex),
		'Amount',
	);
	const { settings, shape, timeZone } = await openItem(context, itemIndex, customer.label);
	const points = `${amount} ${amount === 1 ? 'point' : 'points'}`;
	const reply = await spreadRequest.call(context, 'POST', paths.cagnottes(), {
		...settings,
		body: bodies.cagnotteLine(customer.key, verb === 'add' ? amount : -amount),
		record: {
			done:
				verb === 'add'
					? `added ${points} to ${customer.label}`
					: `removed ${points} from ${customer.label}`,
			advice:
				"Check the customer's cagnotte lines (Cagnotte → Get Many, filter Customer ID) before running this item again",
		},
		removal: verb === 'remove' ? { amount, customer: customer.label } : undefined,
	});
	if (wantsContacts(context, itemIndex)) {
		const objectOf = (value: unknown) =>
			value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
		const line = objectOf(reply.cagnotte);
		const owner = reply.customer === undefined ? undefined : objectOf(reply.customer);
		return contactJson(
			cagnotteLineToContact(line, { timeZone, customer: owner, email: customer.email }),
		);
	}
	return shapeRecord(reply, shape);
}
