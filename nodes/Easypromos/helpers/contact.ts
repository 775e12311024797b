/**
 * Easypromos's persons in the one contact shape of nodes/shared/contact/contact.ts: a user, a participation
 * (format=full embeds the user and the prize), a prize won (embeds the winner and the prize type) and a
 * coin transaction (`{transaction, user}`, or flattened by Simplify). Pure functions over the object
 * shapes of API-NOTES ([src]: the API reference page, Pipedream's test events, Airbyte's schemas).
 *
 * | Easypromos                                  | contact                            |
 * |---------------------------------------------|------------------------------------|
 * | email                                       | email (trimmed, lower-cased)       |
 * | phone                                       | phone                              |
 * | first_name, last_name                       | firstName, lastName                |
 * | birthday                                    | birthday                           |
 * | country                                     | country (ISO alpha-2)              |
 * | language                                    | language                           |
 * | meta_data.legals {name: boolean}            | consents (booleans only, same names) |
 * | prize.prize_type.name, prize.code           | prize {won: true, title, code}     |
 * | participation `prize: null` (format=full)   | prize {won: false}                 |
 * | transaction.balance, transaction.amount     | points {balance, change}           |
 * | custom_properties[{ref, title, value}]      | customFields[ref or title]         |
 * | participation data[{ref, title, values}]    | customFields[ref or title]         |
 * | promotion_id (+ the picked promotion's title) | source.product {id, title}       |
 * | id of the user / participation / prize / transaction | source.recordId           |
 * | created                                     | source.createdAt                   |
 * | (nothing: no gender, address, zip, city, anonymised flag) | null / false         |
 */
import type { IDataObject } from 'n8n-workflow';

import {
	birthday,
	consents,
	contactOf,
	isoDateTime,
	number,
	text,
	type Contact,
	type ContactPoints,
	type ContactPrize,
	type ContactSource,
} from '../../shared/contact/contact';
import { country } from '../../shared/contact/country';

/** The promotion the records were read from: its ID, and its title when known. */
export interface EasypromosPromotionRef {
	id: string | null;
	title: string | null;
}

/** The kinds of Easypromos records that carry a person. */
export type EasypromosPersonKind = 'user' | 'participation' | 'prize' | 'coinTransaction';

const object = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

/**
 * The promotion behind a Promotion parameter: its ID, and its title when it was picked From List (n8n
 * keeps the list's name, Easypromos's title, as `cachedResultName`); By ID gives no title.
 */
export function promotionRef(locator: unknown, promotionId: string): EasypromosPromotionRef {
	const picked = object(locator);
	const title = picked?.mode === 'list' ? text(picked.cachedResultName) : null;
	return { id: text(promotionId), title };
}

/** The record's promotion, or the one it was read from; the title only where the IDs agree. */
function productOf(
	promotionId: unknown,
	promotion: EasypromosPromotionRef | undefined,
): ContactSource['product'] {
	const id = text(promotionId) ?? promotion?.id ?? null;
	if (id === null) return null;
	return { id, title: promotion && promotion.id === id ? promotion.title : null };
}

function valueOf(value: unknown): unknown {
	if (typeof value === 'string') return text(value);
	return value ?? null;
}

/** custom_properties[{id, title, ref, value}] by ref (or title). */
function customPropertiesOf(value: unknown): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	if (!Array.isArray(value)) return fields;
	for (const entry of value) {
		const property = object(entry);
		const name = property && (text(property.ref) ?? text(property.title));
		if (property && name) fields[name] = valueOf(property.value);
	}
	return fields;
}

/** A participation's data[{ref, title, values[]}] (form or quiz answers) by ref (or title). */
function participationDataOf(value: unknown): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	if (!Array.isArray(value)) return fields;
	for (const entry of value) {
		const answer = object(entry);
		const name = answer && (text(answer.ref) ?? text(answer.title));
		if (!answer || !name) continue;
		const values = Array.isArray(answer.values) ? answer.values.map(valueOf) : [];
		fields[name] = values.length === 0 ? null : values.length === 1 ? values[0] : values;
	}
	return fields;
}

/** The person's own fields, from a user object (absent: every field null). */
function personOf(user: IDataObject | undefined): Partial<Contact> {
	if (!user) return {};
	const metaData = object(user.meta_data);
	return {
		email: text(user.email),
		phone: text(user.phone),
		firstName: text(user.first_name),
		lastName: text(user.last_name),
		birthday: birthday(user.birthday),
		country: country(user.country),
		language: text(user.language),
		consents: consents(object(metaData?.legals) ?? {}),
		customFields: customPropertiesOf(user.custom_properties),
	};
}

function prizeOf(prize: IDataObject): ContactPrize {
	return { won: true, title: text(object(prize.prize_type)?.name), code: text(prize.code) };
}

function sourceOf(
	record: IDataObject,
	promotionId: unknown,
	promotion: EasypromosPromotionRef | undefined,
): ContactSource {
	return {
		platform: 'easypromos',
		product: productOf(promotionId, promotion),
		recordId: text(record.id),
		createdAt: isoDateTime(record.created),
	};
}

/** A user (participant) of a promotion. */
export function userToContact(user: IDataObject, promotion?: EasypromosPromotionRef): Contact {
	return contactOf({
		...personOf(user),
		source: sourceOf(user, user.promotion_id, promotion),
	});
}

/**
 * A participation. In full format it carries its user and `prize` (null when the participation won
 * nothing); in the basic format there is no person, and whether it won is unknown (prize null), unless
 * `user` is given, e.g. the user read apart.
 */
export function participationToContact(
	participation: IDataObject,
	promotion?: EasypromosPromotionRef,
	user?: IDataObject,
): Contact {
	const person = personOf(object(participation.user) ?? user);
	const prize = object(participation.prize);
	return contactOf({
		...person,
		prize: prize ? prizeOf(prize) : participation.prize === null ? noPrize() : null,
		customFields: { ...person.customFields, ...participationDataOf(participation.data) },
		source: sourceOf(participation, participation.promotion_id, promotion),
	});
}

function noPrize(): ContactPrize {
	return { won: false, title: null, code: null };
}

/** A prize won: the winner, the prize type's name and the prize's code. */
export function prizeToContact(prize: IDataObject, promotion?: EasypromosPromotionRef): Contact {
	const user = object(prize.user);
	return contactOf({
		...personOf(user),
		prize: prizeOf(prize),
		source: sourceOf(prize, prize.promotion_id ?? user?.promotion_id, promotion),
	});
}

/** `{transaction, user}` as the API lists it, or flattened (user fields as `user_<field>`). */
function splitCoinTransaction(item: IDataObject): { transaction: IDataObject; user?: IDataObject } {
	const transaction = object(item.transaction);
	if (transaction) return { transaction, user: object(item.user) };
	const user: IDataObject = {};
	for (const [key, value] of Object.entries(item)) {
		if (key.startsWith('user_') && key !== 'user_id') user[key.slice('user_'.length)] = value;
	}
	return { transaction: item, user: Object.keys(user).length ? user : undefined };
}

/** A coin transaction: its user, and the balance after it and the amount it moved. */
export function coinTransactionToContact(
	item: IDataObject,
	promotion?: EasypromosPromotionRef,
): Contact {
	const { transaction, user } = splitCoinTransaction(item);
	const points: ContactPoints = {
		balance: number(transaction.balance),
		change: number(transaction.amount),
	};
	return contactOf({
		...personOf(user),
		points: points.balance === null && points.change === null ? null : points,
		source: sourceOf(transaction, transaction.promotion_id ?? user?.promotion_id, promotion),
	});
}

const TO_CONTACT: Record<
	EasypromosPersonKind,
	(record: IDataObject, promotion?: EasypromosPromotionRef) => Contact
> = {
	user: userToContact,
	participation: participationToContact,
	prize: prizeToContact,
	coinTransaction: coinTransactionToContact,
};

/** The contact of a record of a known kind. */
export function easypromosContact(
	kind: EasypromosPersonKind,
	record: IDataObject,
	promotion?: EasypromosPromotionRef,
): Contact {
	return TO_CONTACT[kind](record, promotion);
}

/** Which kind of record an object is, by its shape (for webhooks that name no known event). */
export function personKindOf(record: IDataObject): EasypromosPersonKind {
	if (object(record.transaction) || 'coin_id' in record) return 'coinTransaction';
	if (object(record.prize_type)) return 'prize';
	if ('stage_id' in record && 'user_id' in record) return 'participation';
	return 'user';
}
