import { randomBytes } from 'crypto';

import { SimulatorServer, type SimReply, type SimRequest } from '../http-server';
import {
	DAY_MS,
	EASYPROMOS_ERROR_MESSAGES,
	easypromosDate,
	type EasypromosCoin,
	type EasypromosCoinTransaction,
	type EasypromosOrganizingBrand,
	type EasypromosParticipation,
	type EasypromosPointOfSale,
	type EasypromosPrize,
	type EasypromosPrizeType,
	type EasypromosPromotion,
	type EasypromosReceivedRequest,
	type EasypromosRequirement,
	type EasypromosRegistrationField,
	type RegistrationFieldSeed,
	type EasypromosSimulatorOptions,
	type EasypromosStage,
	type EasypromosUser,
	type EasypromosWebhookEvent,
	type TokenStatus,
} from './model';

// ---- internal state ----

export interface TokenRecord {
	accountId: number;
	status: TokenStatus;
}

export interface RateWindow {
	startedAt: number;
	count: number;
}

export interface StageRecord {
	stage: EasypromosStage;
	participationLimit: number;
	requiresCode: boolean;
	/** Code -> the user who used it, or null while unused. */
	codes: Map<string, number | null>;
	scored: boolean;
	/** Codes a user validated through validate_code and has not played yet. */
	unlockedCodes: Map<number, string[]>;
}

export interface ParticipationRecord extends EasypromosParticipation {
	completed: boolean;
	requirement: EasypromosRequirement | null;
	prize_id: number | null;
}

export interface PrizeTypeRecord {
	prizeType: EasypromosPrizeType;
	assigned: number;
}

export interface PromotionRecord {
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

export interface RouteContext {
	request: SimRequest;
	accountId: number;
	params: Record<string, number>;
	query: URLSearchParams;
	body: Record<string, unknown>;
}

export interface Route {
	method: string;
	/** The path as API-NOTES writes it; `{name}` are numeric ids. */
	pattern: string;
	regex: RegExp;
	paramNames: string[];
	run: (context: RouteContext) => SimReply;
}

/** Thrown by handlers to answer with an error; handle() turns it into the reply. */
export class ApiFailure extends Error {
	constructor(readonly reply: SimReply) {
		super(`HTTP ${reply.status}`);
	}
}

export function badRequest(code: number, message = EASYPROMOS_ERROR_MESSAGES[code]): ApiFailure {
	return new ApiFailure({ status: 400, body: { code, message } });
}

export function notFound(what: string): ApiFailure {
	return new ApiFailure({ status: 404, body: { message: `Not Found - ${what} doesn't exist` } });
}

/**
 * What the simulator holds (tokens, rate windows, promotions and everything in them) and the lookups, checks
 * and views its seeding (seed.ts) and its endpoints (routes.ts) share.
 */
export abstract class EasypromosState extends SimulatorServer {
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

	protected tokens = new Map<string, TokenRecord>();

	protected windows = new Map<number, RateWindow>();

	protected brands: Array<{ brand: EasypromosOrganizingBrand; accountId: number }> = [];

	protected promotions = new Map<number, PromotionRecord>();

	protected nextIds = {
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
	protected clock = Date.now() - 30 * DAY_MS;

	/** A fixed-seed generator, so seeded data is the same on every run. */
	protected randomState = 20220408;

	constructor(options: EasypromosSimulatorOptions = {}) {
		super();
		this.rateLimit = options.rateLimit ?? 200;
		this.windowMs = options.windowMs ?? 60_000;
		this.sendRetryAfter = options.sendRetryAfter ?? true;
	}

	/** The base URL to put in the credential. */
	get apiUrl(): string {
		return `${this.url}/v2`;
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

	// ---- lookups and checks ----

	protected record(pid: number): PromotionRecord {
		const record = this.promotions.get(pid);
		if (!record) throw new Error(`Unknown promotion ${pid}`);
		return record;
	}

	/** The route's promotion when the token's account owns it; 404 otherwise. */
	protected owned(context: RouteContext): PromotionRecord {
		const record = this.promotions.get(context.params.pid);
		if (!record || record.accountId !== context.accountId) throw notFound('Promotion');
		return record;
	}

	protected accountBrands(accountId: number): EasypromosOrganizingBrand[] {
		return this.brands.filter((entry) => entry.accountId === accountId).map((entry) => entry.brand);
	}

	protected ownedBrand(context: RouteContext): EasypromosOrganizingBrand {
		const brand = this.accountBrands(context.accountId).find(
			(candidate) => candidate.id === context.params.id,
		);
		if (!brand) throw notFound('Organizing brand');
		return brand;
	}

	protected stageOf(record: PromotionRecord, stageId: number): StageRecord {
		const stage = record.stages.find((candidate) => candidate.stage.id === stageId);
		if (!stage) throw notFound('Stage');
		return stage;
	}

	protected userOf(record: PromotionRecord, userId: number): EasypromosUser {
		const user = record.users.find((candidate) => candidate.id === userId);
		if (!user) throw notFound('User');
		return user;
	}

	/** The promotion's coin with that id (an Error: for seeding), or its default coin. */
	protected coinOf(record: PromotionRecord, coinId?: number): EasypromosCoin {
		if (coinId === undefined) return record.coins[0];
		const coin = record.coins.find((candidate) => candidate.id === coinId);
		if (!coin) throw new Error(`Promotion ${record.promotion.id} has no coin ${coinId}`);
		return coin;
	}

	/** The coin a request names in `coin_id` [assumed]: none = the default, unknown = 404, malformed = 400 code 0. */
	protected requestedCoin(record: PromotionRecord, value: unknown): EasypromosCoin {
		if (value === undefined || value === null || value === '') return record.coins[0];
		const coinId = this.requiredId(value, 'coin_id');
		const coin = record.coins.find((candidate) => candidate.id === coinId);
		if (!coin) throw notFound('Coin');
		return coin;
	}

	protected balanceOf(record: PromotionRecord, coin: EasypromosCoin, userId: number): number {
		return record.balances.get(coin.id)?.get(userId) ?? 0;
	}

	protected requiredId(value: unknown, name: string): number {
		const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
		if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0)
			throw badRequest(0, `${name} is missing or not valid`);
		return id;
	}

	/** 41 draft, 49 expired (by status or date), 42 not started yet or the stage is closed. */
	protected assertOpen(record: PromotionRecord, stage?: StageRecord): void {
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
	protected identifyUser(record: PromotionRecord, body: Record<string, unknown>): EasypromosUser {
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
	protected checkCode(stage: StageRecord, value: unknown): string {
		if (!stage.requiresCode || typeof value !== 'string' || value.trim() === '')
			throw badRequest(30);
		const code = value.trim();
		if (!stage.codes.has(code)) throw badRequest(31);
		if (stage.codes.get(code) !== null) throw badRequest(32);
		return code;
	}

	protected remainingFor(record: PromotionRecord, stage: StageRecord, userId: number): number {
		const used = record.participations.filter(
			(participation) =>
				participation.stage_id === stage.stage.id && participation.user_id === userId,
		).length;
		return Math.max(0, stage.participationLimit - used);
	}

	protected issueLoginToken(record: PromotionRecord, userId: number): string {
		const token = randomBytes(20).toString('hex');
		record.loginTokens.set(token, { userId, expiresAt: Date.now() + this.loginTokenLifetimeMs });
		return token;
	}

	// ---- storing and viewing ----

	protected storeParticipation(
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

	protected storePrize(
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

	protected storeCoinTransaction(
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

	protected participationView(
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

	protected prizeView(record: PromotionRecord, prize: EasypromosPrize): Record<string, unknown> {
		return { ...prize, user: this.userOf(record, prize.user_id) };
	}

	/** The list's wrapper: the transaction and its user side by side. */
	protected coinTransactionItem(
		record: PromotionRecord,
		transaction: EasypromosCoinTransaction,
	): Record<string, unknown> {
		return { transaction: { ...transaction }, user: this.userOf(record, transaction.user_id) };
	}

	protected balanceView(
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

	protected registrationFieldsOf(seeds?: RegistrationFieldSeed[]): EasypromosRegistrationField[] {
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

	/** Seeded participations respect the stage's per-user limit, so `remaining` never goes below zero. */
	protected pickUserWithParticipationsLeft(
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

	protected pickAvailablePrizeType(record: PromotionRecord): PrizeTypeRecord | undefined {
		const available = record.prizeTypes.filter((entry) => entry.assigned < entry.prizeType.qty);
		return available.length ? this.pick(available) : undefined;
	}

	protected seedPoints(stage: StageRecord): number {
		if (stage.scored) return 100 + Math.floor(this.random() * 4900);
		if (stage.stage.type === 'quiz') return 10 * Math.floor(this.random() * 6);
		return 0;
	}

	protected seedAnswers(stage: StageRecord): EasypromosParticipation['data'] {
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
	protected stamp(): string {
		this.clock += 5_000 + Math.floor(this.random() * 20_000);
		return easypromosDate(this.clock);
	}

	/** Creation time of something happening now (API writes, late additions), never before a seeded one. */
	protected liveStamp(): string {
		this.clock = Math.max(Date.now(), this.clock + 1_000);
		return easypromosDate(this.clock);
	}

	/** mulberry32 */
	protected random(): number {
		this.randomState = (this.randomState + 0x6d2b79f5) | 0;
		let t = this.randomState;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	protected pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.random() * values.length)];
	}
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
