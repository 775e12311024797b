/** The API's objects, codes and webhook events as the simulator serves them, and its seeding options. */
export const EASYPROMOS_PAGE_SIZE = 100;

/** The document's table of 400 codes. */
export const EASYPROMOS_ERROR_MESSAGES: Record<number, string> = {
	0: 'check error message',
	10: 'User has not more participations',
	20: 'User Login Token missing or not valid',
	30: 'Requirement is missing or not supported by the API',
	31: 'Requirement - The code is not valid',
	32: 'Requirement - The code was already used',
	40: 'External id missing or invalid',
	41: 'Promotion is not active',
	42: 'Promotion is not open',
	43: 'Autologin is not enabled',
	44: 'Promotion version is not White Label',
	45: 'Nickname already exists',
	46: 'Domain is not authorized for the JS Api call',
	47: 'Email is not valid',
	48: 'Promotion not valid',
	49: 'Promotion is expired',
	50: 'Content Type is not a valid JSON',
	51: 'Country code is not valid',
	60: 'No prizes available to spin the wheel.',
	61: "Segment doesn't exist in the account or is not valid for this promotion",
};

/** [assumed] event names of the webhook envelope. */
export const EASYPROMOS_WEBHOOK_EVENTS = [
	'new_user',
	'new_participation',
	'new_coin_transaction',
] as const;
export type EasypromosWebhookEvent = (typeof EASYPROMOS_WEBHOOK_EVENTS)[number];

export type TokenStatus = 'valid' | 'expired' | 'noApiAccess';
export type PromotionStatus = 'draft' | 'active' | 'expired';

export interface EasypromosSimulatorOptions {
	/** Requests per window per account; Easypromos allows 200. */
	rateLimit?: number;
	/** Window length in ms; Easypromos' is a minute. */
	windowMs?: number;
	/** Whether a 429 carries Retry-After; off tests the client's own fallback wait. */
	sendRetryAfter?: boolean;
}

// ---- API object shapes (API-NOTES "Object shapes") ----

export interface EasypromosOrganizingBrand {
	id: number;
	name: string;
}

export interface EasypromosPromotion {
	id: number;
	organizing_brand: EasypromosOrganizingBrand;
	promotion_type: string;
	title: string;
	internal_ref: string;
	description: string;
	status: PromotionStatus;
	timezone: string;
	start_date: string;
	end_date: string;
	default_language: string;
	created: string;
}

export interface EasypromosStage {
	id: number;
	name: string;
	type: string;
	visible: boolean;
	start_date: string;
	end_date: string;
}

export interface EasypromosUser {
	id: number;
	promotion_id: number;
	first_name: string;
	last_name: string;
	nickname: string;
	login_type: string;
	social_id: string | null;
	external_id: string | null;
	status: string;
	email: string;
	phone: string | null;
	birthday: string | null;
	created: string;
	avatar_img: string | null;
	language: string;
	country: string;
	custom_properties: Array<{ id: number; title: string; ref: string; value: string }>;
	meta_data: {
		utm_source: string | null;
		utm_medium: string | null;
		utm_campaign: string | null;
		referral_url: string | null;
		ip: string;
		user_agent: string;
		legals: Record<string, boolean>;
	};
}

export interface EasypromosParticipation {
	id: number;
	promotion_id: number;
	stage_id: number;
	user_id: number;
	created: string;
	ip: string;
	user_agent: string;
	points: number;
	data: Array<{ ref: string; title: string; values: string[] }>;
}

export interface EasypromosRequirement {
	type: string;
	code: string | null;
	data: unknown[];
}

export interface EasypromosPrizeType {
	id: number;
	name: string;
	ref: string;
	description: string;
	assignation_type: string;
	qty: number;
	image: string;
	instructions: string;
}

/** A prize as stored; replies add the winner as `user`. */
export interface EasypromosPrize {
	id: number;
	user_id: number;
	stage_id: number | null;
	participation_id: number | null;
	created: string;
	code: string;
	redeem_url: string;
	download_url: string;
	prize_type: EasypromosPrizeType;
}

export interface EasypromosCoinTransaction {
	id: number;
	user_id: number;
	promotion_id: number;
	coin_id: number;
	coin_name: string;
	amount: number;
	balance: number;
	created: string;
	transaction_type: 'credit' | 'debit';
	reason: string;
	extra: Record<string, unknown> | null;
}

export interface EasypromosCoin {
	id: number;
	name: string;
}

/** What a request carried, as the simulator received it (for tests to assert on). */
export interface EasypromosReceivedRequest {
	/** The endpoint key, e.g. "POST /participations/{pid}". */
	key: string;
	query: Record<string, string>;
	/** The JSON body, or undefined when there was none or it was not JSON. */
	body: Record<string, unknown> | undefined;
}

export interface EasypromosPointOfSale {
	id: number;
	name: string;
	address: string;
	city: string;
	zip_code: string;
	country: string;
	latitude: number;
	longitude: number;
	created: string;
}

export interface EasypromosRegistrationField {
	id: number;
	ref: string;
	title: string;
	type: string;
	required: boolean;
}

// ---- seeding options ----

export interface PromotionSeed {
	accountId?: number;
	organizingBrandId?: number;
	title?: string;
	status?: PromotionStatus;
	promotion_type?: string;
	description?: string;
	internal_ref?: string;
	timezone?: string;
	default_language?: string;
	start_date?: string;
	end_date?: string;
	/** Whether POST /users/autologin is allowed (code 43 when not). */
	autologinEnabled?: boolean;
	/** Segment names the promotion accepts (code 61 for others). */
	segments?: string[];
	/** The registration form; by default names, email, phone, birthday, a store and the terms. */
	registrationFields?: RegistrationFieldSeed[];
	/** The promotion's default coin; more with addCoin(). */
	coinName?: string;
}

export interface RegistrationFieldSeed {
	ref: string;
	title?: string;
	/** text, email, phone, date, select… or checkbox, a legal acceptance. */
	type: string;
	required: boolean;
}

export interface StageSeed {
	name?: string;
	/** wheel, quiz, game, instant_win, form... A wheel needs an available prize (code 60). */
	type?: string;
	visible?: boolean;
	start_date?: string;
	end_date?: string;
	/** Participations each user may make in the stage (code 10 past it). */
	participationLimit?: number;
	/** The stage asks for a promotional code; each of `codes` is usable once. */
	codes?: string[];
	/** The stage scores participations and has a ranking. */
	scored?: boolean;
}

export interface PrizeTypeSeed {
	name?: string;
	ref?: string;
	description?: string;
	assignation_type?: string;
	qty?: number;
}

export interface EasypromosSandbox {
	accountId: number;
	/** Valid token of the sandbox account. */
	token: string;
	expiredToken: string;
	noApiAccessToken: string;
	brands: EasypromosOrganizingBrand[];
	promotions: {
		/** Active, open, a few hundred users, participations, prizes, coins, ranking, points of sale. */
		active: EasypromosPromotion;
		draft: EasypromosPromotion;
		expired: EasypromosPromotion;
		/** Active but starting in a week (code 42 on participation). */
		upcoming: EasypromosPromotion;
	};
	stages: {
		wheel: EasypromosStage;
		code: EasypromosStage;
		game: EasypromosStage;
		quiz: EasypromosStage;
	};
}

/** ISO-8601 in UTC the way the document writes it: 2022-04-08T12:52:36+00:00. */
export function easypromosDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export const DAY_MS = 24 * 60 * 60 * 1000;
