/**
 * Easypromos's API as its documents give it: URLs, bodies, the collection envelope, the rate limit.
 * Sources: the REST API v2 guide (April 2022, "[doc]") and API-NOTES.md ("[src]" for facts other
 * public sources state). Facts no public source states are marked ASSUMED: each is one line to fix
 * against the live API. Authentication (the Bearer header) lives in the credential, where n8n applies it.
 * Assumed facts that live beside the code that needs them: the webhook payloads (helpers/webhook.ts)
 * and ids that grow with creation (trigger/poll.ts).
 *
 * Virtual coins. [src: API reference; Airbyte's schema] A coin transaction carries `coin_id` and
 * `coin_name`, so a promotion can have several coins. ASSUMED, none of it published:
 * - how a write names its coin: `coin_id` in the body of POST /coin_transactions/{pid} and of
 *   PUT /coins/{pid} (bodies below); how a read names it: the `coin_id` query parameter of
 *   GET /coins/{pid}/users/{user_id} (queries below). Without it the promotion's only (or default) coin.
 * - the list of coins: the API has no endpoint for it, so the Coin picker derives it from what the API
 *   does give, the distinct `coin_id` / `coin_name` of the promotion's coin transactions, newest first,
 *   over a bounded number of pages (methods/listSearch.ts). A coin nobody has moved lately may be
 *   missing from it: give it By ID.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** [doc] The production API; the credential's Base URL defaults to it. */
export const EASYPROMOS_BASE_URL = 'https://api.easypromosapp.com/v2';

/** [doc] A collection page holds at most this many items. */
export const EASYPROMOS_PAGE_SIZE = 100;

/** [doc] 200 requests a minute per account; over it, 429 until 60 s after the window's first request. */
export const RATE_LIMIT_PER_WINDOW = 200;
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** [src: API reference] Collections sort on creation date; the API's default is newest first. */
export const ORDERS = ['created_desc', 'created_asc'] as const;
export type EasypromosOrder = (typeof ORDERS)[number];

const segment = (value: string | number) => encodeURIComponent(String(value));

/** [src: API reference, Airbyte, Pipedream] Every path, relative to the credential's base URL (…/v2). */
export const paths = {
	promotions: () => '/promotions',
	promotion: (promotionId: string) => `/promotions/${segment(promotionId)}`,
	registrationFields: (promotionId: string) =>
		`/promotions/${segment(promotionId)}/registration_fields`,
	organizingBrands: () => '/organizing_brands',
	organizingBrand: (brandId: string) => `/organizing_brands/${segment(brandId)}`,
	organizingBrandPromotions: (brandId: string) =>
		`/organizing_brands/${segment(brandId)}/promotions`,
	stages: (promotionId: string) => `/stages/${segment(promotionId)}`,
	stage: (promotionId: string, stageId: string) =>
		`/stages/${segment(promotionId)}/${segment(stageId)}`,
	users: (promotionId: string) => `/users/${segment(promotionId)}`,
	user: (promotionId: string, userId: string) =>
		`/users/${segment(promotionId)}/${segment(userId)}`,
	autologin: (promotionId: string) => `/users/autologin/${segment(promotionId)}`,
	loginToken: (promotionId: string, userId: string) =>
		`/users/logintoken/${segment(promotionId)}/${segment(userId)}`,
	/** [src] POST adds segments, DELETE removes them (methods: `writeMethods`). */
	segments: (promotionId: string) => `/users/segments/${segment(promotionId)}`,
	/**
	 * GET lists the promotion's participations. [src: API reference, as the issue reports it; not in
	 * API-NOTES' table] POST to the same path creates one (Participation → Create; body ASSUMED, below).
	 */
	participations: (promotionId: string) => `/participations/${segment(promotionId)}`,
	participation: (promotionId: string, participationId: string) =>
		`/participations/${segment(promotionId)}/${segment(participationId)}`,
	userParticipations: (promotionId: string, userId: string) =>
		`/participations/${segment(promotionId)}/users/${segment(userId)}`,
	remainingParticipations: (promotionId: string, stageId: string, userId: string) =>
		`/participations/${segment(promotionId)}/remaining/${segment(stageId)}/${segment(userId)}`,
	participate: (promotionId: string, stageId: string) =>
		`/participations/${segment(promotionId)}/participate/${segment(stageId)}`,
	checkRequirement: (promotionId: string, stageId: string) =>
		`/participations/${segment(promotionId)}/check_requirement/${segment(stageId)}`,
	validateCode: (promotionId: string, stageId: string) =>
		`/participations/${segment(promotionId)}/validate_code/${segment(stageId)}`,
	prizes: (promotionId: string) => `/prizes/${segment(promotionId)}`,
	userPrizes: (promotionId: string, userId: string) =>
		`/prizes/${segment(promotionId)}/users/${segment(userId)}`,
	prizeInventory: (promotionId: string) => `/prizes/inventory/${segment(promotionId)}`,
	coinTransactions: (promotionId: string) => `/coin_transactions/${segment(promotionId)}`,
	userCoinTransactions: (promotionId: string, userId: string) =>
		`/coin_transactions/${segment(promotionId)}/users/${segment(userId)}`,
	coinBalance: (promotionId: string, userId: string) =>
		`/coins/${segment(promotionId)}/users/${segment(userId)}`,
	/** [src] PUT sets a balance (method: `writeMethods`). */
	coins: (promotionId: string) => `/coins/${segment(promotionId)}`,
	ranking: (promotionId: string) => `/ranking/${segment(promotionId)}`,
	pointsOfSale: (promotionId: string) => `/pos/${segment(promotionId)}`,
};

/**
 * The two writes that are not a POST. [doc] The guide says "We accept 2 methods: GET and POST".
 * [src: the API reference page, Airbyte's and Pipedream's Easypromos sources, a public connector's copy
 * of the reference, as API-NOTES.md lists them] User segments are removed with `DELETE
 * /users/segments/{pid}` and a coin balance is set with `PUT /coins/{pid}`. None of these sources gives
 * a POST form of either (the POST on the same segments path adds; the POST that moves coins, POST
 * /coin_transactions/{pid}, books an amount, not a balance), so the node sends what they give. If the
 * live API refuses them (405), this is the line to change.
 */
export const writeMethods = {
	removeSegments: 'DELETE',
	setCoinBalance: 'PUT',
} as const satisfies Record<string, IHttpRequestMethods>;

/**
 * ASSUMED: the bodies of the POST / PUT / DELETE endpoints (the reference's bodies were not readable).
 * They follow the field names of the API's objects (user, coin transaction, requirement).
 */
export const bodies = {
	/**
	 * ASSUMED, modelled on the user object [src: API reference, Pipedream's test event]: the person's own
	 * fields at the top level; the registration form's custom fields as `custom_properties: [{ref,
	 * value}]` (the object's `id` and `title` left to Easypromos, which knows its form); legal
	 * acceptances as `meta_data.legals: {<name>: true | false}`. A promotion's required fields are
	 * checked by Easypromos (a 400 names the field), not looked up first by the node.
	 */
	autologin: (user: {
		externalId: string;
		email?: string;
		firstName?: string;
		lastName?: string;
		nickname?: string;
		extra?: IDataObject;
		customProperties?: Array<{ ref: string; value: string }>;
		legals?: Record<string, boolean>;
	}): IDataObject =>
		compact({
			external_id: user.externalId,
			email: user.email,
			first_name: user.firstName,
			last_name: user.lastName,
			nickname: user.nickname,
			...user.extra,
			custom_properties: user.customProperties?.length ? user.customProperties : undefined,
			meta_data:
				user.legals && Object.keys(user.legals).length ? { legals: user.legals } : undefined,
		}),
	segments: (userId: number, segments: string[]): IDataObject => ({ user_id: userId, segments }),
	/** ASSUMED: `coin_id` names the coin when the promotion has several; left out, the only coin. */
	coinTransaction: (
		userId: number,
		amount: number,
		reason?: string,
		coinId?: number,
	): IDataObject => compact({ user_id: userId, amount, reason, coin_id: coinId }),
	/** ASSUMED: `coin_id` as in coinTransaction. */
	coinBalance: (userId: number, balance: number, coinId?: number): IDataObject =>
		compact({ user_id: userId, balance, coin_id: coinId }),
	/**
	 * POST /participations/{pid} (Participation → Create). ASSUMED, modelled on the participation object
	 * [src: API reference, Airbyte] `{stage_id, user_id, points, data: [{ref, title, values[]}]}`: the
	 * stage and user by ID, and optionally the points scored and the answers given, each answer by its
	 * `ref` with its `values` (`title` left to Easypromos, which knows its own form).
	 */
	createParticipation: (participation: {
		stageId: number;
		userId: number;
		points?: number;
		data?: Array<{ ref: string; values: string[] }>;
	}): IDataObject =>
		compact({
			stage_id: participation.stageId,
			user_id: participation.userId,
			points: participation.points,
			data: participation.data?.length ? participation.data : undefined,
		}),
	/**
	 * participate / check_requirement / validate_code: the user, by ID or by a user login token, and the
	 * requirement's code when there is one.
	 */
	participation: (user: { userId?: number; loginToken?: string }, code?: string): IDataObject =>
		compact({ user_id: user.userId, login_token: user.loginToken, code }),
};

/**
 * ASSUMED (the reference's replies of the writes were not readable): User → Autologin answers
 * `{login_token, user}`, the user as GET /users/{pid}/{user_id} gives it. Participate answers the
 * participation in full format (user and prize embedded) and Coin Transaction → Create the transaction
 * as the ledger lists it, `{transaction, user}`: the contact output reads them as those objects.
 */
export function autologinUser(reply: IDataObject): IDataObject | undefined {
	const user = reply.user;
	return user && typeof user === 'object' && !Array.isArray(user)
		? (user as IDataObject)
		: undefined;
}

/**
 * ASSUMED (the reference's autologin errors were not readable): Autologin's registration form refuses
 * a user with 400 code 0 whose message is one of these, then a colon and the field's ref (or the
 * legal checkbox's name). The required ones apply to a new user only.
 */
export const REGISTRATION_REFUSALS = {
	missingField: 'Required registration field missing',
	unknownField: 'Unknown registration field',
	legalNotAccepted: 'Required legal acceptance not accepted',
	unknownLegal: 'Unknown legal acceptance',
} as const;

export type RegistrationRefusal = keyof typeof REGISTRATION_REFUSALS;

/** The registration refusal Easypromos's words state, and the ref they name; undefined for others. */
export function registrationRefusal(
	said: string | undefined,
): { kind: RegistrationRefusal; ref: string } | undefined {
	for (const [kind, words] of Object.entries(REGISTRATION_REFUSALS)) {
		const ref = said?.startsWith(`${words}: `) ? said.slice(words.length + 2).trim() : '';
		if (ref) return { kind: kind as RegistrationRefusal, ref };
	}
	return undefined;
}

/** Query parameters that are not the collections' paging and order. */
export const queries = {
	/** ASSUMED: GET /coins/{pid}/users/{user_id} takes the coin as `coin_id`; none = the only coin. */
	coinBalance: (coinId?: number): IDataObject | undefined =>
		coinId === undefined ? undefined : { coin_id: coinId },
};

function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	) as IDataObject;
}

/**
 * [doc] `paging.next_cursor` present and above 0 means there is another page.
 * ASSUMED: a cursor stays valid later on (the trigger resumes an unread stretch from one a poll later).
 */
export function nextCursor(response: IDataObject): string | number | undefined {
	const cursor = (response.paging as IDataObject | undefined)?.next_cursor;
	if (cursor === undefined || cursor === null || cursor === '') return undefined;
	const numeric = Number(cursor);
	if (Number.isFinite(numeric)) return numeric > 0 ? (cursor as string | number) : undefined;
	return cursor as string;
}

/** [doc] A collection reply is `{items: [...], paging: {next_cursor, items_page}}`. */
export function pageItems(response: IDataObject | IDataObject[]): IDataObject[] {
	if (Array.isArray(response)) return response;
	return Array.isArray(response.items) ? (response.items as IDataObject[]) : [];
}

/** The records a list path holds, for "while reading page 7 of users": its last segment not an ID. */
export function collectionName(path: string): string {
	const names: Record<string, string> = { pos: 'points of sale', inventory: 'prize inventory' };
	// "/participations/{pid}/users/{user_id}" lists participations: "users" there names whose.
	const segments = path
		.split('/')
		.filter(
			(segment, index) => segment && !/^\d+$/.test(segment) && !(segment === 'users' && index > 1),
		);
	const name = segments[segments.length - 1] ?? path;
	return names[name] ?? name.replace(/_/g, ' ');
}
