/** The API's sections, records and limits, the document's own objects, and the simulator's options. */
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
export const RECORD_NAMES: Record<KimpleSection, string> = {
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
export const SCALAR_FIELDS: Record<KimpleSection, ReadonlySet<string>> = {
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
export const NESTED_FIELDS: Record<KimpleSection, ReadonlySet<string>> = {
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
