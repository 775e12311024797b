/**
 * The rules every platform's contact keeps, whatever its mapping: an anonymised person has no personal
 * value, and a masked value is never handed on as data.
 */
import { contactOf, isMask, type ContactSource } from '../../nodes/shared/contact/contact';

const source: ContactSource = {
	platform: 'kimple',
	product: null,
	recordId: 'QKr1mkPcJb',
	createdAt: null,
};

const person = {
	email: 'Camille.Martin@example.fr',
	phone: '+33 6 12 34 56 78',
	firstName: 'Camille',
	lastName: 'Martin',
	birthday: '1990-05-04',
	gender: 'female' as const,
	address: '12 rue de la Paix',
	zip: '75002',
	city: 'Paris',
	country: 'FR',
	language: 'fr',
};

const emptyPerson = {
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
};

describe('masks', () => {
	test.each([
		'*****',
		'*****@*****',
		'**',
		'xxx',
		'XXXXX',
		'xxx.xxx@xxx.xx',
		'+33 6 xx xx xx xx',
		'06 ** ** ** **',
		'j***@mail.com',
		'750xx',
	])('%s is a mask', (value) => {
		expect(isMask(value)).toBe(true);
	});

	test.each([
		'Camille',
		'Xavier',
		'x',
		'XXL',
		'xx@example.com',
		'+33 6 12 34 56 78',
		'0612345678 x12',
		'75002',
		'12 rue de la Paix',
		'a*b@example.com',
		'',
	])('%s is not', (value) => {
		expect(isMask(value)).toBe(false);
	});
});

describe('contactOf', () => {
	test('a person not anonymised keeps their values', () => {
		expect(contactOf({ ...person, source })).toMatchObject({
			...person,
			email: 'camille.martin@example.fr',
			anonymized: false,
		});
	});

	test('a person the platform says is anonymised: every personal value and custom field is null or gone', () => {
		expect(
			contactOf({
				...person,
				consents: { newsletter: true },
				prize: { won: true, title: 'Voucher', code: 'AB12' },
				points: { balance: 10, change: null },
				customFields: { loyalty_card: '1234' },
				source,
				anonymized: true,
			}),
		).toEqual({
			...emptyPerson,
			consents: { newsletter: true },
			prize: { won: true, title: 'Voucher', code: 'AB12' },
			points: { balance: 10, change: null },
			customFields: {},
			source,
			anonymized: true,
		});
	});

	test.each([
		['email', '*****@*****'],
		['phone', '*****'],
		['firstName', 'xxxx'],
		['lastName', '*****'],
		['address', '*****'],
		['zip', 'xxxxx'],
		['city', '*****'],
	])('a masked %s alone makes the person anonymised, with no personal value', (key, mask) => {
		expect(contactOf({ ...person, [key]: mask, source })).toMatchObject({
			...emptyPerson,
			anonymized: true,
		});
	});

	test('a masked custom field makes the person anonymised too', () => {
		expect(contactOf({ ...person, customFields: { nickname: '*****' }, source })).toMatchObject({
			...emptyPerson,
			customFields: {},
			anonymized: true,
		});
	});
});
