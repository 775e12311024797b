/**
 * Leevia's persons in the one contact shape of nodes/shared/contact/contact.ts: an exported participant
 * (Participant → Get Many, the trigger) and the reply to a registration (Participant → Register). Pure
 * functions over the document's shapes (leevia-api-v1.txt): the export lists each participant's fields
 * flat, `rules` / `newsletter` / `pseudoanonymized` as "true" / "false"; a registration sends
 * `acceptances` and `custom_data` objects, and either may also appear in a record, so both are read.
 *
 * | Leevia                                         | contact                             |
 * |------------------------------------------------|-------------------------------------|
 * | email                                          | email (trimmed, lower-cased)        |
 * | phone, else custom_data.phone (a number)       | phone                               |
 * | first_name, last_name                          | firstName, lastName                 |
 * | date_of_birth                                  | birthday                            |
 * | gender M / F                                   | gender male / female                |
 * | city, zip_code                                 | city, zip                           |
 * | language                                       | language                            |
 * | rules, newsletter, acceptances {id: boolean}   | consents (same names)               |
 * | is_winner (or the winner export), prize_title, coupon_code | prize {won, title, code} |
 * | province, occupation, custom fields            | customFields (by identifier)        |
 * | campaign_id, else the product read             | source.product.id                   |
 * | id, created_at                                 | source.recordId, source.createdAt   |
 * | pseudoanonymized "true"                        | anonymized true, no personal value  |
 * | (nothing: no address, no country)              | null                                |
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
	type ContactPrize,
} from '../../shared/contact/contact';

/** [doc] The person's own fields of a participant, with their contact keys. */
const PERSON_FIELDS = [
	'email',
	'phone',
	'first_name',
	'last_name',
	'language',
	'gender',
	'date_of_birth',
	'city',
	'zip_code',
];
/** [doc] The default acceptances; custom ones come inside `acceptances`. */
const CONSENT_FIELDS = ['rules', 'newsletter'];
/** [doc] Fields about the record, not the person: the registration reply's and the export's. */
const RECORD_FIELDS = [
	'id',
	'created_at',
	'pseudoanonymized',
	'campaign_id',
	'is_winner',
	'coupon_code',
	'prize_id',
	'prize_title',
	'prize_image_url',
	'registration_ip',
	'acceptances',
	'custom_data',
];

const object = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

function valueOf(value: unknown): unknown {
	if (typeof value === 'string') return text(value);
	return value ?? null;
}

/** A field from the record's top level, else from its `custom_data` (pre-configured fields). */
function field(record: IDataObject, customData: IDataObject, name: string): unknown {
	return text(record[name]) !== null ? record[name] : customData[name];
}

/** The prize the record states: `is_winner` alone says whether it was won (a prize is associated anyway). */
function prizeOf(record: IDataObject, winner: boolean): ContactPrize | null {
	const won = winner || flag(record.is_winner);
	if (won === null) return null;
	return { won, title: text(record.prize_title), code: text(record.coupon_code) };
}

/** Every field that is neither the person's, a consent, nor about the record, by its identifier. */
function customFieldsOf(record: IDataObject, customData: IDataObject): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	const known = [...PERSON_FIELDS, ...CONSENT_FIELDS, ...RECORD_FIELDS];
	for (const source of [customData, record]) {
		for (const [name, value] of Object.entries(source)) {
			if (!known.includes(name)) fields[name] = valueOf(value);
		}
	}
	return fields;
}

function toContact(
	record: IDataObject,
	productId: unknown,
	options: { winner?: boolean } = {},
): Contact {
	const customData = object(record.custom_data) ?? {};
	const source = {
		platform: 'leevia' as const,
		product: text(productId) === null ? null : { id: text(productId), title: null },
		recordId: text(record.id),
		createdAt: isoDateTime(record.created_at),
	};
	const stated = consents({
		...Object.fromEntries(CONSENT_FIELDS.map((name) => [name, record[name]])),
		...(object(record.acceptances) ?? {}),
	});
	const prize = prizeOf(record, options.winner === true);
	return contactOf({
		email: text(record.email),
		phone: text(field(record, customData, 'phone')),
		firstName: text(record.first_name),
		lastName: text(record.last_name),
		birthday: birthday(field(record, customData, 'date_of_birth')),
		gender: gender(field(record, customData, 'gender')),
		zip: text(field(record, customData, 'zip_code')),
		city: text(field(record, customData, 'city')),
		language: text(record.language),
		consents: stated,
		prize,
		customFields: customFieldsOf(record, customData),
		source,
		// [doc] An anonymised participant's personal data is masked: contactOf keeps none of it.
		anonymized: flag(record.pseudoanonymized) === true,
	});
}

/**
 * An exported participant of product `productId` (a contest, a WhatsApp campaign or a loyalty
 * portal). `winner`: the record comes from the winner export (`type=winner`), so it won a prize,
 * though the export does not say so in the record.
 */
export function participantToContact(
	participant: IDataObject,
	productId: string | number | null,
	options: { winner?: boolean } = {},
): Contact {
	return toContact(participant, participant.campaign_id ?? productId, options);
}

/**
 * The reply to Participant → Register (`{id, email, created_at, campaign_id, is_winner, coupon_code,
 * prize_title, ...}`), completed with what was sent and Leevia accepted (`sent`: first_name,
 * last_name, phone, acceptances, custom_data). The reply's own fields win; `campaignId`, the contest
 * registered in, stands in should the reply not name it.
 */
export function registrationToContact(
	reply: IDataObject,
	sent: IDataObject = {},
	campaignId: string | null = null,
): Contact {
	return toContact({ ...sent, ...reply }, reply.campaign_id ?? campaignId);
}
