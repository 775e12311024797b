/** The customer's and the order's fields as API v1's `data[...]` fields, each value checked. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { PLAIN_FIELDS } from '../descriptions';
import { GENDER_VALUES, OPT_IN_VALUES, V1_FIELDS } from '../transport';
import { checkEmail, fail, readAmount, readDate } from './values';

function tags(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
}

/** The given fields as v1 form fields, each value checked. */
export function readCustomerFields(
	context: IExecuteFunctions,
	itemIndex: number,
	given: IDataObject,
	timeZone: string,
): Record<string, string | string[] | Record<string, string>> {
	const form: Record<string, string | string[] | Record<string, string>> = {};
	for (const [name] of PLAIN_FIELDS) {
		const value = String(given[name] ?? '').trim();
		if (value) form[V1_FIELDS[name]] = value;
	}
	const externalId = String(given.externalId ?? '').trim();
	if (externalId) form[V1_FIELDS.externalId] = externalId;
	if (given.optIn !== undefined) {
		const optIn = OPT_IN_VALUES[String(given.optIn)];
		if (optIn === undefined)
			throw fail(
				context,
				itemIndex,
				`Opt-In "${String(given.optIn)}" is not valid: use yes, no or notAsked`,
			);
		form[V1_FIELDS.optIn] = optIn;
	}
	if (given.gender !== undefined) {
		const gender = GENDER_VALUES[String(given.gender)];
		if (gender === undefined)
			throw fail(
				context,
				itemIndex,
				`Gender "${String(given.gender)}" is not valid: use female or male`,
			);
		form[V1_FIELDS.gender] = gender;
	}
	if (given.birthday !== undefined && given.birthday !== '') {
		// ASSUMED: a birthday is a date, YYYY-MM-DD; a date-time's wall-clock day is kept as it is.
		form[V1_FIELDS.birthday] = readDate(
			context,
			itemIndex,
			given.birthday,
			'Birthday',
			timeZone,
		).slice(0, 10);
	}
	const add = tags(given.addTags);
	if (add.length) form[V1_FIELDS.addTags] = add;
	const remove = tags(given.removeTags);
	if (remove.length) form[V1_FIELDS.removeTags] = remove;
	const custom = ((given.customFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
	if (custom.length) {
		const values: Record<string, string> = {};
		for (const entry of custom) {
			const id = String(entry.id ?? '').trim();
			if (!/^[0-9A-Za-z_-]+$/.test(id))
				throw fail(
					context,
					itemIndex,
					`Custom field ID "${id}" is not valid: give the field's ID in SPREAD, such as 12: fix the Custom Fields parameter`,
				);
			values[id] = String(entry.value ?? '');
		}
		form[V1_FIELDS.customFields] = values;
	}
	return form;
}

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
