/**
 * SPREAD's persons as contacts (nodes/Spread/helpers/contact.ts): the document's own cagnotte objects,
 * every seeded customer, line, participation and sponsorship of the simulator, and Output = Contact in
 * real workflows.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	cagnotteLineToContact,
	customerToContact,
	participationToContact,
	sponsorshipToContact,
} from '../../nodes/Spread/helpers/contact';
import { shapeRecord } from '../../nodes/Spread/helpers/shape';
import { NUMBER_FIELDS } from '../../nodes/Spread/transport';
import { CONTACT_KEYS, type Contact } from '../../nodes/shared/contact/contact';
import { wallClockToIso } from '../../nodes/shared/time/wall-clock';
import { DOCUMENT_LINES, SpreadSimulator } from '../../sandbox/simulators/spread';
import { run, startSpread, triggerNode, type SpreadTestbed } from './setup';

const timeZone = 'Europe/Paris';
const paris = (date: string) => wallClockToIso(date, timeZone);

/** spread-cagnottes-api.txt, POST /cagnottes/ "Réponse", copied character for character. */
const DOCUMENT_POST_REPLY = String.raw`"customer": {
 "id": "123456",
 "cagnotteAmount": "15"
},
"cagnotte": {
 "cagnotteId": "987",
 "cagnotteLineId": "146964",
 "customerId": "123456",
 "campaignId": null,
 "cagnotteLineDate": "2019-08-29 13:36:52",
 "cagnotteLineValidationDate": "2019-08-29 13:36:52",
 "amount": "5",
 "code": ""
}`;

/** spread-cagnottes-api.txt, GET /cagnottes/ "Réponse", copied character for character. */
const DOCUMENT_LIST_REPLY = String.raw`"cagnottes": [
    {
         "cagnotteId": "118196",
         "cagnotteLineId": "535756",
         "customerId": "15130125",
         "campaignId": "46354",
         "cagnotteLineDate": "2019-07-10 08:30:04",
         "cagnotteLineValidationDate": "2019-07-10 08:30:04",
         "amount": "20",
         "code": ""
    },
    {
         "cagnotteId": "118196",
         "cagnotteLineId": "535759",
         "customerId": "15130125",
         "campaignId": null,
         "cagnotteLineDate": "2019-07-10 15:00:23",
         "cagnotteLineValidationDate": "2019-07-10 15:00:23",
         "amount": "-20",
         "code": "kodeKDO_1"
    },
    {
         "cagnotteId": "118196",
         "cagnotteLineId": "535760",
         "customerId": "15130125",
         "campaignId": null,
         "cagnotteLineDate": "2019-07-10 15:00:35",
         "cagnotteLineValidationDate": "2019-07-10 15:00:35",
         "amount": "-1",
         "code": "http:\/\/google.com"
    }
],
"count": 3,
"nextPageUrl": "http://social-sb.com/api/v2/cagnottes?startAt=3"`;

/** The document prints its replies without the outer braces. */
const parseDocument = (text: string) => JSON.parse(`{${text}}`) as IDataObject;

/** The keys that hold something: not null, '', {} or the default `anonymized: false`. */
function filledKeys(contact: Contact): string[] {
	return CONTACT_KEYS.filter((key) => {
		const value = contact[key] as unknown;
		if (value === null || value === '' || value === false) return false;
		return !(typeof value === 'object' && Object.keys(value as object).length === 0);
	});
}

/** Every key, in order; no '' anywhere; the email trimmed and lower-cased; dates with an offset. */
function expectWellFormed(contact: Contact): void {
	expect(Object.keys(contact)).toEqual([...CONTACT_KEYS]);
	const blanks: unknown[] = [];
	const walk = (value: unknown): void => {
		if (value === '' || value === undefined) blanks.push(value);
		if (value && typeof value === 'object') Object.values(value).forEach(walk);
	};
	walk(contact);
	expect(blanks).toEqual([]);
	if (contact.email !== null) expect(contact.email).toBe(contact.email.trim().toLowerCase());
	expect(contact.source.platform).toBe('spread');
	expect(contact.source.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
}

/** The same record as the node shapes it by default: numbers as numbers, ISO dates. */
const shaped = (record: object) =>
	shapeRecord(record as IDataObject, { timeZone, numberFields: NUMBER_FIELDS });

describe("the document's examples", () => {
	test('the three listed lines: the points moved, the customer ID, the campaign where there is one', () => {
		const lines = parseDocument(DOCUMENT_LIST_REPLY).cagnottes as IDataObject[];
		expect(lines).toEqual(DOCUMENT_LINES);
		const contacts = lines.map((line) => cagnotteLineToContact(line, { timeZone }));
		contacts.forEach(expectWellFormed);
		expect(contacts[0]).toEqual({
			email: null,
			phone: null,
			firstName: null,
			lastName: null,
			birthday: null,
			gender: null,
			address: null,
			zip: null,
			city: null,
			country: null,
			language: null,
			consents: {},
			prize: null,
			points: { balance: null, change: 20 },
			customFields: { customerId: '15130125' },
			source: {
				platform: 'spread',
				product: { id: '46354', title: null },
				recordId: '535756',
				createdAt: '2019-07-10T08:30:04+02:00',
			},
			anonymized: false,
		});
		expect(contacts.map((contact) => contact.points)).toEqual([
			{ balance: null, change: 20 },
			{ balance: null, change: -20 },
			{ balance: null, change: -1 },
		]);
		expect(contacts.map((contact) => contact.source.product)).toEqual([
			{ id: '46354', title: null },
			null,
			null,
		]);
		contacts.forEach((contact) =>
			expect(filledKeys(contact)).toEqual(['points', 'customFields', 'source']),
		);
	});

	test("the points reply: the balance after the line, and the email the example's call sends", () => {
		const reply = parseDocument(DOCUMENT_POST_REPLY);
		const contact = cagnotteLineToContact(reply.cagnotte as IDataObject, {
			timeZone,
			customer: reply.customer as IDataObject,
			email: 'email-example@gmail.com',
		});
		expectWellFormed(contact);
		expect(contact).toMatchObject({
			email: 'email-example@gmail.com',
			prize: null,
			points: { balance: 15, change: 5 },
			customFields: { customerId: '123456' },
			source: {
				platform: 'spread',
				product: null,
				recordId: '146964',
				createdAt: '2019-08-29T13:36:52+02:00',
			},
		});
		expect(filledKeys(contact)).toEqual(['email', 'points', 'customFields', 'source']);
		// Shaped by the node first (numbers, ISO dates), the contact is the same.
		expect(
			cagnotteLineToContact(shaped(reply.cagnotte as IDataObject), {
				timeZone,
				customer: shaped(reply.customer as IDataObject),
				email: 'email-example@gmail.com',
			}),
		).toEqual(contact);
	});
});

/** The countries the sandbox's customers are seeded with, and the codes a CRM must get for them. */
const COUNTRY_CODES: Record<string, string> = {
	France: 'FR',
	FR: 'FR',
	Belgique: 'BE',
	Suisse: 'CH',
};

describe("the simulator's seeded records", () => {
	const simulator = new SpreadSimulator();
	simulator.seedSandbox();
	const textOf = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

	test('every customer: each field from its own, the opt-in as stated, the balance as a number', () => {
		const optIns = { '1': { newsletter: true }, '0': { newsletter: false }, '-1': {} };
		for (const customer of simulator.customers) {
			const contact = customerToContact(customer as unknown as IDataObject, { timeZone });
			expectWellFormed(contact);
			expect(contact).toEqual({
				email: customer.email.toLowerCase(),
				phone: textOf(customer.phone) ?? textOf(customer.mobile),
				firstName: textOf(customer.firstName),
				lastName: textOf(customer.lastName),
				birthday: customer.birthday,
				gender: { F: 'female', M: 'male' }[customer.gender ?? ''] ?? null,
				address: textOf(customer.address),
				zip: textOf(customer.zip),
				city: textOf(customer.city),
				country: COUNTRY_CODES[customer.country ?? ''] ?? null,
				language: customer.lang,
				consents: optIns[customer.isOptin as keyof typeof optIns],
				prize: null,
				points: { balance: Number(customer.cagnotteAmount), change: null },
				customFields: customer.custom_fields,
				source: {
					platform: 'spread',
					product: null,
					recordId: customer.id,
					createdAt: paris(customer.createdAt),
				},
				anonymized: false,
			});
			// The same from the record the node shapes.
			expect(customerToContact(shaped(customer), { timeZone })).toEqual(contact);
		}
	});

	test('every cagnotte line, participation and sponsorship: the customer ID, the points, the win', () => {
		for (const line of simulator.lines) {
			const contact = cagnotteLineToContact(line as unknown as IDataObject, { timeZone });
			expectWellFormed(contact);
			expect(contact.points).toEqual({ balance: null, change: Number(line.amount) });
			expect(contact.customFields).toEqual({ customerId: line.customerId });
			expect(contact.source).toEqual({
				platform: 'spread',
				product: line.campaignId ? { id: line.campaignId, title: null } : null,
				recordId: line.cagnotteLineId,
				createdAt: paris(line.cagnotteLineDate),
			});
		}
		for (const participation of simulator.participations) {
			const contact = participationToContact(participation as unknown as IDataObject, {
				timeZone,
			});
			expectWellFormed(contact);
			expect(contact).toMatchObject({
				email: null,
				prize: { won: participation.isWinner === '1', title: null, code: null },
				points: null,
				customFields: { customerId: participation.customerId },
				source: {
					product: { id: participation.campaignId, title: null },
					recordId: participation.id,
					createdAt: paris(participation.createdAt),
				},
			});
		}
		for (const sponsorship of simulator.sponsorships) {
			const contact = sponsorshipToContact(sponsorship as unknown as IDataObject, { timeZone });
			expectWellFormed(contact);
			expect(contact.customFields).toEqual({
				customerId: sponsorship.godsonId,
				godfatherId: sponsorship.godfatherId,
			});
			expect(contact.source.recordId).toBe(sponsorship.id);
		}
	});

	test('filled keys: 14 of 17 for a customer who answered the opt-in; 3, 3 and 2 for the others', () => {
		const customer = simulator.customers.find((entry) => entry.isOptin === '1')!;
		expect(filledKeys(customerToContact(customer as unknown as IDataObject, { timeZone }))).toEqual(
			[
				'email',
				'phone',
				'firstName',
				'lastName',
				'birthday',
				'gender',
				'address',
				'zip',
				'city',
				'country',
				'language',
				'consents',
				'points',
				'source',
			],
		);
		const [line] = simulator.lines;
		expect(filledKeys(cagnotteLineToContact(line as unknown as IDataObject, { timeZone }))).toEqual(
			['points', 'customFields', 'source'],
		);
		const [participation] = simulator.participations;
		expect(
			filledKeys(participationToContact(participation as unknown as IDataObject, { timeZone })),
		).toEqual(['prize', 'customFields', 'source']);
		const [sponsorship] = simulator.sponsorships;
		expect(
			filledKeys(sponsorshipToContact(sponsorship as unknown as IDataObject, { timeZone })),
		).toEqual(['customFields', 'source']);
	});
});

describe('masked values', () => {
	test('a customer whose data the shop masked: no personal value, anonymised', () => {
		const contact = customerToContact(
			{
				id: '15130125',
				email: 'xxxxx@xxxxx.xx',
				firstName: 'xxxxx',
				lastName: 'xxxxx',
				phone: 'xx xx xx xx xx',
				country: 'France',
				city: 'Paris',
			},
			{ timeZone },
		);
		expect(contact).toMatchObject({
			email: null,
			phone: null,
			firstName: null,
			lastName: null,
			country: null,
			city: null,
			anonymized: true,
		});
		expect(contact.source.recordId).toBe('15130125');
	});
});

describe('readings the seeds do not show', () => {
	test('custom fields, a mixed-case email, "no date", and an empty PHP map', () => {
		const base = {
			id: '42',
			email: ' Camille.MARTIN@Example.FR ',
			createdAt: '0000-00-00 00:00:00',
		};
		const contact = customerToContact(
			{ ...base, custom_fields: { '12': 'Lyon', '13': '' }, gender: 'M', phone: '' },
			{ timeZone },
		);
		expect(contact).toMatchObject({
			email: 'camille.martin@example.fr',
			phone: null,
			gender: 'male',
			points: null,
			customFields: { '12': 'Lyon', '13': null },
			source: { recordId: '42', createdAt: null },
		});
		expect(customerToContact({ ...base, custom_fields: [] }, { timeZone }).customFields).toEqual(
			{},
		);
	});
});

describe('Output = Contact in workflows, against the simulator', () => {
	let bed: SpreadTestbed;
	beforeEach(async () => {
		bed = await startSpread();
	});
	afterEach(async () => await bed.simulator.close());

	test('Customer → Get Many and Cagnotte → Add Points give contacts only', async () => {
		const customers = await run(bed.environment, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			output: 'contact',
			// Output Options shape the raw records only.
			outputOptions: { keepDateStrings: true, keepNumberStrings: true },
		});
		expect(customers.error).toBeUndefined();
		expect(customers.json).toEqual(
			bed.simulator.customers
				.slice(0, 2)
				.map((customer) => customerToContact(customer as unknown as IDataObject, { timeZone })),
		);
		customers.json.forEach((json) => expect(Object.keys(json)).toEqual([...CONTACT_KEYS]));

		const customer = bed.sandbox.customers[3];
		const balance = Number(customer.cagnotteAmount);
		const points = await run(bed.environment, {
			resource: 'cagnotte',
			operation: 'addPoints',
			identifyBy: 'email',
			email: customer.email.toUpperCase(),
			amount: 10,
			output: 'contact',
		});
		expect(points.error).toBeUndefined();
		const line = bed.simulator.lines.at(-1)!;
		expect(points.json).toEqual([
			{
				email: customer.email,
				phone: null,
				firstName: null,
				lastName: null,
				birthday: null,
				gender: null,
				address: null,
				zip: null,
				city: null,
				country: null,
				language: null,
				consents: {},
				prize: null,
				points: { balance: balance + 10, change: 10 },
				customFields: { customerId: customer.id },
				source: {
					platform: 'spread',
					product: null,
					recordId: line.cagnotteLineId,
					createdAt: paris(line.cagnotteLineDate),
				},
				anonymized: false,
			},
		]);
		expect(points.output[0].pairedItem).toEqual({ item: 0 });
	});

	test('the SPREAD Trigger emits new participations as contacts', async () => {
		const node = triggerNode({ event: 'newParticipation', output: 'contact' });
		const staticData: IDataObject = {};
		expect(await bed.environment.poll(node, staticData)).toBeNull();
		const customer = bed.sandbox.customers[5];
		const added = bed.simulator.addParticipation({ customerId: customer.id, isWinner: '1' });
		const result = (await bed.environment.poll(node, staticData)) as INodeExecutionData[][];
		expect(result[0].map((item) => item.json)).toEqual([
			participationToContact(added as unknown as IDataObject, { timeZone }),
		]);
		expect(result[0][0].json).toMatchObject({
			prize: { won: true },
			customFields: { customerId: customer.id },
			source: { platform: 'spread', recordId: added.id },
		});
	});
});
