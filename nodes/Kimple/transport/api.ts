/**
 * Kimple's API as its documents give it: URLs, wire names, list options and the reply envelope.
 * Sources: Kimple's "API V2" help article ("[doc]") and API-NOTES.md. The article lists the sections,
 * their fields and the list options (page index, limit, order, search) but no paths: every fact it
 * leaves open is marked ASSUMED here, one line to fix against the live Swagger (`/api/doc_client`).
 * The two auth headers live in the credential (credentials/KimpleApi.credentials.ts), where n8n
 * applies them.
 */
import type { IDataObject } from 'n8n-workflow';

/** [doc] The API lives here (its test UI is at `/api/doc_client`); the credential's Base URL defaults to it. */
export const KIMPLE_BASE_URL = 'https://apiv2.kimpleapp.com/api';

/** [doc] The sections of the API, by the node's resource names. */
export const SECTIONS = {
	client: 'client',
	contest: 'contest',
	contestEntry: 'contest_entry',
	campaign: 'campaign',
	contestParticipation: 'contest_participation',
} as const;
export type KimpleResource = keyof typeof SECTIONS;

const segment = (value: string | number) => encodeURIComponent(String(value));

/**
 * ASSUMED (Kimple's other API routes lists as `/<section>/list`): a section's list is
 * `GET /{section}/list`, one record `GET /{section}/{id}`, where the id is the numeric `id` or the
 * record's hash id.
 */
export const paths = {
	list: (resource: KimpleResource) => `/${SECTIONS[resource]}/list`,
	record: (resource: KimpleResource, id: string) => `/${SECTIONS[resource]}/${segment(id)}`,
};

/**
 * [doc] Records carry a hash id beside the numeric id: `hash_id` on a contest, `contest_entry_hash_id`
 * on an entry. ASSUMED for the other sections: clients and campaigns `hash_id`, participations
 * `contest_participation_hash_id`. The document's examples mask numeric ids as 0, so the node
 * identifies records by these.
 */
export const HASH_ID_FIELDS: Record<KimpleResource, string> = {
	client: 'hash_id',
	contest: 'hash_id',
	contestEntry: 'contest_entry_hash_id',
	campaign: 'hash_id',
	contestParticipation: 'contest_participation_hash_id',
};

/**
 * [doc] An entry names its contest by `contest_hash_id`. ASSUMED: participations and campaigns do
 * too, and the list's search can filter on it, which is how a list is scoped to one contest.
 */
export const CONTEST_FIELD = 'contest_hash_id';

/** [doc] Every record's creation date, `YYYY-MM-DD HH:MM:SS` without a zone. */
export const CREATED_AT_FIELD = 'created_at';

/**
 * ASSUMED (Kimple is French; the document writes its dates without an offset): dates are wall-clock
 * times of Paris. The contact output turns them into ISO-8601 with the offset of this zone.
 */
export const KIMPLE_TIME_ZONE = 'Europe/Paris';

/**
 * How the contact output (helpers/contact.ts) reads Kimple's persons. [doc] An entry carries email,
 * firstname, lastname, gender, birthday, address, zipcode, city, country and phone; a participation
 * its form (first name, last name, email, address, city, postal code, optin …) and its gift (title,
 * description, unique code); a contest carries `is_anonymized`. ASSUMED, each one line to fix:
 * - `gender` is a number: 1 male, 2 female; 0 (the document's example) and anything else unknown.
 * - the participation's form is `form: {firstname, lastname, email, address, city, zipcode, optin}`
 *   (helpers/participation.ts reads the same shape); `optin` 1 / 0 is the newsletter consent; other
 *   keys of the form are the contest's own fields.
 * - a participation with a `gift` won it; one without says nothing about winning (a draw may come later).
 * - `is_anonymized` is read on an entry or a participation only where the record carries it (the
 *   document shows it on contests only); otherwise the contact says not anonymised.
 */
export const KIMPLE_GENDERS: Record<string, 'female' | 'male'> = { '1': 'male', '2': 'female' };
export const KIMPLE_FORM_FIELD = 'form';
export const KIMPLE_OPT_IN_FIELD = 'optin';
export const KIMPLE_GIFT_FIELD = 'gift';
export const KIMPLE_ANONYMIZED_FIELD = 'is_anonymized';

/** [doc] "Page index" and "results limits". ASSUMED: named `page` (counting from 1) and `limit`. */
export const FIRST_PAGE = 1;
/** ASSUMED: a page holds at most 100 records. */
export const MAX_PAGE_SIZE = 100;

/**
 * [doc] `order=firstname asc`. ASSUMED: several sort keys are joined by a comma
 * (`order=lastname desc,firstname asc`).
 */
export const ORDER_SEPARATOR = ',';

/**
 * [doc] `search=email~='cassiop.com'`: a field, an operator and a quoted value; `~=` means contains.
 * ASSUMED: `=` equals, `>` and `<` compare; a quote inside a value is doubled; several conditions
 * are joined by ` AND `. The whole expression is URL-encoded once, as any query parameter.
 */
export const SEARCH_OPERATORS = {
	contains: '~=',
	equals: '=',
	greaterThan: '>',
	lessThan: '<',
} as const;
export type SearchOperator = keyof typeof SEARCH_OPERATORS;
export const SEARCH_JOIN = ' AND ';

/**
 * ASSUMED: a new record shows in the lists within this many seconds of its `created_at`. The trigger
 * reads again this far back from the newest record it emitted, so a late one is not missed.
 */
export const LIST_DELAY_SECONDS = 60;

/** [doc] A list reply is `{data: [...]}`; it has no next link and no total. */
export function listItems(reply: IDataObject | IDataObject[]): IDataObject[] {
	if (Array.isArray(reply)) return reply;
	return Array.isArray(reply.data) ? (reply.data as IDataObject[]) : [];
}

/**
 * [doc] One record is the bare object. ASSUMED tolerance: a record wrapped as `{data: {...}}`, as
 * lists wrap theirs, is unwrapped.
 */
export function recordOf(reply: IDataObject): IDataObject {
	const data = reply.data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : reply;
}
