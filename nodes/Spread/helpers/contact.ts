/**
 * SPREAD's persons in the one contact shape of nodes/shared/contact/contact.ts: a customer, a cagnotte line
 * (points moved for a customer), a participation in a campaign and a sponsorship. Pure functions over
 * SPREAD's records as it sends them (numbers as strings, dates as the account's wall clock), or as
 * the node shapes them (numbers, ISO dates): both read the same. What they read that no public source
 * states is named in the transport, marked ASSUMED.
 *
 * Only a customer record carries the person's details; a cagnotte line, a participation and a
 * sponsorship name the person by SPREAD's customer ID, which the contact keeps as
 * `customFields.customerId` (Customer → Get reads the rest). A sponsorship's person is the referee
 * (`godsonId`): the one the referral brought in; the referrer's ID is `customFields.godfatherId`.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	birthday,
	consents,
	contactOf,
	flag,
	gender,
	isoDateTime,
	number,
	text,
	type Contact,
	type ContactPoints,
	type ContactPrize,
	type ContactSource,
} from '../../shared/contact/contact';
import { country } from '../../shared/contact/country';
import { CUSTOMER_OPT_IN_FIELD } from '../transport';
import { spreadDateToIso } from './dates';

export interface SpreadContactOptions {
	/** The account's time zone (the credential's), in which SPREAD writes its dates. */
	timeZone: string;
}

/** The records the contact output reads, by the name the trigger and the operations use. */
export type SpreadPersonRecord = 'customer' | 'cagnotteLine' | 'participation' | 'sponsorship';

const object = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

/**
 * SPREAD's `2019-07-10 08:30:04` in the account's zone, or ISO-8601 with an offset (as SPREAD may send
 * it, or as the node shaped it), with the zone's offset; else null.
 */
function dateOf(value: unknown, timeZone: string): string | null {
	const raw = text(value);
	if (!raw) return null;
	// 0000-00-00 00:00:00 is SPREAD's "no date": spreadDateToIso leaves it, isoDateTime refuses it.
	return isoDateTime(spreadDateToIso(raw, timeZone));
}

function sourceOf(
	record: IDataObject,
	idField: string,
	dateField: string,
	options: SpreadContactOptions,
): ContactSource {
	const campaignId = text(record.campaignId);
	return {
		platform: 'spread',
		product: campaignId ? { id: campaignId, title: null } : null,
		recordId: text(record[idField]),
		createdAt: dateOf(record[dateField], options.timeZone),
	};
}

/** The named IDs that have a value. */
function ids(fields: Record<string, unknown>): Record<string, string> {
	const present: Record<string, string> = {};
	for (const [name, value] of Object.entries(fields)) {
		const id = text(value);
		if (id !== null) present[name] = id;
	}
	return present;
}

/** A customer: the person's details, its opt-in, its cagnotte balance and its custom fields. */
export function customerToContact(customer: IDataObject, options: SpreadContactOptions): Contact {
	const balance = number(customer.cagnotteAmount);
	const customFields: Record<string, unknown> = {};
	// An empty PHP map comes as [], which object() leaves out.
	for (const [name, value] of Object.entries(object(customer.custom_fields) ?? {})) {
		customFields[name] = typeof value === 'string' ? text(value) : (value ?? null);
	}
	return contactOf({
		email: text(customer.email),
		// One phone: the landline when SPREAD has one, else the mobile.
		phone: text(customer.phone) ?? text(customer.mobile),
		firstName: text(customer.firstName),
		lastName: text(customer.lastName),
		birthday: birthday(customer.birthday),
		gender: gender(customer.gender),
		address: text(customer.address),
		zip: text(customer.zip),
		city: text(customer.city),
		country: country(customer.country),
		language: text(customer.lang),
		consents: consents({ newsletter: customer[CUSTOMER_OPT_IN_FIELD] }),
		points: balance === null ? null : { balance, change: null },
		customFields,
		source: { ...sourceOf(customer, 'id', 'createdAt', options), product: null },
	});
}

/**
 * A cagnotte line: the points it moved, and the balance after it when the points reply's `customer`
 * is given. `email` is the address the points were moved for (Add or Remove Points by email): SPREAD
 * found the customer by it, and its reply does not repeat it.
 */
export function cagnotteLineToContact(
	line: IDataObject,
	options: SpreadContactOptions & { customer?: IDataObject; email?: string },
): Contact {
	const customer = options.customer;
	const points: ContactPoints = {
		balance: customer ? number(customer.cagnotteAmount) : null,
		change: number(line.amount),
	};
	return contactOf({
		email: text(options.email),
		points,
		customFields: ids({ customerId: line.customerId ?? customer?.id }),
		source: sourceOf(line, 'cagnotteLineId', 'cagnotteLineDate', options),
	});
}

/** A participation: whether it won, and the customer who took part. */
export function participationToContact(
	participation: IDataObject,
	options: SpreadContactOptions,
): Contact {
	const won = flag(participation.isWinner);
	const prize: ContactPrize | null = won === null ? null : { won, title: null, code: null };
	return contactOf({
		prize,
		customFields: ids({ customerId: participation.customerId }),
		source: sourceOf(participation, 'id', 'createdAt', options),
	});
}

/** A sponsorship: the referee is the person; the referrer's ID stays beside it. */
export function sponsorshipToContact(
	sponsorship: IDataObject,
	options: SpreadContactOptions,
): Contact {
	return contactOf({
		customFields: ids({ customerId: sponsorship.godsonId, godfatherId: sponsorship.godfatherId }),
		source: sourceOf(sponsorship, 'id', 'createdAt', options),
	});
}

/**
 * A webhook's payload (its shape ASSUMED, see webhook.ts): the `customer` it carries, with the points
 * of a `cagnotte` line beside it when there is one. A payload without a customer gives a contact with
 * only what it says (a participation's result, a cagnotte line's points).
 */
export function webhookToContact(payload: IDataObject, options: SpreadContactOptions): Contact {
	const customer = object(payload.customer);
	const line = object(payload.cagnotte);
	const participation = object(payload.participation);
	if (!customer) {
		if (line) return cagnotteLineToContact(line, options);
		if (participation) return participationToContact(participation, options);
		return contactOf({ source: sourceOf(payload, 'id', 'createdAt', options) });
	}
	const contact = customerToContact(customer, options);
	if (line) {
		contact.points = { balance: number(customer.cagnotteAmount), change: number(line.amount) };
		contact.source = sourceOf(line, 'cagnotteLineId', 'cagnotteLineDate', options);
	} else if (participation) {
		contact.prize = participationToContact(participation, options).prize;
		contact.source = sourceOf(participation, 'id', 'createdAt', options);
	}
	return contact;
}

/** The contact of a record of `kind`. */
export function spreadContact(
	kind: SpreadPersonRecord,
	record: IDataObject,
	options: SpreadContactOptions,
): Contact {
	switch (kind) {
		case 'customer':
			return customerToContact(record, options);
		case 'cagnotteLine':
			return cagnotteLineToContact(record, options);
		case 'participation':
			return participationToContact(record, options);
		case 'sponsorship':
			return sponsorshipToContact(record, options);
	}
}
