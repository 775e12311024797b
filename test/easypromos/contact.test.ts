/**
 * Easypromos records in the one contact shape: the pure mapping over the API reference's example
 * objects and the simulator's seeded records, then Output = Contact in workflows and both triggers.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { flattenCoinTransaction } from '../../nodes/Easypromos/helpers/coinTransaction';
import * as mapping from '../../nodes/Easypromos/helpers/contact';
import { promotionRef, type EasypromosPromotionRef } from '../../nodes/Easypromos/helpers/contact';
import { CONTACT_KEYS, type Contact } from '../../nodes/shared/contact/contact';
import { packageNode, type TestEnvironment } from '../harness';
import type { EasypromosSandbox, EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { byId, credentialRef, run, startEasypromos } from './setup';

/**
 * The vendor's guide (easypromos-rest-api-v2.txt) shows no person: these objects have every field of the
 * object shapes API-NOTES lists for a user, a coin transaction and a participation [src: the API
 * reference], with values of our own.
 */
const REFERENCE_USER = {
	id: 1,
	promotion_id: 1,
	first_name: 'Marta',
	last_name: 'Puig',
	nickname: 'mpuig',
	login_type: 'email',
	social_id: 'fb-55120',
	external_id: 'CRM-0042',
	status: 0,
	email: 'Marta.Puig@Example.com ',
	phone: '+34 600 123 456',
	birthday: '1990-05-17',
	created: '2019-08-24T14:15:22Z',
	avatar_img: 'https://img.example.com/a/42.png',
	language: 'ca',
	country: 'ES',
	custom_properties: [
		{
			id: 1,
			title: 'Postal code',
			ref: 'postalcode',
			value: '08001',
		},
	],
	meta_data: {
		utm_source: 'newsletter',
		utm_medium: 'ads',
		utm_campaign: 'spring-draw',
		referral_url: 'https://shop.example.com/',
		ip: '203.0.113.7',
		user_agent:
			'Mozilla/5.0 (iPhone; CPU iPhone OS 15_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
		legals: {
			terms_url: 'https://promo.example.com/terms',
			privacy_url: 'https://promo.example.com/privacy',
			accepted_cookies: 1,
		},
	},
};

const REFERENCE_COIN_TRANSACTION = {
	transaction: {
		id: 1,
		user_id: 1,
		promotion_id: 1,
		coin_id: 1,
		coin_name: 'Stars',
		amount: 5,
		balance: 5,
		created: '2019-08-24T14:15:22Z',
		transaction_type: 1,
		reason: 'Played the daily game',
		extra: 'daily',
	},
	user: REFERENCE_USER,
};

const REFERENCE_PARTICIPATION = {
	id: 1,
	promotion_id: 1,
	stage_id: 1,
	user_id: 1,
	created: '2019-08-24T14:15:22Z',
	ip: '203.0.113.7',
	user_agent:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/201.0.429950705 Mobile/15E148 Safari/604.1',
	points: 120,
	data: [
		{
			ref: 'favourite_city',
			title: 'Pick your favorite city',
			values: ['Girona'],
		},
	],
};

// The simulator's records are typed objects; the mapping takes any n8n JSON object.
type Promotion = EasypromosPromotionRef | undefined;
const userToContact = (user: object, promotion?: Promotion) =>
	mapping.userToContact(user as IDataObject, promotion);
const participationToContact = (participation: object, promotion?: Promotion, user?: object) =>
	mapping.participationToContact(
		participation as IDataObject,
		promotion,
		user as IDataObject | undefined,
	);
const prizeToContact = (prize: object, promotion?: Promotion) =>
	mapping.prizeToContact(prize as IDataObject, promotion);
const coinTransactionToContact = (item: object, promotion?: Promotion) =>
	mapping.coinTransactionToContact(item as IDataObject, promotion);
const personKindOf = (record: object) => mapping.personKindOf(record as IDataObject);
const flatten = (item: object) => flattenCoinTransaction(item as IDataObject);

/** What every contact keeps: all keys in order, no empty string anywhere, a lower-case email. */
function expectWellFormed(contact: Contact): void {
	expect(Object.keys(contact)).toEqual([...CONTACT_KEYS]);
	const strings: string[] = [];
	const walk = (value: unknown) => {
		if (typeof value === 'string') strings.push(value);
		else if (value && typeof value === 'object') Object.values(value).forEach(walk);
	};
	walk(contact);
	expect(strings).not.toContain('');
	for (const value of strings) expect(value).toBe(value.trim());
	if (contact.email !== null) expect(contact.email).toBe(contact.email.toLowerCase());
	expect(contact.source.platform).toBe('easypromos');
}

/** The keys that hold something: not null, not an empty object (anonymized, a boolean, counts). */
function filledKeys(contact: Contact): string[] {
	return CONTACT_KEYS.filter((key) => {
		const value = contact[key];
		if (value === null) return false;
		if (typeof value === 'object' && Object.keys(value).length === 0) return false;
		return true;
	});
}

const USER_KEYS = [
	'email',
	'phone',
	'firstName',
	'lastName',
	'birthday',
	'country',
	'language',
	'consents',
	'customFields',
	'source',
	'anonymized',
];

describe("objects with the API reference's fields", () => {
	test('a user: every field it has, legals that are not booleans left out, nothing made up', () => {
		const contact = userToContact(REFERENCE_USER);
		expectWellFormed(contact);
		expect(contact).toEqual({
			email: 'marta.puig@example.com',
			// Phones are kept as the platform gives them.
			phone: '+34 600 123 456',
			firstName: 'Marta',
			lastName: 'Puig',
			birthday: '1990-05-17',
			gender: null,
			address: null,
			zip: null,
			city: null,
			country: 'ES',
			language: 'ca',
			// terms_url and privacy_url are links, not a yes or a no.
			consents: { accepted_cookies: true },
			prize: null,
			points: null,
			// A postal code among the custom properties stays a custom field: its ref is the promotion's own.
			customFields: { postalcode: '08001' },
			source: {
				platform: 'easypromos',
				product: { id: '1', title: null },
				recordId: '1',
				createdAt: '2019-08-24T14:15:22Z',
			},
			anonymized: false,
		});
		expect(filledKeys(contact)).toEqual(USER_KEYS);
	});

	test('a coin transaction: its user, the balance after it and the amount, wrapped or simplified', () => {
		const contact = coinTransactionToContact(REFERENCE_COIN_TRANSACTION);
		expectWellFormed(contact);
		expect(contact).toMatchObject({
			email: 'marta.puig@example.com',
			firstName: 'Marta',
			points: { balance: 5, change: 5 },
			prize: null,
			source: { product: { id: '1', title: null }, recordId: '1' },
		});
		expect(filledKeys(contact)).toEqual([
			...USER_KEYS.slice(0, 8),
			'points',
			...USER_KEYS.slice(8),
		]);
		expect(coinTransactionToContact(flatten(REFERENCE_COIN_TRANSACTION))).toEqual(contact);
	});

	test('a participation in the basic format names no person and does not say whether it won', () => {
		const contact = participationToContact(REFERENCE_PARTICIPATION);
		expectWellFormed(contact);
		expect(contact).toMatchObject({
			email: null,
			firstName: null,
			prize: null,
			// Its answers are the entry's own fields; a game score is not a coin balance.
			points: null,
			customFields: { favourite_city: 'Girona' },
			source: {
				product: { id: '1', title: null },
				recordId: '1',
				createdAt: '2019-08-24T14:15:22Z',
			},
		});
		expect(filledKeys(contact)).toEqual(['customFields', 'source', 'anonymized']);
		// With the user read apart, the person is there.
		const withUser = participationToContact(REFERENCE_PARTICIPATION, undefined, REFERENCE_USER);
		expect(withUser).toMatchObject({
			email: 'marta.puig@example.com',
			customFields: { postalcode: '08001', favourite_city: 'Girona' },
		});
	});
});

describe('masked values', () => {
	test('a user whose data the promotion masked: no personal value, anonymised', () => {
		const contact = mapping.userToContact({
			...REFERENCE_USER,
			email: '*****@*****',
			first_name: '*****',
			last_name: '*****',
			phone: '*****',
		} as unknown as IDataObject);
		expect(contact).toMatchObject({
			email: null,
			phone: null,
			firstName: null,
			lastName: null,
			birthday: null,
			country: null,
			language: null,
			customFields: {},
			anonymized: true,
		});
		expect(contact.source.recordId).toBe('1');
	});
});

describe("the simulator's seeded records", () => {
	let simulator: EasypromosSimulator;
	let sandbox: EasypromosSandbox;
	let pid: number;

	beforeAll(async () => {
		({ simulator, sandbox } = await startEasypromos());
		pid = sandbox.promotions.active.id;
	});
	afterAll(async () => await simulator.close());

	test('every user maps to a well-formed contact with exactly its own values', () => {
		for (const user of simulator.users(pid)) {
			const contact = userToContact(user);
			expectWellFormed(contact);
			expect(contact).toMatchObject({
				email: user.email.toLowerCase(),
				phone: user.phone,
				firstName: user.first_name,
				lastName: user.last_name,
				birthday: user.birthday,
				gender: null,
				address: null,
				zip: null,
				city: null,
				country: user.country,
				language: user.language,
				consents: user.meta_data.legals,
				prize: null,
				points: null,
				customFields: { favourite_store: user.custom_properties[0].value },
				source: {
					platform: 'easypromos',
					product: { id: String(pid), title: null },
					recordId: String(user.id),
					createdAt: user.created,
				},
				anonymized: false,
			});
		}
		const typical = simulator.users(pid).find((user) => user.phone !== null)!;
		expect(filledKeys(userToContact(typical))).toEqual(USER_KEYS);
	});

	test('an email in capitals with spaces is trimmed and lower-cased; empty values are null', () => {
		const user = {
			...simulator.users(pid)[0],
			email: '  Laura.GARCIA@Example.com ',
			phone: '',
			language: ' ',
		};
		const contact = userToContact(user);
		expect(contact).toMatchObject({
			email: 'laura.garcia@example.com',
			phone: null,
			language: null,
		});
		expectWellFormed(contact);
	});

	test('participations in full format carry the user, and the prize won or {won: false}', () => {
		for (const participation of simulator.participations(pid)) {
			const full = simulator.webhookData('new_participation', pid, participation.id);
			const contact = participationToContact(full);
			expectWellFormed(contact);
			const prize = full.prize as IDataObject | null;
			expect(contact.prize).toEqual(
				prize
					? {
							won: true,
							title: (prize.prize_type as IDataObject).name,
							code: prize.code,
						}
					: { won: false, title: null, code: null },
			);
			expect(contact.email).toBe((full.user as IDataObject).email);
			expect(contact.source.recordId).toBe(String(participation.id));
		}
	});

	test('prizes carry the winner, the prize type name and the code', () => {
		for (const prize of simulator.prizes(pid)) {
			const user = simulator.users(pid).find((candidate) => candidate.id === prize.user_id)!;
			const contact = prizeToContact({ ...prize, user });
			expectWellFormed(contact);
			expect(contact).toMatchObject({
				email: user.email,
				prize: { won: true, title: prize.prize_type.name, code: prize.code },
				points: null,
				source: {
					product: { id: String(pid) },
					recordId: String(prize.id),
					createdAt: prize.created,
				},
			});
		}
		const [prize] = simulator.prizes(pid);
		const user = simulator.users(pid).find((candidate) => candidate.id === prize.user_id)!;
		expect(filledKeys(prizeToContact({ ...prize, user }))).toContain('prize');
	});

	test('coin transactions: points {balance, change}, a debit negative', () => {
		for (const transaction of simulator.coinTransactions(pid)) {
			const item = simulator.webhookData('new_coin_transaction', pid, transaction.id);
			const contact = coinTransactionToContact(item);
			expectWellFormed(contact);
			expect(contact.points).toEqual({ balance: transaction.balance, change: transaction.amount });
			expect(coinTransactionToContact(flatten(item))).toEqual(contact);
		}
		expect(simulator.coinTransactions(pid).some((entry) => entry.amount < 0)).toBe(true);
	});

	test('the promotion title comes only from a promotion picked From List, and only for its ID', () => {
		const user = simulator.users(pid)[0];
		const picked = promotionRef(
			{ __rl: true, mode: 'list', value: String(pid), cachedResultName: 'Summer Spin & Win' },
			String(pid),
		);
		expect(userToContact(user, picked).source.product).toEqual({
			id: String(pid),
			title: 'Summer Spin & Win',
		});
		expect(promotionRef({ __rl: true, mode: 'id', value: String(pid) }, String(pid))).toEqual({
			id: String(pid),
			title: null,
		});
		expect(userToContact({ ...user, promotion_id: 42 }, picked).source.product).toEqual({
			id: '42',
			title: null,
		});
	});

	test('webhook payloads are told apart by shape', () => {
		const [participation] = simulator.participations(pid);
		const [transaction] = simulator.coinTransactions(pid);
		const [prize] = simulator.prizes(pid);
		expect(personKindOf(simulator.users(pid)[0])).toBe('user');
		expect(personKindOf(participation)).toBe('participation');
		expect(personKindOf(simulator.webhookData('new_coin_transaction', pid, transaction.id))).toBe(
			'coinTransaction',
		);
		expect(personKindOf(prize)).toBe('prize');
	});
});

describe('Output = Contact in workflows', () => {
	let simulator: EasypromosSimulator;
	let environment: TestEnvironment;
	let sandbox: EasypromosSandbox;
	let pid: number;

	beforeEach(async () => {
		({ simulator, environment, sandbox } = await startEasypromos());
		pid = sandbox.promotions.active.id;
	});
	afterEach(async () => await simulator.close());

	const picked = () => ({
		__rl: true,
		mode: 'list',
		value: String(pid),
		cachedResultName: 'Summer Spin & Win',
	});

	async function contacts(parameters: IDataObject): Promise<Contact[]> {
		const outcome = await run(environment, { ...parameters, output: 'contact' });
		expect(outcome.error).toBeUndefined();
		for (const item of outcome.output) expect(item.pairedItem).toEqual({ item: 0 });
		const found = outcome.json as unknown as Contact[];
		found.forEach(expectWellFormed);
		return found;
	}

	test('User → Get Many and Get: each item is the contact and nothing else', async () => {
		const users = await contacts({
			resource: 'user',
			operation: 'getAll',
			promotionId: picked(),
			order: 'created_asc',
			limit: 5,
		});
		expect(users).toEqual(
			simulator
				.users(pid)
				.slice(0, 5)
				.map((user) => userToContact(user, { id: String(pid), title: 'Summer Spin & Win' })),
		);
		const [one] = await contacts({
			resource: 'user',
			operation: 'get',
			promotionId: byId(pid),
			userId: String(simulator.users(pid)[7].id),
		});
		expect(one).toEqual(userToContact(simulator.users(pid)[7]));
		// Raw stays the default and stays the record.
		const raw = await run(environment, {
			resource: 'user',
			operation: 'get',
			promotionId: byId(pid),
			userId: String(simulator.users(pid)[7].id),
		});
		expect(raw.json).toEqual([simulator.users(pid)[7]]);
	});

	test('Participation → Get Many asks for the full format, so the person and the prize are there', async () => {
		const found = await contacts({
			resource: 'participation',
			operation: 'getAll',
			promotionId: byId(pid),
			returnAll: true,
		});
		expect(found).toHaveLength(simulator.participations(pid).length);
		expect(simulator.receivedAt('GET /participations/{pid}')[0].query).toMatchObject({
			format: 'full',
		});
		expect(found.every((contact) => contact.email !== null)).toBe(true);
		const won = found.filter((contact) => contact.prize?.won);
		expect(won).toHaveLength(
			simulator.prizes(pid).filter((prize) => prize.participation_id).length,
		);
	});

	test('Participation → Get and Get by User read the user apart, once per item', async () => {
		const participation = simulator.participations(pid)[3];
		const user = simulator.users(pid).find((candidate) => candidate.id === participation.user_id)!;
		simulator.resetCounts();
		const [one] = await contacts({
			resource: 'participation',
			operation: 'get',
			promotionId: byId(pid),
			participationId: String(participation.id),
		});
		expect(one).toEqual(
			participationToContact(participation, { id: String(pid), title: null }, user),
		);
		expect(simulator.count('GET /users/{pid}/{user_id}')).toBe(1);

		simulator.resetCounts();
		const mine = await contacts({
			resource: 'participation',
			operation: 'getByUser',
			promotionId: byId(pid),
			userId: String(user.id),
			returnAll: true,
		});
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((contact) => contact.email === user.email)).toBe(true);
		expect(simulator.count('GET /users/{pid}/{user_id}')).toBe(1);
	});

	test('Prize → Get by User and Coin Transaction → Get Many', async () => {
		const [prize] = simulator.prizes(pid);
		const prizes = await contacts({
			resource: 'prize',
			operation: 'getByUser',
			promotionId: byId(pid),
			userId: String(prize.user_id),
			returnAll: true,
		});
		expect(prizes.map((contact) => contact.prize)).toContainEqual({
			won: true,
			title: prize.prize_type.name,
			code: prize.code,
		});
		const allPrizes = await contacts({
			resource: 'prize',
			operation: 'getAll',
			promotionId: byId(pid),
			limit: 3,
		});
		expect(allPrizes.every((contact) => contact.prize?.won === true)).toBe(true);

		const coins = await contacts({
			resource: 'coinTransaction',
			operation: 'getAll',
			promotionId: byId(pid),
			order: 'created_asc',
			limit: 10,
		});
		expect(coins.map((contact) => contact.points)).toEqual(
			simulator
				.coinTransactions(pid)
				.slice(0, 10)
				.map((entry) => ({ balance: entry.balance, change: entry.amount })),
		);
		const byUser = await contacts({
			resource: 'coinTransaction',
			operation: 'getByUser',
			promotionId: byId(pid),
			userId: String(simulator.coinTransactions(pid)[0].user_id),
			returnAll: true,
		});
		expect(byUser.every((contact) => contact.points !== null)).toBe(true);
	});

	test('the polling trigger emits new prizes, users, participations and coins as contacts', async () => {
		const trigger = (event: string) =>
			packageNode(
				'Easypromos Trigger',
				'easypromosTrigger',
				{
					event,
					promotionId: picked(),
					output: 'contact',
				},
				{ credentials: credentialRef },
			);
		const emitted = (result: INodeExecutionData[][] | null) =>
			(result ? result[0].map((item) => item.json) : []) as unknown as Contact[];
		const events = ['newPrize', 'newUser', 'newParticipation', 'newCoinTransaction'];
		const states = Object.fromEntries(events.map((event) => [event, {} as IDataObject]));
		for (const event of events)
			expect(await environment.poll(trigger(event), states[event])).toBeNull();

		const newcomer = simulator.addUser(pid, { email: 'New.Comer@Example.com' });
		const prize = simulator.addPrize(pid, { userId: newcomer.id });
		const transaction = simulator.addCoinTransaction(pid, { userId: newcomer.id, amount: 25 });
		const product = { id: String(pid), title: 'Summer Spin & Win' };

		const prizes = emitted(await environment.poll(trigger('newPrize'), states.newPrize));
		expect(prizes).toEqual([prizeToContact({ ...prize, user: newcomer }, product)]);
		expect(prizes[0]).toMatchObject({
			email: 'new.comer@example.com',
			prize: { won: true, title: prize.prize_type.name, code: prize.code },
			source: { product, recordId: String(prize.id) },
		});
		expect(emitted(await environment.poll(trigger('newUser'), states.newUser))).toEqual([
			userToContact(newcomer, product),
		]);
		const [participation] = emitted(
			await environment.poll(trigger('newParticipation'), states.newParticipation),
		);
		expect(participation).toMatchObject({
			email: 'new.comer@example.com',
			prize: { won: true, code: prize.code },
			source: { recordId: String(prize.participation_id) },
		});
		expect(
			emitted(await environment.poll(trigger('newCoinTransaction'), states.newCoinTransaction)),
		).toEqual([
			expect.objectContaining({
				email: 'new.comer@example.com',
				points: { balance: transaction.balance, change: 25 },
			}),
		]);
		// Every emitted item is a contact, well-formed.
		[...prizes, participation].forEach(expectWellFormed);

		// Manual mode shows a contact as its sample.
		const [sample] = emitted(await environment.poll(trigger('newUser'), {}, 'manual'));
		expectWellFormed(sample);
	});

	test('the webhook trigger starts the workflow with the contact of the posted object', async () => {
		const node = packageNode(
			'Easypromos Webhook',
			'easypromosWebhookTrigger',
			{ events: ['user', 'participation', 'coinTransaction'], output: 'contact' },
			{ webhookId: 'c0ffee' },
		);
		const server = await environment.serveWebhook(node);
		try {
			const prize = simulator.addPrize(pid);
			const user = simulator.users(pid).find((candidate) => candidate.id === prize.user_id)!;
			const [transaction] = simulator.coinTransactions(pid);
			await simulator.sendWebhook(server.url, 'new_user', pid, user.id);
			await simulator.sendWebhook(server.url, 'new_participation', pid, prize.participation_id!);
			await simulator.sendWebhook(server.url, 'new_coin_transaction', pid, transaction.id);
			const [asUser, asParticipation, asCoins] = server.calls.map(
				(call) => call.result.workflowData![0][0].json as unknown as Contact,
			);
			[asUser, asParticipation, asCoins].forEach(expectWellFormed);
			expect(asUser).toEqual(userToContact(user));
			expect(asParticipation).toMatchObject({
				email: user.email,
				prize: { won: true, title: prize.prize_type.name, code: prize.code },
			});
			expect(asCoins.points).toEqual({ balance: transaction.balance, change: transaction.amount });
		} finally {
			await server.close();
		}
	});
});
