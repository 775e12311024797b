/** The customer fields Create and Update send through API v1, and how they become `data[...]`. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { GENDER_VALUES, OPT_IN_VALUES, V1_FIELDS } from '../../transport';
import { fail, readDate } from '../common';

const PLAIN_FIELDS: Array<[name: keyof typeof V1_FIELDS, label: string, placeholder: string]> = [
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

/** The fields of a customer; `withExternalId` for Create (Update may find the customer by it). */
export function customerFields(options: { withExternalId: boolean; withRemoveTags: boolean }) {
	const fields: INodeProperties[] = PLAIN_FIELDS.map(([name, displayName, placeholder]) => ({
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
	}));
	if (options.withExternalId) {
		fields.push({
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			placeholder: 'e.g. CRM-00042',
			description: "The customer's ID in your own system",
		});
	}
	fields.push(
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

function tags(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
}

/** The given fields as v1 form fields, each value checked. */
export function readCustomerFields(
	context: IExecuteFunctions,
	itemIndex: number,
	given: IDataObject,
	timeZone: string,
): Record<string, string | string[] | Record<string, string>> {
	const form: Record<string, string | string[] | Record<string, string>> = {};
	for (const [name] of PLAIN_FIELDS) {
		const value = String(given[name] ?? '').trim();
		if (value) form[V1_FIELDS[name]] = value;
	}
	const externalId = String(given.externalId ?? '').trim();
	if (externalId) form[V1_FIELDS.externalId] = externalId;
	if (given.optIn !== undefined) {
		const optIn = OPT_IN_VALUES[String(given.optIn)];
		if (optIn === undefined)
			throw fail(
				context,
				itemIndex,
				`Opt-In "${String(given.optIn)}" is not valid: use yes, no or notAsked`,
			);
		form[V1_FIELDS.optIn] = optIn;
	}
	if (given.gender !== undefined) {
		const gender = GENDER_VALUES[String(given.gender)];
		if (gender === undefined)
			throw fail(
				context,
				itemIndex,
				`Gender "${String(given.gender)}" is not valid: use female or male`,
			);
		form[V1_FIELDS.gender] = gender;
	}
	if (given.birthday !== undefined && given.birthday !== '') {
		// ASSUMED: a birthday is a date, YYYY-MM-DD; a date-time's wall-clock day is kept as it is.
		form[V1_FIELDS.birthday] = readDate(
			context,
			itemIndex,
			given.birthday,
			'Birthday',
			timeZone,
		).slice(0, 10);
	}
	const add = tags(given.addTags);
	if (add.length) form[V1_FIELDS.addTags] = add;
	const remove = tags(given.removeTags);
	if (remove.length) form[V1_FIELDS.removeTags] = remove;
	const custom = ((given.customFields as IDataObject | undefined)?.field ?? []) as IDataObject[];
	if (custom.length) {
		const values: Record<string, string> = {};
		for (const entry of custom) {
			const id = String(entry.id ?? '').trim();
			if (!/^[0-9A-Za-z_-]+$/.test(id))
				throw fail(
					context,
					itemIndex,
					`Custom field ID "${id}" is not valid: give the field's ID in SPREAD, such as 12: fix the Custom Fields parameter`,
				);
			values[id] = String(entry.value ?? '');
		}
		form[V1_FIELDS.customFields] = values;
	}
	return form;
}
