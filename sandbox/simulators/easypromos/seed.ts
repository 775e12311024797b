import { randomBytes } from 'crypto';

import {
	DAY_MS,
	easypromosDate,
	type EasypromosCoin,
	type EasypromosCoinTransaction,
	type EasypromosOrganizingBrand,
	type EasypromosParticipation,
	type EasypromosPointOfSale,
	type EasypromosPrize,
	type EasypromosPrizeType,
	type EasypromosPromotion,
	type EasypromosSandbox,
	type EasypromosStage,
	type EasypromosUser,
	type PrizeTypeSeed,
	type PromotionStatus,
	type PromotionSeed,
	type StageSeed,
} from './model';
import { EasypromosState } from './state';

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

/** Sample data: promotions, stages, users, participations, prizes, coins, as tests and `npm run sandbox` seed them. */
export abstract class EasypromosSeeds extends EasypromosState {
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
}
