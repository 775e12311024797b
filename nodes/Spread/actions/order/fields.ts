/** The order fields Create and Update send through API v1. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { V1_FIELDS } from '../../transport';
import { checkEmail, fail, readAmount, readDate } from '../common';

export const orderIdProperty: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. PS-100234',
	description: "The order's reference in your shop",
};

export const stateProperty: INodeProperties = {
	displayName: 'State',
	name: 'state',
	type: 'string',
	default: '',
	placeholder: 'e.g. paid',
	description: "The order's state as your shop names it (paid, shipped, cancelled...)",
};

export const dateProperty: INodeProperties = {
	displayName: 'Date',
	name: 'date',
	type: 'dateTime',
	default: '',
	description: "When the order was placed (read in the credential's time zone without an offset)",
};

export function readOrderId(context: IExecuteFunctions, itemIndex: number): string {
	const orderId = String(context.getNodeParameter('orderId', itemIndex, '') ?? '').trim();
	if (!orderId) throw fail(context, itemIndex, 'Set the Order ID');
	return orderId;
}

/** Amount, state, date and email of `given` as v1 fields, each checked. */
export function readOrderFields(
	context: IExecuteFunctions,
	itemIndex: number,
	given: IDataObject,
	timeZone: string,
): Record<string, string> {
	const form: Record<string, string> = {};
	if (given.amount !== undefined && given.amount !== '')
		form[V1_FIELDS.orderAmount] = String(
			readAmount(context, itemIndex, given.amount, 'Amount', { positive: false }),
		);
	const state = String(given.state ?? '').trim();
	if (state) form[V1_FIELDS.orderState] = state;
	if (given.date !== undefined && given.date !== '')
		form[V1_FIELDS.orderDate] = readDate(context, itemIndex, given.date, 'Date', timeZone);
	if (given.email !== undefined && String(given.email).trim() !== '') {
		form[V1_FIELDS.email] = checkEmail(context, itemIndex, given.email, 'Customer Email');
	}
	return form;
}
