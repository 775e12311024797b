/**
 * A local Leevia API v1, as its document (leevia-api-v1.txt) describes it: HMAC sign-in that returns a
 * JWT in the Authorization header, the vendor Accept header on every call, page-numbered exports of 100,
 * Instant Win registration with its 422 bodies, and loyalty-portal campaigns.
 *
 * What the document leaves open, a test can set: the page size (`pageSize`), an export in no
 * particular order (`order: 'shuffled'`), a winner listed once per prize won (`wins`), a participant
 * deleted (take it out of `participants`) or anonymised (`anonymise`).
 */
import { createHmac, randomBytes } from 'crypto';

import {
	SimulatorServer,
	isIpAddress,
	jsonBody,
	multipartBody,
	type SimReply,
	type SimRequest,
} from './http-server';

export const LEEVIA_ACCEPT = 'application/vnd.leevia.api.v1+json';
const PAGE_SIZE = 100;
/** How far a sign-in timestamp may be from the server's clock. */
const TIMESTAMP_TOLERANCE_SECONDS = 300;

type ProductType = 'campaigns' | 'whatsapp_campaigns' | 'loyalty_portals';

/** Why a contest refuses registrations; "online" takes them. */
export type ContestState =
	| 'online'
	| 'not_started'
	| 'ended'
	| 'participation_limit'
	| 'no_coupons';

export interface LeeviaParticipant {
	id: number;
	created_at: string;
	email: string | null;
	first_name: string | null;
	last_name: string | null;
	phone: string | null;
	language: string;
	rules: string;
	newsletter: string;
	pseudoanonymized: string;
	is_winner: boolean;
	/** Prizes won, when more than one: the winner export lists the participant once per prize. */
	wins?: number;
	[field: string]: unknown;
}

export interface LeeviaProduct {
	type: ProductType;
	id: string;
	participants: LeeviaParticipant[];
	/** Instant Win contests only. */
	state?: ContestState;
	/** Custom fields the contest marks as mandatory, by identifier. */
	mandatoryFields?: string[];
	/** The export's order: by id (the document's example), or none in particular. */
	order?: 'ascending' | 'shuffled';
	/** Every n-th registration wins. */
	winEvery?: number;
	/** Loyalty portals only. */
	campaigns?: Array<Record<string, unknown>>;
	/** Files received by registration, by participant id. */
	files?: Record<number, { field: string; name: string; size: number; type: string }>;
}

export interface LeeviaAccount {
	apiKey: string;
	apiSecret: string;
	accountId: number;
	products: LeeviaProduct[];
}

interface IssuedToken {
	accountId: number;
	expiresAt: number;
}

export class LeeviaSimulator extends SimulatorServer {
	readonly accounts: LeeviaAccount[] = [];

	private tokens = new Map<string, IssuedToken>();

	private nextParticipantId = 1000;

	/** How many records a page holds; the document's example shows 100. */
	pageSize = PAGE_SIZE;

	/** Lifetime of issued tokens; Leevia's is one day. */
	tokenLifetimeSeconds = 24 * 60 * 60;

	addAccount(account: LeeviaAccount): LeeviaAccount {
		this.accounts.push(account);
		return account;
	}

	product(type: ProductType, id: string): LeeviaProduct | undefined {
		for (const account of this.accounts) {
			const product = account.products.find(
				(candidate) => candidate.type === type && candidate.id === id,
			);
			if (product) return product;
		}
		return undefined;
	}

	/** Every token issued so far stops working, as if a day had passed. */
	expireTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	/** Builds `count` participants, every `winEvery`-th a winner, for seeding a product. */
	makeParticipants(count: number, winEvery = 0, emailDomain = 'example.com'): LeeviaParticipant[] {
		return Array.from({ length: count }, (_, index) => {
			const id = this.nextParticipantId++;
			return {
				id,
				created_at: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
				email: `participant${id}@${emailDomain}`,
				first_name: `First${id}`,
				last_name: `Last${id}`,
				phone: null,
				language: 'it',
				rules: 'true',
				newsletter: index % 3 === 0 ? 'true' : 'false',
				pseudoanonymized: 'false',
				is_winner: winEvery > 0 && (index + 1) % winEvery === 0,
			};
		});
	}

	protected endpointKey(request: SimRequest): string {
		const path = request.url.pathname;
		if (path.endsWith('/authenticate')) return 'authenticate';
		if (path.endsWith('/participants')) return `${request.method} participants`;
		if (path.endsWith('/campaigns')) return `${request.method} campaigns`;
		return `${request.method} ${path}`;
	}

	protected async handle(request: SimRequest): Promise<SimReply> {
		const accept = String(request.headers.accept ?? '');
		if (!accept.includes(LEEVIA_ACCEPT)) {
			return { status: 406, body: { errors: { accept: [`must be ${LEEVIA_ACCEPT}`] } } };
		}
		const path = request.url.pathname.replace(/^\/api\/v1/, '');
		let match = /^\/(campaigns|whatsapp_campaigns|loyalty_portals)\/([^/]+)\/authenticate$/.exec(
			path,
		);
		if (match && request.method === 'GET')
			return this.authenticate(request, match[1] as ProductType, match[2]);

		const accountId = this.authorizedAccount(request);
		if (accountId === undefined)
			return { status: 401, body: { errors: { token: ['is invalid or expired'] } } };

		match = /^\/campaigns\/instant_wins\/([^/]+)\/participants$/.exec(path);
		if (match && request.method === 'POST')
			return await this.register(request, accountId, match[1]);
		match = /^\/(campaigns|whatsapp_campaigns|loyalty_portals)\/([^/]+)\/participants$/.exec(path);
		if (match && request.method === 'GET') {
			return this.listParticipants(request, accountId, match[1] as ProductType, match[2]);
		}
		match = /^\/loyalty_portals\/([^/]+)\/campaigns$/.exec(path);
		if (match && request.method === 'GET') return this.listCampaigns(request, accountId, match[1]);
		return { status: 404, body: { errors: { path: ['not found'] } } };
	}

	private authenticate(request: SimRequest, type: ProductType, id: string): SimReply {
		const denied: SimReply = {
			status: 401,
			body: { errors: { authentication: ['invalid credentials'] } },
		};
		const apiKey = String(request.headers['app-key'] ?? '');
		const timestampHeader = String(request.headers.timestamp ?? '');
		const signature = String(request.headers.signature ?? '');
		const account = this.accounts.find((candidate) => candidate.apiKey === apiKey);
		if (!account || !timestampHeader || !signature) return denied;
		const seconds = /^\d+$/.test(timestampHeader)
			? Number(timestampHeader)
			: Date.parse(timestampHeader) / 1000;
		if (
			!Number.isFinite(seconds) ||
			Math.abs(Date.now() / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS
		) {
			return denied;
		}
		const expected = createHmac('sha256', account.apiSecret)
			.update(`${apiKey}.${timestampHeader}`)
			.digest('hex');
		if (signature !== expected) return denied;
		if (!account.products.some((product) => product.type === type && product.id === id))
			return denied;

		const expiresAt = Math.floor(Date.now() / 1000) + this.tokenLifetimeSeconds;
		const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const token = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode({
			account_id: account.accountId,
			exp: expiresAt,
			iss: 'Leevia api',
		})}.${randomBytes(24).toString('base64url')}`;
		this.tokens.set(token, { accountId: account.accountId, expiresAt });
		return {
			status: 204,
			headers: { Authorization: `Bearer ${token}`, 'x-expires': String(expiresAt) },
		};
	}

	private authorizedAccount(request: SimRequest): number | undefined {
		const header = String(request.headers.authorization ?? '');
		const token = this.tokens.get(header.replace(/^Bearer\s+/i, ''));
		if (!header.startsWith('Bearer ') || !token) return undefined;
		if (token.expiresAt <= Date.now() / 1000) return undefined;
		return token.accountId;
	}

	private ownedProduct(
		accountId: number,
		type: ProductType,
		id: string,
	): LeeviaProduct | undefined {
		const account = this.accounts.find((candidate) => candidate.accountId === accountId);
		return account?.products.find((product) => product.type === type && product.id === id);
	}

	private async register(
		request: SimRequest,
		accountId: number,
		campaignId: string,
	): Promise<SimReply> {
		const contest = this.ownedProduct(accountId, 'campaigns', campaignId);
		if (!contest || !contest.state)
			return { status: 404, body: { errors: { campaign: ['not found'] } } };

		const contentType = String(request.headers['content-type'] ?? '');
		let body: Record<string, unknown> | undefined;
		let file: { field: string; name: string; size: number; type: string } | undefined;
		if (contentType.startsWith('application/json')) {
			body = jsonBody(request);
		} else if (contentType.startsWith('multipart/form-data')) {
			({ body, file } = await this.parseMultipart(request));
		}
		if (!body) return { status: 400, body: { errors: { body: ['must be a JSON object'] } } };

		if (body.registration_ip === undefined || body.registration_ip === '') {
			return {
				status: 422,
				body: { errors: { parameters_missing: { param: 'registration_ip' } } },
			};
		}
		if (contest.state !== 'online') {
			const why: Record<ContestState, string[]> = {
				online: [],
				not_started: ['not online'],
				ended: ['not online', 'ended on 2026-06-24T12:00:00'],
				participation_limit: ['not online', 'participation limit has been reached'],
				no_coupons: ['not online', 'no more coupon codes available'],
			};
			return { status: 422, body: { errors: { campaign: why[contest.state] } } };
		}

		const errors: Record<string, string[]> = {};
		const email = typeof body.email === 'string' ? body.email.trim() : '';
		const phone = typeof body.phone === 'string' ? body.phone.trim() : '';
		if (!email && !phone) errors.email = ["can't be blank"];
		else if (email && !/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(email)) errors.email = ['is invalid'];
		else if (email && contest.participants.some((participant) => participant.email === email)) {
			errors.email = ['has already been taken'];
		}
		if (!isIpAddress(body.registration_ip)) errors.registration_ip = ['is invalid'];
		const acceptances = (body.acceptances ?? {}) as Record<string, unknown>;
		if (acceptances.rules !== true && acceptances.rules !== 'true') {
			errors.rules = ['Accept the terms to participate'];
		}
		const customData = (body.custom_data ?? {}) as Record<string, unknown>;
		for (const field of contest.mandatoryFields ?? []) {
			const value = customData[field] ?? (file?.field === field ? file.name : undefined);
			if (value === undefined || value === null || String(value).trim() === '')
				errors[field] = ["can't be blank"];
		}
		const prizeId = 1;
		if (Object.keys(errors).length) {
			return {
				status: 422,
				body: {
					email,
					campaign_id: Number(contest.id),
					is_winner: false,
					coupon_code: null,
					prize_id: prizeId,
					errors,
				},
			};
		}

		const id = this.nextParticipantId++;
		const isWinner =
			(contest.winEvery ?? 0) > 0 && (contest.participants.length + 1) % contest.winEvery! === 0;
		const participant: LeeviaParticipant = {
			id,
			created_at: new Date().toISOString(),
			email: email || null,
			first_name: (body.first_name as string) ?? null,
			last_name: (body.last_name as string) ?? null,
			phone: phone || null,
			language: 'it',
			rules: 'true',
			newsletter: String(acceptances.newsletter === true || acceptances.newsletter === 'true'),
			pseudoanonymized: 'false',
			is_winner: isWinner,
			...customData,
		};
		contest.participants.push(participant);
		if (file) (contest.files ??= {})[id] = file;
		return {
			status: 200,
			body: {
				id,
				email: participant.email,
				created_at: participant.created_at,
				campaign_id: Number(contest.id),
				is_winner: isWinner,
				coupon_code: isWinner ? `WIN-${id}` : null,
				prize_id: prizeId,
				prize_title: 'iPhone',
				prize_image_url: 'https://picsum.photos/600/600',
			},
		};
	}

	/** `acceptances[rules]=true` style fields back into nested objects; the one file part aside. */
	private async parseMultipart(request: SimRequest) {
		const form = await multipartBody(request);
		const body: Record<string, unknown> = {};
		let file: { field: string; name: string; size: number; type: string } | undefined;
		for (const [key, value] of form.entries()) {
			if (typeof value !== 'string') {
				file = { field: key, name: value.name, size: value.size, type: value.type };
				continue;
			}
			const nested = /^([^[]+)\[([^\]]+)\]$/.exec(key);
			if (nested) {
				const parent = (body[nested[1]] ??= {}) as Record<string, unknown>;
				parent[nested[2]] = value;
			} else {
				body[key] = value;
			}
		}
		return { body, file };
	}

	private page<T>(request: SimRequest, records: T[], collection: string, path: string): SimReply {
		const current = Math.max(1, Number(request.url.searchParams.get('page') ?? 1) || 1);
		const size = this.pageSize;
		const pages = Math.max(1, Math.ceil(records.length / size));
		const link = (page: number | null) => {
			if (page === null) return '';
			const url = new URL(`${this.url}/api/v1${path}`);
			for (const [name, value] of request.url.searchParams) url.searchParams.set(name, value);
			url.searchParams.set('page', String(page));
			return url.toString();
		};
		const previousPage = current > 1 ? current - 1 : null;
		const nextPage = current < pages ? current + 1 : null;
		return {
			status: 200,
			body: {
				[collection]: records.slice((current - 1) * size, current * size),
				pagination: {
					current,
					previous_page: previousPage,
					previous: link(previousPage),
					next_page: nextPage,
					next: link(nextPage),
					per_page: size,
					pages,
					count: records.length,
				},
			},
		};
	}

	private listParticipants(
		request: SimRequest,
		accountId: number,
		type: ProductType,
		id: string,
	): SimReply {
		const product = this.ownedProduct(accountId, type, id);
		if (!product) return { status: 404, body: { errors: { product: ['not found'] } } };
		const filter = request.url.searchParams.get('type');
		const allowed: Record<ProductType, string[]> = {
			campaigns: ['registration', 'participation', 'winner'],
			whatsapp_campaigns: ['winner'],
			loyalty_portals: [],
		};
		if (filter && !allowed[type].includes(filter)) {
			return { status: 422, body: { errors: { type: ['is not included in the list'] } } };
		}
		let records =
			filter === 'winner'
				? product.participants.flatMap((p) =>
						p.is_winner ? Array<LeeviaParticipant>(Math.max(1, p.wins ?? 1)).fill(p) : [],
					)
				: product.participants;
		// Each id keeps its place among the others, so a newcomer lands anywhere; a winner's listings
		// stay together (the sort is stable).
		if (product.order === 'shuffled') {
			records = [...records].sort((a, b) => scramble(a.id) - scramble(b.id));
		}
		const reply = this.page(request, records, 'participants', `/${type}/${id}/participants`);
		// The export shows winners through their records, without the internal fields.
		const body = reply.body as { participants: LeeviaParticipant[] };
		body.participants = body.participants.map(
			({ is_winner: _winner, wins: _wins, ...rest }) => rest as LeeviaParticipant,
		);
		return reply;
	}

	private listCampaigns(request: SimRequest, accountId: number, portalId: string): SimReply {
		const portal = this.ownedProduct(accountId, 'loyalty_portals', portalId);
		if (!portal) return { status: 404, body: { errors: { product: ['not found'] } } };
		const status = request.url.searchParams.get('status');
		if (status && !['draft', 'testable', 'live', 'over'].includes(status)) {
			return { status: 422, body: { errors: { status: ['is not included in the list'] } } };
		}
		const campaigns = (portal.campaigns ?? []).filter(
			(campaign) => !status || campaign.status === status,
		);
		return this.page(request, campaigns, 'campaigns', `/loyalty_portals/${portalId}/campaigns`);
	}
}

/** A fixed pseudo-random rank for an id, so a shuffled export is the same at every read. */
export function scramble(id: number): number {
	return Math.imul(id ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
}

/**
 * [doc] A participant who asks to be anonymous stays in the export with the sensitive data masked and
 * `pseudoanonymized` "true". The document does not say how the masked data looks, nor that the id
 * changes, so it stays.
 */
export function anonymise(participant: LeeviaParticipant): LeeviaParticipant {
	for (const field of ['email', 'first_name', 'last_name', 'phone'] as const) {
		if (participant[field] !== null) participant[field] = '***';
	}
	participant.pseudoanonymized = 'true';
	return participant;
}

/** Builds loyalty-portal campaigns in the document's shape. */
export function makeCampaigns(count: number): Array<Record<string, unknown>> {
	const statuses = ['draft', 'testable', 'live', 'over'];
	const products = ['quiz', 'insta_win', 'giveaway'];
	return Array.from({ length: count }, (_, index) => ({
		id: 25 + index,
		start_datetime: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
		end_datetime: new Date(Date.UTC(2026, 2, 1 + index)).toISOString(),
		hashtag: `campaign${index}`,
		product_identifier: `campaign-${String(index).padStart(4, '0')}`,
		product: products[index % products.length],
		status: statuses[index % statuses.length],
		unique_visitors_count: 10 * index,
		participants_count: 5 * index,
		conversion_rate: 50,
	}));
}

/** The sandbox account: keys and products a newcomer can try every operation on. */
export const LEEVIA_SANDBOX = {
	apiKey: 'sandbox_app_key',
	apiSecret: 'sandbox_app_secret',
	contestId: '80',
	closedContestId: '81',
	whatsappCampaignId: '321',
	loyaltyPortalId: '456',
};

/** Seeds one account with an open Instant Win contest of 300 participants (every 10th a winner), a closed
 * contest, a WhatsApp campaign and a loyalty portal with campaigns. */
export function seedLeeviaSandbox(simulator: LeeviaSimulator): typeof LEEVIA_SANDBOX {
	simulator.addAccount({
		apiKey: LEEVIA_SANDBOX.apiKey,
		apiSecret: LEEVIA_SANDBOX.apiSecret,
		accountId: 1,
		products: [
			{
				type: 'campaigns',
				id: LEEVIA_SANDBOX.contestId,
				state: 'online',
				participants: simulator.makeParticipants(300, 10),
				winEvery: 2,
			},
			{
				type: 'campaigns',
				id: LEEVIA_SANDBOX.closedContestId,
				state: 'ended',
				participants: simulator.makeParticipants(40, 8),
			},
			{
				type: 'whatsapp_campaigns',
				id: LEEVIA_SANDBOX.whatsappCampaignId,
				participants: simulator.makeParticipants(60, 6),
			},
			{
				type: 'loyalty_portals',
				id: LEEVIA_SANDBOX.loyaltyPortalId,
				participants: simulator.makeParticipants(150),
				campaigns: makeCampaigns(12),
			},
		],
	});
	return LEEVIA_SANDBOX;
}
