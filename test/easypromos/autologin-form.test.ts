/**
 * User → Autologin with a promotion's own registration form: Custom Fields and Legal Acceptances sent
 * from a CRM's data, the form's required fields enforced by the simulator, bad rows refused before
 * anything is sent; and Output: Contact on the writes that return a person (Autologin, Participate,
 * Coin Transaction → Create). Real workflows through n8n's engine against the simulator.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestEnvironment } from '../harness';
import type { EasypromosSandbox, EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { byId, fromList, nodeError, run, startEasypromos } from './setup';

let simulator: EasypromosSimulator;
let environment: TestEnvironment;
let sandbox: EasypromosSandbox;
/** A promotion whose form requires a store, a loyalty card number and the terms. */
let pid: number;

beforeEach(async () => {
	({ simulator, environment, sandbox } = await startEasypromos());
	pid = simulator.addPromotion({
		title: 'Members-only wheel',
		registrationFields: [
			{ ref: 'email', type: 'email', required: true },
			{ ref: 'favourite_store', title: 'Favourite store', type: 'select', required: true },
			{ ref: 'loyalty_card', title: 'Loyalty card number', type: 'text', required: true },
			{ ref: 'shoe_size', title: 'Shoe size', type: 'text', required: false },
			{ ref: 'legal_terms', title: 'I accept the terms', type: 'checkbox', required: true },
			{ ref: 'legal_newsletter', title: 'Send me news', type: 'checkbox', required: false },
		],
	}).id;
});
afterEach(async () => await simulator.close());

const AUTOLOGIN = 'POST /users/autologin/{pid}';

/** The CRM's record, mapped by expressions: what a workflow after a CRM trigger would hold. */
const crmPerson = {
	id: 'crm-5521',
	email: 'Marta.Soler@Example.com',
	store: 'Girona',
	card: 'LC-0042-77',
	optIn: true,
};

const autologin = (extra: IDataObject = {}): IDataObject => ({
	resource: 'user',
	operation: 'autologin',
	promotionId: byId(pid),
	externalId: '={{ $json.id }}',
	email: '={{ $json.email.toLowerCase() }}',
	firstName: 'Marta',
	lastName: 'Soler',
	additionalFields: {
		customProperties: {
			field: [
				{ ref: 'favourite_store', value: '={{ $json.store }}' },
				{ ref: 'loyalty_card', value: '={{ $json.card }}' },
			],
		},
		legals: {
			legal: [
				{ name: 'legal_terms', accepted: true },
				{ name: 'legal_newsletter', accepted: '={{ $json.optIn }}' },
			],
		},
	},
	...extra,
});

async function failure(parameters: IDataObject, items: IDataObject[] = [crmPerson]) {
	const outcome = await run(environment, parameters, items);
	const error = nodeError(outcome.result);
	expect(error).toBeDefined();
	return error!;
}

describe('Autologin with custom fields and legal acceptances', () => {
	test("registers a person from a CRM record into a promotion with required fields; the body carries the form's answers", async () => {
		const { json, error } = await run(environment, autologin(), [crmPerson]);
		expect(error).toBeUndefined();
		expect(json).toHaveLength(1);
		expect(json[0].login_token).toEqual(expect.any(String));
		expect(json[0].user).toMatchObject({
			external_id: 'crm-5521',
			email: 'marta.soler@example.com',
			custom_properties: [
				{ title: 'Favourite store', ref: 'favourite_store', value: 'Girona' },
				{ title: 'Loyalty card number', ref: 'loyalty_card', value: 'LC-0042-77' },
			],
			meta_data: { legals: { legal_terms: true, legal_newsletter: true } },
		});
		expect(simulator.receivedAt(AUTOLOGIN).map((request) => request.body)).toEqual([
			{
				external_id: 'crm-5521',
				email: 'marta.soler@example.com',
				first_name: 'Marta',
				last_name: 'Soler',
				custom_properties: [
					{ ref: 'favourite_store', value: 'Girona' },
					{ ref: 'loyalty_card', value: 'LC-0042-77' },
				],
				meta_data: { legals: { legal_terms: true, legal_newsletter: true } },
			},
		]);
	});

	test('the same person again: found by External ID, a changed field and a withdrawn opt-in are updated', async () => {
		await run(environment, autologin(), [crmPerson]);
		const { json, error } = await run(
			environment,
			autologin({
				additionalFields: {
					customProperties: { field: [{ ref: 'favourite_store', value: 'Lleida' }] },
					legals: { legal: [{ name: 'legal_newsletter', accepted: '={{ $json.optIn }}' }] },
				},
			}),
			[{ ...crmPerson, optIn: 'false' }],
		);
		expect(error).toBeUndefined();
		const users = simulator.users(pid).filter((user) => user.external_id === 'crm-5521');
		expect(users).toHaveLength(1);
		expect(json[0].user).toMatchObject({
			id: users[0].id,
			custom_properties: [
				{ ref: 'favourite_store', value: 'Lleida' },
				{ ref: 'loyalty_card', value: 'LC-0042-77' },
			],
			meta_data: { legals: { legal_terms: true, legal_newsletter: false } },
		});
	});

	test("a new person without a required field: Easypromos's 400 names it, and no user is made", async () => {
		const error = await failure(
			autologin({
				additionalFields: {
					customProperties: { field: [{ ref: 'favourite_store', value: 'Girona' }] },
					legals: { legal: [{ name: 'legal_terms', accepted: true }] },
				},
			}),
		);
		expect(error.message).toBe(
			'Easypromos refused the new user: the promotion requires the registration field "loyalty_card" (code 0). Add it to Custom Fields (under Additional Fields), with Ref "loyalty_card" and its Value',
		);
		expect(error.description).toBe(
			'Easypromos said: "Required registration field missing: loyalty_card" (HTTP 400, code 0)',
		);
		expect(error.httpCode).toBe('400');
		expect(simulator.users(pid).some((user) => user.external_id === 'crm-5521')).toBe(false);
	});

	test('terms not accepted: refused by Easypromos, naming the checkbox', async () => {
		const parameters = autologin();
		const additional = parameters.additionalFields as IDataObject;
		const error = await failure({
			...parameters,
			additionalFields: {
				...additional,
				legals: { legal: [{ name: 'legal_terms', accepted: false }] },
			},
		});
		expect(error.message).toBe(
			'Easypromos refused the new user: the promotion requires the legal checkbox "legal_terms" accepted (code 0). In Legal Acceptances (under Additional Fields), add Name "legal_terms" with Accepted on; a person who declined it cannot join the promotion',
		);
		expect(error.description).toBe(
			'Easypromos said: "Required legal acceptance not accepted: legal_terms" (HTTP 400, code 0)',
		);
	});

	test('a ref or a checkbox the form does not have: refused by Easypromos, naming the parameter to fix', async () => {
		const parameters = autologin();
		const additional = parameters.additionalFields as IDataObject;
		const custom = additional.customProperties as { field: IDataObject[] };
		const unknownField = await failure({
			...parameters,
			additionalFields: {
				...additional,
				customProperties: { field: [...custom.field, { ref: 'shoe', value: '42' }] },
			},
		});
		expect(unknownField.message).toBe(
			'Easypromos refused the user: the promotion\'s registration form has no field "shoe" (code 0). Fix or remove Ref "shoe" in Custom Fields (under Additional Fields); Promotion → Get Registration Fields lists the refs',
		);
		const unknownLegal = await failure({
			...parameters,
			additionalFields: {
				...additional,
				legals: {
					legal: [
						{ name: 'legal_terms', accepted: true },
						{ name: 'legal_sms', accepted: true },
					],
				},
			},
		});
		expect(unknownLegal.message).toBe(
			'Easypromos refused the user: the promotion has no legal checkbox "legal_sms" (code 0). Fix or remove Name "legal_sms" in Legal Acceptances (under Additional Fields); Promotion → Get Registration Fields lists the checkboxes',
		);
		expect(simulator.users(pid).some((user) => user.external_id === 'crm-5521')).toBe(false);
	});

	test.each([
		[
			'a custom field without a Ref',
			{ customProperties: { field: [{ ref: ' ', value: 'Girona' }] } },
			'Custom field 1 of Custom Fields has no Ref: set the ref of the registration field',
		],
		[
			'a custom field without a Value',
			{
				customProperties: {
					field: [
						{ ref: 'favourite_store', value: 'Girona' },
						{ ref: 'loyalty_card', value: '={{ $json.missing }}' },
					],
				},
			},
			'Custom field 2 of Custom Fields (ref "loyalty_card") has no Value: set it, or remove the field',
		],
		[
			'the same ref twice',
			{
				customProperties: {
					field: [
						{ ref: 'favourite_store', value: 'Girona' },
						{ ref: 'favourite_store', value: 'Lleida' },
					],
				},
			},
			'Custom field 2 of Custom Fields: the ref "favourite_store" is given twice; keep one',
		],
		[
			'a legal acceptance without a Name',
			{ legals: { legal: [{ name: '', accepted: true }] } },
			'Legal acceptance 1 of Legal Acceptances has no Name: set the name of the legal checkbox',
		],
		[
			'Accepted neither true nor false',
			{ legals: { legal: [{ name: 'legal_terms', accepted: '={{ "yes" }}' }] } },
			'Legal acceptance 1 of Legal Acceptances ("legal_terms"): Accepted "yes" is not valid: give true or false',
		],
	])('%s is refused before anything is sent', async (_name, additionalFields, message) => {
		const error = await failure(autologin({ additionalFields }));
		expect(error.message).toBe(message);
		expect(simulator.count(AUTOLOGIN)).toBe(0);
	});
});

describe('Output: Contact on the writes that return a person', () => {
	test('Autologin: the registered user as a contact, with its custom fields and consents', async () => {
		const { json, error } = await run(
			environment,
			autologin({ promotionId: fromList(pid), output: 'contact' }),
			[crmPerson],
		);
		expect(error).toBeUndefined();
		const user = simulator.users(pid).find((candidate) => candidate.external_id === 'crm-5521')!;
		expect(json).toEqual([
			{
				email: 'marta.soler@example.com',
				phone: user.phone,
				firstName: 'Marta',
				lastName: 'Soler',
				birthday: user.birthday,
				gender: null,
				address: null,
				zip: null,
				city: null,
				country: user.country,
				language: 'en',
				consents: { legal_terms: true, legal_newsletter: true },
				prize: null,
				points: null,
				customFields: { favourite_store: 'Girona', loyalty_card: 'LC-0042-77' },
				source: {
					platform: 'easypromos',
					// Picked From List by ID only: n8n keeps no title, so none is guessed.
					product: { id: String(pid), title: null },
					recordId: String(user.id),
					createdAt: user.created,
				},
				anonymized: false,
			},
		]);
	});

	test('Participate: the participant and the prize the wheel gave', async () => {
		const active = sandbox.promotions.active.id;
		const player = simulator.addUser(active, { email: 'Pau@Example.com', first_name: 'Pau' });
		const { json, error } = await run(environment, {
			resource: 'participation',
			operation: 'participate',
			promotionId: byId(active),
			stageId: byId(sandbox.stages.wheel.id),
			userId: String(player.id),
			output: 'contact',
		});
		expect(error).toBeUndefined();
		const [participation] = simulator
			.participations(active)
			.filter((candidate) => candidate.user_id === player.id);
		const [prize] = simulator.prizes(active).filter((candidate) => candidate.user_id === player.id);
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			email: 'pau@example.com',
			firstName: 'Pau',
			prize: { won: true, title: prize.prize_type.name, code: prize.code },
			source: {
				platform: 'easypromos',
				product: { id: String(active), title: null },
				recordId: String(participation.id),
			},
		});
	});

	test('Coin Transaction → Create: the user with the balance after the transaction and its amount', async () => {
		const active = sandbox.promotions.active.id;
		const member = simulator.addUser(active, { email: 'nuria@example.com' });
		const { json, error } = await run(environment, {
			resource: 'coinTransaction',
			operation: 'create',
			promotionId: byId(active),
			userId: String(member.id),
			amount: 25,
			reason: 'Purchase in store',
			output: 'contact',
		});
		expect(error).toBeUndefined();
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			email: 'nuria@example.com',
			points: { balance: 25, change: 25 },
			source: { platform: 'easypromos', product: { id: String(active), title: null } },
		});
	});
});
