/**
 * The fields that Customer → Create and → Update and Order → Create and → Update send through API v1:
 * the customer's (all three of Customer → Create, → Update and Order → Create offer them) and the
 * order's.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { V1_FIELDS } from '../transport';

/** The customer's text fields: parameter name (and V1_FIELDS key), label, placeholder. */
export const PLAIN_FIELDS: Array<
	[name: keyof typeof V1_FIELDS, label: string, placeholder: string]
> = [
	['firstName', 'First Name', 'e.g. Camille'],
	['lastName', 'Last Name', 'e.g. Martin'],
	['address', 'Address', 'e.g. 12 rue de la Paix'],
	['zip', 'Zip Code', 'e.g. 75002'],
	['city', 'City', 'e.g. Paris'],
	['country', 'Country', 'e.g. FR'],
	['phone', 'Phone', 'e.g. +33 1 23 45 67 89'],
	['mobile', 'Mobile', 'e.g. +33 6 12 34 56 78'],
	['language', 'Language', 'e.g. fr'],
	['company', 'Company', 'e.g. Martin SARL'],
];

/**
 * The fields of a customer, the same for Create and Update; Update adds the Email (Create asks for
 * it above the fields) and the tags to remove.
 */
export function customerFields(options: { withEmail: boolean; withRemoveTags: boolean }) {
	const fields: INodeProperties[] = PLAIN_FIELDS.map(([name, displayName, placeholder]) => ({
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
	}));
	if (options.withEmail) {
		fields.push({
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
			description: "The customer's new email address",
		});
	}
	fields.push(
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			placeholder: 'e.g. CRM-00042',
			description: "The customer's ID in your own system (your CRM's ID)",
		},
		{
			displayName: 'Opt-In',
			name: 'optIn',
			type: 'options',
			options: [
				{ name: 'Yes', value: 'yes' },
				{ name: 'No', value: 'no' },
				{ name: 'Not Asked', value: 'notAsked' },
			],
			default: 'notAsked',
			description: 'Whether the customer agreed to receive marketing messages',
		},
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 'female' },
				{ name: 'Male', value: 'male' },
			],
			default: 'female',
		},
		{
			displayName: 'Birthday',
			name: 'birthday',
			type: 'dateTime',
			default: '',
			description: 'The date of birth (the time is ignored)',
		},
		{
			displayName: 'Tags to Add',
			name: 'addTags',
			type: 'string',
			default: '',
			placeholder: 'e.g. vip, newsletter',
			description: 'Tags to give the customer, separated by commas',
		},
	);
	if (options.withRemoveTags) {
		fields.push({
			displayName: 'Tags to Remove',
			name: 'removeTags',
			type: 'string',
			default: '',
			placeholder: 'e.g. prospect',
			description: 'Tags to take from the customer, separated by commas',
		});
	}
	fields.push({
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Custom Field',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. 12',
						description: "The custom field's ID in SPREAD",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	});
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Order → Create and → Update find the order by it. */
export const orderIdProperty: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. PS-100234',
	description: "The order's reference in your shop",
};

export const stateProperty: INodeProperties = {
	displayName: 'State',
	name: 'state',
	type: 'string',
	default: '',
	placeholder: 'e.g. paid',
	description: "The order's state as your shop names it (paid, shipped, cancelled...)",
};

export const dateProperty: INodeProperties = {
	displayName: 'Date',
	name: 'date',
	type: 'dateTime',
	default: '',
	description: "When the order was placed (read in the credential's time zone without an offset)",
};
