/**
 * What the operations that yield persons share for their Output parameter: with Output = Contact, a
 * read maps SPREAD's records as they came (helpers/contact.ts), so Output Options do not change the
 * contact.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readLimit } from '../../shared/node/list-properties';
import { spreadContact, type SpreadPersonRecord } from '../helpers/contact';
import { contactJson } from '../../shared/contact/contact';
import { spreadRequest, spreadRequestAllItems, unwrapOne } from '../transport';
import { openItem, readFilters } from './common';

export { outputProperty } from '../../shared/contact/contact';

/** Whether the item's Output is Contact (the default, Raw, keeps SPREAD's records). */
export function wantsContacts(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('output', itemIndex, 'raw') === 'contact';
}

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
