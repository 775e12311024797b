/**
 * A local Kimple API v2, as kimple-api-v2.txt and the Kimple part of API-NOTES.md describe it: the
 * sections client, contest, contest_entry, campaign and contest_participation; lists that take a page
 * index, `limit`, `order` (`firstname asc`) and `search` (`email~='cassiop.com'`) and answer
 * `{data: [...]}`; the document's contest and contest-entry objects, served verbatim.
 *
 * ASSUMED — not in the document; the node (nodes/Kimple/transport) is written against the same reading,
 * so fix both together against the live API:
 * - Everything under `/api`; the key pair travels in `X-Api-Key` and `X-Api-Secret` (401 when missing
 *   or wrong, 403 for a revoked pair); error bodies are `{code, message}`. A test can make the
 *   simulator expect two other header names (`authHeaders`, `expectAuthHeaders`): then only those
 *   carry the pair, and the default names get 401 like any missing header.
 * - `GET /api/{section}/list?page=&limit=&order=&search=`: `page` from 1, `limit` 1..100 (default 20),
 *   no next link and no total; a page past the end is `{data: []}`.
 * - `order`: `field direction` parts joined by commas, direction asc (default) or desc; default order
 *   `id` then the hash id. Ties always fall back to insertion order, so pages never overlap or skip.
 * - `search`: conditions `field` operator `'value'` joined by ` AND `; operators `~=` (contains, any
 *   case), `=` (equals, case-sensitive; numbers by value), `>` and `<` (numbers by value, else text
 *   order); a quote in a value is doubled. Only top-level scalar fields can be searched or sorted.
 * - `GET /api/{section}/{id}`: the bare record, by numeric `id` or by hash id; with `maskIds` (the
 *   document's examples show `id` and `client_id` as 0) only the hash id finds it.
 * - Hash-id fields (KIMPLE_HASH_ID_FIELDS), the client, campaign and participation shapes, `game_type`
 *   on generated contests, and a rate limit (off unless `rateLimit` is set): 429 with Retry-After.
 *
 * One file, like easypromos.ts: the document's objects, the two grammars, the server and a seeded
 * generator of believable data belong together, and a test reads them side by side.
 */
import { SimulatorServer, mulberry32, type SimReply, type SimRequest } from './http-server';

export const KIMPLE_SECTIONS = [
	'client',
	'contest',
	'contest_entry',
	'campaign',
	'contest_participation',
] as const;
export type KimpleSection = (typeof KIMPLE_SECTIONS)[number];

export const KIMPLE_GAME_TYPES = ['photo', 'purchase', 'quiz', 'instant_win'] as const;
export type KimpleGameType = (typeof KIMPLE_GAME_TYPES)[number];

/** The field that holds each section's hash id. */
export const KIMPLE_HASH_ID_FIELDS: Record<KimpleSection, string> = {
	client: 'hash_id',
	contest: 'hash_id',
	contest_entry: 'contest_entry_hash_id',
	campaign: 'hash_id',
	contest_participation: 'contest_participation_hash_id',
};

/** The words of each section's 404 message, e.g. "Contest entry not found". */
const RECORD_NAMES: Record<KimpleSection, string> = {
	client: 'Client',
	contest: 'Contest',
	contest_entry: 'Contest entry',
	campaign: 'Campaign',
	contest_participation: 'Contest participation',
};

export const KIMPLE_DEFAULT_LIMIT = 20;
export const KIMPLE_MAX_LIMIT = 100;
export const KIMPLE_LIMIT_MESSAGE = `limit must be between 1 and ${KIMPLE_MAX_LIMIT}`;

// ---- records ----

export type KimpleClient = {
	id: number;
	hash_id: string;
	name: string;
	city: string;
	subscription_id: number;
	created_at: string;
	updated_at: string;
};

/**
 * The document's contest object, field for field; generated contests add `game_type`. (Records are
 * types, not interfaces, so that n8n's IDataObject accepts them.)
 */
export type KimpleContest = {
	id: number;
	hash_id: string;
	version: number;
	state: number;
	activity_area: number;
	year_highlight: number;
	analytics_id: string;
	analytics_script: string;
	api_callback_uri: string | null;
	confirm_opt_in_desktop_image_id: number | null;
	confirm_opt_in_mobile_image_id: number | null;
	confirm_opt_in_text: string | null;
	background_color: string;
	client_title: string;
	custom_css: string;
	custom_js: string;
	title: string;
	description: string;
	height_desktop: number;
	height_facebook: number;
	height_mobile: number;
	hide_from_inspiration: boolean;
	template: number;
	width_desktop: number;
	width_facebook: number;
	width_mobile: number;
	is_anonymized: number;
	is_maintenance_mode: number;
	finish_at: string | null;
	last_updated_at: string | null;
	no_end_at: number;
	published_at: string | null;
	start_at: string | null;
	last_activities_update: string | null;
	client_id: number;
	client_hash_id: string;
	client_name: string;
	contest_stats_id: number;
	contest_stats_hash_id: string;
	content_link: string | null;
	locale: string;
	created_at: string;
	updated_at: string;
	game_type?: KimpleGameType;
};

/** The document's contest-entry object, field for field. */
export type KimpleContestEntry = {
	id: number;
	contest_entry_hash_id: string;
	email: string;
	firstname: string;
	lastname: string;
	gender: number;
	birthday: string | null;
	address: string;
	zipcode: string;
	city: string;
	country: string;
	score: string;
	contest_hash_id: string;
	last_play_at: string | null;
	last_attempt_at: string | null;
	last_submit_form_at: string | null;
	on_facebook: boolean;
	facebook_id: number;
	instagram_id: number;
	on_web: boolean;
	on_mobile: boolean;
	is_suspect: boolean;
	is_cheater: boolean;
	total_invite: number;
	total_share: number;
	total_play: number;
	total_attempt: number;
	total_facebook_like: number;
	total_google_plus_share: number;
	total_mail_received: number;
	total_mail_sent: number;
	total_pinterest_follow: number;
	total_submit_form: number;
	total_twitter_follow: number;
	total_twitter_retweet: number;
	total_twitter_share: number;
	total_youtube_follow: number;
	last_ip: string;
	phone: string;
	created_at: string;
	updated_at: string;
};

export type KimpleCampaign = {
	id: number;
	hash_id: string;
	title: string;
	contest_id: number;
	contest_hash_id: string;
	statistics: {
		open_rate: number;
		bounce_rate: number;
		click_rate: number;
		emails_sent: number;
		emails_opened: number;
	};
	created_at: string;
	updated_at: string;
};

export type KimplePhotoGameData = {
	photo: { link: string; title: string; description: string; vote: 1 | null };
};

export type KimplePurchaseGameData = {
	access_codes: string[];
	purchase_proofs: string[];
	sogec: {
		participation_id: number;
		validation_status: 'validated' | 'pending' | 'refused';
		comment: string;
		returned_at: string | null;
	} | null;
};

export type KimpleQuizGameData = {
	quiz: {
		answers: Array<{ question: string; answer: string; is_good: 1 | 0 }>;
		score: string;
		time_spend: number;
	};
};

export type KimpleGameData =
	| KimplePhotoGameData
	| KimplePurchaseGameData
	| KimpleQuizGameData
	| Record<string, never>;

export type KimpleParticipation = {
	id: number;
	contest_participation_hash_id: string;
	contest_hash_id: string;
	contest_entry_hash_id: string;
	game_type: KimpleGameType;
	form: {
		firstname: string;
		lastname: string;
		email: string;
		address: string;
		city: string;
		zipcode: string;
		optin: 0 | 1;
	};
	ip: string;
	device: 'mobile' | 'desktop';
	browser: string;
	gift: { title: string; description: string; unique_code: string } | null;
	game_data: KimpleGameData;
	created_at: string;
	updated_at: string;
};

/** [doc] The contest object of the document's first "Result", exactly as printed. */
export const DOCUMENTED_CONTEST: KimpleContest = {
	id: 0,
	hash_id: '78HY9n',
	version: 1,
	state: 0,
	activity_area: 6,
	year_highlight: 0,
	analytics_id: '',
	analytics_script: '',
	api_callback_uri: null,
	confirm_opt_in_desktop_image_id: null,
	confirm_opt_in_mobile_image_id: null,
	confirm_opt_in_text: null,
	background_color: '',
	client_title: '',
	custom_css: '',
	custom_js: '',
	title: '',
	description: 'wdxc',
	height_desktop: 900,
	height_facebook: 1000,
	height_mobile: 1200,
	hide_from_inspiration: false,
	template: 33,
	width_desktop: 1000,
	width_facebook: 810,
	width_mobile: 320,
	is_anonymized: 0,
	is_maintenance_mode: 0,
	finish_at: '2019-08-15 14:47:00',
	last_updated_at: '2019-08-15 14:56:02',
	no_end_at: 0,
	published_at: '2019-07-16 14:55:40',
	start_at: '2019-07-16 14:47:00',
	last_activities_update: null,
	client_id: 0,
	client_hash_id: '',
	client_name: '0',
	contest_stats_id: 12939,
	contest_stats_hash_id: 'eeOvCDZ',
	content_link: null,
	locale: 'fr',
	created_at: '2019-07-16 14:48:06',
	updated_at: '2019-08-22 14:47:01',
};

/** [doc] The contest entry of the document's list reply, exactly as printed. */
export const DOCUMENTED_ENTRY: KimpleContestEntry = {
	id: 0,
	contest_entry_hash_id: 'QKr1mkPcJb',
	email: 'kimple@kimpleapp.com',
	firstname: '',
	lastname: '',
	gender: 0,
	birthday: null,
	address: '',
	zipcode: '',
	city: '',
	country: '',
	score: '0',
	contest_hash_id: 'YP67sgn',
	last_play_at: null,
	last_attempt_at: null,
	last_submit_form_at: '2019-07-16 16:56:09',
	on_facebook: false,
	facebook_id: 0,
	instagram_id: 0,
	on_web: true,
	on_mobile: false,
	is_suspect: false,
	is_cheater: false,
	total_invite: 0,
	total_share: 0,
	total_play: 0,
	total_attempt: 0,
	total_facebook_like: 0,
	total_google_plus_share: 0,
	total_mail_received: 0,
	total_mail_sent: 0,
	total_pinterest_follow: 0,
	total_submit_form: 1,
	total_twitter_follow: 0,
	total_twitter_retweet: 0,
	total_twitter_share: 0,
	total_youtube_follow: 0,
	last_ip: '90.120.30.193',
	phone: '',
	created_at: '2019-07-16 16:56:08',
	updated_at: '2019-08-05 13:37:39',
};

/** The fields `search` and `order` accept per section: the records' top-level scalar fields. */
const SCALAR_FIELDS: Record<KimpleSection, ReadonlySet<string>> = {
	client: new Set(['id', 'hash_id', 'name', 'city', 'subscription_id', 'created_at', 'updated_at']),
	contest: new Set([...Object.keys(DOCUMENTED_CONTEST), 'game_type']),
	contest_entry: new Set(Object.keys(DOCUMENTED_ENTRY)),
	campaign: new Set([
		'id',
		'hash_id',
		'title',
		'contest_id',
		'contest_hash_id',
		'created_at',
		'updated_at',
	]),
	contest_participation: new Set([
		'id',
		'contest_participation_hash_id',
		'contest_hash_id',
		'contest_entry_hash_id',
		'game_type',
		'ip',
		'device',
		'browser',
		'created_at',
		'updated_at',
	]),
};

/** Fields that exist but hold objects: named as such in a 400, not as unknown. */
const NESTED_FIELDS: Record<KimpleSection, ReadonlySet<string>> = {
	client: new Set(),
	contest: new Set(),
	contest_entry: new Set(),
	campaign: new Set(['statistics']),
	contest_participation: new Set(['form', 'gift', 'game_data']),
};

// ---- options, seeds, sandbox ----

export interface KimpleSimulatorOptions {
	/** Every `id` and `client_id` in replies is 0, as in the document's examples; lookups by number 404. */
	maskIds?: boolean;
	/** Requests per window per API key; no limit when absent. */
	rateLimit?: number;
	/** The rate limit's window in ms; a minute when absent. */
	windowMs?: number;
	/** Seeds the generator of the seeded data; the same seed gives the same data. */
	seed?: number;
	/** Where the `created_at` clock starts (UTC); by default just before the document's contest. */
	clock?: string | Date | number;
	/** The headers that carry the key and the secret; `X-Api-Key` and `X-Api-Secret` when absent. */
	authHeaders?: KimpleAuthHeaders;
}

export interface KimpleAuthHeaders {
	key: string;
	secret: string;
}

export const KIMPLE_DEFAULT_AUTH_HEADERS: KimpleAuthHeaders = {
	key: 'X-Api-Key',
	secret: 'X-Api-Secret',
};

export type ContestSeed = Partial<KimpleContest> & { clientHashId?: string };

export interface AppendOptions {
	/** Every new record gets the same `created_at` second (one second after the clock). */
	sameSecond?: boolean;
	/** Seconds between the new records; a few at random when absent. */
	secondsApart?: number;
}

export interface KimpleSandbox {
	apiKey: string;
	apiSecret: string;
	/** A pair that exists but was revoked: 403. */
	revokedApiKey: string;
	revokedApiSecret: string;
	clients: KimpleClient[];
	contests: {
		photo: KimpleContest;
		purchase: KimpleContest;
		/** The main contest, hash id `YP67sgn` (the document's entry belongs to it), 250 entries. */
		quiz: KimpleContest;
		instantWin: KimpleContest;
		/** The document's contest object, verbatim. */
		documented: KimpleContest;
	};
	/** The document's contest entry, verbatim, in the quiz contest. */
	documentedEntry: KimpleContestEntry;
	campaigns: KimpleCampaign[];
	/** How many entries each contest got, by hash id. */
	entryCounts: Record<string, number>;
}

/** What a request carried, as the simulator received it (for tests to assert on). */
export interface KimpleReceivedRequest {
	method: string;
	/** The path as sent, e.g. "/api/contest_entry/list". */
	path: string;
	/** The endpoint key, e.g. "GET /contest_entry/list". */
	key: string;
	/** The query, decoded once, as the server's query parsing gives it. */
	query: Record<string, string>;
}

// ---- internal state ----

interface StoredRecord {
	/** Insertion order: the last tie-break of every sort. */
	seq: number;
	data: Record<string, unknown>;
	/** A document object: kept as printed, never picked to receive participations. */
	verbatim: boolean;
}

interface KeyPair {
	secret: string;
	revoked: boolean;
}

interface SearchCondition {
	field: string;
	operator: '~=' | '=' | '>' | '<';
	value: string;
}

interface SortKey {
	field: string;
	descending: boolean;
}

/** Thrown by handlers to answer with an error; handle() turns it into the reply. */
class ApiFailure extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	get reply(): SimReply {
		return {
			status: this.status,
			headers: this.headers,
			body: { code: this.status, message: this.message },
		};
	}
}

// ---- dates and values ----

/** `YYYY-MM-DD HH:MM:SS` in UTC, as the document writes dates. */
export function kimpleDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function toMs(value: string | Date | number): number {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	const ms = Date.parse(/^\d{4}-\d{2}-\d{2} /.test(value) ? `${value.replace(' ', 'T')}Z` : value);
	if (Number.isNaN(ms)) throw new Error(`Not a date: ${value}`);
	return ms;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A value as a number when it is one (a number, a boolean, a numeric string); else undefined. */
function numericValue(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
	return undefined;
}

/** Text order like a case- and accent-insensitive database collation (Hélène beside Helene). */
const COLLATOR = new Intl.Collator('fr', { sensitivity: 'base' });

/** Sort order: nulls first, numbers by value, text by the collator. */
function compareValues(a: unknown, b: unknown): number {
	const aMissing = a === null || a === undefined;
	const bMissing = b === null || b === undefined;
	if (aMissing || bMissing) return aMissing && bMissing ? 0 : aMissing ? -1 : 1;
	const aNumber = numericValue(a);
	const bNumber = numericValue(b);
	if (aNumber !== undefined && bNumber !== undefined) return aNumber - bNumber;
	return COLLATOR.compare(String(a), String(b));
}

function codePointOrder(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a record's value meets one search condition; a null or object value meets none. */
function meets(value: unknown, condition: SearchCondition): boolean {
	if (value === null || value === undefined || typeof value === 'object') return false;
	const expected = condition.value;
	const text = String(value);
	const number = numericValue(value);
	const expectedNumber = NUMERIC.test(expected) ? Number(expected) : undefined;
	switch (condition.operator) {
		case '~=':
			return text.toLowerCase().includes(expected.toLowerCase());
		case '=':
			if (typeof value === 'boolean') return expected === text || expectedNumber === number;
			if (typeof value === 'number') return expectedNumber === value;
			return text === expected;
		case '>':
		case '<': {
			const difference =
				number !== undefined && expectedNumber !== undefined
					? number - expectedNumber
					: codePointOrder(text, expected);
			return condition.operator === '>' ? difference > 0 : difference < 0;
		}
	}
}

// ---- the search and order grammars ----

/**
 * Reads `field<op>'value'` conditions joined by ` AND `. Errors name the wrong part and its character,
 * counted from 1: `search: expected an operator after "email" at character 6`.
 */
function parseSearch(
	expression: string,
	fields: ReadonlySet<string>,
	nested: ReadonlySet<string>,
): SearchCondition[] {
	const conditions: SearchCondition[] = [];
	const refuse = (why: string) => new ApiFailure(400, `search: ${why}`);
	let at = 0;
	const skipSpaces = () => {
		while (at < expression.length && /\s/.test(expression[at])) at++;
	};
	const where = () => `at character ${at + 1}`;
	skipSpaces();
	if (at === expression.length) return conditions;
	for (;;) {
		const field = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(at))?.[0];
		if (!field) throw refuse(`expected a field name ${where()}`);
		if (nested.has(field)) throw refuse(`field "${field}" holds an object and cannot be searched`);
		if (!fields.has(field)) throw refuse(`unknown field "${field}"`);
		at += field.length;
		skipSpaces();
		const operator = (['~=', '=', '>', '<'] as const).find((candidate) =>
			expression.startsWith(candidate, at),
		);
		if (!operator) throw refuse(`expected an operator after "${field}" ${where()}`);
		at += operator.length;
		skipSpaces();
		if (expression[at] !== "'")
			throw refuse(`expected a quoted value after "${field}${operator}" ${where()}`);
		const opening = at;
		let value = '';
		at++;
		for (;;) {
			if (at >= expression.length) {
				at = opening;
				throw refuse(`unterminated quoted value ${where()}`);
			}
			if (expression[at] === "'" && expression[at + 1] === "'") {
				value += "'";
				at += 2;
			} else if (expression[at] === "'") {
				at++;
				break;
			} else {
				value += expression[at++];
			}
		}
		conditions.push({ field: field, operator: operator, value });
		const beforeSpaces = at;
		skipSpaces();
		if (at === expression.length) return conditions;
		const joined =
			at > beforeSpaces &&
			expression.slice(at, at + 3).toUpperCase() === 'AND' &&
			/\s/.test(expression[at + 3] ?? '');
		if (!joined) throw refuse(`expected AND between conditions ${where()}`);
		at += 3;
		skipSpaces();
	}
}

/** Reads `field direction` parts joined by commas; the direction is asc (default) or desc, any case. */
function parseOrder(
	expression: string,
	fields: ReadonlySet<string>,
	nested: ReadonlySet<string>,
): SortKey[] {
	if (expression.trim() === '') return [];
	return expression.split(',').map((part) => {
		const words = part.trim().split(/\s+/);
		const [field, direction = 'asc'] = words;
		if (!field) throw new ApiFailure(400, `order: empty part in "${expression}"`);
		if (words.length > 2)
			throw new ApiFailure(
				400,
				`order: expected "field asc" or "field desc", got "${part.trim()}"`,
			);
		if (nested.has(field))
			throw new ApiFailure(400, `order: field "${field}" holds an object and cannot be sorted`);
		if (!fields.has(field)) throw new ApiFailure(400, `order: unknown field "${field}"`);
		const lower = direction.toLowerCase();
		if (lower !== 'asc' && lower !== 'desc')
			throw new ApiFailure(
				400,
				`order: unknown direction "${direction}" after "${field}" (asc or desc)`,
			);
		return { field, descending: lower === 'desc' };
	});
}

// ---- generated values ----

const HASH_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const FIRST_NAMES = [
	'Camille',
	'Léa',
	'Manon',
	'Chloé',
	'Inès',
	'Jade',
	'Louise',
	'Zoé',
	'Hélène',
	'Emma',
	'Lucas',
	'Hugo',
	'Louis',
	'Gabriel',
	'Arthur',
	'Théo',
	'Jules',
	'Mathis',
	'Nathan',
	'Raphaël',
];
const LAST_NAMES = [
	'Martin',
	'Bernard',
	'Dubois',
	'Thomas',
	'Robert',
	'Richard',
	'Petit',
	'Durand',
	'Leroy',
	'Moreau',
	'Simon',
	'Laurent',
	'Lefebvre',
	'Michel',
	'Garcia',
	'Fournier',
	"N'Diaye",
	"D'Almeida",
];
const EMAIL_DOMAINS = [
	'gmail.com',
	'orange.fr',
	'free.fr',
	'hotmail.fr',
	'laposte.net',
	'cassiop.com',
	'sfr.fr',
];
const PLACES = [
	{ city: 'Paris', zipcode: '75011' },
	{ city: 'Lyon', zipcode: '69003' },
	{ city: 'Marseille', zipcode: '13008' },
	{ city: 'Toulouse', zipcode: '31000' },
	{ city: 'Nantes', zipcode: '44000' },
	{ city: 'Bordeaux', zipcode: '33000' },
	{ city: 'Lille', zipcode: '59000' },
	{ city: 'Rennes', zipcode: '35000' },
	{ city: 'Strasbourg', zipcode: '67000' },
	{ city: 'Nice', zipcode: '06000' },
	{ city: 'Montpellier', zipcode: '34000' },
	{ city: 'Grenoble', zipcode: '38000' },
];
const STREETS = [
	'rue de la République',
	'avenue Jean Jaurès',
	'rue Victor Hugo',
	'boulevard Voltaire',
	'place de la Gare',
	'rue Pasteur',
];
const ENTRY_COUNTRIES = ['France', 'FR', 'france', 'FRANCE'];
const BROWSERS = ['Chrome 126', 'Safari 17', 'Firefox 127', 'Edge 125', 'Samsung Internet 25'];
const QUIZ = [
	{ question: 'In which year was the brand founded?', good: '1998', bad: ['2005', '1987'] },
	{ question: 'Which city hosts our flagship store?', good: 'Lyon', bad: ['Lille', 'Nice'] },
	{ question: 'How many flavours are in the summer range?', good: '6', bad: ['4', '8'] },
	{ question: 'What is our mascot called?', good: 'Kimi', bad: ['Kiko', 'Mimi'] },
	{ question: 'Which colour is the new bottle?', good: 'Blue', bad: ['Green', 'Red'] },
];
const PHOTO_TITLES = [
	'Sunset over the bay',
	'My garden in June',
	'Morning in the Alps',
	'Old town at night',
	'The beach, again',
];
const GIFTS = [
	{
		title: '10 € voucher',
		description: 'A 10 € voucher, valid in every store until the end of the year.',
	},
	{ title: 'Tote bag', description: 'The summer tote bag, sent by post within three weeks.' },
	{ title: 'Free coffee', description: 'One free coffee in any partner café.' },
];
const SOGEC_COMMENTS: Record<'validated' | 'pending' | 'refused', string> = {
	validated: 'Proof of purchase compliant',
	pending: 'Awaiting checks',
	refused: 'Receipt unreadable',
};

const DEFAULT_SEED = 20190716;
/** Seeded times start just before the document's contest, so `created_at` grows with insertion. */
const DEFAULT_CLOCK = '2019-07-16 09:00:00';

/**
 * Seeding methods return the record as the API would serve it (ids masked when `maskIds`); data is the
 * same on every run for the same `seed`. seedSandbox() once per simulator.
 */
export class KimpleSimulator extends SimulatorServer {
	maskIds: boolean;

	/** The headers the key and the secret must come in. */
	authHeaders: KimpleAuthHeaders;

	rateLimit?: number;

	windowMs: number;

	/** How many requests were answered 429. */
	rateLimitedCount = 0;

	/** The latest requests the handler saw (not those an injected fault answered), oldest first. */
	received: KimpleReceivedRequest[] = [];

	receivedLimit = 1000;

	private keyPairs = new Map<string, KeyPair>();

	private windows = new Map<string, { startedAt: number; count: number }>();

	private store = new Map<KimpleSection, StoredRecord[]>(
		KIMPLE_SECTIONS.map((section) => [section, []]),
	);

	private byHash = new Map<KimpleSection, Map<string, StoredRecord>>(
		KIMPLE_SECTIONS.map((section) => [section, new Map()]),
	);

	private usedHashIds = new Set<string>();

	private usedEmails = new Set<string>();

	private seq = 0;

	private nextIds: Record<KimpleSection, number> = {
		client: 1201,
		contest: 40101,
		contest_entry: 5200001,
		campaign: 7301,
		contest_participation: 9100001,
	};

	private clockMs: number;

	private random: () => number;

	constructor(options: KimpleSimulatorOptions = {}) {
		super();
		this.maskIds = options.maskIds ?? false;
		this.authHeaders = { ...(options.authHeaders ?? KIMPLE_DEFAULT_AUTH_HEADERS) };
		this.rateLimit = options.rateLimit;
		this.windowMs = options.windowMs ?? 60_000;
		this.random = mulberry32(options.seed ?? DEFAULT_SEED);
		this.clockMs = toMs(options.clock ?? DEFAULT_CLOCK);
	}

	/** The base URL to put in the credential. */
	get apiUrl(): string {
		return `${this.url}/api`;
	}

	/** The time the next record's `created_at` counts from. */
	get clock(): string {
		return kimpleDate(this.clockMs);
	}

	/** Moves the `created_at` clock (a Date, ms, or `YYYY-MM-DD HH:MM:SS` in UTC); it may go back. */
	setClock(at: string | Date | number): void {
		this.clockMs = toMs(at);
	}

	// ---- key pairs and rate limit ----

	/** From now on the key and the secret count only in these two headers (names are case-insensitive). */
	expectAuthHeaders(headers: KimpleAuthHeaders): void {
		this.authHeaders = { ...headers };
	}

	addKeyPair(apiKey: string, apiSecret: string, options: { revoked?: boolean } = {}): void {
		this.keyPairs.set(apiKey, { secret: apiSecret, revoked: options.revoked ?? false });
	}

	/** A revoked pair (or one whose account lost API access) gets 403. */
	setKeyPairRevoked(apiKey: string, revoked: boolean): void {
		const pair = this.keyPairs.get(apiKey);
		if (!pair) throw new Error(`Unknown API key ${apiKey}`);
		pair.revoked = revoked;
	}

	/** Forgets every key's window, as if it had passed. */
	resetRateLimit(): void {
		this.windows.clear();
	}

	override resetCounts(): void {
		super.resetCounts();
		this.rateLimitedCount = 0;
		this.received = [];
	}

	// ---- seeding ----

	addClient(seed: Partial<KimpleClient> = {}): KimpleClient {
		const created = this.advance(this.int(300, 3600));
		const id = this.nextIds.client++;
		const client: KimpleClient = {
			id,
			hash_id: this.newHashId(),
			name: `Client ${id}`,
			city: this.pick(PLACES).city,
			subscription_id: 30000 + this.int(100, 9999),
			created_at: created,
			updated_at: created,
			...seed,
		};
		return this.insert('client', client);
	}

	/** A generated contest (`game_type` quiz unless told); `clientHashId` picks its client. */
	addContest(seed: ContestSeed = {}): KimpleContest {
		const { clientHashId, ...fields } = seed;
		const client = clientHashId
			? this.find<KimpleClient>('client', clientHashId)
			: (this.pickStored('client')?.data as KimpleClient | undefined);
		if (clientHashId && !client) throw new Error(`Unknown client ${clientHashId}`);
		const createdMs = toMs(this.advance(this.int(120, 1800)));
		const at = (days: number) => kimpleDate(createdMs + days * 86_400_000);
		const id = this.nextIds.contest++;
		const contest: KimpleContest = {
			id,
			hash_id: this.newHashId(),
			version: 2,
			state: 1,
			activity_area: this.int(1, 12),
			year_highlight: 0,
			analytics_id: `UA-${this.int(1000000, 9999999)}-1`,
			analytics_script: '',
			api_callback_uri: null,
			confirm_opt_in_desktop_image_id: null,
			confirm_opt_in_mobile_image_id: null,
			confirm_opt_in_text: null,
			background_color: this.pick(['#ffffff', '#f4f1ea', '#1d3557']),
			client_title: client?.name ?? '',
			custom_css: '',
			custom_js: '',
			title: `Contest ${id}`,
			description: 'Play and try to win one of our gifts.',
			height_desktop: 900,
			height_facebook: 1000,
			height_mobile: 1200,
			hide_from_inspiration: false,
			template: this.int(20, 60),
			width_desktop: 1000,
			width_facebook: 810,
			width_mobile: 320,
			is_anonymized: 0,
			is_maintenance_mode: 0,
			finish_at: at(45),
			last_updated_at: at(1),
			no_end_at: 0,
			published_at: at(1),
			start_at: at(2),
			last_activities_update: at(3),
			client_id: client?.id ?? 0,
			client_hash_id: client?.hash_id ?? '',
			client_name: client?.name ?? '',
			contest_stats_id: 13000 + this.int(1, 9999),
			contest_stats_hash_id: this.newHashId(),
			content_link: null,
			locale: 'fr',
			created_at: kimpleDate(createdMs),
			updated_at: at(1),
			game_type: 'quiz',
			...fields,
		};
		return this.insert('contest', contest);
	}

	/** A generated participant of the contest; `seed` overrides its fields. */
	addEntry(contestHashId: string, seed: Partial<KimpleContestEntry> = {}): KimpleContestEntry {
		return this.createEntry(contestHashId, seed, this.int(60, 900));
	}

	/**
	 * A participation of one of the contest's entries (a random generated one unless
	 * `contest_entry_hash_id` says which), with the game data of the contest's `game_type`.
	 */
	addParticipation(
		contestHashId: string,
		seed: Partial<KimpleParticipation> = {},
	): KimpleParticipation {
		return this.createParticipation(contestHashId, seed, this.int(60, 900));
	}

	/** An email campaign about the contest, with its statistics. */
	addCampaign(contestHashId: string, seed: Partial<KimpleCampaign> = {}): KimpleCampaign {
		const contest = this.contestOf(contestHashId);
		const created = this.advance(this.int(600, 7200));
		const sent = this.int(500, 20000);
		const openRate = this.int(1200, 4800) / 100;
		const campaign: KimpleCampaign = {
			id: this.nextIds.campaign++,
			hash_id: this.newHashId(),
			title: `${contest.title || 'Contest'}: ${this.pick(['launch', 'reminder', 'last days', 'results'])}`,
			contest_id: contest.id,
			contest_hash_id: contest.hash_id,
			statistics: {
				open_rate: openRate,
				bounce_rate: this.int(20, 400) / 100,
				click_rate: this.int(100, 1200) / 100,
				emails_sent: sent,
				emails_opened: Math.round((sent * openRate) / 100),
			},
			created_at: created,
			updated_at: created,
			...seed,
		};
		return this.insert('campaign', campaign);
	}

	/**
	 * Stores `record` exactly as given (a document object, a hand-made case); the clock moves up to its
	 * `created_at`, so later records stay later.
	 */
	insertVerbatim<T extends object>(section: KimpleSection, record: T): T {
		const createdAt = (record as { created_at?: unknown }).created_at;
		if (typeof createdAt === 'string') this.clockMs = Math.max(this.clockMs, toMs(createdAt));
		return this.insert(section, structuredClone(record), true);
	}

	/** `count` new participants of the contest, each later than every record so far. */
	appendEntries(
		contestHashId: string,
		count: number,
		options: AppendOptions = {},
	): KimpleContestEntry[] {
		return Array.from({ length: count }, (_, index) =>
			this.createEntry(contestHashId, {}, this.appendStep(index, options)),
		);
	}

	/** `count` new participations in the contest, each later than every record so far. */
	appendParticipations(
		contestHashId: string,
		count: number,
		options: AppendOptions = {},
	): KimpleParticipation[] {
		return Array.from({ length: count }, (_, index) =>
			this.createParticipation(contestHashId, {}, this.appendStep(index, options)),
		);
	}

	/** Removes a record; false when there was none with that hash id. */
	deleteRecord(section: KimpleSection, hashId: string): boolean {
		const record = this.byHash.get(section)!.get(hashId);
		if (!record) return false;
		this.byHash.get(section)!.delete(hashId);
		const list = this.store.get(section)!;
		list.splice(list.indexOf(record), 1);
		return true;
	}

	/**
	 * A believable account: three clients; the document's contest; a quiz contest (`YP67sgn`, the
	 * document's entry's contest) with 250 entries, the document's entry first; photo, purchase and
	 * instant-win contests with their entries; participations with game data of every type; campaigns.
	 * Registers the key pair and a revoked one.
	 */
	seedSandbox(options: { apiKey?: string; apiSecret?: string } = {}): KimpleSandbox {
		const apiKey = options.apiKey ?? `kmp_${this.token(24)}`;
		const apiSecret = options.apiSecret ?? this.token(40);
		const revokedApiKey = `kmp_${this.token(24)}`;
		const revokedApiSecret = this.token(40);
		this.addKeyPair(apiKey, apiSecret);
		this.addKeyPair(revokedApiKey, revokedApiSecret, { revoked: true });

		const clients = [
			this.addClient({ name: 'Cassiopée Cosmétiques', city: 'Paris' }),
			this.addClient({ name: 'Boulangeries Martin', city: 'Lyon' }),
			this.addClient({ name: 'Brasserie du Nord', city: 'Lille' }),
		];
		const documented = this.insertVerbatim('contest', { ...DOCUMENTED_CONTEST });
		const quiz = this.addContest({
			hash_id: 'YP67sgn',
			title: "The summer's big quiz",
			game_type: 'quiz',
			clientHashId: clients[0].hash_id,
		});
		const photo = this.addContest({
			title: 'Your best landscapes: photo contest',
			game_type: 'photo',
			clientHashId: clients[0].hash_id,
		});
		const purchase = this.addContest({
			title: 'Buy and win: a gift in every pack',
			game_type: 'purchase',
			clientHashId: clients[1].hash_id,
		});
		const instantWin = this.addContest({
			title: 'Christmas instant win',
			game_type: 'instant_win',
			clientHashId: clients[2].hash_id,
		});

		const documentedEntry = this.insertVerbatim('contest_entry', {
			...DOCUMENTED_ENTRY,
		});
		const entryCounts: Record<string, number> = {
			[documented.hash_id]: 5,
			[quiz.hash_id]: 250,
			[photo.hash_id]: 40,
			[purchase.hash_id]: 60,
			[instantWin.hash_id]: 80,
		};
		for (const [hashId, count] of Object.entries(entryCounts)) {
			const generated = hashId === quiz.hash_id ? count - 1 : count;
			for (let index = 0; index < generated; index++) this.addEntry(hashId);
		}
		const participations: Array<[KimpleContest, number]> = [
			[photo, 30],
			[purchase, 40],
			[quiz, 80],
			[instantWin, 60],
		];
		for (const [contest, count] of participations) {
			for (let index = 0; index < count; index++) this.addParticipation(contest.hash_id);
		}
		const campaigns = [
			quiz,
			quiz,
			photo,
			purchase,
			purchase,
			instantWin,
			instantWin,
			documented,
		].map((contest) => this.addCampaign(contest.hash_id));
		return {
			apiKey,
			apiSecret,
			revokedApiKey,
			revokedApiSecret,
			clients,
			contests: { photo, purchase, quiz, instantWin, documented },
			documentedEntry,
			campaigns,
			entryCounts,
		};
	}

	// ---- reading the state, for assertions ----

	/** Every record of a section as the API would serve it, in insertion order. */
	records<T = Record<string, unknown>>(section: KimpleSection): T[] {
		return this.store.get(section)!.map((record) => this.view(record) as T);
	}

	/** One record as the API would serve it, by hash id. */
	record<T = Record<string, unknown>>(section: KimpleSection, hashId: string): T | undefined {
		const record = this.byHash.get(section)!.get(hashId);
		return record && (this.view(record) as T);
	}

	// ---- the server ----

	protected endpointKey(request: SimRequest): string {
		const route = this.route(request.url.pathname);
		if (!route) return `${request.method} ${request.url.pathname}`;
		return `${request.method} /${route.section}/${route.id === undefined ? 'list' : '{id}'}`;
	}

	protected handle(request: SimRequest): SimReply {
		this.remember(request);
		try {
			if (!request.url.pathname.startsWith('/api/')) throw new ApiFailure(404, 'Not found');
			const apiKey = this.authorize(request);
			this.takeRateLimitSlot(apiKey);
			const route = this.route(request.url.pathname);
			if (!route)
				throw new ApiFailure(404, `No route found for "${request.method} ${request.url.pathname}"`);
			if (request.method !== 'GET') throw new ApiFailure(405, 'Method not allowed');
			const body =
				route.id === undefined
					? this.list(route.section, request.url.searchParams)
					: this.one(route.section, route.id);
			return { status: 200, body };
		} catch (error) {
			if (error instanceof ApiFailure) return error.reply;
			throw error;
		}
	}

	private remember(request: SimRequest): void {
		this.received.push({
			method: request.method,
			path: request.url.pathname,
			key: this.endpointKey(request),
			query: Object.fromEntries(request.url.searchParams),
		});
		if (this.received.length > this.receivedLimit)
			this.received.splice(0, this.received.length - this.receivedLimit);
	}

	private route(pathname: string): { section: KimpleSection; id?: string } | undefined {
		const match = /^\/api\/([a-z_]+)\/([^/]+)\/?$/.exec(pathname);
		if (!match || !(KIMPLE_SECTIONS as readonly string[]).includes(match[1])) return undefined;
		const section = match[1] as KimpleSection;
		if (match[2] === 'list') return { section };
		try {
			return { section, id: decodeURIComponent(match[2]) };
		} catch {
			return { section, id: match[2] };
		}
	}

	/** The key of a registered, unrevoked pair; the secret is compared, never repeated. */
	private authorize(request: SimRequest): string {
		const apiKey = request.headers[this.authHeaders.key.toLowerCase()];
		const apiSecret = request.headers[this.authHeaders.secret.toLowerCase()];
		const pair = typeof apiKey === 'string' ? this.keyPairs.get(apiKey) : undefined;
		if (!pair || typeof apiSecret !== 'string' || apiSecret !== pair.secret)
			throw new ApiFailure(401, 'Invalid API key or secret');
		if (pair.revoked) throw new ApiFailure(403, 'Access denied');
		return apiKey as string;
	}

	/** The window opens at a key's first request; past `rateLimit` requests in it, 429 until it closes. */
	private takeRateLimitSlot(apiKey: string): void {
		if (this.rateLimit === undefined) return;
		const now = Date.now();
		let window = this.windows.get(apiKey);
		if (!window || now - window.startedAt >= this.windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(apiKey, window);
		}
		window.count++;
		if (window.count <= this.rateLimit) return;
		this.rateLimitedCount++;
		const waitSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
		throw new ApiFailure(429, 'Too many requests', { 'Retry-After': String(waitSeconds) });
	}

	private list(section: KimpleSection, query: URLSearchParams): { data: unknown[] } {
		const page = this.positiveInteger(query.get('page'), 1, 'page must be a positive integer');
		const limit = this.positiveInteger(
			query.get('limit'),
			KIMPLE_DEFAULT_LIMIT,
			KIMPLE_LIMIT_MESSAGE,
		);
		if (limit > KIMPLE_MAX_LIMIT) throw new ApiFailure(400, KIMPLE_LIMIT_MESSAGE);
		const fields = SCALAR_FIELDS[section];
		const nested = NESTED_FIELDS[section];
		const order = parseOrder(query.get('order') ?? '', fields, nested);
		const conditions = parseSearch(query.get('search') ?? '', fields, nested);
		const hashField = KIMPLE_HASH_ID_FIELDS[section];
		const sortKeys: SortKey[] = order.length
			? order
			: [
					{ field: 'id', descending: false },
					{ field: hashField, descending: false },
				];
		const matching = this.store
			.get(section)!
			.filter((record) =>
				conditions.every((condition) => meets(this.valueOf(record, condition.field), condition)),
			);
		matching.sort((a, b) => {
			for (const key of sortKeys) {
				const difference =
					key.field === hashField && !order.length
						? // The default hash-id tie-break is a plain code-point order, like a binary column.
							codePointOrder(String(a.data[hashField]), String(b.data[hashField]))
						: compareValues(this.valueOf(a, key.field), this.valueOf(b, key.field));
				if (difference !== 0) return key.descending ? -difference : difference;
			}
			return a.seq - b.seq;
		});
		const start = (page - 1) * limit;
		return { data: matching.slice(start, start + limit).map((record) => this.view(record)) };
	}

	private one(section: KimpleSection, id: string): unknown {
		const notFound = new ApiFailure(404, `${RECORD_NAMES[section]} not found`);
		if (/^\d+$/.test(id)) {
			// A masked id (0) identifies nothing; with masking on, no number does.
			const number = Number(id);
			if (this.maskIds || number === 0) throw notFound;
			const record = this.store.get(section)!.find((candidate) => candidate.data.id === number);
			if (!record) throw notFound;
			return this.view(record);
		}
		const record = this.byHash.get(section)!.get(id);
		if (!record) throw notFound;
		return this.view(record);
	}

	private positiveInteger(value: string | null, fallback: number, message: string): number {
		if (value === null) return fallback;
		if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new ApiFailure(400, message);
		return Number(value);
	}

	/** A field as the client sees it: masked ids read 0. */
	private valueOf(record: StoredRecord, field: string): unknown {
		if (this.maskIds && (field === 'id' || field === 'client_id') && field in record.data) return 0;
		return record.data[field];
	}

	private view(record: StoredRecord): Record<string, unknown> {
		const copy = structuredClone(record.data);
		if (this.maskIds) {
			if ('id' in copy) copy.id = 0;
			if ('client_id' in copy) copy.client_id = 0;
		}
		return copy;
	}

	/**
	 * A contest entry whose person asked to be forgotten: its personal fields masked and
	 * `is_anonymized` set (ASSUMED: the document shows the flag on contests only and no mask).
	 */
	anonymiseEntry(hashId: string): KimpleContestEntry {
		const entry = this.find<KimpleContestEntry>('contest_entry', hashId);
		if (!entry) throw new Error(`Unknown contest entry ${hashId}`);
		Object.assign(entry, {
			email: '*****@*****',
			phone: '*****',
			firstname: '*****',
			lastname: '*****',
			address: '*****',
			zipcode: '*****',
			city: '*****',
			is_anonymized: 1,
		});
		return entry;
	}

	// ---- storing and generating ----

	/** Stores a record and returns it as the API would serve it. */
	private insert<T extends object>(section: KimpleSection, data: T, verbatim = false): T {
		const fields = data as Record<string, unknown>;
		const hashId = fields[KIMPLE_HASH_ID_FIELDS[section]];
		if (typeof hashId !== 'string' || !hashId) throw new Error(`A ${section} needs its hash id`);
		if (this.byHash.get(section)!.has(hashId)) throw new Error(`Duplicate ${section} ${hashId}`);
		this.usedHashIds.add(hashId);
		const record: StoredRecord = { seq: this.seq++, data: fields, verbatim };
		this.store.get(section)!.push(record);
		this.byHash.get(section)!.set(hashId, record);
		return this.view(record) as unknown as T;
	}

	/** The stored record itself (real ids, even when masked), for building related records. */
	private find<T>(section: KimpleSection, hashId: string): T | undefined {
		return this.byHash.get(section)!.get(hashId)?.data as T | undefined;
	}

	private contestOf(hashId: string): KimpleContest {
		const contest = this.find<KimpleContest>('contest', hashId);
		if (!contest) throw new Error(`Unknown contest ${hashId}`);
		return contest;
	}

	private createEntry(
		contestHashId: string,
		seed: Partial<KimpleContestEntry>,
		stepSeconds: number,
	): KimpleContestEntry {
		const contest = this.contestOf(contestHashId);
		const created = this.advance(stepSeconds);
		const createdMs = this.clockMs;
		const firstname = this.pick(FIRST_NAMES);
		const lastname = this.pick(LAST_NAMES);
		const place = this.pick(PLACES);
		const onMobile = this.random() < 0.6;
		const plays = contest.game_type ? this.int(1, 4) : 0;
		const later = (seconds: number) => kimpleDate(createdMs + seconds * 1000);
		const entry: KimpleContestEntry = {
			id: this.nextIds.contest_entry++,
			contest_entry_hash_id: this.newHashId(),
			email: this.newEmail(firstname, lastname),
			firstname,
			lastname,
			gender: this.pick([1, 2, 1, 2, 0]),
			birthday:
				this.random() < 0.7
					? `${this.int(1955, 2005)}-${pad(this.int(1, 12))}-${pad(this.int(1, 28))}`
					: null,
			address: `${this.int(1, 120)} ${this.pick(STREETS)}`,
			zipcode: place.zipcode,
			city: place.city,
			// A free-text form field: the same country written the ways people write it.
			country: ENTRY_COUNTRIES[this.nextIds.contest_entry % ENTRY_COUNTRIES.length],
			score: contest.game_type === 'quiz' ? String(this.int(0, QUIZ.length)) : '0',
			contest_hash_id: contest.hash_id,
			last_play_at: plays ? later(40) : null,
			last_attempt_at: plays ? later(40) : null,
			last_submit_form_at: later(1),
			on_facebook: false,
			facebook_id: 0,
			instagram_id: 0,
			on_web: !onMobile,
			on_mobile: onMobile,
			is_suspect: this.random() < 0.02,
			is_cheater: false,
			total_invite: this.random() < 0.2 ? this.int(1, 5) : 0,
			total_share: this.random() < 0.3 ? this.int(1, 3) : 0,
			total_play: plays,
			total_attempt: plays,
			total_facebook_like: 0,
			total_google_plus_share: 0,
			total_mail_received: this.int(0, 3),
			total_mail_sent: 0,
			total_pinterest_follow: 0,
			total_submit_form: 1,
			total_twitter_follow: 0,
			total_twitter_retweet: 0,
			total_twitter_share: 0,
			total_youtube_follow: 0,
			last_ip: this.ip(),
			phone: this.random() < 0.5 ? `06${String(this.int(10000000, 99999999))}` : '',
			created_at: created,
			updated_at: plays ? later(40) : later(1),
			...seed,
		};
		return this.insert('contest_entry', entry);
	}

	private createParticipation(
		contestHashId: string,
		seed: Partial<KimpleParticipation>,
		stepSeconds: number,
	): KimpleParticipation {
		const contest = this.contestOf(contestHashId);
		const gameType = seed.game_type ?? contest.game_type ?? 'instant_win';
		let entry = seed.contest_entry_hash_id
			? this.find<KimpleContestEntry>('contest_entry', seed.contest_entry_hash_id)
			: (this.pickStored(
					'contest_entry',
					(record) => record.data.contest_hash_id === contest.hash_id,
				)?.data as KimpleContestEntry | undefined);
		if (seed.contest_entry_hash_id && !entry)
			throw new Error(`Unknown contest entry ${seed.contest_entry_hash_id}`);
		entry ??= this.createEntry(contest.hash_id, {}, this.int(1, 60));
		const created = this.advance(stepSeconds);
		const participation: KimpleParticipation = {
			id: this.nextIds.contest_participation++,
			contest_participation_hash_id: this.newHashId(),
			contest_hash_id: contest.hash_id,
			contest_entry_hash_id: entry.contest_entry_hash_id,
			game_type: gameType,
			form: {
				firstname: entry.firstname,
				lastname: entry.lastname,
				email: entry.email,
				address: entry.address,
				city: entry.city,
				zipcode: entry.zipcode,
				optin: this.random() < 0.45 ? 1 : 0,
			},
			ip: entry.last_ip,
			device: entry.on_mobile ? 'mobile' : 'desktop',
			browser: this.pick(BROWSERS),
			gift: this.random() < (gameType === 'instant_win' ? 0.3 : 0.05) ? this.gift() : null,
			game_data: this.gameData(gameType, entry),
			created_at: created,
			updated_at: created,
			...seed,
		};
		return this.insert('contest_participation', participation);
	}

	private gameData(gameType: KimpleGameType, entry: KimpleContestEntry): KimpleGameData {
		switch (gameType) {
			case 'photo': {
				const key = this.token(12);
				return {
					photo: {
						link: `https://media.kimpleapp.com/photos/${key}.jpg`,
						title: this.pick(PHOTO_TITLES),
						description: `Taken in ${entry.city || 'France'}.`,
						vote: this.random() < 0.5 ? 1 : null,
					},
				};
			}
			case 'purchase': {
				const status = this.pick(['validated', 'validated', 'pending', 'refused'] as const);
				return {
					access_codes: [this.token(6).toUpperCase()],
					purchase_proofs: [`https://media.kimpleapp.com/proofs/${this.token(12)}/proof.jpg`],
					sogec:
						this.random() < 0.7
							? {
									participation_id: this.int(1_000_000, 9_999_999),
									validation_status: status,
									comment: SOGEC_COMMENTS[status],
									returned_at:
										status === 'pending' ? null : kimpleDate(this.clockMs + 2 * 86_400_000),
								}
							: null,
				};
			}
			case 'quiz': {
				const good = NUMERIC.test(entry.score)
					? Math.min(QUIZ.length, Number(entry.score))
					: this.int(0, QUIZ.length);
				const goodIndexes = new Set(this.shuffle(QUIZ.map((_, index) => index)).slice(0, good));
				return {
					quiz: {
						answers: QUIZ.map((item, index) => ({
							question: item.question,
							answer: goodIndexes.has(index) ? item.good : this.pick(item.bad),
							is_good: goodIndexes.has(index) ? 1 : 0,
						})),
						score: String(good),
						time_spend: this.int(20, 240),
					},
				};
			}
			default:
				return {};
		}
	}

	private gift(): NonNullable<KimpleParticipation['gift']> {
		return {
			...this.pick(GIFTS),
			unique_code: `KMP-${this.token(4).toUpperCase()}-${this.token(4).toUpperCase()}`,
		};
	}

	/** Moves the clock on and returns the new `created_at`. */
	private advance(seconds: number): string {
		this.clockMs += seconds * 1000;
		return kimpleDate(this.clockMs);
	}

	/** Appended records come after everything so far; with `sameSecond` they share one second. */
	private appendStep(index: number, options: AppendOptions): number {
		if (options.sameSecond) return index === 0 ? 1 : 0;
		return options.secondsApart ?? this.int(1, 30);
	}

	/** A random generated record of the section (document objects are left alone). */
	private pickStored(
		section: KimpleSection,
		accept: (record: StoredRecord) => boolean = () => true,
	): StoredRecord | undefined {
		const candidates = this.store
			.get(section)!
			.filter((record) => !record.verbatim && accept(record));
		return candidates.length ? this.pick(candidates) : undefined;
	}

	/** 6 to 10 letters and digits like `78HY9n`, never all digits (a number means a numeric id). */
	private newHashId(): string {
		for (;;) {
			const hashId = this.token(this.int(6, 10));
			if (/[A-Za-z]/.test(hashId) && !this.usedHashIds.has(hashId)) {
				this.usedHashIds.add(hashId);
				return hashId;
			}
		}
	}

	private newEmail(firstname: string, lastname: string): string {
		const local = `${firstname}.${lastname}`
			.normalize('NFD')
			.replace(/[^A-Za-z.]/g, '')
			.toLowerCase();
		const domain = this.pick(EMAIL_DOMAINS);
		let email = `${local}@${domain}`;
		for (let suffix = 2; this.usedEmails.has(email); suffix++)
			email = `${local}${suffix}@${domain}`;
		this.usedEmails.add(email);
		return email;
	}

	private ip(): string {
		return `${this.pick([90, 86, 92, 109, 176])}.${this.int(1, 254)}.${this.int(0, 255)}.${this.int(1, 254)}`;
	}

	private token(length: number): string {
		return Array.from({ length }, () => this.pick(HASH_ALPHABET.split(''))).join('');
	}

	private int(min: number, max: number): number {
		return min + Math.floor(this.random() * (max - min + 1));
	}

	private pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.random() * values.length)];
	}

	private shuffle<T>(values: T[]): T[] {
		for (let index = values.length - 1; index > 0; index--) {
			const other = Math.floor(this.random() * (index + 1));
			[values[index], values[other]] = [values[other], values[index]];
		}
		return values;
	}
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
