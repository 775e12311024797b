/** Pure pieces: dates in a time zone, shaping, the poll state, error words. */
import {
	secondBefore,
	spreadDateToIso,
	spreadDateToWallClock,
	userDateToSpread,
	epochMsToSpreadDate,
} from '../../nodes/Spread/helpers/dates';
import { shapeRecord } from '../../nodes/Spread/helpers/shape';
import { namedParameter, speaksOfBalance, spreadWords } from '../../nodes/Spread/transport/errors';
import { NUMBER_FIELDS, customerMatches, nextStartAt, v1Form } from '../../nodes/Spread/transport';
import {
	UnreadableRecordDate,
	baselineState,
	newRecords,
	readPollState,
} from '../../nodes/Spread/trigger/poll';

describe('dates', () => {
	test('SPREAD dates become ISO-8601 with the offset of their day, DST included', () => {
		expect(spreadDateToIso('2019-08-29 13:36:52', 'Europe/Paris')).toBe(
			'2019-08-29T13:36:52+02:00',
		);
		expect(spreadDateToIso('2019-01-29 13:36:52', 'Europe/Paris')).toBe(
			'2019-01-29T13:36:52+01:00',
		);
		expect(spreadDateToIso('2024-03-10 12:00:00', 'America/New_York')).toBe(
			'2024-03-10T12:00:00-04:00',
		);
		expect(spreadDateToIso('2024-06-01 08:00:00', 'Asia/Kolkata')).toBe(
			'2024-06-01T08:00:00+05:30',
		);
		// The repeated hour in autumn: the first of the two.
		expect(spreadDateToIso('2024-10-27 02:30:00', 'Europe/Paris')).toBe(
			'2024-10-27T02:30:00+02:00',
		);
		expect(spreadDateToIso('0000-00-00 00:00:00', 'Europe/Paris')).toBe('0000-00-00 00:00:00');
		expect(spreadDateToIso('1990-05-04', 'Europe/Paris')).toBe('1990-05-04');
	});

	test('ISO-8601 dates with an offset or Z become the same instant with the offset of the zone', () => {
		expect(spreadDateToIso('2024-03-01T13:05:00Z', 'Europe/Paris')).toBe(
			'2024-03-01T14:05:00+01:00',
		);
		expect(spreadDateToIso('2024-03-01T14:05:00+01:00', 'Europe/Paris')).toBe(
			'2024-03-01T14:05:00+01:00',
		);
		expect(spreadDateToIso('2024-07-01T08:15:00.250-0400', 'Europe/Paris')).toBe(
			'2024-07-01T14:15:00.250+02:00',
		);
		// Both passes of the hour repeated in autumn keep their own offset.
		expect(spreadDateToIso('2024-10-27T00:30:00Z', 'Europe/Paris')).toBe(
			'2024-10-27T02:30:00+02:00',
		);
		expect(spreadDateToIso('2024-10-27T01:30:00Z', 'Europe/Paris')).toBe(
			'2024-10-27T02:30:00+01:00',
		);
		// Without an offset an ISO date names no instant: left as it is.
		expect(spreadDateToIso('2024-03-01T14:05:00', 'Europe/Paris')).toBe('2024-03-01T14:05:00');
		expect(spreadDateToIso('2024-02-30T10:00:00Z', 'Europe/Paris')).toBe('2024-02-30T10:00:00Z');
	});

	test("records' dates as the account's wall clock, where the trigger compares them", () => {
		expect(spreadDateToWallClock('2024-03-01 14:05:00', 'Europe/Paris')).toBe(
			'2024-03-01 14:05:00',
		);
		expect(spreadDateToWallClock('2024-03-01T13:05:00Z', 'Europe/Paris')).toBe(
			'2024-03-01 14:05:00',
		);
		expect(spreadDateToWallClock('2024-03-01T08:05:00-05:00', 'Europe/Paris')).toBe(
			'2024-03-01 14:05:00',
		);
		expect(spreadDateToWallClock('2024-07-01T08:15:00.999+0000', 'Europe/Paris')).toBe(
			'2024-07-01 10:15:00',
		);
		for (const unreadable of [
			'2024-03-01T14:05:00',
			'01/03/2024 14:05:00',
			'2024-02-30 10:00:00',
			'2024-03-01 24:00:00',
			'0000-00-00 00:00:00',
			'',
			null,
			1709301900,
		])
			expect(spreadDateToWallClock(unreadable, 'Europe/Paris')).toBeUndefined();
	});

	test("the user's dates: with an offset converted, without one read in the zone", () => {
		expect(userDateToSpread('2024-07-01T08:15:00Z', 'Europe/Paris')).toBe('2024-07-01 10:15:00');
		expect(userDateToSpread('2024-07-01T08:15:00+0000', 'Europe/Paris')).toBe(
			'2024-07-01 10:15:00',
		);
		expect(userDateToSpread('2024-07-01T08:15:00.000-04:00', 'Europe/Paris')).toBe(
			'2024-07-01 14:15:00',
		);
		expect(userDateToSpread('2024-07-01T08:15:00', 'Europe/Paris')).toBe('2024-07-01 08:15:00');
		expect(userDateToSpread('2024-07-01', 'Europe/Paris')).toBe('2024-07-01 00:00:00');
		expect(userDateToSpread('2024-02-30', 'Europe/Paris')).toBeUndefined();
		expect(userDateToSpread('tomorrow', 'Europe/Paris')).toBeUndefined();
		expect(epochMsToSpreadDate(Date.UTC(2024, 0, 1, 0, 0, 0), 'Europe/Paris')).toBe(
			'2024-01-01 01:00:00',
		);
		expect(secondBefore('2024-01-01 00:00:00')).toBe('2023-12-31 23:59:59');
	});
});

test("shaping: a customer's dates, SPREAD's wall clock or ISO-8601, come out with the zone's offset", () => {
	const customer = {
		id: '15200001',
		createdAt: '2024-01-15T09:00:00Z',
		updatedAt: '2024-07-15T10:00:01+02:00',
		birthday: '1990-05-04',
		city: 'Paris',
	};
	const options = { timeZone: 'Europe/Paris', numberFields: NUMBER_FIELDS };
	expect(shapeRecord(customer, options)).toEqual({
		id: '15200001',
		createdAt: '2024-01-15T10:00:00+01:00',
		updatedAt: '2024-07-15T10:00:01+02:00',
		birthday: '1990-05-04',
		city: 'Paris',
	});
	expect(shapeRecord(customer, { ...options, keepDateStrings: true })).toEqual(customer);
	expect(shapeRecord({ createdAt: '2024-01-15 10:00:00' }, options)).toEqual({
		createdAt: '2024-01-15T10:00:00+01:00',
	});
});

test('shaping: numbers of the known fields only, ids and zip codes stay strings', () => {
	const shaped = shapeRecord(
		{
			id: '12',
			zip: '75002',
			amount: '-2.5',
			cagnotteAmount: '15',
			actionCount: '',
			nested: { amount: '3' },
		},
		{ timeZone: 'Europe/Paris', numberFields: NUMBER_FIELDS },
	);
	expect(shaped).toEqual({
		id: '12',
		zip: '75002',
		amount: -2.5,
		cagnotteAmount: 15,
		actionCount: '',
		nested: { amount: 3 },
	});
});

test('transport pieces: startAt from nextPageUrl, v1 forms', () => {
	expect(nextStartAt({ nextPageUrl: 'http://social-sb.com/api/v2/cagnottes?startAt=3' })).toBe(3);
	expect(nextStartAt({ nextPageUrl: null })).toBeUndefined();
	expect(
		decodeURIComponent(
			v1Form({ customer_email: 'a@b.fr', add_tag: ['x', 'y'], custom_fields: { '3': 'z' } }),
		),
	).toBe(
		'data[customer_email]=a@b.fr&data[add_tag][]=x&data[add_tag][]=y&data[custom_fields][3]=z',
	);
	expect(decodeURIComponent(v1Form({ customer_email: 'new@b.fr' }, { external_id: 'CRM-1' }))).toBe(
		'request[external_id]=CRM-1&data[customer_email]=new@b.fr',
	);
});

test('a customer lookup: emails without case, external IDs exactly', () => {
	const record = { email: 'Lea.Martin@Example.fr', externalId: 'CRM-00042' };
	expect(customerMatches(record, { email: 'lea.martin@example.fr' })).toBe(true);
	expect(customerMatches(record, { email: 'lea.martin@example.com' })).toBe(false);
	expect(customerMatches(record, { externalId: 'CRM-00042' })).toBe(true);
	expect(customerMatches(record, { externalId: 'crm-00042' })).toBe(false);
	expect(customerMatches({ email: null, externalId: null }, { externalId: 'null' })).toBe(false);
	expect(customerMatches({ externalId: 42 }, { externalId: '42' })).toBe(true);
});

test('error words', () => {
	expect(spreadWords({ error: { message: 'Bad' } })).toBe('Bad');
	expect(spreadWords({ errors: ['One', { message: 'Two' }] })).toBe('One; Two');
	expect(spreadWords('plain text')).toBe('plain text');
	expect(namedParameter({ parameter: 'cagnotteId' }, undefined)).toBe('cagnotteId');
	expect(namedParameter({}, 'Parameter maxResult is too big')).toBe('maxResult');
	expect(namedParameter({}, 'order_amount must be a number')).toBe('order_amount');
	expect(namedParameter({}, 'Something broke')).toBeUndefined();
	expect(speaksOfBalance('Insufficient cagnotte amount')).toBe(true);
	expect(speaksOfBalance('Solde insuffisant')).toBe(true);
});

describe('poll state', () => {
	const keys = { date: 'createdAt', id: 'id', record: 'customer' };
	const record = (id: string, createdAt: string) => ({ id, createdAt });
	const zone = 'Europe/Paris';

	test('the baseline keeps the newest second and its ids; an empty day keeps the window start', () => {
		expect(
			baselineState(
				'e',
				'2024-01-01 00:00:00',
				[
					record('1', '2024-01-01 10:00:00'),
					record('2', '2024-01-01 10:00:00'),
					record('0', '2024-01-01 09:00:00'),
				],
				keys,
				zone,
			),
		).toEqual({
			watching: 'e',
			lastSecond: '2024-01-01 10:00:00',
			lastSecondIds: { ranges: [[1, 2]] },
		});
		expect(baselineState('e', '2024-01-01 00:00:00', [], keys, zone)).toEqual({
			watching: 'e',
			lastSecond: '2024-01-01 00:00:00',
			lastSecondIds: {},
		});
	});

	test('new records: after the last second, or in it and unseen; oldest first', () => {
		const state = {
			watching: 'e',
			lastSecond: '2024-01-01 10:00:00',
			lastSecondIds: { ranges: [5] },
		};
		const { items, state: next } = newRecords(
			state,
			[
				record('9', '2024-01-01 10:00:02'),
				record('5', '2024-01-01 10:00:00'),
				record('6', '2024-01-01 10:00:00'),
				record('4', '2024-01-01 09:59:59'),
				{ createdAt: '2024-01-01 10:00:03' },
				record('8', '2024-01-01 10:00:02'),
			],
			keys,
			zone,
		);
		expect(items.map((item) => item.id)).toEqual(['6', '8', '9']);
		expect(next).toEqual({
			watching: 'e',
			lastSecond: '2024-01-01 10:00:02',
			lastSecondIds: { ranges: [[8, 9]] },
		});
	});

	test('ISO-8601 dates with an offset are placed by their instant, beside wall-clock ones', () => {
		const state = {
			watching: 'e',
			lastSecond: '2024-01-01 10:00:00',
			lastSecondIds: { ranges: [5] },
		};
		const { items, state: next } = newRecords(
			state,
			[
				record('9', '2024-01-01T09:00:02Z'),
				record('5', '2024-01-01T10:00:00+01:00'),
				record('6', '2024-01-01T09:00:00.500Z'),
				record('4', '2024-01-01T08:59:59Z'),
				record('7', '2024-01-01T04:00:01-05:00'),
				record('8', '2024-01-01 10:00:02'),
			],
			keys,
			zone,
		);
		expect(items.map((item) => item.id)).toEqual(['6', '7', '8', '9']);
		// Items as SPREAD sent them (the output shapes them); the state in the account's wall clock.
		expect(items[0]).toEqual({ id: '6', createdAt: '2024-01-01T09:00:00.500Z' });
		expect(next).toEqual({
			watching: 'e',
			lastSecond: '2024-01-01 10:00:02',
			lastSecondIds: { ranges: [[8, 9]] },
		});
		expect(
			baselineState(
				'e',
				'2023-12-31 10:00:00',
				[record('3', '2024-01-01T12:00:00+02:00')],
				keys,
				zone,
			),
		).toEqual({ watching: 'e', lastSecond: '2024-01-01 11:00:00', lastSecondIds: { ranges: [3] } });
	});

	test('a date the trigger cannot read fails the poll and names the record; nothing is emitted', () => {
		const state = { watching: 'e', lastSecond: '2024-01-01 10:00:00', lastSecondIds: {} };
		const records = [record('8', '2024-01-01 10:00:02'), record('7', '01/01/2024 10:00:01')];
		const words =
			'SPREAD\'s customer 7 has createdAt "01/01/2024 10:00:01", a date the trigger cannot read ' +
			"(it reads YYYY-MM-DD HH:MM:SS in the credential's time zone, or ISO-8601 with an offset). " +
			"Nothing was emitted and the trigger's place is kept, so no record is lost; polls fail " +
			'while SPREAD lists this record: report the value to the maintainers of n8n-nodes-spread';
		expect(() => newRecords(state, records, keys, zone)).toThrow(new UnreadableRecordDate(words));
		expect(() => baselineState('e', '2024-01-01 00:00:00', records, keys, zone)).toThrow(words);
		// No date at all, where a date is every record's: the same.
		expect(() => newRecords(state, [{ id: '3', createdAt: null }], keys, zone)).toThrow(
			"SPREAD's customer 3 has no createdAt, a date the trigger cannot read",
		);
	});

	test('a cagnotte line without a validation date waits for it; one with a date in another format fails', () => {
		const validated = {
			date: 'cagnotteLineValidationDate',
			id: 'cagnotteLineId',
			waitsWithoutDate: true,
			record: 'cagnotte line',
		};
		const state = { watching: 'v', lastSecond: '2024-01-01 10:00:00', lastSecondIds: {} };
		const line = (id: string, date: string | null) => ({
			cagnotteLineId: id,
			cagnotteLineValidationDate: date,
		});
		const { items } = newRecords(
			state,
			[
				line('1', null),
				line('2', ''),
				line('3', '0000-00-00 00:00:00'),
				line('4', '2024-01-01 10:00:05'),
			],
			validated,
			zone,
		);
		expect(items).toEqual([line('4', '2024-01-01 10:00:05')]);
		expect(() => newRecords(state, [line('5', 'hier')], validated, zone)).toThrow(
			'SPREAD\'s cagnotte line 5 has cagnotteLineValidationDate "hier", a date the trigger cannot read',
		);
	});

	test('an unreadable or other state needs a new baseline', () => {
		expect(
			readPollState({ watching: 'e', lastSecond: 'yesterday', lastSecondIds: {} }, 'e'),
		).toBeUndefined();
		expect(
			readPollState({ watching: 'f', lastSecond: '2024-01-01 10:00:00' }, 'e'),
		).toBeUndefined();
		expect(readPollState({ watching: 'e', lastSecond: '2024-01-01 10:00:00' }, 'e')).toEqual({
			watching: 'e',
			lastSecond: '2024-01-01 10:00:00',
			lastSecondIds: {},
		});
	});
});
