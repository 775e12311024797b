import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { isEmail } from '../../../shared/node/validation';
import { promotionIdProperty } from '../../descriptions';
import { readPromotionId, requestSettings } from '../../parameters';
import { bodies, easypromosRequest, paths } from '../../transport';

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
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'en',
				description: 'Language code of the user',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
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
	const extra = { ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
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
	return await easypromosRequest.call(this, 'POST', paths.autologin(promotionId), {
		...requestSettings(this, itemIndex, `promotion ID ${promotionId}`),
		body: bodies.autologin({
			externalId,
			email,
			firstName: text('firstName'),
			lastName: text('lastName'),
			nickname: text('nickname'),
			extra,
		}),
		record: {
			done: `registered or found the user with External ID ${externalId} in promotion ID ${promotionId}`,
			advice: 'The same External ID finds the same user again, so running this item again is safe',
		},
	});
}
