/**
 * Leevia records in the one contact shape: the pure mapping over the document's own examples and the
 * simulator's seeded participants, then Output = Contact on Participant → Get Many and → Register.
 */
import type { IDataObject } from 'n8n-workflow';

import * as mapping from '../../nodes/Leevia/helpers/contact';
import { CONTACT_KEYS, type Contact } from '../../nodes/shared/contact/contact';
import type { TestEnvironment } from '../harness';
import type { LeeviaParticipant, LeeviaSimulator } from '../../sandbox/simulators/leevia';
import { leeviaWorkflow, startLeevia } from './setup';

// The simulator's records are typed objects; the mapping takes any n8n JSON object.
const participantToContact = (
	participant: object,
	productId: string | number | null,
	options?: { winner?: boolean },
) => mapping.participantToContact(participant as IDataObject, productId, options);
const registrationToContact = (reply: object, sent?: object, campaignId?: string) =>
	mapping.registrationToContact(reply as IDataObject, sent as IDataObject | undefined, campaignId);

/** leevia-api-v1.txt, Export Participants → "Example of a response", its two participants verbatim. */
const DOC_EXPORT = [
	{
		id: 64,
		created_at: '2020-07-06T09:54:55.719+02:00',
		email: 'foo.bar@leevia.com',
		first_name: 'foo',
		last_name: 'bar',
		language: 'it',
		date_of_birth: '1992-03-04',
		phone: '3446259873',
		city: 'Abbadia San Salvatore',
		occupation: 'Ingegnere',
		rules: 'true',
		newsletter: 'false',
		pseudoanonymized: 'false',
	},
	{
		id: 95,
		created_at: '2020-08-06T11:54:55.719+02:00',
		email: 'mario.rossi@leevia.com',
		first_name: 'Mario',
		last_name: 'Rossi',
		language: 'it',
		date_of_birth: '1973-05-13',
		phone: '3456479273',
		city: null,
		occupation: null,
		rules: 'true',
		newsletter: 'false',
		pseudoanonymized: 'false',
	},
];

/** leevia-api-v1.txt, Register Participant → "Example of a successful response", verbatim. */
const DOC_REGISTER_REPLY = {
	id: 11,
	email: 'john.doe@leevia.com',
	created_at: '2018-10-02T12:25:50.380+02:00',
	campaign_id: 80,
	is_winner: false,
	coupon_code: null,
	prize_id: 1,
	prize_title: 'iPhone',
	prize_image_url: 'https://picsum.photos/600/600',
};

/** leevia-api-v1.txt, Pre-configured fields → the example request body, verbatim. */
const DOC_PRECONFIGURED_BODY = {
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@leevia.com',
	acceptances: {
		rules: true,
		newsletter: false,
	},
	custom_data: {
		gender: 'M',
		date_of_birth: '1971-05-18',
		phone: 123456789,
		city: 'Milano',
		province: 'MI',
		zip_code: '20156',
		occupation: 'Student',
	},
};

/** leevia-api-v1.txt, Custom fields → the example request body, verbatim. */
const DOC_CUSTOM_FIELDS_BODY = {
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@leevia.com',
	acceptances: {
		rules: true,
		newsletter: false,
	},
	custom_data: {
		custom_text: 'Lorem ipsum dolor sit amet',
		custom_text_area: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit ...',
		custom_numeric: 123,
		custom_generic_date: '2018-10-01',
		custom_date_of_birth: '1971-05-18',
		custom_time: '20:15',
		custom_dropdown: 'answer',
		custom_multiple_choice: 'choice1',
		custom_search: 'searching',
	},
	custom_file_field: 'the_file',
};

/** leevia-api-v1.txt, Privacy Acceptances → the example request body, verbatim. */
const DOC_ACCEPTANCES_BODY = {
	first_name: 'John',
	last_name: 'Doe',
	email: 'john.doe@leevia.com',
	acceptances: {
		rules: true,
		newsletter: false,
		a_custom_acceptance: true,
	},
	custom_data: {
		gender: 'M',
	},
};

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
	expect(contact.source.platform).toBe('leevia');
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

describe("the document's examples", () => {
	test('an exported participant: its fields, its string consents, the rest as custom fields', () => {
		const [foo, mario] = DOC_EXPORT.map((participant) => participantToContact(participant, 123));
		expectWellFormed(foo);
		expect(foo).toEqual({
			email: 'foo.bar@leevia.com',
			phone: '3446259873',
			firstName: 'foo',
			lastName: 'bar',
			birthday: '1992-03-04',
			gender: null,
			address: null,
			zip: null,
			city: 'Abbadia San Salvatore',
			country: null,
			language: 'it',
			consents: { rules: true, newsletter: false },
			prize: null,
			points: null,
			customFields: { occupation: 'Ingegnere' },
			source: {
				platform: 'leevia',
				product: { id: '123', title: null },
				recordId: '64',
				createdAt: '2020-07-06T09:54:55.719+02:00',
			},
			anonymized: false,
		});
		expect(filledKeys(foo)).toEqual([
			'email',
			'phone',
			'firstName',
			'lastName',
			'birthday',
			'city',
			'language',
			'consents',
			'customFields',
			'source',
			'anonymized',
		]);
		expectWellFormed(mario);
		expect(mario).toMatchObject({ city: null, customFields: { occupation: null } });
		expect(filledKeys(mario)).toHaveLength(10);
	});

	test('a winner export says the prize was won, without a title or code the record does not give', () => {
		const contact = participantToContact(DOC_EXPORT[1], 80, { winner: true });
		expect(contact.prize).toEqual({ won: true, title: null, code: null });
	});

	test('the register reply: won is is_winner alone, though a prize is associated', () => {
		const contact = registrationToContact(DOC_REGISTER_REPLY);
		expectWellFormed(contact);
		expect(contact).toEqual({
			email: 'john.doe@leevia.com',
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
			prize: { won: false, title: 'iPhone', code: null },
			points: null,
			customFields: {},
			source: {
				platform: 'leevia',
				product: { id: '80', title: null },
				recordId: '11',
				createdAt: '2018-10-02T12:25:50.380+02:00',
			},
			anonymized: false,
		});
		expect(filledKeys(contact)).toEqual(['email', 'prize', 'source', 'anonymized']);
		// "true" / "false" as the Prize Data table writes them.
		expect(
			registrationToContact({ ...DOC_REGISTER_REPLY, is_winner: 'true', coupon_code: 'ABC-1' })
				.prize,
		).toEqual({ won: true, title: 'iPhone', code: 'ABC-1' });
		// A reply that names no contest takes the one registered in.
		const { campaign_id: _campaign, ...unnamed } = DOC_REGISTER_REPLY;
		expect(registrationToContact(unnamed, {}, '80').source.product).toEqual({
			id: '80',
			title: null,
		});
	});

	test('the register reply with what was sent: pre-configured fields to their keys, the rest custom', () => {
		const contact = registrationToContact(DOC_REGISTER_REPLY, DOC_PRECONFIGURED_BODY);
		expectWellFormed(contact);
		expect(contact).toEqual({
			email: 'john.doe@leevia.com',
			// The document types the pre-configured phone as a number; a contact's phone is text.
			phone: '123456789',
			firstName: 'John',
			lastName: 'Doe',
			birthday: '1971-05-18',
			gender: 'male',
			address: null,
			zip: '20156',
			city: 'Milano',
			country: null,
			language: null,
			consents: { rules: true, newsletter: false },
			prize: { won: false, title: 'iPhone', code: null },
			points: null,
			customFields: { province: 'MI', occupation: 'Student' },
			source: {
				platform: 'leevia',
				product: { id: '80', title: null },
				recordId: '11',
				createdAt: '2018-10-02T12:25:50.380+02:00',
			},
			anonymized: false,
		});
		expect(filledKeys(contact)).toHaveLength(13);
	});

	test('custom fields by identifier and custom acceptances as consents', () => {
		const custom = registrationToContact(DOC_REGISTER_REPLY, DOC_CUSTOM_FIELDS_BODY);
		expectWellFormed(custom);
		expect(custom.customFields).toEqual({
			...DOC_CUSTOM_FIELDS_BODY.custom_data,
			custom_file_field: 'the_file',
		});
		// A custom date of birth is the contest's own field: the birthday stays unsaid.
		expect(custom.birthday).toBeNull();
		const accepted = registrationToContact(DOC_REGISTER_REPLY, DOC_ACCEPTANCES_BODY);
		expect(accepted.consents).toEqual({
			rules: true,
			newsletter: false,
			a_custom_acceptance: true,
		});
		expect(accepted.gender).toBe('male');
	});
});

describe("the simulator's seeded participants", () => {
	let simulator: LeeviaSimulator;

	beforeAll(async () => {
		({ simulator } = await startLeevia());
	});
	afterAll(async () => await simulator.close());

	const participants = () => simulator.product('campaigns', '90')!.participants;
	/** As the export shows them: without the simulator's internal fields. */
	const exported = (participant: LeeviaParticipant): IDataObject => {
		const { is_winner: _winner, wins: _wins, ...rest } = participant;
		return rest as IDataObject;
	};

	test('every participant maps to a well-formed contact with exactly its own values', () => {
		for (const participant of participants()) {
			const contact = participantToContact(exported(participant), '90');
			expectWellFormed(contact);
			expect(contact).toEqual({
				email: participant.email,
				phone: null,
				firstName: participant.first_name,
				lastName: participant.last_name,
				birthday: null,
				gender: null,
				address: null,
				zip: null,
				city: null,
				country: null,
				language: 'it',
				consents: { rules: true, newsletter: participant.newsletter === 'true' },
				prize: null,
				points: null,
				customFields: {},
				source: {
					platform: 'leevia',
					product: { id: '90', title: null },
					recordId: String(participant.id),
					createdAt: participant.created_at,
				},
				anonymized: false,
			});
		}
		expect(filledKeys(participantToContact(exported(participants()[0]), '90'))).toEqual([
			'email',
			'firstName',
			'lastName',
			'language',
			'consents',
			'source',
			'anonymized',
		]);
	});

	test('an anonymised participant: the flag, and none of the masked values', () => {
		// [doc] The masked data's form is not documented; masked here as the trigger's tests do.
		const masked = {
			...exported(participants()[4]),
			email: '***',
			first_name: '***',
			last_name: '***',
			phone: '***',
			city: '***',
			custom_answer: '***',
			pseudoanonymized: 'true',
		};
		const contact = participantToContact(masked, '90', { winner: true });
		expectWellFormed(contact);
		expect(contact).toEqual({
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
			consents: { rules: true, newsletter: false },
			prize: { won: true, title: null, code: null },
			points: null,
			customFields: {},
			source: {
				platform: 'leevia',
				product: { id: '90', title: null },
				recordId: String(participants()[4].id),
				createdAt: participants()[4].created_at,
			},
			anonymized: true,
		});
	});

	test('an email in capitals with spaces is trimmed and lower-cased; empty values are null', () => {
		const contact = participantToContact(
			{ ...exported(participants()[0]), email: ' Foo.BAR@Leevia.com ', first_name: '', city: '  ' },
			'90',
		);
		expectWellFormed(contact);
		expect(contact).toMatchObject({ email: 'foo.bar@leevia.com', firstName: null, city: null });
	});
});

describe('Output = Contact in workflows', () => {
	let simulator: LeeviaSimulator;
	let environment: TestEnvironment;

	beforeEach(async () => {
		({ simulator, environment } = await startLeevia());
	});
	afterEach(async () => await simulator.close());

	async function contacts(parameters: IDataObject): Promise<Contact[]> {
		const result = await environment.runWorkflow(
			leeviaWorkflow([{}], { resource: 'participant', output: 'contact', ...parameters }),
		);
		expect(result.error).toBeUndefined();
		for (const item of result.output.Leevia) expect(item.pairedItem).toEqual({ item: 0 });
		const found = result.output.Leevia.map((item) => item.json) as unknown as Contact[];
		found.forEach(expectWellFormed);
		return found;
	}

	test('Participant → Get Many (winners): each item is the contact, prize won', async () => {
		const winners = await contacts({
			operation: 'getAll',
			productId: '90',
			type: 'winner',
			returnAll: true,
		});
		const expected = simulator.product('campaigns', '90')!.participants.filter((p) => p.is_winner);
		expect(winners.map((contact) => contact.source.recordId)).toEqual(
			expected.map((participant) => String(participant.id)),
		);
		expect(winners.every((contact) => contact.prize?.won === true)).toBe(true);
		expect(winners[0].email).toBe(expected[0].email);

		const all = await contacts({ operation: 'getAll', productId: '90', limit: 5 });
		expect(all.map((contact) => contact.prize)).toEqual([null, null, null, null, null]);
	});

	test('Participant → Register: the reply and what was sent; won only when is_winner says so', async () => {
		const register = (email: string) =>
			contacts({
				operation: 'register',
				email,
				firstName: 'Alice',
				lastName: 'Wonderland',
				acceptRules: true,
				acceptNewsletter: true,
				profileFields: { city: 'Milano', zip_code: '20152', gender: 'F', occupation: 'Pilot' },
				customFields: { field: [{ name: 'pet', value: 'bunny' }] },
			});
		const [first] = await register('Alice.Wonderland@Leevia.com');
		const stored = simulator.product('campaigns', '80')!.participants[0];
		expect(first).toEqual({
			email: 'alice.wonderland@leevia.com',
			phone: null,
			firstName: 'Alice',
			lastName: 'Wonderland',
			birthday: null,
			gender: 'female',
			address: null,
			zip: '20152',
			city: 'Milano',
			country: null,
			language: null,
			consents: { rules: true, newsletter: true },
			prize: { won: false, title: 'iPhone', code: null },
			points: null,
			customFields: { occupation: 'Pilot', pet: 'bunny' },
			source: {
				platform: 'leevia',
				product: { id: '80', title: null },
				recordId: String(stored.id),
				createdAt: stored.created_at,
			},
			anonymized: false,
		});
		// The contest makes every second registration a winner, with a coupon.
		const [second] = await register('bob@leevia.com');
		expect(second.prize).toEqual({
			won: true,
			title: 'iPhone',
			code: `WIN-${second.source.recordId}`,
		});

		// Raw stays the default and stays the reply.
		const raw = await environment.runWorkflow(
			leeviaWorkflow([{}], {
				resource: 'participant',
				operation: 'register',
				email: 'carol@leevia.com',
				acceptRules: true,
			}),
		);
		expect(raw.output.Leevia[0].json).toMatchObject({
			email: 'carol@leevia.com',
			campaign_id: 80,
			prize_title: 'iPhone',
		});
	});
});
