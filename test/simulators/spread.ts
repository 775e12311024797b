/**
 * A local SPREAD API, as spread-cagnottes-api.txt and the SPREAD part of API-NOTES.md describe it:
 * HTTP Basic with the public and private keys; v2 under /api/v2 with `{<plural>: [...], count,
 * nextPageUrl}` lists, `startAt`, `maxResult` (cagnottes, ≤ 5000) and `maxResults` (sponsorships), the
 * cagnottes' filters with the document's spellings (`createBefore`), numbers as strings, dates as
 * `YYYY-MM-DD HH:MM:SS` in the account's time zone; the cagnotte POST with the example's body
 * (`customer.email` or `customer.id`, `cagnotte.amount`); v1 form writes `data[...]` at /api.
 *
 * ASSUMED — fix them here against the live API:
 * - `count` is the number of records on the page; `nextPageUrl` is on every page, the last one
 *   included (as in the document's example), written with http://social-sb.com whatever the server.
 * - The other lists take the same filters, `startAt` and `maxResult`; the default page size is 100.
 * - `createdAfter` / `createBefore` / `minAmount` / `maxAmount` are strict ("après", "supérieur");
 *   `createdAfterInclusive` makes "after" inclusive, to show the trigger works either way.
 * - Error bodies `{code, message}`; a 400 names the parameter in its message; a removal larger than
 *   the balance is a 400 "Insufficient cagnotte amount"; v1 refuses in a 200 `{status: "error", error}`
 *   (an existing email on CreateAccount, an existing order id on CreateOrder); v1 answers `{datas}`.
 * - `cagnottePostRedirect`: the documented POST URL (…/cagnottes/) answers with that redirect to the
 *   canonical one (…/cagnottes), as SPREAD's sample, which follows redirects on POST, suggests.
 * - Webhook payloads `{event, date, customer, cagnotte | coupon | consent | participation}`.
 * - `modifiedAfter` / `modifiedBefore` compare a customer's `updatedAt` (every write moves it) and a
 *   cagnotte line's `cagnotteLineValidationDate`, or its `cagnotteLineDate` while it waits for
 *   validation (its validation date null); other lists' `updatedAt`. `validateLine` validates a line.
 * - `GET /customers` has no search (none is documented): any other query parameter is ignored.
 * - UpdateAccount: the customer named in `request[customer_email]` or `request[external_id]` when the
 *   form has one (as UpdateOrder's `request[order_idorder]` in SPREAD's PrestaShop module), else by
 *   `data[customer_email]`, else `data[external_id]`; `data[customer_email]` and `data[external_id]`
 *   then set its email and external ID, refused in a 200 `{status: "error"}` when another customer
 *   has them. Emails compare without case.
 */
import { randomBytes } from 'crypto';

import { SimulatorServer, jsonBody, type SimReply, type SimRequest } from './http-server';

export const SPREAD_MAX_PAGE_SIZE = 5000;
export const SPREAD_DEFAULT_PAGE_SIZE = 100;

export interface SpreadSimulatorOptions {
	timeZone?: string;
	cagnottePostRedirect?: 301 | 302 | 307 | 308;
	createdAfterInclusive?: boolean;
	/** The document's example carries a nextPageUrl on its last page; false leaves it out there. */
	nextPageUrlOnLastPage?: boolean;
}

type Str = string | null;

export interface SpreadCustomer {
	id: string;
	lastName: Str;
	firstName: Str;
	email: string;
	country: Str;
	city: Str;
	address: Str;
	zip: Str;
	phone: Str;
	mobile: Str;
	lang: Str;
	birthday: Str;
	gender: Str;
	createdAt: string;
	updatedAt: string;
	isBuyer: string;
	actionCount: string;
	cagnotteAmount: string;
	externalId: Str;
	company: Str;
	tags: string[];
	custom_fields: Record<string, string>;
	status: Str;
	isOptin: string;
}

export interface SpreadCagnotteLine {
	cagnotteId: string;
	cagnotteLineId: string;
	customerId: string;
	campaignId: Str;
	cagnotteLineDate: string;
	/** Null while the line waits for validation. */
	cagnotteLineValidationDate: Str;
	amount: string;
	code: string;
}

export interface SpreadCampaign {
	id: string;
	operationId: string;
	name: string;
	backofficeName: string;
	url: string;
	type: string;
	lang: string;
	createdAt: string;
	updatedAt: string;
	dateStart: string;
}

export interface SpreadParticipation {
	id: string;
	customerId: string;
	campaignId: string;
	createdAt: string;
	updatedAt: string;
	participationComplete: string;
	connectionBy: string;
	isWinner: string;
	becameFan: string;
}

export interface SpreadSponsorship {
	id: string;
	campaignId: string;
	godfatherId: string;
	godsonId: string;
	sponsorshipValidated: string;
	createdAt: string;
	updatedAt: string;
	validatedAt: Str;
}

export interface SpreadOrder {
	id: string;
	createdAt: string;
	updatedAt: string;
	amount: string;
	customerId: string;
	orderId: string;
	status: string;
	tags: string[];
}

export interface SpreadReceivedRequest {
	key: string;
	method: string;
	query: Record<string, string>;
	/** A JSON body, or a v1 form as its `data[...]` fields. */
	body: Record<string, unknown> | undefined;
	/** A v1 form's `request[...]` fields (UpdateAccount naming the customer), when it has any. */
	request?: Record<string, string>;
	contentType: string;
}

export interface SpreadSandbox {
	publicKey: string;
	privateKey: string;
	customers: SpreadCustomer[];
	campaigns: SpreadCampaign[];
}

/** The document's three example lines, verbatim. */
export const DOCUMENT_LINES: SpreadCagnotteLine[] = [
	{
		cagnotteId: '118196',
		cagnotteLineId: '535756',
		customerId: '15130125',
		campaignId: '46354',
		cagnotteLineDate: '2019-07-10 08:30:04',
		cagnotteLineValidationDate: '2019-07-10 08:30:04',
		amount: '20',
		code: '',
	},
	{
		cagnotteId: '118196',
		cagnotteLineId: '535759',
		customerId: '15130125',
		campaignId: null,
		cagnotteLineDate: '2019-07-10 15:00:23',
		cagnotteLineValidationDate: '2019-07-10 15:00:23',
		amount: '-20',
		code: 'kodeKDO_1',
	},
	{
		cagnotteId: '118196',
		cagnotteLineId: '535760',
		customerId: '15130125',
		campaignId: null,
		cagnotteLineDate: '2019-07-10 15:00:35',
		cagnotteLineValidationDate: '2019-07-10 15:00:35',
		amount: '-1',
		code: 'http://google.com',
	},
];

const DAY_MS = 86_400_000;

class ApiFailure extends Error {
	constructor(readonly reply: SimReply) {
		super(String((reply.body as { message?: string })?.message ?? reply.status));
	}
}

const fault = (status: number, message: string) =>
	new ApiFailure({ status, body: { code: status, message } });

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:MM:SS` of an instant in a zone (the simulator's own, apart from the node's). */
export function wallClockString(epochMs: number, timeZone: string): string {
	// One format per zone: building one takes far longer than using it, and a test seeds 10,000 lines.
	let format = wallClockFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		wallClockFormats.set(timeZone, format);
	}
	const parts = format.formatToParts(new Date(epochMs));
	const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '00';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A v1 form body's `data[...]` fields: `data[a]` → a, `data[a][]` → a list, `data[a][k]` → a map. */
export function formFields(raw: Buffer | string): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const [name, value] of new URLSearchParams(raw.toString())) {
		const match = /^data\[([^\]]+)\](?:\[([^\]]*)\])?$/.exec(name);
		if (!match) continue;
		const [, field, sub] = match;
		if (sub === undefined) fields[field] = value;
		else if (sub === '') fields[field] = [...((fields[field] as string[]) ?? []), value];
		else fields[field] = { ...((fields[field] as Record<string, string>) ?? {}), [sub]: value };
	}
	return fields;
}

/** A v1 form's `request[name]` fields: the record an update names apart from its new values. */
export function requestFields(raw: Buffer | string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [name, value] of new URLSearchParams(raw.toString())) {
		const match = /^request\[([^\]]+)\]$/.exec(name);
		if (match) fields[match[1]] = value;
	}
	return fields;
}

interface ListSpec {
	key: string;
	records: () => Array<Record<string, unknown>>;
	date: string;
	modified: string;
	id: string;
}

export class SpreadSimulator extends SimulatorServer {
	readonly timeZone: string;

	cagnottePostRedirect?: 301 | 302 | 307 | 308;

	createdAfterInclusive: boolean;

	nextPageUrlOnLastPage: boolean;

	/** The latest requests the handlers saw, oldest first (at most `receivedLimit`). */
	received: SpreadReceivedRequest[] = [];

	receivedLimit = 1000;

	/** Cagnotte lines the POST added: a test proves points are added exactly once. */
	pointsPostsApplied = 0;

	/** The simulator's clock; tests move it to put records in the same second. */
	now: () => number = () => Date.now();

	private keys = new Map<string, string>();

	readonly customers: SpreadCustomer[] = [];

	readonly lines: SpreadCagnotteLine[] = [];

	readonly campaigns: SpreadCampaign[] = [];

	readonly participations: SpreadParticipation[] = [];

	readonly sponsorships: SpreadSponsorship[] = [];

	readonly orders: SpreadOrder[] = [];

	private nextIds = {
		customer: 15200001,
		cagnotte: 120001,
		line: 600001,
		campaign: 46001,
		participation: 880001,
		sponsorship: 7001,
		order: 990001,
	};

	private randomState = 20190710;

	constructor(options: SpreadSimulatorOptions = {}) {
		super();
		this.timeZone = options.timeZone ?? 'Europe/Paris';
		this.cagnottePostRedirect = options.cagnottePostRedirect;
		this.createdAfterInclusive = options.createdAfterInclusive ?? false;
		this.nextPageUrlOnLastPage = options.nextPageUrlOnLastPage ?? true;
	}

	/** The base URL to put in the credential (…/api). */
	get apiUrl(): string {
		return `${this.url}/api`;
	}

	addKeys(publicKey: string, privateKey: string): void {
		this.keys.set(publicKey, privateKey);
	}

	/** The account's wall clock, `ms` from the simulator's now. */
	stamp(offsetMs = 0): string {
		return wallClockString(this.now() + offsetMs, this.timeZone);
	}

	private random(): number {
		this.randomState = (this.randomState * 1103515245 + 12345) % 2147483648;
		return this.randomState / 2147483648;
	}

	// ---- records ----

	addCustomer(seed: Partial<SpreadCustomer> = {}): SpreadCustomer {
		const id = String(this.nextIds.customer++);
		const at = seed.createdAt ?? this.stamp();
		const customer: SpreadCustomer = {
			id,
			lastName: 'Martin',
			firstName: 'Camille',
			email: `customer${id}@example.fr`,
			country: 'FR',
			city: 'Paris',
			address: '12 rue de la Paix',
			zip: '75002',
			phone: null,
			mobile: '0612345678',
			lang: 'fr',
			birthday: '1990-05-04',
			gender: 'F',
			createdAt: at,
			updatedAt: at,
			isBuyer: '0',
			actionCount: '0',
			cagnotteAmount: '0',
			externalId: null,
			company: null,
			tags: [],
			custom_fields: {},
			status: 'Bronze',
			isOptin: '-1',
			...seed,
		};
		this.customers.push(customer);
		return customer;
	}

	customerById(id: string): SpreadCustomer | undefined {
		return this.customers.find((customer) => customer.id === id);
	}

	customerByEmail(email: string): SpreadCustomer | undefined {
		const wanted = email.toLowerCase();
		return this.customers.find((customer) => customer.email.toLowerCase() === wanted);
	}

	/** A cagnotte line of a customer, its balance moved; the cagnotte id is one per customer. */
	addLine(
		customer: SpreadCustomer,
		amount: number,
		seed: Partial<SpreadCagnotteLine> = {},
	): SpreadCagnotteLine {
		const existing = this.lines.find((line) => line.customerId === customer.id);
		const at = seed.cagnotteLineDate ?? this.stamp();
		const line: SpreadCagnotteLine = {
			cagnotteId: existing?.cagnotteId ?? String(this.nextIds.cagnotte++),
			cagnotteLineId: String(this.nextIds.line++),
			customerId: customer.id,
			campaignId: null,
			cagnotteLineDate: at,
			cagnotteLineValidationDate: at,
			amount: String(amount),
			code: '',
			...seed,
		};
		this.lines.push(line);
		customer.cagnotteAmount = String(Number(customer.cagnotteAmount) + amount);
		customer.actionCount = String(Number(customer.actionCount) + 1);
		return line;
	}

	addCampaign(seed: Partial<SpreadCampaign> = {}): SpreadCampaign {
		const id = String(this.nextIds.campaign++);
		const at = seed.createdAt ?? this.stamp();
		const campaign: SpreadCampaign = {
			id,
			operationId: String(Number(id) + 100000),
			name: `Campaign ${id}`,
			backofficeName: `campaign-${id}`,
			url: `https://jeu.example.fr/${id}`,
			type: 'instantwinner',
			lang: 'fr',
			createdAt: at,
			updatedAt: at,
			dateStart: at,
			...seed,
		};
		this.campaigns.push(campaign);
		return campaign;
	}

	addParticipation(seed: Partial<SpreadParticipation> = {}): SpreadParticipation {
		const at = seed.createdAt ?? this.stamp();
		const participation: SpreadParticipation = {
			id: String(this.nextIds.participation++),
			customerId: this.customers[0]?.id ?? '0',
			campaignId: this.campaigns[0]?.id ?? '0',
			createdAt: at,
			updatedAt: at,
			participationComplete: '1',
			connectionBy: 'email',
			isWinner: '0',
			becameFan: '0',
			...seed,
		};
		this.participations.push(participation);
		return participation;
	}

	addSponsorship(seed: Partial<SpreadSponsorship> = {}): SpreadSponsorship {
		const at = seed.createdAt ?? this.stamp();
		const sponsorship: SpreadSponsorship = {
			id: String(this.nextIds.sponsorship++),
			campaignId: this.campaigns[0]?.id ?? '0',
			godfatherId: this.customers[0]?.id ?? '0',
			godsonId: this.customers[1]?.id ?? '0',
			sponsorshipValidated: '0',
			createdAt: at,
			updatedAt: at,
			validatedAt: null,
			...seed,
		};
		this.sponsorships.push(sponsorship);
		return sponsorship;
	}

	addOrder(seed: Partial<SpreadOrder> = {}): SpreadOrder {
		const id = String(this.nextIds.order++);
		const at = seed.createdAt ?? this.stamp();
		const order: SpreadOrder = {
			id,
			createdAt: at,
			updatedAt: at,
			amount: '49.90',
			customerId: this.customers[0]?.id ?? '0',
			orderId: `PS-${id}`,
			status: 'paid',
			tags: [],
			...seed,
		};
		this.orders.push(order);
		const customer = this.customerById(order.customerId);
		if (customer) customer.isBuyer = '1';
		return order;
	}

	/**
	 * A believable account: keys, `customers` customers (300), six campaigns, `cagnotteLines` lines
	 * (600; 20,000 for the benchmark) over the last 30 days, participations, sponsorships and orders,
	 * plus the document's own example customer and its three lines.
	 */
	seedSandbox(
		options: {
			publicKey?: string;
			privateKey?: string;
			customers?: number;
			cagnotteLines?: number;
		} = {},
	): SpreadSandbox {
		const publicKey = options.publicKey ?? `pk_sandbox_${randomBytes(6).toString('hex')}`;
		const privateKey = options.privateKey ?? `sk_sandbox_${randomBytes(12).toString('hex')}`;
		this.addKeys(publicKey, privateKey);
		const start = this.now() - 30 * DAY_MS;
		const at = (fraction: number) => wallClockString(start + fraction * 29 * DAY_MS, this.timeZone);
		const types = ['instantwinner', 'contest', 'quiz', 'sweepstake', 'photo', 'sponsorship'];
		const campaigns = types.map((type, index) =>
			this.addCampaign({
				name: [
					'Summer Wheel',
					'Photo Contest',
					'Quiz de Noël',
					'Grand Jeu',
					'Best Look',
					'Parrainage',
				][index],
				type,
				createdAt: at(index / 60),
			}),
		);
		const firstNames = [
			'Camille',
			'Louis',
			'Léa',
			'Hugo',
			'Chloé',
			'Jules',
			'Manon',
			'Arthur',
			'Inès',
		];
		const lastNames = [
			'Martin',
			'Bernard',
			'Dubois',
			'Thomas',
			'Robert',
			'Richard',
			'Petit',
			'Durand',
		];
		const count = options.customers ?? 300;
		const customers: SpreadCustomer[] = [];
		for (let index = 0; index < count; index++) {
			customers.push(
				this.addCustomer({
					firstName: firstNames[index % firstNames.length],
					lastName: lastNames[index % lastNames.length],
					email: `${firstNames[index % firstNames.length]
						.toLowerCase()
						.normalize('NFD')
						.replace(/[^a-z]/g, '')}.${index + 1}@example.fr`,
					externalId: `CRM-${String(index + 1).padStart(5, '0')}`,
					// As shops send it: a code or a name, in French.
					country: ['France', 'FR', 'Belgique', 'France', 'Suisse'][index % 5],
					createdAt: at((index / count) * 0.2),
					isOptin: ['1', '0', '-1'][index % 3],
					status: ['Bronze', 'Silver', 'Gold'][index % 3],
					tags: index % 4 === 0 ? ['vip'] : [],
				}),
			);
		}
		const lines = options.cagnotteLines ?? 600;
		for (let index = 0; index < lines; index++) {
			const customer = customers[Math.floor(this.random() * customers.length)];
			const spend = Number(customer.cagnotteAmount) >= 20 && this.random() < 0.25;
			this.addLine(customer, spend ? -20 : [5, 10, 15, 20, 50][index % 5], {
				cagnotteLineDate: at(0.2 + (index / lines) * 0.8),
				cagnotteLineValidationDate: at(0.2 + (index / lines) * 0.8),
				campaignId: spend ? null : campaigns[index % campaigns.length].id,
				code: spend ? `kodeKDO_${index}` : '',
			});
		}
		for (let index = 0; index < 400; index++) {
			this.addParticipation({
				customerId: customers[index % customers.length].id,
				campaignId: campaigns[index % 5].id,
				createdAt: at(0.2 + (index / 400) * 0.8),
				isWinner: index % 10 === 0 ? '1' : '0',
			});
		}
		for (let index = 0; index < 40; index++) {
			this.addSponsorship({
				campaignId: campaigns[5].id,
				godfatherId: customers[index].id,
				godsonId: customers[count - 1 - index].id,
				createdAt: at(0.3 + (index / 40) * 0.7),
				sponsorshipValidated: index % 2 ? '1' : '0',
			});
		}
		for (let index = 0; index < 300; index++) {
			this.addOrder({
				customerId: customers[(index * 7) % customers.length].id,
				amount: (20 + ((index * 37) % 180) + 0.9).toFixed(2),
				createdAt: at(0.2 + (index / 300) * 0.8),
				status: index % 15 === 0 ? 'cancelled' : 'paid',
			});
		}
		// The document's example: customer 15130125 and its three lines (verbatim).
		const example = this.addCustomer({
			id: '15130125',
			email: 'email-example@gmail.com',
			createdAt: '2019-07-01 10:00:00',
			updatedAt: '2019-07-01 10:00:00',
			cagnotteAmount: '16',
		});
		for (const line of DOCUMENT_LINES) this.addLine(example, Number(line.amount), { ...line });
		this.lines.sort((a, b) => Number(a.cagnotteLineId) - Number(b.cagnotteLineId));
		this.customers.sort((a, b) => Number(a.id) - Number(b.id));
		return { publicKey, privateKey, customers, campaigns };
	}

	// ---- the server ----

	override resetCounts(): void {
		super.resetCounts();
		this.received = [];
		this.pointsPostsApplied = 0;
	}

	receivedAt(key: string): SpreadReceivedRequest[] {
		return this.received.filter((entry) => entry.key === key);
	}

	protected endpointKey(request: SimRequest): string {
		const path = request.url.pathname.replace(/^\/api/, '');
		const pattern = path.replace(
			/^(\/v2\/(?:customers|campaigns|participations|orders))\/[^/]+$/,
			'$1/{id}',
		);
		return `${request.method} ${pattern}`;
	}

	protected handle(request: SimRequest): SimReply {
		const contentType = String(request.headers['content-type'] ?? '');
		this.received.push({
			key: this.endpointKey(request),
			method: request.method,
			query: Object.fromEntries(request.url.searchParams),
			body: contentType.includes('form')
				? formFields(request.rawBody)
				: request.rawBody.length
					? jsonBody(request)
					: undefined,
			contentType,
			...(contentType.includes('form') && Object.keys(requestFields(request.rawBody)).length
				? { request: requestFields(request.rawBody) }
				: {}),
		});
		if (this.received.length > this.receivedLimit)
			this.received.splice(0, this.received.length - this.receivedLimit);
		try {
			this.authorize(request);
			return this.route(request);
		} catch (error) {
			if (error instanceof ApiFailure) return error.reply;
			throw error;
		}
	}

	private authorize(request: SimRequest): void {
		const header = String(request.headers.authorization ?? '');
		const basic = /^Basic\s+(\S+)$/i.exec(header);
		const [user, ...rest] = basic
			? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
			: [];
		if (!user || this.keys.get(user) !== rest.join(':'))
			throw fault(401, 'Unauthorized: invalid public or private key');
	}

	private route(request: SimRequest): SimReply {
		const path = request.url.pathname;
		const method = request.method;
		if (method === 'POST' && (path === '/api/v2/cagnottes/' || path === '/api/v2/cagnottes')) {
			if (path === '/api/v2/cagnottes/' && this.cagnottePostRedirect) {
				return {
					status: this.cagnottePostRedirect,
					headers: { location: `${this.url}/api/v2/cagnottes` },
					body: { message: 'Moved' },
				};
			}
			return this.postCagnotte(request);
		}
		if (method === 'POST') {
			const fields = formFields(request.rawBody);
			if (path === '/api/CreateAccount') return this.createAccount(fields);
			if (path === '/api/UpdateAccount')
				return this.updateAccount(fields, requestFields(request.rawBody));
			if (path === '/api/CreateOrder') return this.createOrder(fields);
			if (path === '/api/UpdateOrder') return this.updateOrder(fields);
		}
		if (method === 'GET') {
			const lists: Record<string, ListSpec> = {
				cagnottes: {
					key: 'cagnottes',
					records: () => this.lines as never,
					date: 'cagnotteLineDate',
					modified: 'cagnotteLineValidationDate',
					id: 'cagnotteLineId',
				},
				customers: {
					key: 'customers',
					records: () => this.customers as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
				campaigns: {
					key: 'campaigns',
					records: () => this.campaigns as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
				participations: {
					key: 'participations',
					records: () => this.participations as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
				sponsorships: {
					key: 'sponsorships',
					records: () => this.sponsorships as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
				orders: {
					key: 'orders',
					records: () => this.orders as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
			};
			const match = /^\/api\/v2\/([a-z]+)\/?(?:([^/]+))?$/.exec(path);
			const spec = match ? lists[match[1]] : undefined;
			if (spec && match && match[2] === undefined) return this.list(spec, request.url.searchParams);
			if (
				spec &&
				match &&
				match[2] !== undefined &&
				spec.key !== 'cagnottes' &&
				spec.key !== 'sponsorships'
			) {
				const wanted = decodeURIComponent(match[2]);
				const field = spec.key === 'orders' ? 'orderId' : 'id';
				const record = spec.records().find((entry) => String(entry[field]) === wanted);
				if (!record) throw fault(404, `${spec.key.replace(/s$/, '')} ${wanted} not found`);
				return { status: 200, body: record };
			}
		}
		throw fault(404, 'Not found');
	}

	private list(spec: ListSpec, query: URLSearchParams): SimReply {
		const sizeName = spec.key === 'sponsorships' ? 'maxResults' : 'maxResult';
		const size = query.has(sizeName) ? Number(query.get(sizeName)) : SPREAD_DEFAULT_PAGE_SIZE;
		if (!Number.isInteger(size) || size < 1 || size > SPREAD_MAX_PAGE_SIZE)
			throw fault(
				400,
				`Parameter ${sizeName} must be a whole number from 1 to ${SPREAD_MAX_PAGE_SIZE}`,
			);
		const startAt = query.has('startAt') ? Number(query.get('startAt')) : 0;
		if (!Number.isInteger(startAt) || startAt < 0)
			throw fault(400, 'Parameter startAt must be a whole number');
		const date = (name: string) => {
			const value = query.get(name);
			if (value === null) return undefined;
			if (!DATE_TIME.test(value))
				throw fault(400, `Parameter ${name} is not a valid date (YYYY-MM-DD HH:MM:SS)`);
			return value;
		};
		const number = (name: string) => {
			const value = query.get(name);
			if (value === null) return undefined;
			if (!Number.isFinite(Number(value)) || value.trim() === '')
				throw fault(400, `Parameter ${name} is not a number`);
			return Number(value);
		};
		const createdAfter = date('createdAfter');
		const createBefore = date('createBefore');
		const modifiedAfter = date('modifiedAfter');
		const modifiedBefore = date('modifiedBefore');
		const minAmount = number('minAmount');
		const maxAmount = number('maxAmount');
		const amount = number('amount');
		const ids = ['customerId', 'cagnotteId', 'campaignId'].map(
			(name) => [name, query.get(name)] as const,
		);
		const matching = spec.records().filter((record) => {
			const created = String(record[spec.date]);
			// A line waiting for validation was last modified when it was made.
			const modifiedAt = record[spec.modified];
			const modified =
				typeof modifiedAt === 'string' && !modifiedAt.startsWith('0000-') ? modifiedAt : created;
			if (
				createdAfter &&
				!(this.createdAfterInclusive ? created >= createdAfter : created > createdAfter)
			)
				return false;
			if (createBefore && !(created < createBefore)) return false;
			if (modifiedAfter && !(modified > modifiedAfter)) return false;
			if (modifiedBefore && !(modified < modifiedBefore)) return false;
			for (const [name, value] of ids) {
				if (value !== null && name in record && String(record[name]) !== value) return false;
			}
			if ('amount' in record) {
				const value = Number(record.amount);
				if (minAmount !== undefined && !(value > minAmount)) return false;
				if (maxAmount !== undefined && !(value < maxAmount)) return false;
				if (amount !== undefined && value !== amount) return false;
			}
			return true;
		});
		const page = matching.slice(startAt, startAt + size);
		const more = startAt + page.length < matching.length;
		return {
			status: 200,
			body: {
				[spec.key]: page,
				count: page.length,
				nextPageUrl:
					more || this.nextPageUrlOnLastPage
						? `http://social-sb.com/api/v2/${spec.key}?startAt=${startAt + page.length}`
						: null,
			},
		};
	}

	private postCagnotte(request: SimRequest): SimReply {
		const body = jsonBody(request);
		if (!body) throw fault(400, 'The body must be JSON');
		const customerPart = (body.customer ?? {}) as Record<string, unknown>;
		const cagnottePart = (body.cagnotte ?? {}) as Record<string, unknown>;
		const email = customerPart.email;
		const id = customerPart.id;
		if (email === undefined && id === undefined)
			throw fault(400, 'Parameter email or customerId is required');
		const customer =
			typeof email === 'string' ? this.customerByEmail(email) : this.customerById(String(id));
		if (!customer) throw fault(404, 'Customer not found');
		const amount = Number(cagnottePart.amount);
		if (cagnottePart.amount === undefined || !Number.isFinite(amount) || amount === 0)
			throw fault(400, 'Parameter amount is required and must be a number other than 0');
		if (Number(customer.cagnotteAmount) + amount < 0)
			throw fault(400, `Insufficient cagnotte amount: the customer has ${customer.cagnotteAmount}`);
		const line = this.addLine(customer, amount);
		this.pointsPostsApplied++;
		return {
			status: 200,
			body: {
				customer: { id: customer.id, cagnotteAmount: customer.cagnotteAmount },
				cagnotte: line,
			},
		};
	}

	private customerFromForm(customer: SpreadCustomer, fields: Record<string, unknown>): void {
		const plain: Array<[string, keyof SpreadCustomer]> = [
			['external_id', 'externalId'],
			['customer_name', 'lastName'],
			['customer_firstname', 'firstName'],
			['customer_isoptin', 'isOptin'],
			['customer_gender', 'gender'],
			['customer_address', 'address'],
			['customer_cp', 'zip'],
			['customer_city', 'city'],
			['customer_country', 'country'],
			['customer_tel', 'phone'],
			['customer_mobile', 'mobile'],
			['customer_birthday', 'birthday'],
			['customer_lang', 'lang'],
			['customer_company', 'company'],
		];
		for (const [field, key] of plain) {
			if (typeof fields[field] === 'string')
				(customer as unknown as Record<string, unknown>)[key] = fields[field];
		}
		if (
			fields.customer_isoptin !== undefined &&
			!['1', '0', '-1'].includes(String(fields.customer_isoptin))
		)
			throw fault(400, 'Parameter customer_isoptin must be 1, 0 or -1');
		if (
			fields.customer_birthday !== undefined &&
			!/^\d{4}-\d{2}-\d{2}$/.test(String(fields.customer_birthday))
		)
			throw fault(400, 'Parameter customer_birthday must be a date YYYY-MM-DD');
		const add = (fields.add_tag as string[] | undefined) ?? [];
		const remove = (fields.del_tag as string[] | undefined) ?? [];
		customer.tags = [...new Set([...customer.tags, ...add])].filter((tag) => !remove.includes(tag));
		customer.custom_fields = {
			...customer.custom_fields,
			...((fields.custom_fields as Record<string, string>) ?? {}),
		};
		customer.updatedAt = this.stamp();
	}

	private createAccount(fields: Record<string, unknown>): SimReply {
		const email = String(fields.customer_email ?? '');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
			throw fault(400, 'Parameter customer_email is not a valid email');
		if (this.customerByEmail(email))
			return {
				status: 200,
				body: { status: 'error', error: `customer_email ${email} is already used` },
			};
		if (fields.external_id !== undefined && this.customerByExternalId(fields.external_id))
			return {
				status: 200,
				body: {
					status: 'error',
					error: `external_id ${String(fields.external_id)} is already used`,
				},
			};
		const customer = this.addCustomer({
			email,
			firstName: null,
			lastName: null,
			city: null,
			address: null,
			zip: null,
			mobile: null,
			birthday: null,
		});
		this.customerFromForm(customer, fields);
		return { status: 200, body: { datas: customer } };
	}

	customerByExternalId(externalId: unknown): SpreadCustomer | undefined {
		return this.customers.find(
			(entry) => entry.externalId !== null && entry.externalId === externalId,
		);
	}

	private updateAccount(
		fields: Record<string, unknown>,
		request: Record<string, string>,
	): SimReply {
		const named = request.customer_email ?? request.external_id;
		const customer =
			named !== undefined
				? request.customer_email !== undefined
					? this.customerByEmail(request.customer_email)
					: this.customerByExternalId(request.external_id)
				: typeof fields.customer_email === 'string'
					? this.customerByEmail(fields.customer_email)
					: this.customerByExternalId(fields.external_id);
		if (!customer) throw fault(404, 'Customer not found');
		const { customer_email: email, ...changes } = fields;
		if (typeof email === 'string' && email.toLowerCase() !== customer.email.toLowerCase()) {
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
				throw fault(400, 'Parameter customer_email is not a valid email');
			if (this.customerByEmail(email))
				return {
					status: 200,
					body: { status: 'error', error: `customer_email ${email} is already used` },
				};
			customer.email = email;
		}
		const holder = this.customerByExternalId(changes.external_id);
		if (holder && holder !== customer)
			return {
				status: 200,
				body: {
					status: 'error',
					error: `external_id ${String(changes.external_id)} is already used`,
				},
			};
		this.customerFromForm(customer, changes);
		return { status: 200, body: { datas: customer } };
	}

	/** A customer changed in the back office: its fields, and `updatedAt` now. */
	touchCustomer(customer: SpreadCustomer, changes: Partial<SpreadCustomer> = {}): SpreadCustomer {
		Object.assign(customer, changes, { updatedAt: this.stamp() });
		return customer;
	}

	/** A line waiting for validation is validated now (its validation date set). */
	validateLine(line: SpreadCagnotteLine): SpreadCagnotteLine {
		line.cagnotteLineValidationDate = this.stamp();
		return line;
	}

	private orderFromForm(order: SpreadOrder, fields: Record<string, unknown>): void {
		if (fields.order_amount !== undefined) {
			if (!Number.isFinite(Number(fields.order_amount)))
				throw fault(400, 'Parameter order_amount is not a number');
			order.amount = String(fields.order_amount);
		}
		if (typeof fields.order_state === 'string') order.status = fields.order_state;
		if (fields.date !== undefined) {
			if (!DATE_TIME.test(String(fields.date)))
				throw fault(400, 'Parameter date is not a valid date (YYYY-MM-DD HH:MM:SS)');
			order.createdAt = String(fields.date);
		}
		order.updatedAt = this.stamp();
	}

	private createOrder(fields: Record<string, unknown>): SimReply {
		const email = String(fields.customer_email ?? '');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
			throw fault(400, 'Parameter customer_email is not a valid email');
		const orderId = String(fields.order_idorder ?? '');
		if (!orderId) throw fault(400, 'Parameter order_idorder is required');
		if (this.orders.some((order) => order.orderId === orderId))
			return {
				status: 200,
				body: { status: 'error', error: `order_idorder ${orderId} already exists` },
			};
		const customer = this.customerByEmail(email) ?? this.addCustomer({ email });
		this.customerFromForm(customer, fields);
		const order = this.addOrder({ customerId: customer.id, orderId, amount: '0' });
		this.orderFromForm(order, fields);
		return { status: 200, body: { datas: order } };
	}

	private updateOrder(fields: Record<string, unknown>): SimReply {
		const order = this.orders.find((entry) => entry.orderId === fields.order_idorder);
		if (!order) throw fault(404, 'Order not found');
		if (typeof fields.customer_email === 'string') {
			const customer = this.customerByEmail(fields.customer_email);
			if (!customer) throw fault(404, 'Customer not found');
			order.customerId = customer.id;
		}
		this.orderFromForm(order, fields);
		return { status: 200, body: { datas: order } };
	}

	// ---- webhooks ----

	/** POSTs the webhook of a cagnotte line, as the back office would on "cagnotte update". */
	async sendCagnotteWebhook(url: string, line: SpreadCagnotteLine): Promise<Response> {
		const customer = this.customerById(line.customerId);
		return await postWebhook(url, {
			event: 'cagnotte.update',
			date: line.cagnotteLineDate,
			customer: {
				id: customer?.id,
				email: customer?.email,
				cagnotteAmount: customer?.cagnotteAmount,
			},
			cagnotte: line,
		});
	}
}

/** POSTs a SPREAD webhook payload (JSON) to `url`. */
export async function postWebhook(
	url: string,
	payload: unknown,
	headers: Record<string, string> = {},
): Promise<Response> {
	return await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'user-agent': 'SPREAD-Webhooks/1.0',
			...headers,
		},
		body: typeof payload === 'string' ? payload : JSON.stringify(payload),
	});
}

export { DATE_TIME as SPREAD_DATE_TIME };
