import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dateProperty, orderIdProperty, stateProperty } from '../../descriptions';
import { fail, readOrderFields, readOrderId } from '../../parameters';
import { paths, V1_FIELDS } from '../../transport';
import { openItem, v1Write } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	[
		orderIdProperty,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 0,
					description: "The order's amount, as your shop counts it",
				},
				{
					displayName: 'Customer Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: 'The email address of the customer who ordered',
				},
				dateProperty,
				stateProperty,
			],
		},
	],
);

/**
 * Changes an order's amount, state or date (API v1, UpdateOrder): a cancelled order, say. The order is
 * named in `request[order_idorder]` and `data[order_idorder]` (transport/v1.ts, V1_REQUEST).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderId = readOrderId(this, itemIndex);
	const opened = await openItem(this, itemIndex, `order ${orderId}`);
	const given = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = readOrderFields(this, itemIndex, given, opened.timeZone);
	if (!Object.keys(changes).length)
		throw fail(this, itemIndex, 'Add at least one field to update under Update Fields');
	return await v1Write(
		this,
		itemIndex,
		paths.updateOrder(),
		{ ...changes, [V1_FIELDS.orderId]: orderId },
		{
			done: `updated order ${orderId}`,
			advice: 'Read the order (Order → Get) to see whether the change was made',
		},
		opened,
		// ASSUMED (transport/v1.ts, V1_REQUEST): the order to change named in request[...], as well.
		{ request: { [V1_FIELDS.orderId]: orderId } },
	);
}
