/**
 * Participant → Register: one registration in an Instant Win contest. Past 200 lines for its editor
 * properties, which only this operation shows (CONTRIBUTING: they live in its file); the body is
 * shaped in helpers/registration.ts.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { outputProperty, contactJson } from '../../../shared/contact/contact';
import { isEmail, isIpAddress } from '../../../shared/node/validation';
import { registrationToContact } from '../../helpers/contact';
import { toMultipart } from '../../helpers/multipart';
import { participantBody, readRegisterReply } from '../../helpers/registration';
import { requestSettings } from '../../parameters';
import { leeviaRequest, paths, resolveProduct } from '../../transport';

const PRECONFIGURED_FIELDS: INodeProperties[] = [
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{
		displayName: 'Date of Birth',
		name: 'date_of_birth',
		type: 'string',
		default: '',
		placeholder: '1990-05-18',
		description: 'As YYYY-MM-DD',
	},
	{
		displayName: 'Gender',
		name: 'gender',
		type: 'options',
		options: [
			{ name: 'F', value: 'F' },
			{ name: 'M', value: 'M' },
		],
		default: 'F',
	},
	{ displayName: 'Occupation', name: 'occupation', type: 'string', default: '' },
	{
		displayName: 'Phone (Profile Field)',
		name: 'phone',
		type: 'string',
		default: '',
		description: "The contest's pre-configured phone field, sent as a number",
	},
	{ displayName: 'Province', name: 'province', type: 'string', default: '', placeholder: 'MI' },
	{ displayName: 'ZIP Code', name: 'zip_code', type: 'string', default: '' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		placeholder: "Empty: the credential's product",
		description:
			'ID of the Instant Win contest. Leave empty to use the product ID of the credential.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			'Email of the participant. A contest identifies people by email, by phone, or both.',
	},
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		description: 'Phone of the participant, for contests that identify people by phone',
	},
	{
		displayName: 'Registration IP',
		name: 'registrationIp',
		type: 'string',
		default: '127.0.0.1',
		required: true,
		description:
			"The participant's real IP address at registration (behind a proxy or CDN, the one in X-Forwarded-For). When unknown, keep Leevia's whitelisted 127.0.0.1 or 0.0.0.0.",
	},
	{
		displayName: 'Accept Rules',
		name: 'acceptRules',
		type: 'boolean',
		default: false,
		description:
			'Whether the participant accepted the contest rules. Leevia refuses a registration without it.',
	},
	{
		displayName: 'Accept Newsletter',
		name: 'acceptNewsletter',
		type: 'boolean',
		default: false,
		description: 'Whether the participant agreed to receive newsletters',
	},
	{
		displayName: 'Profile Fields',
		name: 'profileFields',
		type: 'collection',
		placeholder: 'Add Profile Field',
		default: {},
		description: "Leevia's pre-configured additional fields that the contest asks for",
		options: PRECONFIGURED_FIELDS,
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description:
			"Fields created for this contest, by the identifier shown on the contest's API page",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Identifier',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'my_custom_field',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Custom Acceptances',
		name: 'customAcceptances',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Acceptance',
		default: {},
		description:
			"Privacy acceptances created for this contest, by the identifier on the contest's API page",
		options: [
			{
				displayName: 'Acceptance',
				name: 'acceptance',
				values: [
					{
						displayName: 'Identifier',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'a_custom_acceptance',
					},
					{
						displayName: 'Accepted',
						name: 'accepted',
						type: 'boolean',
						default: false,
						description: 'Whether the participant accepted it',
					},
				],
			},
		],
	},
	{
		displayName: 'File Field',
		name: 'fileField',
		type: 'fixedCollection',
		placeholder: 'Add File',
		default: {},
		description:
			'A file custom field of the contest, filled from a binary property of the input item',
		options: [
			{
				displayName: 'File',
				name: 'file',
				values: [
					{
						displayName: 'Identifier',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'my_file_field',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						description: 'Name of the binary property of the input item that holds the file',
					},
				],
			},
		],
	},
	outputProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['participant'], operation: ['register'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const param = (name: string, fallback: unknown = '') =>
		this.getNodeParameter(name, itemIndex, fallback);
	const fail = (message: string) => new NodeOperationError(this.getNode(), message, { itemIndex });

	const campaignId = String(param('campaignId')).trim() || (await resolveProduct(this)).productId;
	if (!campaignId) throw fail('Set a Campaign ID, or a product ID in the Leevia credential');

	const email = String(param('email')).trim();
	const phone = String(param('phone')).trim();
	if (!email && !phone)
		throw fail('Set an Email or a Phone: Leevia identifies a participant by one of them');
	if (email && !isEmail(email)) {
		throw fail(`Email "${email}" is not a valid address: fix the Email parameter`);
	}
	const registrationIp = String(param('registrationIp')).trim();
	if (!isIpAddress(registrationIp)) {
		throw fail(
			`Registration IP "${registrationIp}" is not an IPv4 or IPv6 address: send the participant's IP, or 127.0.0.1 when it is unknown`,
		);
	}

	/** The rows of a list parameter, each with its identifier filled in. */
	const rows = <Row extends { name: string }>(name: string, unnamed: string) =>
		(param(name, []) as Row[]).map((row) => {
			if (!row.name.trim())
				throw fail(`${unnamed} has no Identifier: fill it in or remove the row`);
			return { ...row, name: row.name.trim() };
		});
	const participant = participantBody({
		registrationIp,
		email,
		phone,
		firstName: String(param('firstName')).trim(),
		lastName: String(param('lastName')).trim(),
		acceptRules: param('acceptRules', false) as boolean,
		acceptNewsletter: param('acceptNewsletter', false) as boolean,
		customAcceptances: rows<{ name: string; accepted: boolean }>(
			'customAcceptances.acceptance',
			'A Custom Acceptance',
		),
		profileFields: param('profileFields', {}) as IDataObject,
		customFields: rows<{ name: string; value: string }>('customFields.field', 'A Custom Field'),
	});

	const file = param('fileField.file', null) as { name: string; binaryPropertyName: string } | null;
	const path = paths.instantWinParticipants(campaignId);
	// Named in the message when the reply is lost: registering again could make a second entry.
	const who = [email, phone].filter(Boolean).join(' / ');
	const record = {
		done: `registered ${who} in contest ${campaignId}`,
		advice: `Check the contest's participants (Participant → Get Many) for ${who} before running this item again`,
	};
	let upload: Parameters<typeof toMultipart>[1] | undefined;
	if (file) {
		if (!file.name.trim()) throw fail('The File Field has no Identifier: fill it in or remove it');
		const binary = this.helpers.assertBinaryData(itemIndex, file.binaryPropertyName);
		upload = {
			field: file.name.trim(),
			content: await this.helpers.getBinaryDataBuffer(itemIndex, file.binaryPropertyName),
			fileName: binary.fileName ?? 'file',
			mimeType: binary.mimeType,
		};
	}
	const reply = readRegisterReply(
		await leeviaRequest.call(this, 'POST', path, {
			...requestSettings(this, itemIndex),
			record,
			// A file goes as multipart, beside custom_data (api.ts); a multipart body is built afresh for
			// every attempt.
			...(upload ? { buildBody: () => toMultipart(participant, upload) } : { body: participant }),
		}),
	);
	if (param('output', 'raw') !== 'contact') return reply;
	// The reply names no person beyond the email: the rest is what was sent and Leevia accepted.
	return contactJson(registrationToContact(reply, participant, campaignId));
}
