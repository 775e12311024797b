/**
 * A local Easypromos REST API v2, as easypromos-rest-api-v2.txt and the Easypromos part of API-NOTES.md
 * describe it: bearer tokens (401 invalid or expired, 403 plan without API access), collections of at most
 * 100 items with an opaque `next_cursor`, `order` = created_asc | created_desc (default desc), 200 requests a
 * minute per account (429 until the window's first request is a window old), 415 on a write without a JSON
 * content type, 400 `{code, message}` with the document's codes, and the wrapped coin-transaction list items.
 *
 * ASSUMED — not in the document (API-NOTES marks them [assumed]); fix them here against the live API:
 * - Request bodies and replies of the writes:
 *     POST /users/autologin/{pid}        {external_id, email?, first_name?, last_name?, nickname?, phone?,
 *                                         birthday?, language?, country?, custom_properties?: [{ref, value}],
 *                                         meta_data?: {legals: {<name>: boolean}}} -> {login_token, user}
 *                                        A new user must bring the promotion's required registration
 *                                        fields beyond the person's own: each required custom field (by
 *                                        ref, a non-empty value) and each required legal checkbox
 *                                        (accepted, true); else 400 code 0 naming the field. A ref the form
 *                                        does not have is refused the same way. A user found again by
 *                                        external_id is updated with what is given, without that check.
 *     GET  /users/logintoken/{pid}/{user_id}                                     -> {user_id, login_token}
 *     POST | DELETE /users/segments/{pid} {user_id, segments: [name, ...]}       -> {user_id, segments: [all of the user's]}
 *     POST /participations/{pid}/participate/{stage_id}
 *                                        {user_id | login_token, code?, points?, data?} -> participation, full format
 *     POST /participations/{pid}/check_requirement/{stage_id}
 *                                        {user_id | login_token, code}           -> {valid, stage_id, user_id, requirement}
 *                                        (a dry run: the code stays unused)
 *     POST /participations/{pid}/validate_code/{stage_id}
 *                                        {user_id | login_token, code}           -> {valid, stage_id, user_id, code}
 *                                        (uses the code up and unlocks one participation in that stage)
 *     POST /participations/{pid}         {stage_id, user_id, points?, data?: [{ref, title?, values[]}]}
 *                                        -> the participation (basic format). Records a participation made
 *                                        elsewhere: checks like participate (open promotion and stage, 404
 *                                        unknown stage or user, 10 none left), 30 on a stage that asks for a
 *                                        code (the body carries none), draws no prize.
 *     POST /coin_transactions/{pid}      {user_id, amount, reason?, coin_id?}    -> {transaction, user} (the list's wrapper)
 *     PUT  /coins/{pid}                  {user_id, balance, coin_id?}            -> coin balance (below)
 *     GET  /coins/{pid}/users/{user_id}  ?coin_id=                               -> coin balance
 * - Several coins per promotion: each has its own ledger balance per user; `coin_id` left out = the
 *   promotion's first (default) coin; an unknown `coin_id` gets a 404 like an unknown user or stage, a
 *   malformed one 400 code 0. Lists of coins: none (the API documents none).
 * - Registration fields: a field whose ref is one of the user's own fields (first_name, email…) is the
 *   person's; a `checkbox` is a legal acceptance, kept under meta_data.legals by its ref; any other is a
 *   custom field, kept in custom_properties as {id, title, ref, value}.
 * - DELETE /users/segments and PUT /coins, though the guide names GET and POST only (API-NOTES: [src]);
 *   `guideMethodsOnly` turns them into the guide's 404 "Could not find method requested".
 * - Reply shapes: coin balance {user_id, promotion_id, coin_id, coin_name, balance}; remaining
 *   {user_id, stage_id, remaining}; inventory items = prize type + `available`; ranking items
 *   {position, user_id, nickname, avatar_img, points} (`stage_id` query parameter, default the first scored
 *   stage); points of sale; registration fields; the `{message}` bodies of 401/403/404/415/429.
 * - The cursor is the id of the next page's first item (ranking: its position); the document only says
 *   it is an integer.
 * - Which check gives which 400 code, and in which order (see each handler).
 * - Webhooks: envelope {event, promotion_id, created, data}, event names in EASYPROMOS_WEBHOOK_EVENTS,
 *   `data` mirrors the API object (user; participation in full format; wrapped coin transaction).
 */
import { randomBytes } from 'crypto';

import { SimulatorServer, jsonBody, type SimReply, type SimRequest } from './http-server';

export const EASYPROMOS_PAGE_SIZE = 100;

/** A registration field with one of these refs is the person's own (a field of the user object). */
const USER_OWN_FIELDS = new Set([
	'first_name',
	'last_name',
	'nickname',
	'email',
	'phone',
	'birthday',
	'language',
	'country',
]);

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

// ---- internal state ----

interface TokenRecord {
	accountId: number;
	status: TokenStatus;
}

interface RateWindow {
	startedAt: number;
	count: number;
}

interface StageRecord {
	stage: EasypromosStage;
	participationLimit: number;
	requiresCode: boolean;
	/** Code -> the user who used it, or null while unused. */
	codes: Map<string, number | null>;
	scored: boolean;
	/** Codes a user validated through validate_code and has not played yet. */
	unlockedCodes: Map<number, string[]>;
}

interface ParticipationRecord extends EasypromosParticipation {
	completed: boolean;
	requirement: EasypromosRequirement | null;
	prize_id: number | null;
}

interface PrizeTypeRecord {
	prizeType: EasypromosPrizeType;
	assigned: number;
}

interface PromotionRecord {
	promotion: EasypromosPromotion;
	accountId: number;
	autologinEnabled: boolean;
	/** The promotion's virtual coins; the first is the default, used when a request names none. */
	coins: EasypromosCoin[];
	segmentNames: Set<string>;
	registrationFields: EasypromosRegistrationField[];
	stages: StageRecord[];
	users: EasypromosUser[];
	participations: ParticipationRecord[];
	prizeTypes: PrizeTypeRecord[];
	prizes: EasypromosPrize[];
	coinTransactions: EasypromosCoinTransaction[];
	/** Coin id -> user id -> balance. */
	balances: Map<number, Map<number, number>>;
	userSegments: Map<number, Set<string>>;
	loginTokens: Map<string, { userId: number; expiresAt: number }>;
	pointsOfSale: EasypromosPointOfSale[];
}

interface RouteContext {
	request: SimRequest;
	accountId: number;
	params: Record<string, number>;
	query: URLSearchParams;
	body: Record<string, unknown>;
}

interface Route {
	method: string;
	/** The path as API-NOTES writes it; `{name}` are numeric ids. */
	pattern: string;
	regex: RegExp;
	paramNames: string[];
	run: (context: RouteContext) => SimReply;
}

/** Thrown by handlers to answer with an error; handle() turns it into the reply. */
class ApiFailure extends Error {
	constructor(readonly reply: SimReply) {
		super(`HTTP ${reply.status}`);
	}
}

function badRequest(code: number, message = EASYPROMOS_ERROR_MESSAGES[code]): ApiFailure {
	return new ApiFailure({ status: 400, body: { code, message } });
}

function notFound(what: string): ApiFailure {
	return new ApiFailure({ status: 404, body: { message: `Not Found - ${what} doesn't exist` } });
}

/** ISO-8601 in UTC the way the document writes it: 2022-04-08T12:52:36+00:00. */
export function easypromosDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const DAY_MS = 24 * 60 * 60 * 1000;
const FIRST_NAMES = [
	'Laura',
	'Marc',
	'Julia',
	'Pau',
	'Marta',
	'David',
	'Anna',
	'Jordi',
	'Elena',
	'Sergi',
	'Clara',
	'Oriol',
	'Nuria',
	'Alex',
	'Sofia',
	'Pablo',
	'Emma',
	'Lucas',
	'Chloe',
	'Hugo',
];
const LAST_NAMES = [
	'Garcia',
	'Martinez',
	'Lopez',
	'Puig',
	'Ferrer',
	'Soler',
	'Vidal',
	'Serra',
	'Costa',
	'Roca',
	'Dubois',
	'Rossi',
	'Schmidt',
	'Smith',
	'Moreau',
	'Bianchi',
];
const COUNTRIES = ['ES', 'ES', 'ES', 'FR', 'IT', 'DE', 'GB', 'PT'];
const STORES = [
	'Barcelona Centre',
	'Madrid Gran Via',
	'Valencia Port',
	'Sevilla Triana',
	'Bilbao Abando',
];
const USER_AGENTS = [
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36',
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36',
];
const COIN_REASONS = [
	'Game played',
	'Purchase in store',
	'Daily visit bonus',
	'Friend referral',
	'Redeemed for a prize',
];

export class EasypromosSimulator extends SimulatorServer {
	rateLimit: number;

	windowMs: number;

	sendRetryAfter: boolean;

	/** How many requests were answered 429, over all accounts. */
	rateLimitedCount = 0;

	/** The accounts' clock, which the rate windows run on; a test may drive it. */
	now: () => number = () => Date.now();

	/**
	 * The latest requests the handlers saw (not those an injected fault answered), oldest first, at most
	 * `receivedLimit` of them (the sandbox script runs for hours); resetCounts() empties it.
	 */
	received: EasypromosReceivedRequest[] = [];

	receivedLimit = 1000;

	/**
	 * The guide read strictly: only GET and POST, anything else 404 "Method doesn't exist". Off by
	 * default, where the simulator answers the DELETE and PUT that other public sources describe.
	 */
	guideMethodsOnly = false;

	/** Lifetime of user login tokens (autologin / logintoken) [assumed]. */
	loginTokenLifetimeMs = 60 * 60 * 1000;

	private tokens = new Map<string, TokenRecord>();

	private windows = new Map<number, RateWindow>();

	private brands: Array<{ brand: EasypromosOrganizingBrand; accountId: number }> = [];

	private promotions = new Map<number, PromotionRecord>();

	private readonly routes: Route[];

	private nextIds = {
		brand: 101,
		promotion: 540001,
		stage: 7001,
		registrationField: 11,
		user: 3000001,
		participation: 8000001,
		prizeType: 901,
		prize: 60001,
		coinTransaction: 1200001,
		pointOfSale: 401,
		coin: 31,
	};

	/** Seeded `created` times advance from a month ago, so they stay in the past and in id order. */
	private clock = Date.now() - 30 * DAY_MS;

	/** A fixed-seed generator, so seeded data is the same on every run. */
	private randomState = 20220408;

	constructor(options: EasypromosSimulatorOptions = {}) {
		super();
		this.rateLimit = options.rateLimit ?? 200;
		this.windowMs = options.windowMs ?? 60_000;
		this.sendRetryAfter = options.sendRetryAfter ?? true;
		this.routes = this.buildRoutes();
	}

	/** The base URL to put in the credential. */
	get apiUrl(): string {
		return `${this.url}/v2`;
	}

	/** Every endpoint key the simulator answers, e.g. "GET /users/{pid}". */
	get endpointKeys(): string[] {
		return this.routes.map((route) => `${route.method} ${route.pattern}`);
	}

	// ---- tokens and rate limit ----

	addToken(token: string, options: { status?: TokenStatus; accountId?: number } = {}): string {
		this.tokens.set(token, {
			accountId: options.accountId ?? 1,
			status: options.status ?? 'valid',
		});
		return token;
	}

	setTokenStatus(token: string, status: TokenStatus): void {
		const record = this.tokens.get(token);
		if (!record) throw new Error(`Unknown token ${token}`);
		record.status = status;
	}

	removeToken(token: string): void {
		this.tokens.delete(token);
	}

	/** Forgets every account's window, as if a minute had passed. */
	resetRateLimit(): void {
		this.windows.clear();
	}

	override resetCounts(): void {
		super.resetCounts();
		this.rateLimitedCount = 0;
		this.received = [];
	}

	/** Every login token issued so far stops working (code 20). */
	expireLoginTokens(): void {
		for (const record of this.promotions.values()) {
			for (const entry of record.loginTokens.values()) entry.expiresAt = 0;
		}
	}

	// ---- seeding ----

	addOrganizingBrand(name: string, accountId = 1): EasypromosOrganizingBrand {
		const brand = { id: this.nextIds.brand++, name };
		this.brands.push({ brand, accountId });
		return brand;
	}

	addPromotion(seed: PromotionSeed = {}): EasypromosPromotion {
		const accountId = seed.accountId ?? 1;
		const brand = seed.organizingBrandId
			? this.brands.find((candidate) => candidate.brand.id === seed.organizingBrandId)?.brand
			: (this.brands.find((candidate) => candidate.accountId === accountId)?.brand ??
				this.addOrganizingBrand(`Brand of account ${accountId}`, accountId));
		if (!brand) throw new Error(`Unknown organizing brand ${seed.organizingBrandId}`);
		const brandAccount = this.brands.find(
			(candidate) => candidate.brand.id === brand.id,
		)!.accountId;
		const status = seed.status ?? 'active';
		const now = Date.now();
		const defaultDates: Record<PromotionStatus, [number, number]> = {
			active: [now - 30 * DAY_MS, now + 60 * DAY_MS],
			draft: [now + 10 * DAY_MS, now + 40 * DAY_MS],
			expired: [now - 120 * DAY_MS, now - 30 * DAY_MS],
		};
		const id = this.nextIds.promotion++;
		const promotion: EasypromosPromotion = {
			id,
			organizing_brand: { ...brand },
			promotion_type: seed.promotion_type ?? 'multi_stage',
			title: seed.title ?? `Promotion ${id}`,
			internal_ref: seed.internal_ref ?? `PROMO-${id}`,
			description: seed.description ?? 'Play, collect coins and win prizes.',
			status,
			timezone: seed.timezone ?? 'Europe/Madrid',
			start_date: seed.start_date ?? easypromosDate(defaultDates[status][0]),
			end_date: seed.end_date ?? easypromosDate(defaultDates[status][1]),
			default_language: seed.default_language ?? 'en',
			created: this.stamp(),
		};
		this.promotions.set(id, {
			promotion,
			accountId: brandAccount,
			autologinEnabled: seed.autologinEnabled ?? true,
			coins: [{ id: this.nextIds.coin++, name: seed.coinName ?? 'Coins' }],
			segmentNames: new Set(seed.segments ?? ['vip', 'newsletter', 'loyal_customer']),
			registrationFields: this.registrationFieldsOf(seed.registrationFields),
			stages: [],
			users: [],
			participations: [],
			prizeTypes: [],
			prizes: [],
			coinTransactions: [],
			balances: new Map(),
			userSegments: new Map(),
			loginTokens: new Map(),
			pointsOfSale: [],
		});
		return promotion;
	}

	addStage(pid: number, seed: StageSeed = {}): EasypromosStage {
		const record = this.record(pid);
		const id = this.nextIds.stage++;
		const stage: EasypromosStage = {
			id,
			name: seed.name ?? `Stage ${id}`,
			type: seed.type ?? 'game',
			visible: seed.visible ?? true,
			start_date: seed.start_date ?? record.promotion.start_date,
			end_date: seed.end_date ?? record.promotion.end_date,
		};
		record.stages.push({
			stage,
			participationLimit: seed.participationLimit ?? 3,
			requiresCode: seed.codes !== undefined,
			codes: new Map((seed.codes ?? []).map((code) => [code, null])),
			scored: seed.scored ?? stage.type === 'game',
			unlockedCodes: new Map(),
		});
		return stage;
	}

	addPrizeType(pid: number, seed: PrizeTypeSeed = {}): EasypromosPrizeType {
		const record = this.record(pid);
		const id = this.nextIds.prizeType++;
		const name = seed.name ?? `Prize ${id}`;
		const prizeType: EasypromosPrizeType = {
			id,
			name,
			ref: seed.ref ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
			description: seed.description ?? `${name}, delivered by email.`,
			assignation_type: seed.assignation_type ?? 'instant_win',
			qty: seed.qty ?? 100,
			image: `https://media.easypromos.example/prizes/${id}.png`,
			instructions: 'Show the code at any point of sale to redeem the prize.',
		};
		record.prizeTypes.push({ prizeType, assigned: 0 });
		return prizeType;
	}

	addUsers(pid: number, count: number): EasypromosUser[] {
		return Array.from({ length: count }, () => this.addUser(pid));
	}

	/** One user; `fields` override the generated ones. */
	addUser(pid: number, fields: Partial<EasypromosUser> = {}): EasypromosUser {
		const record = this.record(pid);
		const id = this.nextIds.user++;
		const firstName = this.pick(FIRST_NAMES);
		const lastName = this.pick(LAST_NAMES);
		const viaAutologin = this.random() < 0.4;
		const user: EasypromosUser = {
			id,
			promotion_id: pid,
			first_name: firstName,
			last_name: lastName,
			nickname: `${firstName.toLowerCase()}${id % 100000}`,
			login_type: viaAutologin ? 'autologin' : 'form',
			social_id: null,
			external_id: viaAutologin ? `crm-${id}` : null,
			status: 'validated',
			email: `${firstName}.${lastName}.${id}@example.com`.toLowerCase(),
			phone:
				this.random() < 0.7
					? `+34 6${String(10000000 + Math.floor(this.random() * 89999999))}`
					: null,
			birthday: `${1970 + Math.floor(this.random() * 35)}-0${1 + Math.floor(this.random() * 9)}-1${Math.floor(this.random() * 9)}`,
			created: fields.created ?? this.stamp(),
			avatar_img: this.random() < 0.3 ? `https://media.easypromos.example/avatars/${id}.jpg` : null,
			language: record.promotion.default_language,
			country: this.pick(COUNTRIES),
			custom_properties: [
				{ id: 1, title: 'Favourite store', ref: 'favourite_store', value: this.pick(STORES) },
			],
			meta_data: {
				utm_source: this.pick(['instagram', 'newsletter', 'google', null]),
				utm_medium: this.pick(['social', 'email', 'cpc', null]),
				utm_campaign: 'summer',
				referral_url: null,
				ip: `83.45.${Math.floor(this.random() * 255)}.${Math.floor(this.random() * 255)}`,
				user_agent: this.pick(USER_AGENTS),
				legals: { terms: true, privacy: true, newsletter: this.random() < 0.5 },
			},
			...fields,
		};
		record.users.push(user);
		return user;
	}

	/** `count` participations spread over random users (all, or `userIds`) and the stages (or `stageId`). */
	addParticipations(
		pid: number,
		count: number,
		options: { stageId?: number; userIds?: number[] } = {},
	): EasypromosParticipation[] {
		return Array.from({ length: count }, () => this.addParticipation(pid, options));
	}

	/** One participation, like a new entry coming in; seeded ones win no prize (see addPrize). */
	addParticipation(
		pid: number,
		options: { stageId?: number; userId?: number; userIds?: number[]; points?: number } = {},
	): EasypromosParticipation {
		const record = this.record(pid);
		const stage = options.stageId
			? this.stageOf(record, options.stageId)
			: this.pick(record.stages);
		if (!stage) throw new Error(`Promotion ${pid} has no stage to participate in`);
		const user = options.userId
			? this.userOf(record, options.userId)
			: this.pickUserWithParticipationsLeft(record, stage, options.userIds);
		return this.storeParticipation(record, stage, user, {
			points: options.points ?? this.seedPoints(stage),
		});
	}

	/** `count` prizes won by random users, each with the participation that won it. */
	addPrizes(
		pid: number,
		count: number,
		options: { prizeTypeId?: number; stageId?: number } = {},
	): EasypromosPrize[] {
		return Array.from({ length: count }, () => this.addPrize(pid, options));
	}

	addPrize(
		pid: number,
		options: { prizeTypeId?: number; stageId?: number; userId?: number } = {},
	): EasypromosPrize {
		const record = this.record(pid);
		const prizeType = options.prizeTypeId
			? record.prizeTypes.find((candidate) => candidate.prizeType.id === options.prizeTypeId)
			: this.pickAvailablePrizeType(record);
		if (!prizeType || prizeType.assigned >= prizeType.prizeType.qty)
			throw new Error(`No prize available in promotion ${pid}`);
		const stage = options.stageId
			? this.stageOf(record, options.stageId)
			: (record.stages.find((candidate) => candidate.stage.type === 'wheel') ?? record.stages[0]);
		if (!stage) {
			const winner = options.userId ? this.userOf(record, options.userId) : this.pick(record.users);
			if (!winner) throw new Error(`Promotion ${pid} has no users`);
			return this.storePrize(record, prizeType, winner.id, null, null);
		}
		const user = options.userId
			? this.userOf(record, options.userId)
			: this.pickUserWithParticipationsLeft(record, stage);
		const participation = this.storeParticipation(record, stage, user, { points: 0 });
		const prize = this.storePrize(record, prizeType, user.id, stage.stage.id, participation.id);
		record.participations.find((candidate) => candidate.id === participation.id)!.prize_id =
			prize.id;
		return prize;
	}

	addCoinTransactions(
		pid: number,
		count: number,
		options: { userId?: number; amount?: number; coinId?: number } = {},
	): EasypromosCoinTransaction[] {
		return Array.from({ length: count }, () => this.addCoinTransaction(pid, options));
	}

	/** One transaction; a random amount spends coins now and then when the balance allows. */
	addCoinTransaction(
		pid: number,
		options: { userId?: number; amount?: number; reason?: string; coinId?: number } = {},
	): EasypromosCoinTransaction {
		const record = this.record(pid);
		const coin = this.coinOf(record, options.coinId);
		const user = options.userId ? this.userOf(record, options.userId) : this.pick(record.users);
		if (!user) throw new Error(`Promotion ${pid} has no users`);
		let amount = options.amount;
		if (amount === undefined) {
			const balance = this.balanceOf(record, coin, user.id);
			amount = balance >= 50 && this.random() < 0.25 ? -50 : this.pick([10, 10, 20, 25, 50, 100]);
		}
		const reason =
			options.reason ?? (amount < 0 ? 'Redeemed for a prize' : this.pick(COIN_REASONS.slice(0, 4)));
		return this.storeCoinTransaction(record, coin, user.id, amount, reason, null);
	}

	/** Another virtual coin of the promotion (the first one, made with the promotion, stays the default). */
	addCoin(pid: number, name: string): EasypromosCoin {
		const coin = { id: this.nextIds.coin++, name };
		this.record(pid).coins.push(coin);
		return coin;
	}

	addPointsOfSale(pid: number, count: number): EasypromosPointOfSale[] {
		const record = this.record(pid);
		return Array.from({ length: count }, (_, index) => {
			const id = this.nextIds.pointOfSale++;
			const city = STORES[index % STORES.length].split(' ')[0];
			const pointOfSale: EasypromosPointOfSale = {
				id,
				name: `${STORES[index % STORES.length]} #${id}`,
				address: `Carrer Major ${10 + index}`,
				city,
				zip_code: String(8000 + index).padStart(5, '0'),
				country: 'ES',
				latitude: Number((41.38 + index * 0.01).toFixed(5)),
				longitude: Number((2.17 + index * 0.01).toFixed(5)),
				created: this.stamp(),
			};
			record.pointsOfSale.push(pointOfSale);
			return pointOfSale;
		});
	}

	/**
	 * A believable account: two organizing brands; an active promotion with 300 users, participations in a
	 * wheel, a code stage, a scored game and a quiz, prizes won, coin transactions and points of sale; a draft,
	 * an expired and an upcoming promotion. Registers a valid, an expired and a no-API-access token.
	 */
	seedSandbox(options: { accountId?: number; token?: string } = {}): EasypromosSandbox {
		const accountId = options.accountId ?? 1;
		const token = this.addToken(
			options.token ?? `ep_sandbox_${accountId}_${randomBytes(12).toString('hex')}`,
			{ accountId },
		);
		const expiredToken = this.addToken(
			`ep_expired_${accountId}_${randomBytes(8).toString('hex')}`,
			{ accountId, status: 'expired' },
		);
		const noApiAccessToken = this.addToken(
			`ep_basic_plan_${accountId}_${randomBytes(8).toString('hex')}`,
			{
				accountId,
				status: 'noApiAccess',
			},
		);
		const drinks = this.addOrganizingBrand('Sunny Beverages', accountId);
		const outdoor = this.addOrganizingBrand('Nordic Outdoor Co.', accountId);

		const expired = this.addPromotion({
			accountId,
			organizingBrandId: outdoor.id,
			status: 'expired',
			title: 'Winter Photo Contest',
			promotion_type: 'photo_contest',
		});
		const expiredStage = this.addStage(expired.id, {
			name: 'Upload your photo',
			type: 'form',
			participationLimit: 1,
		});
		this.addUsers(expired.id, 40);
		this.addParticipations(expired.id, 40, { stageId: expiredStage.id });

		const active = this.addPromotion({
			accountId,
			organizingBrandId: drinks.id,
			status: 'active',
			title: 'Summer Spin & Win',
			coinName: 'Sun Coins',
		});
		const wheel = this.addStage(active.id, {
			name: 'Spin the wheel',
			type: 'wheel',
			participationLimit: 3,
		});
		const codes = Array.from(
			{ length: 200 },
			(_, index) => `SUMMER-${String(index + 1).padStart(4, '0')}`,
		);
		const code = this.addStage(active.id, {
			name: 'Enter your bottle cap code',
			type: 'instant_win',
			participationLimit: 10,
			codes,
		});
		const game = this.addStage(active.id, {
			name: 'Beach Runner',
			type: 'game',
			participationLimit: 5,
			scored: true,
		});
		const quiz = this.addStage(active.id, {
			name: 'Summer quiz',
			type: 'quiz',
			participationLimit: 1,
			scored: false,
		});
		this.addPrizeType(active.id, {
			name: 'Free drink voucher',
			qty: 1000,
			assignation_type: 'instant_win',
		});
		this.addPrizeType(active.id, { name: 'Beach towel', qty: 60, assignation_type: 'instant_win' });
		this.addPrizeType(active.id, { name: 'Weekend in Mallorca', qty: 1, assignation_type: 'draw' });
		this.addPointsOfSale(active.id, 12);
		const users = this.addUsers(active.id, 300);
		this.addParticipations(active.id, 220, { stageId: game.id });
		this.addParticipations(active.id, 150, { stageId: quiz.id });
		for (const user of users.slice(0, 60)) {
			this.addCodeParticipation(active.id, code.id, user.id);
		}
		this.addParticipations(active.id, 90, { stageId: wheel.id });
		this.addPrizes(active.id, 45, { stageId: wheel.id });
		this.addCoinTransactions(active.id, 350);

		const draft = this.addPromotion({
			accountId,
			organizingBrandId: drinks.id,
			status: 'draft',
			title: 'Autumn Quiz',
		});
		this.addStage(draft.id, { name: 'Autumn quiz', type: 'quiz' });

		const upcoming = this.addPromotion({
			accountId,
			organizingBrandId: outdoor.id,
			status: 'active',
			title: 'Spring Trail Challenge',
			start_date: easypromosDate(Date.now() + 7 * DAY_MS),
			end_date: easypromosDate(Date.now() + 60 * DAY_MS),
		});
		this.addStage(upcoming.id, { name: 'Trail game', type: 'game' });

		return {
			accountId,
			token,
			expiredToken,
			noApiAccessToken,
			brands: [drinks, outdoor],
			promotions: { active, draft, expired, upcoming },
			stages: { wheel, code, game, quiz },
		};
	}

	/** A participation that used up one of the stage's codes, as a bottle-cap entry would. */
	addCodeParticipation(pid: number, stageId: number, userId: number): EasypromosParticipation {
		const record = this.record(pid);
		const stage = this.stageOf(record, stageId);
		const code = this.unusedCodes(pid, stageId)[0];
		if (!code) throw new Error(`Stage ${stageId} has no unused code`);
		stage.codes.set(code, userId);
		return this.storeParticipation(record, stage, this.userOf(record, userId), {
			points: 0,
			requirement: { type: 'code', code, data: [] },
		});
	}

	// ---- reading the state, for assertions ----

	promotion(pid: number): EasypromosPromotion {
		return this.record(pid).promotion;
	}

	users(pid: number): EasypromosUser[] {
		return this.record(pid).users;
	}

	participations(pid: number): EasypromosParticipation[] {
		return this.record(pid).participations.map((participation) =>
			this.participationView(this.record(pid), participation, false),
		);
	}

	prizes(pid: number): EasypromosPrize[] {
		return this.record(pid).prizes;
	}

	coinTransactions(pid: number): EasypromosCoinTransaction[] {
		return this.record(pid).coinTransactions;
	}

	/** A user's balance of one coin; of the promotion's default coin when `coinId` is left out. */
	coinBalance(pid: number, userId: number, coinId?: number): number {
		const record = this.record(pid);
		return this.balanceOf(record, this.coinOf(record, coinId), userId);
	}

	/** The promotion's coins, the default one first. */
	coins(pid: number): EasypromosCoin[] {
		return this.record(pid).coins.map((coin) => ({ ...coin }));
	}

	segmentsOf(pid: number, userId: number): string[] {
		return [...(this.record(pid).userSegments.get(userId) ?? [])];
	}

	unusedCodes(pid: number, stageId: number): string[] {
		const stage = this.stageOf(this.record(pid), stageId);
		return [...stage.codes].filter(([, usedBy]) => usedBy === null).map(([code]) => code);
	}

	/** Sets whether autologin is allowed in a promotion (code 43). */
	setAutologinEnabled(pid: number, enabled: boolean): void {
		this.record(pid).autologinEnabled = enabled;
	}

	// ---- webhooks ----

	/** The `data` Easypromos would post for an object: a user, a participation (full), a wrapped transaction. */
	webhookData(
		event: EasypromosWebhookEvent,
		pid: number,
		objectId: number,
	): Record<string, unknown> {
		const record = this.record(pid);
		if (event === 'new_user') return { ...this.userOf(record, objectId) };
		if (event === 'new_participation') {
			const participation = record.participations.find((candidate) => candidate.id === objectId);
			if (!participation) throw new Error(`Unknown participation ${objectId}`);
			return this.participationView(record, participation, true);
		}
		const transaction = record.coinTransactions.find((candidate) => candidate.id === objectId);
		if (!transaction) throw new Error(`Unknown coin transaction ${objectId}`);
		return this.coinTransactionItem(record, transaction);
	}

	/** POSTs the webhook of a stored object to `url`, as Easypromos would on that event. */
	async sendWebhook(
		url: string,
		event: EasypromosWebhookEvent,
		pid: number,
		objectId: number,
	): Promise<Response> {
		return await postWebhook(url, event, this.webhookData(event, pid, objectId), {
			promotionId: pid,
		});
	}

	// ---- the server ----

	protected endpointKey(request: SimRequest): string {
		const path = this.apiPath(request) ?? request.url.pathname;
		const found = this.match(request.method, path);
		return found ? `${found.route.method} ${found.route.pattern}` : `${request.method} ${path}`;
	}

	/** What tests see of the requests to one endpoint key, oldest first. */
	receivedAt(key: string): EasypromosReceivedRequest[] {
		return this.received.filter((entry) => entry.key === key);
	}

	protected handle(request: SimRequest): SimReply {
		this.received.push({
			key: this.endpointKey(request),
			query: Object.fromEntries(request.url.searchParams),
			body: request.rawBody.length > 0 ? jsonBody(request) : undefined,
		});
		if (this.received.length > this.receivedLimit)
			this.received.splice(0, this.received.length - this.receivedLimit);
		try {
			const path = this.apiPath(request);
			if (path === undefined) throw notFound('Method');
			const accountId = this.authorize(request);
			this.takeRateLimitSlot(accountId);
			// [doc] "We accept 2 methods: GET and POST"; 404 is "Could not find method requested".
			if (this.guideMethodsOnly && request.method !== 'GET' && request.method !== 'POST')
				throw notFound('Method');
			const found = this.match(request.method, path);
			if (!found) throw notFound('Method');
			const body = this.readBody(request);
			return found.route.run({
				request,
				accountId,
				params: found.params,
				query: request.url.searchParams,
				body,
			});
		} catch (error) {
			if (error instanceof ApiFailure) return error.reply;
			throw error;
		}
	}

	private apiPath(request: SimRequest): string | undefined {
		const match = /^\/v2(\/.*)?$/.exec(request.url.pathname);
		if (!match) return undefined;
		return (match[1] ?? '/').replace(/\/+$/, '') || '/';
	}

	private match(
		method: string,
		path: string,
	): { route: Route; params: Record<string, number> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const match = route.regex.exec(path);
			if (!match) continue;
			const params: Record<string, number> = {};
			for (const [index, name] of route.paramNames.entries())
				params[name] = Number(match[index + 1]);
			return { route, params };
		}
		return undefined;
	}

	private authorize(request: SimRequest): number {
		const header = String(request.headers.authorization ?? '').trim();
		const bearer = /^Bearer\s+(\S+)$/i.exec(header);
		const token = bearer ? this.tokens.get(bearer[1]) : undefined;
		if (!token || token.status === 'expired') {
			throw new ApiFailure({
				status: 401,
				body: { message: 'Unauthorized - Access Token not valid' },
			});
		}
		if (token.status === 'noApiAccess') {
			throw new ApiFailure({
				status: 403,
				body: { message: 'Forbidden - This user does not have access to this resource' },
			});
		}
		return token.accountId;
	}

	/** The window opens at an account's first request; past `rateLimit` requests in it, 429 until it closes. */
	private takeRateLimitSlot(accountId: number): void {
		const now = this.now();
		let window = this.windows.get(accountId);
		if (!window || now - window.startedAt >= this.windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(accountId, window);
		}
		window.count++;
		if (window.count <= this.rateLimit) return;
		this.rateLimitedCount++;
		const waitSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
		throw new ApiFailure({
			status: 429,
			headers: this.sendRetryAfter ? { 'Retry-After': String(waitSeconds) } : {},
			body: {
				message:
					'Too Many Requests - You are over the rate limit window. Try your request again later.',
			},
		});
	}

	/** GET ignores its body; POST and PUT always need JSON; DELETE only when it carries a body. */
	private readBody(request: SimRequest): Record<string, unknown> {
		const hasBody = request.rawBody.length > 0;
		const needsJson =
			request.method === 'POST' ||
			request.method === 'PUT' ||
			(request.method === 'DELETE' && hasBody);
		if (!needsJson) return {};
		const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
		if (!contentType.startsWith('application/json')) {
			throw new ApiFailure({
				status: 415,
				body: {
					message:
						'Unsupported content type. The request must include the HTTP Content-Type header and must be application/json.',
				},
			});
		}
		try {
			const parsed = JSON.parse(request.rawBody.toString('utf8')) as unknown;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				return parsed as Record<string, unknown>;
		} catch {
			// falls through to code 50
		}
		throw badRequest(50);
	}

	private buildRoutes(): Route[] {
		const route = (
			method: string,
			pattern: string,
			run: (context: RouteContext) => SimReply,
		): Route => {
			const paramNames = [...pattern.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
			const regex = new RegExp(`^${pattern.replace(/\{\w+\}/g, '(\\d+)')}$`);
			return { method, pattern, regex, paramNames, run };
		};
		return [
			route('GET', '/promotions', (c) => this.listPromotions(c)),
			route('GET', '/promotions/{pid}', (c) => ok(this.owned(c).promotion)),
			route('GET', '/promotions/{pid}/registration_fields', (c) =>
				this.collection(c, this.owned(c).registrationFields),
			),
			route('GET', '/organizing_brands', (c) =>
				this.collection(c, this.accountBrands(c.accountId)),
			),
			route('GET', '/organizing_brands/{id}', (c) => ok(this.ownedBrand(c))),
			route('GET', '/organizing_brands/{id}/promotions', (c) =>
				this.listPromotions(c, this.ownedBrand(c).id),
			),
			route('GET', '/stages/{pid}', (c) =>
				this.collection(
					c,
					this.owned(c).stages.map((stage) => stage.stage),
				),
			),
			route('GET', '/stages/{pid}/{stage_id}', (c) =>
				ok(this.stageOf(this.owned(c), c.params.stage_id).stage),
			),
			route('GET', '/users/{pid}', (c) => this.collection(c, this.owned(c).users)),
			route('GET', '/users/{pid}/{user_id}', (c) =>
				ok(this.userOf(this.owned(c), c.params.user_id)),
			),
			route('POST', '/users/autologin/{pid}', (c) => this.autologin(c)),
			route('GET', '/users/logintoken/{pid}/{user_id}', (c) => this.loginToken(c)),
			route('POST', '/users/segments/{pid}', (c) => this.changeSegments(c, 'add')),
			route('DELETE', '/users/segments/{pid}', (c) => this.changeSegments(c, 'remove')),
			route('GET', '/participations/{pid}', (c) => this.listParticipations(c)),
			route('POST', '/participations/{pid}', (c) => this.createParticipation(c)),
			route('GET', '/participations/{pid}/users/{user_id}', (c) =>
				this.listParticipations(c, c.params.user_id),
			),
			route('GET', '/participations/{pid}/remaining/{stage_id}/{user_id}', (c) =>
				this.remaining(c),
			),
			route('GET', '/participations/{pid}/{participation_id}', (c) => this.getParticipation(c)),
			route('POST', '/participations/{pid}/participate/{stage_id}', (c) => this.participate(c)),
			route('POST', '/participations/{pid}/check_requirement/{stage_id}', (c) =>
				this.checkRequirement(c),
			),
			route('POST', '/participations/{pid}/validate_code/{stage_id}', (c) => this.validateCode(c)),
			route('GET', '/prizes/inventory/{pid}', (c) => this.inventory(c)),
			route('GET', '/prizes/{pid}', (c) => this.listPrizes(c)),
			route('GET', '/prizes/{pid}/users/{user_id}', (c) => this.listPrizes(c, c.params.user_id)),
			route('GET', '/coin_transactions/{pid}', (c) => this.listCoinTransactions(c)),
			route('GET', '/coin_transactions/{pid}/users/{user_id}', (c) =>
				this.listCoinTransactions(c, c.params.user_id),
			),
			route('POST', '/coin_transactions/{pid}', (c) => this.createCoinTransaction(c)),
			route('GET', '/coins/{pid}/users/{user_id}', (c) => this.getBalance(c)),
			route('PUT', '/coins/{pid}', (c) => this.setBalance(c)),
			route('GET', '/ranking/{pid}', (c) => this.ranking(c)),
			route('GET', '/pos/{pid}', (c) => this.collection(c, this.owned(c).pointsOfSale)),
		];
	}

	// ---- collections ----

	/**
	 * One page of a collection. Records are in id order, which is creation order; the cursor is the key of
	 * the next page's first record, so pages neither overlap nor skip even while new records arrive.
	 */
	private collection<T>(
		context: RouteContext,
		records: readonly T[],
		options: { view?: (record: T) => unknown; key?: (record: T) => number; ordered?: boolean } = {},
	): SimReply {
		const key = options.key ?? ((record: T) => (record as { id: number }).id);
		const view = options.view ?? ((record: T) => record);
		const ordered = options.ordered ?? true;
		const order = context.query.get('order') ?? 'created_desc';
		if (ordered && order !== 'created_asc' && order !== 'created_desc') {
			throw badRequest(0, 'order must be created_asc or created_desc');
		}
		const descending = ordered && order === 'created_desc';
		const sorted = [...records].sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)));

		let start = 0;
		const cursorParameter = context.query.get('next_cursor');
		if (cursorParameter !== null && cursorParameter !== '') {
			if (!/^-?\d+$/.test(cursorParameter)) throw badRequest(0, 'next_cursor is not valid');
			const cursor = Number(cursorParameter);
			if (cursor > 0) {
				start = sorted.findIndex((record) =>
					descending ? key(record) <= cursor : key(record) >= cursor,
				);
				if (start === -1) start = sorted.length;
			}
		}
		const page = sorted.slice(start, start + EASYPROMOS_PAGE_SIZE);
		const next = sorted[start + EASYPROMOS_PAGE_SIZE];
		const paging =
			next !== undefined
				? { next_cursor: key(next), items_page: page.length }
				: { items_page: page.length };
		return ok({ items: page.map(view), paging });
	}

	private listPromotions(context: RouteContext, brandId?: number): SimReply {
		const status = context.query.get('status') ?? 'all';
		if (!['all', 'draft', 'active', 'expired'].includes(status)) {
			throw badRequest(0, 'status must be all, draft, active or expired');
		}
		const promotions = [...this.promotions.values()]
			.filter((record) => record.accountId === context.accountId)
			.map((record) => record.promotion)
			.filter((promotion) => brandId === undefined || promotion.organizing_brand.id === brandId)
			.filter((promotion) => status === 'all' || promotion.status === status);
		return this.collection(context, promotions);
	}

	private listParticipations(context: RouteContext, userId?: number): SimReply {
		const record = this.owned(context);
		if (userId !== undefined) this.userOf(record, userId);
		const full = context.query.get('format') === 'full';
		const participations = record.participations.filter(
			(participation) => userId === undefined || participation.user_id === userId,
		);
		return this.collection(context, participations, {
			view: (participation) => this.participationView(record, participation, full),
		});
	}

	private getParticipation(context: RouteContext): SimReply {
		const record = this.owned(context);
		const participation = record.participations.find(
			(candidate) => candidate.id === context.params.participation_id,
		);
		if (!participation) throw notFound('Participation');
		return ok(
			this.participationView(record, participation, context.query.get('format') === 'full'),
		);
	}

	private listPrizes(context: RouteContext, userId?: number): SimReply {
		const record = this.owned(context);
		if (userId !== undefined) this.userOf(record, userId);
		const prizes = record.prizes.filter(
			(prize) => userId === undefined || prize.user_id === userId,
		);
		return this.collection(context, prizes, { view: (prize) => this.prizeView(record, prize) });
	}

	private inventory(context: RouteContext): SimReply {
		const record = this.owned(context);
		return this.collection(context, record.prizeTypes, {
			key: (entry) => entry.prizeType.id,
			view: (entry) => ({ ...entry.prizeType, available: entry.prizeType.qty - entry.assigned }),
		});
	}

	private listCoinTransactions(context: RouteContext, userId?: number): SimReply {
		const record = this.owned(context);
		if (userId !== undefined) this.userOf(record, userId);
		const transactions = record.coinTransactions.filter(
			(transaction) => userId === undefined || transaction.user_id === userId,
		);
		return this.collection(context, transactions, {
			view: (transaction) => this.coinTransactionItem(record, transaction),
		});
	}

	/** Best score per user in a scored stage, highest first; earlier participation wins a tie. */
	private ranking(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stageParameter = context.query.get('stage_id');
		const stage = stageParameter
			? record.stages.find(
					(candidate) => String(candidate.stage.id) === stageParameter && candidate.scored,
				)
			: record.stages.find((candidate) => candidate.scored);
		if (!stage) throw notFound('Ranking');
		const best = new Map<number, ParticipationRecord>();
		for (const participation of record.participations) {
			if (participation.stage_id !== stage.stage.id) continue;
			const current = best.get(participation.user_id);
			if (!current || participation.points > current.points)
				best.set(participation.user_id, participation);
		}
		const rows = [...best.values()]
			.sort((a, b) => b.points - a.points || a.id - b.id)
			.map((participation, index) => {
				const user = this.userOf(record, participation.user_id);
				return {
					position: index + 1,
					user_id: user.id,
					nickname: user.nickname,
					avatar_img: user.avatar_img,
					points: participation.points,
				};
			});
		return this.collection(context, rows, { key: (row) => row.position, ordered: false });
	}

	// ---- users ----

	private autologin(context: RouteContext): SimReply {
		const record = this.owned(context);
		this.assertOpen(record);
		if (!record.autologinEnabled) throw badRequest(43);
		const body = context.body;
		const externalId =
			typeof body.external_id === 'number' ? String(body.external_id) : body.external_id;
		if (typeof externalId !== 'string' || externalId.trim() === '') throw badRequest(40);
		if (
			body.email !== undefined &&
			(typeof body.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(body.email))
		) {
			throw badRequest(47);
		}
		if (
			body.country !== undefined &&
			(typeof body.country !== 'string' || !/^[A-Z]{2}$/i.test(body.country))
		) {
			throw badRequest(51);
		}
		let user = record.users.find((candidate) => candidate.external_id === externalId);
		if (
			typeof body.nickname === 'string' &&
			record.users.some((candidate) => candidate.nickname === body.nickname && candidate !== user)
		) {
			throw badRequest(45);
		}
		const fields: Partial<EasypromosUser> = {};
		for (const name of [
			'email',
			'first_name',
			'last_name',
			'nickname',
			'phone',
			'birthday',
			'language',
		] as const) {
			if (typeof body[name] === 'string') fields[name] = body[name] as string;
		}
		if (typeof body.country === 'string') fields.country = body.country.toUpperCase();
		const { customProperties, legals } = this.formAnswers(record, body, !user);
		if (user) {
			Object.assign(user, fields);
			for (const property of customProperties) {
				const index = user.custom_properties.findIndex((known) => known.ref === property.ref);
				if (index >= 0) user.custom_properties[index] = property;
				else user.custom_properties.push(property);
			}
			Object.assign(user.meta_data.legals, legals);
		} else {
			user = this.addUser(record.promotion.id, {
				login_type: 'autologin',
				external_id: externalId,
				created: this.liveStamp(),
				...fields,
			});
			// A user registered by autologin holds what was sent, not generated answers.
			user.custom_properties = customProperties;
			user.meta_data = { ...user.meta_data, legals };
		}
		return ok({ login_token: this.issueLoginToken(record, user.id), user });
	}

	private loginToken(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, context.params.user_id);
		if (!record.autologinEnabled) throw badRequest(43);
		return ok({ user_id: user.id, login_token: this.issueLoginToken(record, user.id) });
	}

	private changeSegments(context: RouteContext, change: 'add' | 'remove'): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		const segments = context.body.segments;
		if (
			!Array.isArray(segments) ||
			segments.length === 0 ||
			!segments.every((segment) => typeof segment === 'string')
		) {
			throw badRequest(0, 'segments must be a non-empty list of segment names');
		}
		const unknown = segments.find((segment) => !record.segmentNames.has(segment));
		if (unknown !== undefined) throw badRequest(61, `${EASYPROMOS_ERROR_MESSAGES[61]}: ${unknown}`);
		const userSegments = record.userSegments.get(user.id) ?? new Set<string>();
		for (const segment of segments as string[]) {
			if (change === 'add') userSegments.add(segment);
			else userSegments.delete(segment);
		}
		record.userSegments.set(user.id, userSegments);
		return ok({ user_id: user.id, segments: [...userSegments] });
	}

	// ---- participations ----

	private remaining(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		const user = this.userOf(record, context.params.user_id);
		return ok({
			user_id: user.id,
			stage_id: stage.stage.id,
			remaining: this.remainingFor(record, stage, user.id),
		});
	}

	/** Order of checks: promotion and stage open, user, participations left, requirement, wheel prizes. */
	private participate(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		this.assertOpen(record, stage);
		const user = this.identifyUser(record, context.body);
		if (this.remainingFor(record, stage, user.id) <= 0) throw badRequest(10);

		let code: string | undefined;
		let fromUnlocked = false;
		if (stage.requiresCode) {
			if (context.body.code !== undefined) {
				code = this.checkCode(stage, context.body.code);
			} else if ((stage.unlockedCodes.get(user.id) ?? []).length > 0) {
				code = stage.unlockedCodes.get(user.id)![0];
				fromUnlocked = true;
			} else {
				throw badRequest(30);
			}
		}
		const prizeType =
			stage.stage.type === 'wheel' ? this.pickAvailablePrizeType(record) : undefined;
		if (stage.stage.type === 'wheel' && !prizeType) throw badRequest(60);

		if (code !== undefined) {
			if (fromUnlocked) stage.unlockedCodes.get(user.id)!.shift();
			else stage.codes.set(code, user.id);
		}
		const points =
			typeof context.body.points === 'number' ? context.body.points : this.seedPoints(stage);
		const participation = this.storeParticipation(record, stage, user, {
			points,
			live: true,
			requirement: code !== undefined ? { type: 'code', code, data: [] } : null,
			data: Array.isArray(context.body.data)
				? (context.body.data as EasypromosParticipation['data'])
				: undefined,
			ip: typeof context.body.ip === 'string' ? context.body.ip : undefined,
			userAgent: String(context.request.headers['user-agent'] ?? 'n8n'),
		});
		if (prizeType) {
			const prize = this.storePrize(
				record,
				prizeType,
				user.id,
				stage.stage.id,
				participation.id,
				true,
			);
			record.participations.find((candidate) => candidate.id === participation.id)!.prize_id =
				prize.id;
		}
		const stored = record.participations.find((candidate) => candidate.id === participation.id)!;
		return ok(this.participationView(record, stored, true));
	}

	/**
	 * Records a participation made elsewhere [assumed]: the same checks as participate, in the same order,
	 * with the stage and user in the body; 30 on a stage that asks for a code; no prize is drawn.
	 */
	private createParticipation(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, this.requiredId(context.body.stage_id, 'stage_id'));
		this.assertOpen(record, stage);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		if (this.remainingFor(record, stage, user.id) <= 0) throw badRequest(10);
		if (stage.requiresCode) throw badRequest(30);
		const { points = 0, data = [] } = context.body;
		if (typeof points !== 'number' || !Number.isFinite(points))
			throw badRequest(0, 'points must be a number');
		const answers = Array.isArray(data) ? data : undefined;
		const valid = answers?.every(
			(entry) =>
				entry !== null &&
				typeof entry === 'object' &&
				typeof (entry as Record<string, unknown>).ref === 'string' &&
				((entry as Record<string, unknown>).ref as string).trim() !== '' &&
				Array.isArray((entry as Record<string, unknown>).values) &&
				((entry as Record<string, unknown>).values as unknown[]).every(
					(value) => typeof value === 'string' || typeof value === 'number',
				),
		);
		if (!answers || !valid) throw badRequest(0, 'data must be a list of {ref, values: [...]}');
		const participation = this.storeParticipation(record, stage, user, {
			points,
			live: true,
			data: (answers as Array<Record<string, unknown>>).map((entry) => ({
				ref: entry.ref as string,
				title: typeof entry.title === 'string' ? entry.title : (entry.ref as string),
				values: (entry.values as unknown[]).map(String),
			})),
			userAgent: String(context.request.headers['user-agent'] ?? 'n8n'),
		});
		return ok(participation);
	}

	private checkRequirement(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		this.assertOpen(record, stage);
		const user = this.identifyUser(record, context.body);
		const code = this.checkCode(stage, context.body.code);
		return ok({
			valid: true,
			stage_id: stage.stage.id,
			user_id: user.id,
			requirement: { type: 'code', code, data: [] },
		});
	}

	private validateCode(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		this.assertOpen(record, stage);
		const user = this.identifyUser(record, context.body);
		const code = this.checkCode(stage, context.body.code);
		stage.codes.set(code, user.id);
		stage.unlockedCodes.set(user.id, [...(stage.unlockedCodes.get(user.id) ?? []), code]);
		return ok({ valid: true, stage_id: stage.stage.id, user_id: user.id, code });
	}

	// ---- coins ----

	private createCoinTransaction(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		const coin = this.requestedCoin(record, context.body.coin_id);
		const amount = context.body.amount;
		if (typeof amount !== 'number' || !Number.isInteger(amount) || amount === 0) {
			throw badRequest(0, 'amount must be a non-zero whole number');
		}
		if (this.balanceOf(record, coin, user.id) + amount < 0)
			throw badRequest(0, 'The user has not enough coins');
		const reason = typeof context.body.reason === 'string' ? context.body.reason : 'API';
		const extra =
			context.body.extra && typeof context.body.extra === 'object'
				? (context.body.extra as Record<string, unknown>)
				: null;
		const transaction = this.storeCoinTransaction(
			record,
			coin,
			user.id,
			amount,
			reason,
			extra,
			true,
		);
		return ok(this.coinTransactionItem(record, transaction));
	}

	private getBalance(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, context.params.user_id);
		const coin = this.requestedCoin(record, context.query.get('coin_id') ?? undefined);
		return ok(this.balanceView(record, coin, user.id));
	}

	/** Setting a balance books the difference as a transaction, so the ledger adds up. */
	private setBalance(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		const coin = this.requestedCoin(record, context.body.coin_id);
		const balance = context.body.balance;
		if (typeof balance !== 'number' || !Number.isInteger(balance) || balance < 0) {
			throw badRequest(0, 'balance must be a whole number of 0 or more');
		}
		const difference = balance - this.balanceOf(record, coin, user.id);
		if (difference !== 0)
			this.storeCoinTransaction(
				record,
				coin,
				user.id,
				difference,
				'Balance set through the API',
				null,
				true,
			);
		return ok(this.balanceView(record, coin, user.id));
	}

	// ---- lookups and checks ----

	private record(pid: number): PromotionRecord {
		const record = this.promotions.get(pid);
		if (!record) throw new Error(`Unknown promotion ${pid}`);
		return record;
	}

	/** The route's promotion when the token's account owns it; 404 otherwise. */
	private owned(context: RouteContext): PromotionRecord {
		const record = this.promotions.get(context.params.pid);
		if (!record || record.accountId !== context.accountId) throw notFound('Promotion');
		return record;
	}

	private accountBrands(accountId: number): EasypromosOrganizingBrand[] {
		return this.brands.filter((entry) => entry.accountId === accountId).map((entry) => entry.brand);
	}

	private ownedBrand(context: RouteContext): EasypromosOrganizingBrand {
		const brand = this.accountBrands(context.accountId).find(
			(candidate) => candidate.id === context.params.id,
		);
		if (!brand) throw notFound('Organizing brand');
		return brand;
	}

	private stageOf(record: PromotionRecord, stageId: number): StageRecord {
		const stage = record.stages.find((candidate) => candidate.stage.id === stageId);
		if (!stage) throw notFound('Stage');
		return stage;
	}

	private userOf(record: PromotionRecord, userId: number): EasypromosUser {
		const user = record.users.find((candidate) => candidate.id === userId);
		if (!user) throw notFound('User');
		return user;
	}

	/** The promotion's coin with that id (an Error: for seeding), or its default coin. */
	private coinOf(record: PromotionRecord, coinId?: number): EasypromosCoin {
		if (coinId === undefined) return record.coins[0];
		const coin = record.coins.find((candidate) => candidate.id === coinId);
		if (!coin) throw new Error(`Promotion ${record.promotion.id} has no coin ${coinId}`);
		return coin;
	}

	/** The coin a request names in `coin_id` [assumed]: none = the default, unknown = 404, malformed = 400 code 0. */
	private requestedCoin(record: PromotionRecord, value: unknown): EasypromosCoin {
		if (value === undefined || value === null || value === '') return record.coins[0];
		const coinId = this.requiredId(value, 'coin_id');
		const coin = record.coins.find((candidate) => candidate.id === coinId);
		if (!coin) throw notFound('Coin');
		return coin;
	}

	private balanceOf(record: PromotionRecord, coin: EasypromosCoin, userId: number): number {
		return record.balances.get(coin.id)?.get(userId) ?? 0;
	}

	private requiredId(value: unknown, name: string): number {
		const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
		if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0)
			throw badRequest(0, `${name} is missing or not valid`);
		return id;
	}

	/** 41 draft, 49 expired (by status or date), 42 not started yet or the stage is closed. */
	private assertOpen(record: PromotionRecord, stage?: StageRecord): void {
		const now = Date.now();
		const { promotion } = record;
		if (promotion.status === 'draft') throw badRequest(41);
		if (promotion.status === 'expired' || Date.parse(promotion.end_date) < now)
			throw badRequest(49);
		if (Date.parse(promotion.start_date) > now) throw badRequest(42);
		if (
			stage &&
			(!stage.stage.visible ||
				Date.parse(stage.stage.start_date) > now ||
				Date.parse(stage.stage.end_date) < now)
		) {
			throw badRequest(42, 'Promotion is not open: the stage is closed');
		}
	}

	/** A login token (code 20 when missing, unknown or expired) or else a user id (404 when unknown). */
	private identifyUser(record: PromotionRecord, body: Record<string, unknown>): EasypromosUser {
		if (body.login_token !== undefined && body.login_token !== null && body.login_token !== '') {
			const entry =
				typeof body.login_token === 'string' ? record.loginTokens.get(body.login_token) : undefined;
			if (!entry || entry.expiresAt <= Date.now()) throw badRequest(20);
			return this.userOf(record, entry.userId);
		}
		if (body.user_id !== undefined && body.user_id !== null && body.user_id !== '') {
			return this.userOf(record, this.requiredId(body.user_id, 'user_id'));
		}
		throw badRequest(20);
	}

	/** 30 when the stage asks for no code or none was sent, 31 unknown code, 32 already used. */
	private checkCode(stage: StageRecord, value: unknown): string {
		if (!stage.requiresCode || typeof value !== 'string' || value.trim() === '')
			throw badRequest(30);
		const code = value.trim();
		if (!stage.codes.has(code)) throw badRequest(31);
		if (stage.codes.get(code) !== null) throw badRequest(32);
		return code;
	}

	private remainingFor(record: PromotionRecord, stage: StageRecord, userId: number): number {
		const used = record.participations.filter(
			(participation) =>
				participation.stage_id === stage.stage.id && participation.user_id === userId,
		).length;
		return Math.max(0, stage.participationLimit - used);
	}

	private issueLoginToken(record: PromotionRecord, userId: number): string {
		const token = randomBytes(20).toString('hex');
		record.loginTokens.set(token, { userId, expiresAt: Date.now() + this.loginTokenLifetimeMs });
		return token;
	}

	// ---- storing and viewing ----

	private storeParticipation(
		record: PromotionRecord,
		stage: StageRecord,
		user: EasypromosUser,
		details: {
			points: number;
			live?: boolean;
			requirement?: EasypromosRequirement | null;
			data?: EasypromosParticipation['data'];
			ip?: string;
			userAgent?: string;
		},
	): EasypromosParticipation {
		const participation: ParticipationRecord = {
			id: this.nextIds.participation++,
			promotion_id: record.promotion.id,
			stage_id: stage.stage.id,
			user_id: user.id,
			created: details.live ? this.liveStamp() : this.stamp(),
			ip: details.ip ?? user.meta_data.ip,
			user_agent: details.userAgent ?? user.meta_data.user_agent,
			points: details.points,
			data: details.data ?? this.seedAnswers(stage),
			completed: true,
			requirement: details.requirement ?? null,
			prize_id: null,
		};
		record.participations.push(participation);
		return this.participationView(record, participation, false);
	}

	private storePrize(
		record: PromotionRecord,
		prizeType: PrizeTypeRecord,
		userId: number,
		stageId: number | null,
		participationId: number | null,
		live = false,
	): EasypromosPrize {
		prizeType.assigned++;
		const id = this.nextIds.prize++;
		const code = `${prizeType.prizeType.ref.slice(0, 6).toUpperCase()}-${id.toString(36).toUpperCase()}${Math.floor(
			this.random() * 1296,
		)
			.toString(36)
			.toUpperCase()}`;
		const prize: EasypromosPrize = {
			id,
			user_id: userId,
			stage_id: stageId,
			participation_id: participationId,
			created: live ? this.liveStamp() : this.stamp(),
			code,
			redeem_url: `https://promo.easypromos.example/redeem/${code}`,
			download_url: `https://promo.easypromos.example/prizes/${id}.pdf`,
			prize_type: { ...prizeType.prizeType },
		};
		record.prizes.push(prize);
		return prize;
	}

	private storeCoinTransaction(
		record: PromotionRecord,
		coin: EasypromosCoin,
		userId: number,
		amount: number,
		reason: string,
		extra: Record<string, unknown> | null,
		live = false,
	): EasypromosCoinTransaction {
		const balance = this.balanceOf(record, coin, userId) + amount;
		const balances = record.balances.get(coin.id) ?? new Map<number, number>();
		balances.set(userId, balance);
		record.balances.set(coin.id, balances);
		const transaction: EasypromosCoinTransaction = {
			id: this.nextIds.coinTransaction++,
			user_id: userId,
			promotion_id: record.promotion.id,
			coin_id: coin.id,
			coin_name: coin.name,
			amount,
			balance,
			created: live ? this.liveStamp() : this.stamp(),
			transaction_type: amount >= 0 ? 'credit' : 'debit',
			reason,
			extra,
		};
		record.coinTransactions.push(transaction);
		return transaction;
	}

	private participationView(
		record: PromotionRecord,
		participation: ParticipationRecord,
		full: boolean,
	): EasypromosParticipation & Record<string, unknown> {
		const { completed, requirement, prize_id: prizeId, ...base } = participation;
		if (!full) return { ...base };
		const prize =
			prizeId === null ? undefined : record.prizes.find((candidate) => candidate.id === prizeId);
		return {
			...base,
			completed,
			requirement,
			user: this.userOf(record, participation.user_id),
			prize: prize ? this.prizeView(record, prize) : null,
		};
	}

	private prizeView(record: PromotionRecord, prize: EasypromosPrize): Record<string, unknown> {
		return { ...prize, user: this.userOf(record, prize.user_id) };
	}

	/** The list's wrapper: the transaction and its user side by side. */
	private coinTransactionItem(
		record: PromotionRecord,
		transaction: EasypromosCoinTransaction,
	): Record<string, unknown> {
		return { transaction: { ...transaction }, user: this.userOf(record, transaction.user_id) };
	}

	private balanceView(
		record: PromotionRecord,
		coin: EasypromosCoin,
		userId: number,
	): Record<string, unknown> {
		return {
			user_id: userId,
			promotion_id: record.promotion.id,
			coin_id: coin.id,
			coin_name: coin.name,
			balance: this.balanceOf(record, coin, userId),
		};
	}

	private registrationFieldsOf(seeds?: RegistrationFieldSeed[]): EasypromosRegistrationField[] {
		const fields: RegistrationFieldSeed[] = seeds ?? [
			{ ref: 'first_name', title: 'First name', type: 'text', required: true },
			{ ref: 'last_name', title: 'Last name', type: 'text', required: true },
			{ ref: 'email', title: 'Email', type: 'email', required: true },
			{ ref: 'phone', title: 'Phone', type: 'phone', required: false },
			{ ref: 'birthday', title: 'Date of birth', type: 'date', required: false },
			{ ref: 'favourite_store', title: 'Favourite store', type: 'select', required: false },
			{
				ref: 'legal_terms',
				title: 'I accept the terms and conditions',
				type: 'checkbox',
				required: true,
			},
		];
		return fields.map(({ ref, title, type, required }) => ({
			id: this.nextIds.registrationField++,
			ref,
			title: title ?? ref,
			type,
			required,
		}));
	}

	/**
	 * A new user's custom fields and legal acceptances, checked against the registration form: the
	 * shapes, no ref the form lacks, every required one given (a legal accepted). 400 code 0 otherwise.
	 */
	private formAnswers(
		record: PromotionRecord,
		body: Record<string, unknown>,
		isNew: boolean,
	): { customProperties: EasypromosUser['custom_properties']; legals: Record<string, boolean> } {
		const form = record.registrationFields;
		const ownField = (field: EasypromosRegistrationField) => USER_OWN_FIELDS.has(field.ref);
		const customFields = form.filter((field) => !ownField(field) && field.type !== 'checkbox');
		const legalFields = form.filter((field) => !ownField(field) && field.type === 'checkbox');

		const rawCustom = body.custom_properties ?? [];
		if (!Array.isArray(rawCustom)) {
			throw badRequest(0, 'custom_properties must be a list of {ref, value}');
		}
		const customProperties: EasypromosUser['custom_properties'] = [];
		for (const entry of rawCustom as unknown[]) {
			const { ref, value } = (entry ?? {}) as { ref?: unknown; value?: unknown };
			if (typeof ref !== 'string' || (typeof value !== 'string' && typeof value !== 'number')) {
				throw badRequest(0, 'custom_properties must be a list of {ref, value}');
			}
			const field = customFields.find((candidate) => candidate.ref === ref);
			if (!field) throw badRequest(0, `Unknown registration field: ${ref}`);
			customProperties.push({ id: field.id, title: field.title, ref, value: String(value) });
		}

		const metaData = body.meta_data ?? {};
		const rawLegals = (metaData as { legals?: unknown }).legals ?? {};
		if (typeof rawLegals !== 'object' || rawLegals === null || Array.isArray(rawLegals)) {
			throw badRequest(0, 'meta_data.legals must be an object of {name: true | false}');
		}
		const legals: Record<string, boolean> = {};
		for (const [name, accepted] of Object.entries(rawLegals)) {
			if (typeof accepted !== 'boolean') {
				throw badRequest(0, 'meta_data.legals must be an object of {name: true | false}');
			}
			if (!legalFields.some((field) => field.ref === name)) {
				throw badRequest(0, `Unknown legal acceptance: ${name}`);
			}
			legals[name] = accepted;
		}

		if (isNew) {
			for (const field of customFields.filter((candidate) => candidate.required)) {
				const given = customProperties.find((property) => property.ref === field.ref);
				if (!given || given.value.trim() === '') {
					throw badRequest(0, `Required registration field missing: ${field.ref}`);
				}
			}
			for (const field of legalFields.filter((candidate) => candidate.required)) {
				if (legals[field.ref] !== true) {
					throw badRequest(0, `Required legal acceptance not accepted: ${field.ref}`);
				}
			}
		}
		return { customProperties, legals };
	}

	/** Seeded participations respect the stage's per-user limit, so `remaining` never goes below zero. */
	private pickUserWithParticipationsLeft(
		record: PromotionRecord,
		stage: StageRecord,
		userIds?: number[],
	): EasypromosUser {
		const used = new Map<number, number>();
		for (const participation of record.participations) {
			if (participation.stage_id === stage.stage.id)
				used.set(participation.user_id, (used.get(participation.user_id) ?? 0) + 1);
		}
		const candidates = record.users.filter(
			(user) =>
				(!userIds || userIds.includes(user.id)) &&
				(used.get(user.id) ?? 0) < stage.participationLimit,
		);
		if (!candidates.length)
			throw new Error(
				`No user of promotion ${record.promotion.id} has participations left in stage ${stage.stage.id}`,
			);
		return this.pick(candidates);
	}

	private pickAvailablePrizeType(record: PromotionRecord): PrizeTypeRecord | undefined {
		const available = record.prizeTypes.filter((entry) => entry.assigned < entry.prizeType.qty);
		return available.length ? this.pick(available) : undefined;
	}

	private seedPoints(stage: StageRecord): number {
		if (stage.scored) return 100 + Math.floor(this.random() * 4900);
		if (stage.stage.type === 'quiz') return 10 * Math.floor(this.random() * 6);
		return 0;
	}

	private seedAnswers(stage: StageRecord): EasypromosParticipation['data'] {
		if (stage.stage.type !== 'quiz') return [];
		return [
			{
				ref: 'q1',
				title: 'Which flavour is new this summer?',
				values: [this.pick(['Lemon', 'Peach', 'Mango'])],
			},
			{
				ref: 'q2',
				title: 'Where do you enjoy it most?',
				values: [this.pick(['Beach', 'Pool', 'Terrace'])],
			},
		];
	}

	/** A seeded creation time: a few seconds after the previous one. */
	private stamp(): string {
		this.clock += 5_000 + Math.floor(this.random() * 20_000);
		return easypromosDate(this.clock);
	}

	/** Creation time of something happening now (API writes, late additions), never before a seeded one. */
	private liveStamp(): string {
		this.clock = Math.max(Date.now(), this.clock + 1_000);
		return easypromosDate(this.clock);
	}

	/** mulberry32 */
	private random(): number {
		this.randomState = (this.randomState + 0x6d2b79f5) | 0;
		let t = this.randomState;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	private pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.random() * values.length)];
	}
}

function ok(body: unknown): SimReply {
	return { status: 200, body };
}

/**
 * POSTs a webhook the way Easypromos would [assumed shape]: JSON `{event, promotion_id, created, data}`,
 * `data` being the API object (user, participation in full format, or the wrapped coin transaction).
 */
export async function postWebhook(
	url: string,
	event: EasypromosWebhookEvent,
	data: Record<string, unknown>,
	options: { promotionId?: number; headers?: Record<string, string> } = {},
): Promise<Response> {
	const transaction = data.transaction as { promotion_id?: number } | undefined;
	const promotionId =
		options.promotionId ??
		(data.promotion_id as number | undefined) ??
		transaction?.promotion_id ??
		null;
	return await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'user-agent': 'Easypromos-Webhooks/1.0',
			...(options.headers ?? {}),
		},
		body: JSON.stringify({
			event,
			promotion_id: promotionId,
			created: easypromosDate(Date.now()),
			data,
		}),
	});
}
