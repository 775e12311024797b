/**
 * User → Autologin. Longer than most operations: the Custom Fields and Legal Acceptances, and their
 * readers, are this operation's alone, so they stay in its file.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { isEmail } from '../../../shared/node/validation';
import { promotionIdProperty } from '../../descriptions';
import { promotionRef, userToContact } from '../../helpers/contact';
import { readPromotionId, requestSettings } from '../../parameters';
import { autologinUser, bodies, easypromosRequest, paths } from '../../transport';

const properties: INodeProperties[] = [
	promotionIdProperty,
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. customer-1234',
		description:
			'The ID of the person in your own system (website, app, loyalty program). The same External ID always finds the same user again.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Nickname',
		name: 'nickname',
		type: 'string',
		default: '',
		description: 'Shown in rankings; must be unique in the promotion',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Birthday',
				name: 'birthday',
				type: 'string',
				default: '',
				placeholder: '1990-05-18',
				description: 'As YYYY-MM-DD',
			},
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				placeholder: 'ES',
				description: 'Two-letter ISO 3166 country code',
			},
			{
				displayName: 'Custom Fields',
				name: 'customProperties',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Custom Field',
				default: {},
				description:
					"Fields of the promotion's registration form other than the person's own (Promotion → Get Registration Fields lists them), each by its ref. A promotion that requires one refuses a new user without it.",
				options: [
					{
						displayName: 'Custom Field',
						name: 'field',
						values: [
							{
								displayName: 'Ref',
								name: 'ref',
								type: 'string',
								default: '',
								placeholder: 'e.g. favourite_store',
								description: 'The ref of the registration field',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								placeholder: 'e.g. Barcelona',
							},
						],
					},
				],
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'en',
				description: 'Language code of the user',
			},
			{
				displayName: 'Legal Acceptances',
				name: 'legals',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Legal Acceptance',
				default: {},
				description:
					"The person's answers to the promotion's legal checkboxes (terms, privacy, newsletter…), each by its name. A promotion that requires one refuses a new user who has not accepted it.",
				options: [
					{
						displayName: 'Legal Acceptance',
						name: 'legal',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. legal_terms',
								description:
									"The name of the legal checkbox, as the user's meta_data.legals shows it",
							},
							{
								displayName: 'Accepted',
								name: 'accepted',
								type: 'boolean',
								default: true,
								description: 'Whether the person accepted it',
							},
						],
					},
				],
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
	},
	{
		...outputProperty,
		description:
			"Whether to output Easypromos's reply (the user login token and the user) or the user in the contact shape (without the login token)",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['autologin'] } },
	properties,
);

/** Registers the person in the promotion, or finds them again, and returns a user login token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fail = (message: string) => new NodeOperationError(this.getNode(), message, { itemIndex });
	const promotionId = readPromotionId(this, itemIndex);
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const externalId = text('externalId');
	if (!externalId) throw fail("Set the External ID: the person's ID in your own system");
	const email = text('email');
	if (email && !isEmail(email)) {
		throw fail(`Email "${email}" is not a valid address: fix the Email parameter`);
	}
	const { customProperties, legals, ...extra } = this.getNodeParameter(
		'additionalFields',
		itemIndex,
		{},
	) as IDataObject;
	for (const [key, value] of Object.entries(extra)) {
		if (value === '' || value === undefined || value === null) delete extra[key];
	}
	if (extra.country !== undefined) {
		const country = String(extra.country).trim().toUpperCase();
		if (!/^[A-Z]{2}$/.test(country)) {
			throw fail(
				`Country "${String(extra.country)}" is not valid: use a two-letter ISO 3166 code such as ES`,
			);
		}
		extra.country = country;
	}
	const reply = await easypromosRequest.call(this, 'POST', paths.autologin(promotionId), {
		...requestSettings(this, itemIndex, `promotion ID ${promotionId}`),
		registration: true,
		body: bodies.autologin({
			externalId,
			email,
			firstName: text('firstName'),
			lastName: text('lastName'),
			nickname: text('nickname'),
			extra,
			customProperties: readCustomFields(customProperties, fail),
			legals: readLegals(legals, fail),
		}),
		record: {
			done: `registered or found the user with External ID ${externalId} in promotion ID ${promotionId}`,
			advice: 'The same External ID finds the same user again, so running this item again is safe',
		},
	});
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact') return reply;
	const promotion = promotionRef(this.getNodeParameter('promotionId', itemIndex), promotionId);
	return contactJson(userToContact(autologinUser(reply) ?? {}, promotion));
}

type Fail = (message: string) => NodeOperationError;

/** Custom Fields → [{ref, value}]: each with a ref and a value, no ref twice. */
function readCustomFields(raw: unknown, fail: Fail): Array<{ ref: string; value: string }> {
	const rows = ((raw as IDataObject | undefined)?.field ?? []) as IDataObject[];
	const fields: Array<{ ref: string; value: string }> = [];
	rows.forEach((row, index) => {
		const ref = String(row.ref ?? '').trim();
		const value = String(row.value ?? '').trim();
		const which = `Custom field ${index + 1} of Custom Fields`;
		if (!ref) throw fail(`${which} has no Ref: set the ref of the registration field`);
		if (!value) throw fail(`${which} (ref "${ref}") has no Value: set it, or remove the field`);
		if (fields.some((field) => field.ref === ref)) {
			throw fail(`${which}: the ref "${ref}" is given twice; keep one`);
		}
		fields.push({ ref, value });
	});
	return fields;
}

/** Legal Acceptances → {name: accepted}: each with a name, no name twice. */
function readLegals(raw: unknown, fail: Fail): Record<string, boolean> {
	const rows = ((raw as IDataObject | undefined)?.legal ?? []) as IDataObject[];
	const legals: Record<string, boolean> = {};
	rows.forEach((row, index) => {
		const name = String(row.name ?? '').trim();
		const which = `Legal acceptance ${index + 1} of Legal Acceptances`;
		if (!name) throw fail(`${which} has no Name: set the name of the legal checkbox`);
		if (name in legals) throw fail(`${which}: the name "${name}" is given twice; keep one`);
		// An expression from a CRM may give the text "true" / "false".
		const accepted = String(row.accepted).trim().toLowerCase();
		if (accepted !== 'true' && accepted !== 'false') {
			throw fail(
				`${which} ("${name}"): Accepted "${String(row.accepted)}" is not valid: give true or false`,
			);
		}
		legals[name] = accepted === 'true';
	});
	return legals;
}
