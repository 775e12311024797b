/**
 * The requests several SPREAD operations send the same way: one item's session (the credential read
 * once, its time zone, how records come out), a list read to the end or to the Limit, one record, a
 * v1 write (Create and Update of customers and orders), a customer looked up in the list, and the
 * cagnotte line of Add Points and Remove Points. Each reads the parameters it needs
 * (../parameters/) and sends through the transport; the operations call them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { contactJson } from '../../shared/contact/contact';
import { openCredentialSession } from '../../shared/http/credential-session';
import type { WriteRecord } from '../../shared/http/http-failure';
import { readLimit } from '../../shared/node/list-properties';
import { cagnotteLineToContact, spreadContact, type SpreadPersonRecord } from '../helpers/contact';
import { shapeRecord, shapeRecords, type ShapeOptions } from '../helpers/shape';
import {
	readAmount,
	readCustomer,
	readFilters,
	requestSettings,
	timeZoneOf,
	wantsContacts,
} from '../parameters';
import {
	NUMBER_FIELDS,
	bodies,
	customerMatches,
	paths,
	spreadPage,
	spreadRequest,
	spreadRequestAllItems,
	unwrapOne,
	v1Form,
	v1Result,
	type CustomerLookup,
	type SpreadRequestOptions,
} from '../transport';
import { refusalError } from '../transport/errors';

/** One item's session: the credential read once, its time zone and how records come out. */
export async function openItem(
	context: IExecuteFunctions,
	itemIndex: number,
	about?: string,
): Promise<{
	settings: SpreadRequestOptions;
	timeZone: string;
	shape: ShapeOptions;
}> {
	const settings = requestSettings(context, itemIndex, about);
	const session = await openCredentialSession(context, 'spreadApi');
	const timeZone = timeZoneOf(session, context, itemIndex);
	const output = context.getNodeParameter('outputOptions', itemIndex, {}) as IDataObject;
	return {
		settings: { ...settings, session },
		timeZone,
		shape: {
			timeZone,
			numberFields: NUMBER_FIELDS,
			keepNumberStrings: output.keepNumberStrings === true,
			keepDateStrings: output.keepDateStrings === true,
		},
	};
}

/** Every record of a list, or the first `limit`, filtered and shaped. */
export async function getMany(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	about?: string,
): Promise<IDataObject[]> {
	const limit = readLimit(context, itemIndex);
	const { settings, timeZone, shape } = await openItem(context, itemIndex, about);
	const qs = readFilters(context, itemIndex, timeZone);
	const records = await spreadRequestAllItems.call(context, path, qs, limit, settings);
	return shapeRecords(records, shape);
}

/** One record, by its path, shaped. */
export async function getOne(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	about: string,
): Promise<IDataObject> {
	const { settings, shape } = await openItem(context, itemIndex, about);
	const reply = await spreadRequest.call(context, 'GET', path, settings);
	return shapeRecord(unwrapOne(path, reply), shape);
}

/**
 * A v1 write (form-encoded `data[...]`): SPREAD's `datas`, shaped. A refusal in a success reply is an
 * error that names the parameter, like a 400.
 */
export async function v1Write(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	fields: Parameters<typeof v1Form>[0],
	record: WriteRecord,
	opened: Awaited<ReturnType<typeof openItem>>,
	options: { request?: Record<string, string>; person?: SpreadPersonRecord } = {},
): Promise<IDataObject> {
	const reply = await spreadRequest.call(context, 'POST', path, {
		...opened.settings,
		form: v1Form(fields, options.request),
		record,
	});
	const { datas, refusal } = v1Result(reply);
	if (refusal !== undefined) throw refusalError(context, refusal, itemIndex);
	// ASSUMED (transport/v1.ts): `datas` is the record written, with v2's field names.
	if (options.person && wantsContacts(context, itemIndex))
		return contactJson(spreadContact(options.person, datas ?? {}, { timeZone: opened.timeZone }));
	return shapeRecord(datas ?? {}, opened.shape);
}

/** What a customer lookup found, and what it read to find it. */
export interface CustomerSearch {
	customer?: IDataObject;
	pagesRead: number;
	customersRead: number;
}

/**
 * The customer that `lookup` names, read from the customer list page by page, the biggest pages
 * SPREAD serves, until it shows up: SPREAD documents no search on customers. A customer not there
 * costs the whole list.
 */
export async function findCustomer(
	context: IExecuteFunctions,
	lookup: CustomerLookup,
	opened: Awaited<ReturnType<typeof openItem>>,
): Promise<CustomerSearch> {
	const search: CustomerSearch = { pagesRead: 0, customersRead: 0 };
	let startAt: number | undefined;
	do {
		const page = await spreadPage.call(context, paths.customers(), {}, startAt, opened.settings);
		search.pagesRead++;
		search.customersRead += page.items.length;
		search.customer = page.items.find((record) => customerMatches(record, lookup));
		startAt = page.next;
	} while (!search.customer && startAt !== undefined);
	return search;
}

// With Output = Contact, a read maps SPREAD's records as they came (helpers/contact.ts), so Output
// Options do not change the contact.

/** Every record of a list, or the first `limit`, filtered, as contacts. */
export async function getManyContacts(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	kind: SpreadPersonRecord,
): Promise<IDataObject[]> {
	const limit = readLimit(context, itemIndex);
	const { settings, timeZone } = await openItem(context, itemIndex);
	const qs = readFilters(context, itemIndex, timeZone);
	const records = await spreadRequestAllItems.call(context, path, qs, limit, settings);
	return records.map((record) => contactJson(spreadContact(kind, record, { timeZone })));
}

/** One record, by its path, as a contact. */
export async function getOneContact(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	about: string,
	kind: SpreadPersonRecord,
): Promise<IDataObject> {
	const { settings, timeZone } = await openItem(context, itemIndex, about);
	const reply = await spreadRequest.call(context, 'GET', path, settings);
	return contactJson(spreadContact(kind, unwrapOne(path, reply), { timeZone }));
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
