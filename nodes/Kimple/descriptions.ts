/**
 * The editor properties that several Kimple operations, or an operation and the trigger, show: each
 * written once. A property only one operation shows stays in that operation's file.
 */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../shared/node/list-properties';
import { locator, requestOptions } from '../shared/node/descriptions';
import { DEFAULT_MAX_WAIT_SECONDS, type KimpleResource } from './transport';

/** How each resource is named in the editor and in messages: one record, and a list of them. */
export const RECORD_NAMES: Record<KimpleResource, { one: string; many: string }> = {
	client: { one: 'client', many: 'clients' },
	contest: { one: 'contest', many: 'contests' },
	contestEntry: { one: 'contest entry', many: 'contest entries' },
	campaign: { one: 'campaign', many: 'campaigns' },
	contestParticipation: { one: 'contest participation', many: 'contest participations' },
};

/** The contest, picked from a list searchable by title or given by its hash ID (or numeric ID). */
export const contestLocator = locator({
	displayName: 'Contest',
	name: 'contestId',
	required: true,
	description: 'The contest (Kimple calls it an operation)',
	list: { searchListMethod: 'searchContests', placeholder: 'Select a contest...' },
	id: {
		placeholder: 'e.g. 78HY9n',
		hint: "The contest's hash ID, or its numeric ID where Kimple shows one",
	},
});

/** The contest a list or the trigger is limited to: empty for every contest. */
export const contestScope = locator({
	displayName: 'Contest',
	name: 'contestId',
	description: 'Only the records of this contest. Leave empty for every contest of the account.',
	list: { searchListMethod: 'searchContests', placeholder: 'Select a contest...' },
	id: { displayName: 'By Hash ID', placeholder: 'e.g. 78HY9n' },
});

/** `<resource>Id`: one record by its numeric ID or its hash ID. */
export function recordIdProperty(resource: Exclude<KimpleResource, 'contest'>): INodeProperties {
	const { one } = RECORD_NAMES[resource];
	return {
		displayName: `${one[0].toUpperCase()}${one.slice(1)} ID`,
		name: `${resource}Id`,
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. QKr1mkPcJb',
		description: `The ${one}'s hash ID, or its numeric ID where Kimple shows one (it may show 0)`,
	};
}

export const sortProperty: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'fixedCollection',
	placeholder: 'Add Sort Field',
	typeOptions: { multipleValues: true, sortable: true },
	default: {},
	description: 'Sort on one or more fields, the first one first',
	options: [
		{
			displayName: 'Fields',
			name: 'fields',
			values: [
				{
					displayName: 'Field',
					name: 'field',
					type: 'string',
					default: '',
					placeholder: 'e.g. lastname',
					description: 'As Kimple names it in its records, e.g. lastname or created_at',
				},
				{
					displayName: 'Direction',
					name: 'direction',
					type: 'options',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					default: 'asc',
				},
			],
		},
	],
};

export const filtersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'fixedCollection',
	placeholder: 'Add Condition',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Only the records that meet every condition',
	options: [
		{
			displayName: 'Conditions',
			name: 'conditions',
			values: [
				{
					displayName: 'Field',
					name: 'field',
					type: 'string',
					default: '',
					placeholder: 'e.g. email',
					description: 'As Kimple names it in its records, e.g. email, city or created_at',
				},
				{
					displayName: 'Operator',
					name: 'operator',
					type: 'options',
					options: [
						{ name: 'Contains', value: 'contains' },
						{ name: 'Equals', value: 'equals' },
						{ name: 'Greater Than', value: 'greaterThan' },
						{ name: 'Less Than', value: 'lessThan' },
					],
					default: 'contains',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Dates as Kimple writes them: 2024-05-31 23:59:59',
				},
			],
		},
	],
};

export const listOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Search Expression',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: "e.g. email~='@example.com' AND city='Lyon'",
			description:
				"Kimple's own search syntax, for experts: field, operator (~= contains, = equals, > and <) and a value in single quotes (a quote inside written twice), conditions joined by AND. Combined with the Filters above.",
		},
	],
};

/** The list operations of every resource: Return All / Limit, Sort, Filters, Options. */
export function listProperties(): INodeProperties[] {
	return [...returnAllOrLimit(), sortProperty, filtersProperty, listOptionsProperty];
}

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		"Whether to return the game's data (photo, access codes, purchase proofs, Sogec status, quiz answers and score) as named fields under game, and the form's fields at the top level, instead of Kimple's raw record",
};

/** The Request Options' max-wait field: its name, and its label in the editor and in messages. */
export const MAX_WAIT = { name: 'maxWait', label: 'Max Wait' };

/** Shown for every operation, under the operation's own parameters. */
export const requestOptionsProperty = requestOptions({
	maxWait: {
		...MAX_WAIT,
		default: DEFAULT_MAX_WAIT_SECONDS,
		description:
			'When Kimple answers "too many requests" or has a server error, each request waits (as long as Kimple asks, or 1, 2, 4… seconds) and tries again, for at most this long in total. 0 fails at once.',
	},
	timeoutDescription:
		'How long each request waits for Kimple to reply; a request that gets no reply in time is sent again',
	pagesAtOnce: {
		description:
			'How many pages of a list to ask Kimple for at once. Over a real network most of an export is spent waiting for replies: more pages at once wait together (halved after Kimple first answers "too many requests"). 1 reads one page after the other.',
	},
});
