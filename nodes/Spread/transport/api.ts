/**
 * SPREAD's API as its documents give it: URLs, envelopes, wire names, bodies and paging.
 * Sources: the cagnotte document (spread-cagnottes-api.txt, "[doc]", in French) and API-NOTES.md, which
 * quotes SPREAD's help centre and its e-commerce module ("[src]"). What no public source states is
 * marked ASSUMED: each is one line to fix against the live API. Basic authentication and the time zone
 * live in the credential; API v1's form writes (field names, `request[...]`, replies) in v1.ts.
 *
 * ASSUMED, read where the document is silent:
 * - `count` is the number of records on this page (not the list's total); a page shorter than the page
 *   size asked for, or empty, is the last one, whatever `nextPageUrl` says ([doc]'s own example carries
 *   a `nextPageUrl` on a page that holds the whole list).
 * - The other v2 lists take the cagnottes' filters and `startAt`, and their page size as `maxResult`
 *   (sponsorships: `maxResults` [src]); a page size above 5,000 is never sent ([doc] caps cagnottes).
 * - Dates in filters are sent as `YYYY-MM-DD HH:MM:SS` in the account's time zone, as dates come back.
 * - `createdAfter` on cagnotte lines compares `cagnotteLineDate`; on the other lists `createdAt`.
 * - Error bodies: JSON with the words in `message` or `error` (a string or `{message}`); see errors.ts.
 */
import type { IDataObject } from 'n8n-workflow';

/** [doc] The API's root; v2 lives under /v2, the v1 writes at the root [src]. */
export const SPREAD_BASE_URL = 'https://social-sb.com/api';

/** ASSUMED: the platform's dates are wall-clock times of the account, which is French by default. */
export const SPREAD_TIME_ZONE = 'Europe/Paris';

/**
 * ASSUMED: [doc] gives the dates of cagnotte lines only, as the account's wall clock
 * (`2019-08-29 13:36:52`); [src] names the customers' `createdAt` and `updatedAt` (and the other
 * records' dates) without their format. They are read in that format or, as here, in ISO-8601 with an
 * offset or Z (`2024-03-01T13:05:00Z`, `2024-03-01T14:05:00.250+01:00`).
 */
export const ISO_DATE_TIME_WITH_OFFSET =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i;

/** [doc] maxResult is at most 5000; we ask for full pages, the fewest requests an export can take. */
export const SPREAD_MAX_PAGE_SIZE = 5000;

const segment = (value: string | number) => encodeURIComponent(String(value));

/** Every path, relative to the credential's base URL (…/api). */
export const paths = {
	/** [doc] POST adds a cagnotte line; GET lists them. The document writes it with a final slash. */
	cagnottes: () => '/v2/cagnottes/',
	/** [src] The other v2 reads. */
	customers: () => '/v2/customers',
	customer: (id: string) => `/v2/customers/${segment(id)}`,
	campaigns: () => '/v2/campaigns',
	campaign: (id: string) => `/v2/campaigns/${segment(id)}`,
	participations: () => '/v2/participations',
	participation: (id: string) => `/v2/participations/${segment(id)}`,
	sponsorships: () => '/v2/sponsorships',
	orders: () => '/v2/orders',
	/** ASSUMED: the path takes the shop's order reference (the record's `orderId`), as its name says. */
	order: (orderId: string) => `/v2/orders/${segment(orderId)}`,
	/** [src] API v1: form-encoded `data[...]` writes. */
	createAccount: () => '/CreateAccount',
	updateAccount: () => '/UpdateAccount',
	createOrder: () => '/CreateOrder',
	updateOrder: () => '/UpdateOrder',
};

/** [src] The key of a list reply's records: the path's last segment (`{cagnottes: [...]}`). */
export function envelopeKey(path: string): string {
	const parts = path.split('/').filter(Boolean);
	return parts[parts.length - 1] ?? '';
}

/** [doc] `maxResult` on cagnottes; [src] `maxResults` on sponsorships; ASSUMED `maxResult` elsewhere. */
export function pageSizeName(path: string): string {
	return envelopeKey(path) === 'sponsorships' ? 'maxResults' : 'maxResult';
}

/** [doc] The cagnottes' filters, with the document's spellings (`createBefore`, sic). */
export const FILTER_NAMES = {
	createdAfter: 'createdAfter',
	createdBefore: 'createBefore',
	modifiedAfter: 'modifiedAfter',
	modifiedBefore: 'modifiedBefore',
	customerId: 'customerId',
	cagnotteId: 'cagnotteId',
	campaignId: 'campaignId',
	minAmount: 'minAmount',
	maxAmount: 'maxAmount',
	amount: 'amount',
} as const;
export type FilterName = keyof typeof FILTER_NAMES;

/**
 * The field each list's `modifiedAfter` compares, for the trigger's "new or updated" events.
 * [doc] names `modifiedAfter` on cagnotte lines without saying which date it reads; [src] a customer
 * carries `updatedAt`. ASSUMED: on customers it compares `updatedAt`; on cagnotte lines a line is
 * modified when it is validated, so it compares `cagnotteLineValidationDate`, which is empty (or
 * SPREAD's "no date", 0000-00-00 00:00:00) on a line not validated yet.
 */
export const MODIFIED_KEYS: Record<string, { date: string; id: string; waitsWithoutDate?: true }> =
	{
		cagnottes: { date: 'cagnotteLineValidationDate', id: 'cagnotteLineId', waitsWithoutDate: true },
		customers: { date: 'updatedAt', id: 'id' },
	};

/** The field each list's `createdAfter` compares, and each record's own id, for the trigger. */
export const RECORD_KEYS: Record<string, { date: string; id: string }> = {
	cagnottes: { date: 'cagnotteLineDate', id: 'cagnotteLineId' },
	customers: { date: 'createdAt', id: 'id' },
	participations: { date: 'createdAt', id: 'id' },
	sponsorships: { date: 'createdAt', id: 'id' },
	orders: { date: 'createdAt', id: 'id' },
};

/**
 * Fields that hold amounts, balances and counts, sent as strings ([doc]: "amount": "5"); ids stay
 * strings. ASSUMED for the fields of the other reads [src lists their names, not their types].
 */
export const NUMBER_FIELDS = ['amount', 'cagnotteAmount', 'actionCount', 'count'];

/** The customer of a points operation: by email or by SPREAD's id. */
export type CustomerKey = { email: string } | { customerId: string };

/** Request bodies and v1 form fields. */
export const bodies = {
	/**
	 * [doc] The example's body, which the document's text contradicts ("contact", "cagnotteAmount"):
	 * `{customer: {email}, cagnotte: {amount}}`. ASSUMED: a customer given by SPREAD's id goes as
	 * `customer.id`, the name the reply gives it. Removing points sends a negative amount [src].
	 */
	cagnotteLine: (customer: CustomerKey, amount: number): IDataObject => ({
		customer: 'email' in customer ? { email: customer.email } : { id: customer.customerId },
		cagnotte: { amount },
	}),
};

/**
 * How the contact output (helpers/contact.ts) reads SPREAD's persons. [src] A customer carries
 * firstName, lastName, email, phone, mobile, address, zip, city, country, lang, birthday, gender,
 * cagnotteAmount, custom_fields, createdAt; a participation customerId, campaignId, isWinner; a
 * sponsorship godfatherId (referrer) and godsonId (referee). [doc] A cagnotte line carries customerId,
 * campaignId, amount, cagnotteLineDate; the points reply adds `customer: {id, cagnotteAmount}`.
 * ASSUMED, each one line to fix:
 * - `gender` is the letter of GENDER_VALUES; `birthday` a date (`YYYY-MM-DD`, perhaps with a time).
 * - the customer's marketing opt-in comes back as `isOptin`, with the values v1 takes (OPT_IN_VALUES:
 *   1 yes, 0 no, -1 not asked: no consent stated).
 * - `isWinner` "1" / "0" says whether the participation won.
 * - the points reply's `cagnotteAmount` is the balance after the line it added.
 */
export const CUSTOMER_OPT_IN_FIELD = 'isOptin';

/** What a customer lookup looks for: an email or an external ID. */
export type CustomerLookup = { email: string } | { externalId: string };

/**
 * Whether a customer record (`GET /customers` [src]: `email`, `externalId`) is the one looked for.
 * [doc]/[src] document no search on customers: a lookup reads the list. ASSUMED: emails compare
 * without case (the points POST and CreateAccount find a customer by email); external IDs exactly;
 * both are unique in an account (UpdateAccount finds a customer by either), so a lookup stops at the
 * first customer that matches.
 */
export function customerMatches(record: IDataObject, lookup: CustomerLookup): boolean {
	if ('email' in lookup)
		return (
			typeof record.email === 'string' &&
			record.email.trim().toLowerCase() === lookup.email.trim().toLowerCase()
		);
	const externalId = record.externalId;
	return (
		(typeof externalId === 'string' || typeof externalId === 'number') &&
		String(externalId).trim() === lookup.externalId
	);
}

/**
 * ASSUMED: a read of one record answers the record itself, or wraps it under its singular name
 * (`{customer: {...}}`) or as the only entry of the list's envelope; each is unwrapped.
 */
export function unwrapOne(path: string, reply: IDataObject): IDataObject {
	const parts = path.split('/').filter(Boolean);
	const plural = parts[parts.length - 2] ?? '';
	const singular = plural.replace(/s$/, '');
	if (reply[singular] && typeof reply[singular] === 'object' && !Array.isArray(reply[singular]))
		return reply[singular] as IDataObject;
	const list = reply[plural];
	if (Array.isArray(list) && list.length === 1) return list[0] as IDataObject;
	return reply;
}

/** [doc] `startAt` of the reply's `nextPageUrl`, read, not followed: its scheme may be http. */
export function nextStartAt(response: IDataObject): number | undefined {
	const next = response.nextPageUrl;
	if (typeof next !== 'string' || !next) return undefined;
	try {
		const startAt = Number(new URL(next, 'https://spread.invalid').searchParams.get('startAt'));
		return Number.isInteger(startAt) && startAt >= 0 ? startAt : undefined;
	} catch {
		return undefined;
	}
}
