/**
 * The readers of the parameters several SPREAD operations (and the trigger) share: each returns the
 * checked value, or throws a message that names the parameter and says what to fix, before any
 * request is sent. The longest part turns the customer's and the order's fields into API v1's `data[...]` fields.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CredentialSession } from '../shared/http/credential-session';
import { readRequestOptions } from '../shared/http/request-options';
import { isEmail } from '../shared/node/validation';
import { FILTER_PROPERTIES, MAX_WAIT, PLAIN_FIELDS } from './descriptions';
import { isTimeZone, userDateToSpread } from './helpers/dates';
import {
	DEFAULT_MAX_WAIT_SECONDS,
	FILTER_NAMES,
	GENDER_VALUES,
	OPT_IN_VALUES,
	SPREAD_TIME_ZONE,
	V1_FIELDS,
	type CustomerKey,
	type CustomerLookup,
	type FilterName,
	type SpreadRequestOptions,
} from './transport';

export function fail(
	context: IExecuteFunctions | IPollFunctions,
	itemIndex: number | undefined,
	message: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** [doc] SPREAD's ids are whole numbers sent as strings ("123456"). */
export function readId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!/^[0-9]+$/.test(value)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not valid: SPREAD IDs are whole numbers such as 123456`,
		);
	}
	return value;
}

export function readEmail(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label = 'Email',
): string {
	return checkEmail(context, itemIndex, context.getNodeParameter(name, itemIndex, ''), label);
}

/** An email address, trimmed, or an error that names the parameter to fix. */
export function checkEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
): string {
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!isEmail(value))
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not a valid address: fix the ${label} parameter`,
		);
	return value;
}

/** A date the user gave, as SPREAD writes dates; `label` names the parameter to fix. */
export function readDate(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	timeZone: string,
): string {
	const date = userDateToSpread(value, timeZone);
	if (!date) {
		throw fail(
			context,
			itemIndex,
			`${label} "${String(value)}" is not a date: give one such as 2024-05-31 or 2024-05-31T18:30:00 (without an offset it is read in the credential's time zone): fix the ${label} parameter`,
		);
	}
	return date;
}

/** A positive amount; SPREAD's amounts are strings of a number, decimals allowed (a cagnotte may be money). */
export function readAmount(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	options: { positive?: boolean } = {},
): number {
	const amount = typeof raw === 'string' && raw.trim() === '' ? NaN : Number(raw);
	const positive = options.positive ?? true;
	if (!Number.isFinite(amount) || (positive ? amount <= 0 : amount < 0)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${String(raw)}" is not valid: give a number ${positive ? 'above 0' : '0 or more'}, such as 10 or 2.5: fix the ${label} parameter`,
		);
	}
	return amount;
}

/** The request settings of one item: where errors point, and how long 429s may be waited out. */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	about?: string,
): SpreadRequestOptions {
	const {
		maxWaitSeconds = DEFAULT_MAX_WAIT_SECONDS,
		timeoutMs,
		pagesAtOnce,
	} = readRequestOptions(context, itemIndex, MAX_WAIT.name, MAX_WAIT.label);
	return {
		itemIndex,
		maxWaitSeconds,
		about,
		...(timeoutMs !== undefined && { timeoutMs }),
		...(pagesAtOnce !== undefined && { pagesAtOnce }),
	};
}

/**
 * The credential's time zone, checked: every date the node or the trigger (which has no items)
 * reads or writes goes through it.
 */
export function timeZoneOf(
	session: CredentialSession,
	context: IExecuteFunctions | IPollFunctions,
	itemIndex?: number,
): string {
	const timeZone = String(session.data.timeZone || SPREAD_TIME_ZONE).trim();
	if (!isTimeZone(timeZone)) {
		throw fail(
			context,
			itemIndex,
			`Time Zone "${timeZone}" in the SPREAD credential is not a time zone: give an IANA name such as Europe/Paris`,
		);
	}
	return timeZone;
}

// ---- filters ----

const DATE_FILTERS: FilterName[] = [
	'createdAfter',
	'createdBefore',
	'modifiedAfter',
	'modifiedBefore',
];
const ID_FILTERS: FilterName[] = ['customerId', 'cagnotteId', 'campaignId'];

/** The Filters as SPREAD's query: its spellings, dates in its format, each value checked. */
export function readFilters(
	context: IExecuteFunctions,
	itemIndex: number,
	timeZone: string,
): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		if (!(name in FILTER_NAMES) || value === undefined || value === null || value === '') continue;
		const filter = name as FilterName;
		const label = `${FILTER_PROPERTIES[filter].displayName} filter`;
		if (DATE_FILTERS.includes(filter)) {
			qs[FILTER_NAMES[filter]] = readDate(context, itemIndex, value, label, timeZone);
		} else if (ID_FILTERS.includes(filter)) {
			const id = String(value).trim();
			if (!/^[0-9]+$/.test(id))
				throw fail(
					context,
					itemIndex,
					`${label} "${id}" is not valid: SPREAD IDs are whole numbers: fix the ${label}`,
				);
			qs[FILTER_NAMES[filter]] = id;
		} else {
			const amount = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
			if (!Number.isFinite(amount))
				throw fail(
					context,
					itemIndex,
					`${label} "${String(value)}" is not a number: fix the ${label}`,
				);
			qs[FILTER_NAMES[filter]] = amount;
		}
	}
	return qs;
}

// ---- customers and orders: their fields as API v1's `data[...]` fields ----

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

// ---- cagnotte points and contacts ----

/** The customer whose cagnotte Add Points or Remove Points changes. */
export function readCustomer(
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

/** The customer Customer → Find (`findBy`) or → Update (`updateBy`) looks for, and how to name it. */
export function readCustomerLookup(
	context: IExecuteFunctions,
	itemIndex: number,
	name: 'findBy' | 'updateBy',
): { lookup: CustomerLookup; about: string } {
	const by = context.getNodeParameter(name, itemIndex, 'email') as string;
	if (by === 'email') {
		const email = readEmail(context, 'email', itemIndex);
		return { lookup: { email }, about: `the customer with email ${email}` };
	}
	if (by === 'externalId') {
		const externalId = String(context.getNodeParameter('externalId', itemIndex, '') ?? '').trim();
		if (!externalId) throw fail(context, itemIndex, 'Set the External ID');
		return { lookup: { externalId }, about: `the customer with external ID ${externalId}` };
	}
	throw fail(context, itemIndex, `Find Customer By "${by}" is not known: use Email or External ID`);
}

/** Whether the item's Output is Contact (the default, Raw, keeps SPREAD's records). */
export function wantsContacts(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('output', itemIndex, 'raw') === 'contact';
}
