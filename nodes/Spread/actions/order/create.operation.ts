import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { customerFields, dateProperty, orderIdProperty, stateProperty } from '../../descriptions';
import { readCustomerFields, readEmail, readOrderFields, readOrderId } from '../../parameters';
import { paths, V1_FIELDS } from '../../transport';
import { openItem, v1Write } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	[
		{
			displayName: 'Customer Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'The email address of the customer who ordered',
		},
		orderIdProperty,
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			required: true,
			description: "The order's amount, as your shop counts it",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				dateProperty,
				stateProperty,
				...customerFields({ withEmail: false, withRemoveTags: false }),
			],
		},
	],
);

/** Records an order of a customer (API v1, CreateOrder); SPREAD's loyalty rules may then add points. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const email = readEmail(this, 'email', itemIndex, 'Customer Email');
	const orderId = readOrderId(this, itemIndex);
	const opened = await openItem(this, itemIndex, `order ${orderId}`);
	const given = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const { date, state, ...customer } = given;
	const fields = {
		...readCustomerFields(this, itemIndex, customer, opened.timeZone),
		...readOrderFields(
			this,
			itemIndex,
			{ amount: this.getNodeParameter('amount', itemIndex) as number, date, state },
			opened.timeZone,
		),
		[V1_FIELDS.email]: email,
		[V1_FIELDS.orderId]: orderId,
	};
	return await v1Write(
		this,
		itemIndex,
		paths.createOrder(),
		fields,
		{
			done: `recorded order ${orderId} of ${email}`,
			advice: 'Look the order up (Order → Get) before running this item again',
		},
		opened,
	);
}
