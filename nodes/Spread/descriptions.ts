/**
 * The editor properties that several SPREAD operations, or an operation and the trigger, show: each
 * written once. A property only one operation shows stays in that operation's file. The longest part
 * is the customer's fields, which Customer → Create and → Update and Order → Create all offer.
 */
import type { INodeProperties } from 'n8n-workflow';

import { outputProperty } from '../shared/contact/contact';
import { locator, requestOptions } from '../shared/node/descriptions';
import { DEFAULT_MAX_WAIT_SECONDS, type FilterName, type V1_FIELDS } from './transport';

/** A campaign, picked from the account's campaigns or given by ID. */
export const campaignIdProperty = locator({
	displayName: 'Campaign',
	name: 'campaignId',
	required: true,
	description: 'The campaign (an instant win, a contest, a quiz...)',
	list: { searchListMethod: 'searchCampaigns', placeholder: 'Select a campaign...' },
	id: { placeholder: 'e.g. 46354' },
});

/** The Request Options' max-wait field: its name, and its label in the editor and in messages. */
export const MAX_WAIT = { name: 'maxRateLimitWait', label: 'Max Wait on Rate Limit' };

/** Shown for every operation, under the operation's own parameters. */
export const requestOptionsProperty = requestOptions({
	maxWait: {
		...MAX_WAIT,
		default: DEFAULT_MAX_WAIT_SECONDS,
		description:
			'When SPREAD answers "too many requests" (or, on a read, has a server error), the request waits and tries again, for at most this long in total. Writes are never sent again after a server error: the points may have been added. 0 fails at once.',
	},
	timeoutDescription:
		'How long each request waits for SPREAD to reply. A read that gets no reply in time is sent again; a write is not, and its error says to check whether it was carried out.',
	pagesAtOnce: {
		description:
			'How many pages of a list to ask SPREAD for at once. Over a real network most of an export is spent waiting for replies: more pages at once wait together (halved after SPREAD first answers "too many requests"). 1 reads one page after the other.',
	},
});

/** Shown for every operation: how SPREAD's strings come out. */
export const outputOptionsProperty: INodeProperties = {
	displayName: 'Output Options',
	name: 'outputOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Keep Number Strings',
			name: 'keepNumberStrings',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep amounts, balances and counts as the strings SPREAD sends ("15") instead of numbers (15)',
		},
		{
			displayName: 'Keep Date Strings',
			name: 'keepDateStrings',
			type: 'boolean',
			default: false,
			description:
				"Whether to keep dates as SPREAD writes them (2019-08-29 13:36:52, no time zone) instead of ISO-8601 with the account's offset (2019-08-29T13:36:52+02:00)",
		},
	],
};

// ---- filters ----

/** Each filter a list may offer; a filter's message names it by its displayName. */
export const FILTER_PROPERTIES: Record<FilterName, INodeProperties> = {
	createdAfter: {
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: "Only records created after this date (read in the credential's time zone)",
	},
	createdBefore: {
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description: "Only records created before this date (read in the credential's time zone)",
	},
	modifiedAfter: {
		displayName: 'Modified After',
		name: 'modifiedAfter',
		type: 'dateTime',
		default: '',
		description: "Only records modified after this date (read in the credential's time zone)",
	},
	modifiedBefore: {
		displayName: 'Modified Before',
		name: 'modifiedBefore',
		type: 'dateTime',
		default: '',
		description: "Only records modified before this date (read in the credential's time zone)",
	},
	customerId: {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 15130125',
		description: "Only the records of this customer (SPREAD's customer ID)",
	},
	cagnotteId: {
		displayName: 'Cagnotte ID',
		name: 'cagnotteId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 118196',
		description: 'Only the lines of this cagnotte',
	},
	campaignId: {
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 46354',
		description: 'Only the records linked to this campaign',
	},
	minAmount: {
		displayName: 'Min Amount',
		name: 'minAmount',
		type: 'number',
		default: 0,
		description: 'Only lines with an amount above this one',
	},
	maxAmount: {
		displayName: 'Max Amount',
		name: 'maxAmount',
		type: 'number',
		default: 0,
		description: 'Only lines with an amount below this one',
	},
	amount: {
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		description: 'Only lines with exactly this amount (negative: points taken away)',
	},
};

/** The Filters collection of a list, with the filters `names` of SPREAD's. */
export function filtersProperty(names: FilterName[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: names.map((name) => FILTER_PROPERTIES[name]),
	};
}

// ---- customers and orders: the fields Create and Update send through API v1 ----

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

// ---- the customer an operation acts on ----

/** The ways an operation may name a customer, as option values saved in workflows. */
export type CustomerKeyName = 'email' | 'externalId' | 'customerId';

const CUSTOMER_KEY_OPTIONS: Record<CustomerKeyName, string> = {
	email: 'Email',
	externalId: 'External ID',
	customerId: 'Customer ID',
};

/**
 * How Customer → Find (`findBy`) and → Update (`updateBy`) and Add / Remove Points (`identifyBy`) name
 * the customer: the dropdown saved under `name`, and the field of each way it offers.
 */
export function customerKeyProperties(
	name: 'findBy' | 'updateBy' | 'identifyBy',
	choice: {
		displayName: string;
		description: string;
		keys: CustomerKeyName[];
		emailDescription?: string;
	},
): INodeProperties[] {
	const shownFor = (key: CustomerKeyName) => ({ show: { [name]: [key] } });
	const fields: Record<CustomerKeyName, INodeProperties> = {
		email: {
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: choice.emailDescription ?? "The customer's email address",
			displayOptions: shownFor('email'),
		},
		externalId: {
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. CRM-00042',
			description: "The customer's ID in your own system",
			displayOptions: shownFor('externalId'),
		},
		customerId: {
			displayName: 'Customer ID',
			name: 'customerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 123456',
			description: "SPREAD's ID of the customer",
			displayOptions: shownFor('customerId'),
		},
	};
	return [
		{
			displayName: choice.displayName,
			name,
			type: 'options',
			options: choice.keys.map((key) => ({ name: CUSTOMER_KEY_OPTIONS[key], value: key })),
			default: choice.keys[0],
			description: choice.description,
		},
		...choice.keys.map((key) => fields[key]),
	];
}

// ---- cagnotte points ----

/** What Add Points and Remove Points ask for: the customer and the amount. */
export function pointsProperties(verb: 'add' | 'remove'): INodeProperties[] {
	return [
		...customerKeyProperties('identifyBy', {
			displayName: 'Identify Customer By',
			description: 'How to name the customer whose cagnotte changes',
			keys: ['email', 'customerId'],
		}),
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			required: true,
			description:
				verb === 'add'
					? 'Points to add to the cagnotte, above 0; decimals are allowed'
					: 'Points to take from the cagnotte, above 0 (sent to SPREAD as a negative amount); decimals are allowed',
		},
		outputProperty,
	];
}
