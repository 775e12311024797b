/**
 * One contact shape for every platform: what a CRM or a mailing list wants of a person, with the same
 * keys in the same order whichever platform the person came from. Each vendor maps its own records to
 * it in `nodes/<Vendor>/helpers/contact.ts` (a pure function); README documents the schema and, per
 * platform, which vendor field feeds which key.
 *
 * Rules every mapping keeps: missing data is `null`, never an empty string or a made-up value; emails
 * trimmed and lower-cased; phones as the platform gives them; booleans only where the platform says so;
 * `anonymized` true when the platform says the person was pseudo-anonymised or sent a masked value
 * (values are never guessed back). `contactOf` enforces the last rule for every platform.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

export type ContactGender = 'female' | 'male' | 'other';

export interface ContactPrize {
	won: boolean;
	title: string | null;
	code: string | null;
}

export interface ContactPoints {
	balance: number | null;
	change: number | null;
}

export interface ContactSource {
	platform: 'leevia' | 'easypromos' | 'kimple' | 'spread';
	/** The contest, promotion or campaign the record belongs to, where known. */
	product: { id: string | null; title: string | null } | null;
	/** The record's own id on the platform (a hash id where numeric ids are masked). */
	recordId: string | null;
	/** When the record was created, ISO-8601 with offset. */
	createdAt: string | null;
}

export interface Contact {
	email: string | null;
	phone: string | null;
	firstName: string | null;
	lastName: string | null;
	/** YYYY-MM-DD */
	birthday: string | null;
	gender: ContactGender | null;
	address: string | null;
	zip: string | null;
	city: string | null;
	/** ISO 3166 alpha-2 */
	country: string | null;
	language: string | null;
	/** Only what the platform says: `rules`, `newsletter`, `privacy`, … */
	consents: Record<string, boolean>;
	prize: ContactPrize | null;
	points: ContactPoints | null;
	customFields: Record<string, unknown>;
	source: ContactSource;
	anonymized: boolean;
}

/** The keys in their documented order. */
export const CONTACT_KEYS = [
	'email',
	'phone',
	'firstName',
	'lastName',
	'birthday',
	'gender',
	'address',
	'zip',
	'city',
	'country',
	'language',
	'consents',
	'prize',
	'points',
	'customFields',
	'source',
	'anonymized',
] as const;

/** The Output parameter every person-yielding operation and trigger offers. */
export const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'Raw',
			value: 'raw',
			description: "The platform's own record, as it sends it",
		},
		{
			name: 'Contact',
			value: 'contact',
			description:
				'One shape for every platform: email, phone, names, birthday, gender, address, country, language, consents, prize, points, custom fields and source',
		},
	],
	default: 'raw',
	description:
		"Whether to output the platform's record or the same contact shape on every platform",
};

/** The keys that hold a person's own data: null when the person is anonymised. */
const PERSONAL_KEYS = [
	'email',
	'phone',
	'firstName',
	'lastName',
	'birthday',
	'gender',
	'address',
	'zip',
	'city',
	'country',
	'language',
] as const;

/**
 * A contact with every key in order, from the fields a mapping found; what it did not find is null
 * (or empty for consents and custom fields). An anonymised person keeps no personal value and no
 * custom field, whatever the platform left in them; a masked value anywhere makes the person
 * anonymised.
 */
export function contactOf(fields: Partial<Contact> & { source: ContactSource }): Contact {
	const customFields = fields.customFields ?? {};
	const anonymized =
		fields.anonymized === true ||
		PERSONAL_KEYS.some((key) => isMask(fields[key])) ||
		Object.values(customFields).some(isMask);
	const person: Partial<Contact> = anonymized ? {} : fields;
	return {
		email: email(person.email),
		phone: text(person.phone),
		firstName: text(person.firstName),
		lastName: text(person.lastName),
		birthday: person.birthday ?? null,
		gender: person.gender ?? null,
		address: text(person.address),
		zip: text(person.zip),
		city: text(person.city),
		country: person.country ?? null,
		language: text(person.language),
		consents: fields.consents ?? {},
		prize: fields.prize ?? null,
		points: fields.points ?? null,
		customFields: anonymized ? {} : customFields,
		source: fields.source,
		anonymized,
	};
}

/**
 * Whether a value is a mask that a platform put in place of personal data: only asterisks or x's,
 * or digits with at least two of them, between the separators of an email, a phone or an address
 * ("*****@*****", "xxx.xxx@xxx.xx", "+33 6 xx xx xx xx"), or a run of three asterisks anywhere
 * ("j***@mail.com"). No name, email, phone or address is written that way.
 */
export function isMask(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	if (value.includes('***')) return true;
	const marks = value.replace(/[\s@.\-_+()/,]/g, '');
	return /^[\dx*]+$/i.test(marks) && (marks.match(/[x*]/gi) ?? []).length >= 2;
}

/** A contact as an n8n item's json: the contact and nothing else. */
export function contactJson(contact: Contact): IDataObject {
	return contact as unknown as IDataObject;
}

/** A text value trimmed, or null when there is none. Numbers become text (a zip code sent as 75001). */
export function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

/** An email trimmed and lower-cased, or null. */
export function email(value: unknown): string | null {
	return text(value)?.toLowerCase() ?? null;
}

/** A number from a number or a numeric string, or null. */
export function number(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : null;
}

/** true / false from what platforms send (true, 1, "1", "true", "yes"), or null when it says neither. */
export function flag(value: unknown): boolean | null {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
	if (typeof value !== 'string') return null;
	const word = value.trim().toLowerCase();
	if (['1', 'true', 'yes', 'y', 'on'].includes(word)) return true;
	if (['0', 'false', 'no', 'n', 'off'].includes(word)) return false;
	return null;
}

/** The consents a platform stated, without those it left unsaid. */
export function consents(entries: Record<string, unknown>): Record<string, boolean> {
	const stated: Record<string, boolean> = {};
	for (const [name, value] of Object.entries(entries)) {
		const said = flag(value);
		if (said !== null) stated[name] = said;
	}
	return stated;
}

/**
 * A birthday as YYYY-MM-DD from `YYYY-MM-DD`, an ISO date-time, or `DD/MM/YYYY` (the European way
 * platforms store form input); null when it is none of these or not a real date.
 */
export function birthday(value: unknown): string | null {
	const raw = text(value);
	if (!raw) return null;
	let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(raw);
	let parts: [string, string, string] | undefined = match
		? [match[1], match[2], match[3]]
		: undefined;
	if (!parts) {
		match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
		if (match) parts = [match[3], match[2].padStart(2, '0'), match[1].padStart(2, '0')];
	}
	if (!parts) return null;
	const [year, month, day] = parts.map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	const real =
		year > 1900 &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day;
	return real ? parts.join('-') : null;
}

/** female / male / other from the words and letters platforms use; null when it says nothing. */
export function gender(value: unknown): ContactGender | null {
	const word = text(value)?.toLowerCase();
	if (!word) return null;
	if (['f', 'female', 'femme', 'woman', 'w', 'mme', 'madame', 'donna', 'mujer'].includes(word))
		return 'female';
	if (['m', 'male', 'homme', 'man', 'h', 'mr', 'monsieur', 'uomo', 'hombre'].includes(word))
		return 'male';
	if (['other', 'autre', 'x', 'non-binary', 'nonbinary', 'altro', 'otro'].includes(word))
		return 'other';
	return null;
}

/** `YYYY-MM-DDTHH:MM:SS` with Z or an offset, from an ISO-8601 value; null when it is not one. */
export function isoDateTime(value: unknown): string | null {
	const raw = text(value);
	if (!raw || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(raw))
		return null;
	return Number.isNaN(Date.parse(raw)) ? null : raw;
}
