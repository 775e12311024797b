/**
 * Kimple's persons in the one contact shape of nodes/shared/contact/contact.ts: a contest entry (a person who
 * submitted a contest's form) and a contest participation (one play: its form and its gift). Pure
 * functions; what they read that the document does not state is named in the transport, marked ASSUMED.
 *
 * Entry and form: email, phone, firstname, lastname, birthday, gender (1 male, 2 female), address,
 * zipcode, city, country → the contact's keys of the same meaning; the form's `optin` →
 * consents.newsletter and its other keys → customFields; a participation's `gift` → prize;
 * `contest_hash_id` → source.product.id; the record's hash id → source.recordId; `created_at` (Paris
 * wall clock) → source.createdAt.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	birthday,
	consents,
	contactOf,
	flag,
	gender,
	isoDateTime,
	text,
	type Contact,
	type ContactGender,
	type ContactPrize,
	type ContactSource,
} from '../../shared/contact/contact';
import { country } from '../../shared/contact/country';
import { WALL_CLOCK, wallClockToIso } from '../../shared/time/wall-clock';
import {
	CONTEST_FIELD,
	CREATED_AT_FIELD,
	HASH_ID_FIELDS,
	KIMPLE_ANONYMIZED_FIELD,
	KIMPLE_FORM_FIELD,
	KIMPLE_GENDERS,
	KIMPLE_GIFT_FIELD,
	KIMPLE_OPT_IN_FIELD,
	KIMPLE_TIME_ZONE,
	type KimpleResource,
} from '../transport';

/** The resources whose records are persons. */
export type KimplePersonResource = Extract<KimpleResource, 'contestEntry' | 'contestParticipation'>;

/** The form's fields that have a contact key; the other keys are the contest's own fields. */
const FORM_FIELDS = [
	'email',
	'phone',
	'firstname',
	'lastname',
	'birthday',
	'gender',
	'address',
	'zipcode',
	'city',
	'country',
	KIMPLE_OPT_IN_FIELD,
];

const object = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

/** `2019-07-16 16:56:08` (Paris) → `2019-07-16T16:56:08+02:00`; an ISO date with offset as it is. */
function createdAtOf(value: unknown): string | null {
	const raw = text(value);
	if (!raw) return null;
	return WALL_CLOCK.test(raw) ? wallClockToIso(raw, KIMPLE_TIME_ZONE) : isoDateTime(raw);
}

/** Kimple's number (1 male, 2 female, 0 unknown); a word, should one come, as the shared reader says. */
function genderOf(value: unknown): ContactGender | null {
	const code = text(value);
	if (code === null) return null;
	return KIMPLE_GENDERS[code] ?? gender(code);
}

function sourceOf(record: IDataObject, resource: KimplePersonResource): ContactSource {
	const contestHashId = text(record[CONTEST_FIELD]);
	return {
		platform: 'kimple',
		product: contestHashId ? { id: contestHashId, title: null } : null,
		recordId: text(record[HASH_ID_FIELDS[resource]]),
		createdAt: createdAtOf(record[CREATED_AT_FIELD]),
	};
}

/** The person's fields, as an entry or a participation's form names them. */
function personOf(fields: IDataObject): Partial<Contact> {
	return {
		email: text(fields.email),
		phone: text(fields.phone),
		firstName: text(fields.firstname),
		lastName: text(fields.lastname),
		birthday: birthday(fields.birthday),
		gender: genderOf(fields.gender),
		address: text(fields.address),
		zip: text(fields.zipcode),
		city: text(fields.city),
		country: country(fields.country),
	};
}

/** A contest entry: the person who submitted a contest's form. */
export function contestEntryToContact(entry: IDataObject): Contact {
	return contactOf({
		...personOf(entry),
		source: sourceOf(entry, 'contestEntry'),
		anonymized: flag(entry[KIMPLE_ANONYMIZED_FIELD]) === true,
	});
}

/**
 * A contest participation, raw (`form: {...}`) or simplified (the form's fields at the top level; its
 * extra fields can then not be told from the participation's own, so customFields stays empty).
 */
export function contestParticipationToContact(participation: IDataObject): Contact {
	const form = object(participation[KIMPLE_FORM_FIELD]);
	const fields = form ?? participation;
	const customFields: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(form ?? {})) {
		if (FORM_FIELDS.includes(name)) continue;
		customFields[name] = typeof value === 'string' ? text(value) : (value ?? null);
	}
	return contactOf({
		...personOf(fields),
		consents: consents({ newsletter: fields[KIMPLE_OPT_IN_FIELD] }),
		prize: prizeOf(participation[KIMPLE_GIFT_FIELD]),
		customFields,
		source: sourceOf(participation, 'contestParticipation'),
		anonymized: flag(participation[KIMPLE_ANONYMIZED_FIELD]) === true,
	});
}

/** A gift was won; no gift says nothing (the contest may draw later): null. */
function prizeOf(value: unknown): ContactPrize | null {
	const gift = object(value);
	if (!gift) return null;
	return { won: true, title: text(gift.title), code: text(gift.unique_code) };
}

/** The contact of a record of `resource`. */
export function kimpleContact(resource: KimplePersonResource, record: IDataObject): Contact {
	return resource === 'contestEntry'
		? contestEntryToContact(record)
		: contestParticipationToContact(record);
}
