/**
 * Kimple's persons as contacts (nodes/Kimple/helpers/contact.ts): the document's own entry, every
 * seeded entry and participation of the simulator, and Output = Contact in real workflows.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	contestEntryToContact,
	contestParticipationToContact,
} from '../../nodes/Kimple/helpers/contact';
import { simplifyParticipation } from '../../nodes/Kimple/helpers/participation';
import { CONTACT_KEYS, type Contact } from '../../nodes/shared/contact/contact';
import { wallClockToIso } from '../../nodes/shared/time/wall-clock';
import { packageNode } from '../harness';
import {
	DOCUMENTED_ENTRY,
	KimpleSimulator,
	type KimpleContestEntry,
	type KimpleParticipation,
} from '../../sandbox/simulators/kimple';
import { credentialRef, fromList, run, startKimple, type KimpleTestbed } from './setup';

/** The contest entry of kimple-api-v2.txt's list reply, copied character for character. */
const DOCUMENT_ENTRY_TEXT = `{ "id": 0, "contest_entry_hash_id": "QKr1mkPcJb", "email": "kimple@kimpleapp.com", "firstname": "", "lastname": "", "gender": 0, "birthday": null, "address": "", "zipcode": "", "city": "", "country": "", "score": "0", "contest_hash_id": "YP67sgn", "last_play_at": null, "last_attempt_at": null, "last_submit_form_at": "2019-07-16 16:56:09", "on_facebook": false, "facebook_id": 0, "instagram_id": 0, "on_web": true, "on_mobile": false, "is_suspect": false, "is_cheater": false, "total_invite": 0, "total_share": 0, "total_play": 0, "total_attempt": 0, "total_facebook_like": 0, "total_google_plus_share": 0, "total_mail_received": 0, "total_mail_sent": 0, "total_pinterest_follow": 0, "total_submit_form": 1, "total_twitter_follow": 0, "total_twitter_retweet": 0, "total_twitter_share": 0, "total_youtube_follow": 0, "last_ip": "90.120.30.193", "phone": "", "created_at": "2019-07-16 16:56:08", "updated_at": "2019-08-05 13:37:39" }`;

/** The keys that hold something: not null, '', {} or the default `anonymized: false`. */
function filledKeys(contact: Contact): string[] {
	return CONTACT_KEYS.filter((key) => {
		const value = contact[key] as unknown;
		if (value === null || value === '' || value === false) return false;
		return !(typeof value === 'object' && Object.keys(value as object).length === 0);
	});
}

/** Every key, in order; no '' anywhere; the email trimmed and lower-cased. */
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
	expect(contact.source.platform).toBe('kimple');
	expect(contact.source.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
}

/** A vendor text as the contact carries it: trimmed, null when empty. */
const textOf = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

describe("the document's example entry", () => {
	const entry = JSON.parse(DOCUMENT_ENTRY_TEXT) as IDataObject;

	test('is the object the simulator serves', () => {
		expect(entry).toEqual(DOCUMENTED_ENTRY);
	});

	test('maps to its email, contest and hash ID only: empty strings and gender 0 are null', () => {
		const contact = contestEntryToContact(entry);
		expectWellFormed(contact);
		expect(contact).toEqual({
			email: 'kimple@kimpleapp.com',
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
			points: null,
			customFields: {},
			source: {
				platform: 'kimple',
				product: { id: 'YP67sgn', title: null },
				recordId: 'QKr1mkPcJb',
				// Paris in July: summer time.
				createdAt: '2019-07-16T16:56:08+02:00',
			},
			anonymized: false,
		});
		expect(filledKeys(contact)).toEqual(['email', 'source']);
	});
});

describe("the simulator's seeded records", () => {
	const simulator = new KimpleSimulator();
	simulator.seedSandbox();
	const entries = simulator.records<KimpleContestEntry & IDataObject>('contest_entry');
	const participations = simulator.records<KimpleParticipation & IDataObject>(
		'contest_participation',
	);

	test('every entry: each field from its own, nothing made up', () => {
		const genders = { 0: null, 1: 'male', 2: 'female' } as const;
		for (const entry of entries) {
			const contact = contestEntryToContact(entry);
			expectWellFormed(contact);
			expect(contact).toEqual({
				email: textOf(entry.email)?.toLowerCase() ?? null,
				phone: textOf(entry.phone),
				firstName: textOf(entry.firstname),
				lastName: textOf(entry.lastname),
				birthday: entry.birthday,
				gender: genders[entry.gender as 0 | 1 | 2],
				address: textOf(entry.address),
				zip: textOf(entry.zipcode),
				city: textOf(entry.city),
				// Every way the sandbox's form writes France: FR, never FX (Node 24's Intl names FX France too).
				country: { France: 'FR', FR: 'FR', france: 'FR', FRANCE: 'FR' }[entry.country] ?? null,
				language: null,
				consents: {},
				prize: null,
				points: null,
				customFields: {},
				source: {
					platform: 'kimple',
					product: { id: entry.contest_hash_id, title: null },
					recordId: entry.contest_entry_hash_id,
					createdAt: wallClockToIso(entry.created_at, 'Europe/Paris'),
				},
				anonymized: false,
			});
		}
	});

	test('every participation: the form, the opt-in, the gift; the same whether simplified or not', () => {
		let winners = 0;
		for (const participation of participations) {
			const contact = contestParticipationToContact(participation);
			expectWellFormed(contact);
			const { form, gift } = participation;
			expect(contact).toEqual({
				email: form.email.toLowerCase(),
				phone: null,
				firstName: form.firstname,
				lastName: form.lastname,
				birthday: null,
				gender: null,
				address: form.address,
				zip: form.zipcode,
				city: form.city,
				country: null,
				language: null,
				consents: { newsletter: form.optin === 1 },
				prize: gift ? { won: true, title: gift.title, code: gift.unique_code } : null,
				points: null,
				customFields: {},
				source: {
					platform: 'kimple',
					product: { id: participation.contest_hash_id, title: null },
					recordId: participation.contest_participation_hash_id,
					createdAt: wallClockToIso(participation.created_at, 'Europe/Paris'),
				},
				anonymized: false,
			});
			expect(contestParticipationToContact(simplifyParticipation(participation))).toEqual(contact);
			if (gift) winners++;
		}
		expect(winners).toBeGreaterThan(0);
	});

	test('filled keys: 11 of 17 for a complete entry, 9 for a winning participation', () => {
		const complete = entries.find((entry) => entry.phone && entry.birthday && entry.gender)!;
		expect(filledKeys(contestEntryToContact(complete))).toEqual([
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
			'source',
		]);
		// Generated entries always have a name, an email and an address; phone, birthday and gender vary.
		const counts = entries
			.filter((entry) => entry.contest_entry_hash_id !== DOCUMENTED_ENTRY.contest_entry_hash_id)
			.map((entry) => filledKeys(contestEntryToContact(entry)).length);
		expect(Math.min(...counts)).toBe(8);
		const winner = participations.find((participation) => participation.gift)!;
		expect(filledKeys(contestParticipationToContact(winner))).toEqual([
			'email',
			'firstName',
			'lastName',
			'address',
			'zip',
			'city',
			'consents',
			'prize',
			'source',
		]);
	});
});

describe('readings the seeds do not show', () => {
	test("the form's own fields go to customFields; an email is trimmed and lower-cased", () => {
		const contact = contestParticipationToContact({
			contest_participation_hash_id: 'Pq9x2Lm',
			contest_hash_id: 'YP67sgn',
			form: {
				firstname: ' Camille ',
				lastname: 'Martin',
				email: ' Camille.MARTIN@Example.FR ',
				address: '',
				city: 'Lyon',
				zipcode: '69003',
				optin: '0',
				favourite_shop: 'Lyon Part-Dieu',
				loyalty_card: '',
			},
			gift: null,
			created_at: '2024-01-15 09:30:00',
		});
		expect(contact).toMatchObject({
			email: 'camille.martin@example.fr',
			firstName: 'Camille',
			address: null,
			consents: { newsletter: false },
			prize: null,
			customFields: { favourite_shop: 'Lyon Part-Dieu', loyalty_card: null },
			// Paris in January: winter time.
			source: { createdAt: '2024-01-15T09:30:00+01:00' },
		});
	});

	test('an entry that says it was anonymised: no personal value, whatever it still holds', () => {
		const contact = contestEntryToContact({
			...DOCUMENTED_ENTRY,
			email: 'anonymous-7f3a@kimpleapp.com',
			birthday: '04/05/1990',
			gender: 2,
			country: 'France',
			is_anonymized: 1,
		});
		expect(contact).toMatchObject({
			email: null,
			birthday: null,
			gender: null,
			country: null,
			anonymized: true,
		});
	});

	test('an anonymised entry in the shape Kimple masks it: nulls, never the asterisks', () => {
		const contact = contestEntryToContact({
			...DOCUMENTED_ENTRY,
			email: '*****@*****',
			phone: '*****',
			firstname: '*****',
			lastname: '*****',
			address: '*****',
			zipcode: '*****',
			city: '*****',
			is_anonymized: 1,
		});
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
			consents: {},
			prize: null,
			points: null,
			customFields: {},
			source: {
				platform: 'kimple',
				product: { id: 'YP67sgn', title: null },
				recordId: 'QKr1mkPcJb',
				createdAt: '2019-07-16T16:56:08+02:00',
			},
			anonymized: true,
		});
	});

	test('a masked value on an entry without the flag: null, and the person counts as anonymised', () => {
		const contact = contestEntryToContact({
			...DOCUMENTED_ENTRY,
			firstname: 'Camille',
			phone: '06 xx xx xx xx',
		});
		expect(contact).toMatchObject({ firstName: null, phone: null, anonymized: true });
	});
});

describe('Output = Contact in workflows, against the simulator', () => {
	let bed: KimpleTestbed;
	beforeAll(async () => {
		bed = await startKimple();
	});
	afterAll(async () => await bed.simulator.close());

	test('Contest Entry → Get Many and Contest Participation → Get give contacts only', async () => {
		const quiz = bed.sandbox.contests.quiz.hash_id;
		const entries = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'getAll',
			contestId: fromList(quiz),
			returnAll: false,
			limit: 3,
			output: 'contact',
		});
		expect(entries.error).toBeUndefined();
		const served = bed.simulator
			.records<IDataObject>('contest_entry')
			.filter((entry) => entry.contest_hash_id === quiz)
			.slice(0, 3);
		expect(entries.json).toEqual(served.map(contestEntryToContact));
		expect(entries.json[0]).toMatchObject({ email: 'kimple@kimpleapp.com' });
		entries.json.forEach((json) => expect(Object.keys(json)).toEqual([...CONTACT_KEYS]));

		const [participation] = bed.simulator.records<IDataObject>('contest_participation');
		const one = await run(bed.environment, {
			resource: 'contestParticipation',
			operation: 'get',
			contestParticipationId: participation.contest_participation_hash_id,
			// Simplify is hidden with Output = Contact and changes nothing.
			simplify: true,
			output: 'contact',
		});
		expect(one.json).toEqual([contestParticipationToContact(participation)]);
		expect(one.output[0].pairedItem).toEqual({ item: 0 });

		// The default stays Raw: today's records.
		const raw = await run(bed.environment, {
			resource: 'contestEntry',
			operation: 'get',
			contestEntryId: DOCUMENTED_ENTRY.contest_entry_hash_id,
		});
		expect(raw.json).toEqual([DOCUMENTED_ENTRY]);
	});

	test('the Kimple Trigger emits new participations as contacts', async () => {
		const photo = bed.sandbox.contests.photo.hash_id;
		const node = packageNode(
			'Kimple Trigger',
			'kimpleTrigger',
			{ event: 'newContestParticipation', contestId: fromList(photo), output: 'contact' },
			{ credentials: credentialRef },
		);
		const staticData: IDataObject = {};
		expect(await bed.environment.poll(node, staticData)).toBeNull();
		const added = bed.simulator.appendParticipations(photo, 2);
		const result = (await bed.environment.poll(node, staticData)) as INodeExecutionData[][];
		expect(result[0].map((item) => item.json)).toEqual(
			added.map((participation) => contestParticipationToContact(participation)),
		);
		expect(result[0][0].json.source).toMatchObject({
			platform: 'kimple',
			product: { id: photo },
			recordId: added[0].contest_participation_hash_id,
		});
	});
});
