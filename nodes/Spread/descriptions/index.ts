/**
 * The editor properties that several SPREAD operations, or an operation and the trigger, show: each
 * written once. A property only one operation shows stays in that operation's file. Two topics have
 * their own file, re-exported here: the lists' Filters (filters.ts) and the customer's and the order's
 * fields that API v1 writes (v1-fields.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { outputProperty } from '../../shared/contact/contact';
import { locator, requestOptions } from '../../shared/node/descriptions';
import { DEFAULT_MAX_WAIT_SECONDS } from '../transport';

export * from './filters';
export * from './v1-fields';

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
		/** The ways after Email, the first and the default of each. */
		otherKeys: Array<Exclude<CustomerKeyName, 'email'>>;
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
	const keys: CustomerKeyName[] = ['email', ...choice.otherKeys];
	return [
		{
			displayName: choice.displayName,
			name,
			type: 'options',
			options: keys.map((key) => ({ name: CUSTOMER_KEY_OPTIONS[key], value: key })),
			default: 'email',
			description: choice.description,
		},
		...keys.map((key) => fields[key]),
	];
}

// ---- cagnotte points ----

/** What Add Points and Remove Points ask for: the customer and the amount. */
export function pointsProperties(verb: 'add' | 'remove'): INodeProperties[] {
	return [
		...customerKeyProperties('identifyBy', {
			displayName: 'Identify Customer By',
			description: 'How to name the customer whose cagnotte changes',
			otherKeys: ['customerId'],
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
