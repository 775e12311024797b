import { randomBytes } from 'crypto';

import { SimulatorServer } from '../http-server';
import {
	DAY_MS,
	DOCUMENT_LINES,
	wallClockString,
	writtenDate,
	type CustomerDates,
	type SpreadCagnotteLine,
	type SpreadCampaign,
	type SpreadCustomer,
	type SpreadOrder,
	type SpreadParticipation,
	type SpreadReceivedRequest,
	type SpreadSandbox,
	type SpreadSimulatorOptions,
	type SpreadSponsorship,
} from './model';

/** What the simulator holds (keys, customers, lines, campaigns, participations, sponsorships, orders), how records are added, and the sample data. */
export abstract class SpreadState extends SimulatorServer {
	readonly timeZone: string;

	cagnottePostRedirect?: 301 | 302 | 307 | 308;

	createdAfterInclusive: boolean;

	nextPageUrlOnLastPage: boolean;

	customerDates: CustomerDates;

	/** The latest requests the handlers saw, oldest first (at most `receivedLimit`). */
	received: SpreadReceivedRequest[] = [];

	receivedLimit = 1000;

	/** Cagnotte lines the POST added: a test proves points are added exactly once. */
	pointsPostsApplied = 0;

	/** The simulator's clock; tests move it to put records in the same second. */
	now: () => number = () => Date.now();

	protected keys = new Map<string, string>();

	readonly customers: SpreadCustomer[] = [];

	readonly lines: SpreadCagnotteLine[] = [];

	readonly campaigns: SpreadCampaign[] = [];

	readonly participations: SpreadParticipation[] = [];

	readonly sponsorships: SpreadSponsorship[] = [];

	readonly orders: SpreadOrder[] = [];

	protected nextIds = {
		customer: 15200001,
		cagnotte: 120001,
		line: 600001,
		campaign: 46001,
		participation: 880001,
		sponsorship: 7001,
		order: 990001,
	};

	protected randomState = 20190710;

	constructor(options: SpreadSimulatorOptions = {}) {
		super();
		this.timeZone = options.timeZone ?? 'Europe/Paris';
		this.cagnottePostRedirect = options.cagnottePostRedirect;
		this.createdAfterInclusive = options.createdAfterInclusive ?? false;
		this.nextPageUrlOnLastPage = options.nextPageUrlOnLastPage ?? true;
		this.customerDates = options.customerDates ?? 'wallClock';
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

	protected random(): number {
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

	/** A customer as the API writes it: stored with wall-clock dates, sent as `customerDates` says. */
	customerReply(customer: SpreadCustomer): SpreadCustomer {
		if (this.customerDates === 'wallClock') return customer;
		return {
			...customer,
			createdAt: writtenDate(customer.createdAt, this.timeZone, this.customerDates),
			updatedAt: writtenDate(customer.updatedAt, this.timeZone, this.customerDates),
		};
	}

	customerById(id: string): SpreadCustomer | undefined {
		return this.customers.find((customer) => customer.id === id);
	}

	customerByExternalId(externalId: unknown): SpreadCustomer | undefined {
		return this.customers.find(
			(entry) => entry.externalId !== null && entry.externalId === externalId,
		);
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
}
