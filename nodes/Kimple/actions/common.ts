/** Parameters the Kimple operations share, and the helpers that read and check them. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../shared/node/list-properties';
import { readRequestOptions } from '../../shared/http/request-options';
import {
	buildCondition,
	buildOrder,
	fieldProblem,
	joinSearch,
	searchProblem,
	type SearchCondition,
	type SortField,
} from '../helpers/search';
import {
	CONTEST_FIELD,
	DEFAULT_MAX_WAIT_SECONDS,
	SEARCH_OPERATORS,
	kimpleRequest,
	kimpleRequestAllItems,
	paths,
	recordOf,
	type KimpleRequestOptions,
	type KimpleResource,
} from '../transport';

/** How each resource is named in messages: one record, and a list of them. */
export const RECORD_NAMES: Record<KimpleResource, { one: string; many: string }> = {
	client: { one: 'client', many: 'clients' },
	contest: { one: 'contest', many: 'contests' },
	contestEntry: { one: 'contest entry', many: 'contest entries' },
	campaign: { one: 'campaign', many: 'campaigns' },
	contestParticipation: { one: 'contest participation', many: 'contest participations' },
};

/** A numeric ID or a hash ID: letters, digits, - and _. */
const RECORD_ID = /^[A-Za-z0-9_-]+$/;

/** The contest, picked from a list searchable by title or given by its hash ID (or numeric ID). */
export const contestLocator: INodeProperties = {
	displayName: 'Contest',
	name: 'contestId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The contest (Kimple calls it an operation)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a contest...',
			typeOptions: { searchListMethod: 'searchContests', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 78HY9n',
			hint: "The contest's hash ID, or its numeric ID where Kimple shows one",
			// No editor `validation` regex: n8n 2.x runs it in a vm limited to 250 ms at every execution,
			// which fails under heavy load; the operation checks the ID and says what to fix.
		},
	],
};

/** The contest a list or the trigger is limited to: empty for every contest. */
export const contestScope: INodeProperties = {
	displayName: 'Contest',
	name: 'contestId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Only the records of this contest. Leave empty for every contest of the account.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a contest...',
			typeOptions: { searchListMethod: 'searchContests', searchable: true },
		},
		{
			displayName: 'By Hash ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 78HY9n',
			// No editor `validation` regex: n8n 2.x runs it in a vm limited to 250 ms at every execution,
			// which fails under heavy load; the operation checks the ID and says what to fix.
		},
	],
};

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

/** Shown for every operation, under the operation's own parameters. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_WAIT_SECONDS,
			description:
				'When Kimple answers "too many requests" or has a server error, each request waits (as long as Kimple asks, or 1, 2, 4… seconds) and tries again, for at most this long in total. 0 fails at once.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			// REQUEST_TIMEOUT_MS of nodes/shared/http/request-timeout.ts (the lint rule wants a literal here).
			default: 30,
			description:
				'How long each request waits for Kimple to reply; a request that gets no reply in time is sent again',
		},
	],
};

function fail(context: IExecuteFunctions, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** A record's ID from a string parameter or a resource locator: a numeric ID or a hash ID. */
export function readRecordId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!RECORD_ID.test(value)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not valid: give a hash ID such as QKr1mkPcJb or a numeric ID, letters and digits only`,
		);
	}
	if (/^0+$/.test(value)) {
		throw fail(
			context,
			itemIndex,
			`${label} 0 is a masked ID (Kimple shows numeric IDs as 0): give the record's hash ID instead`,
		);
	}
	return value;
}

/** The contest a list is limited to, as its hash ID, or undefined for every contest. */
export function readContestScope(
	context: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	const raw = context.getNodeParameter('contestId', itemIndex, '', {
		extractValue: true,
	}) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) return undefined;
	if (!RECORD_ID.test(value)) {
		throw fail(
			context,
			itemIndex,
			`Contest "${value}" is not valid: pick a contest from the list or give its hash ID, e.g. 78HY9n`,
		);
	}
	return value;
}

/** The request settings of one item: where errors point, how long to wait on faults and for replies. */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	about?: string,
): KimpleRequestOptions {
	const { maxWaitSeconds, timeoutMs } = readRequestOptions(
		context,
		itemIndex,
		'maxWait',
		'Max Wait',
	);
	const settings: KimpleRequestOptions = { itemIndex, about };
	if (maxWaitSeconds !== undefined) settings.maxWaitSeconds = maxWaitSeconds;
	if (timeoutMs !== undefined) settings.timeoutMs = timeoutMs;
	return settings;
}

const OPERATORS = Object.keys(SEARCH_OPERATORS);

/** The Sort rows as an order expression, each field checked. */
export function readOrder(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const sort = context.getNodeParameter('sort', itemIndex, {}) as { fields?: IDataObject[] };
	const fields = (sort.fields ?? []).map((row, index): SortField => {
		const field = String(row.field ?? '').trim();
		const problem = fieldProblem(field);
		if (problem) throw fail(context, itemIndex, `Sort field ${index + 1}: ${problem}`);
		const direction = String(row.direction ?? 'asc');
		if (direction !== 'asc' && direction !== 'desc') {
			throw fail(
				context,
				itemIndex,
				`Sort field ${index + 1} ("${field}"): direction "${direction}" is not valid, use asc or desc`,
			);
		}
		return { field, direction };
	});
	return buildOrder(fields);
}

/** The Filters rows and the raw Search Expression, ANDed into one search expression. */
export function readSearch(
	context: IExecuteFunctions,
	itemIndex: number,
	contestHashId?: string,
): string | undefined {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as {
		conditions?: IDataObject[];
	};
	const built = (filters.conditions ?? []).map((row, index) => {
		const field = String(row.field ?? '').trim();
		const problem = fieldProblem(field);
		if (problem) throw fail(context, itemIndex, `Filter ${index + 1}: ${problem}`);
		const operator = String(row.operator ?? 'contains');
		if (!OPERATORS.includes(operator)) {
			throw fail(
				context,
				itemIndex,
				`Filter ${index + 1} ("${field}"): operator "${operator}" is not valid, use ${OPERATORS.join(', ')}`,
			);
		}
		const value = row.value === undefined || row.value === null ? '' : String(row.value);
		return buildCondition({ field, operator, value } as SearchCondition);
	});
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const raw = String(options.search ?? '').trim();
	if (raw) {
		const problem = searchProblem(raw);
		if (problem) {
			throw fail(
				context,
				itemIndex,
				`Search Expression "${raw}" is not valid: ${problem}. Write conditions such as email~='@example.com' AND city='Lyon'`,
			);
		}
	}
	const scope = contestHashId
		? buildCondition({ field: CONTEST_FIELD, operator: 'equals', value: contestHashId })
		: undefined;
	return joinSearch([scope, ...built, raw]);
}

/** The list of `resource`, as the node's Sort, Filters, Options and Return All / Limit say. */
export async function getMany(
	context: IExecuteFunctions,
	itemIndex: number,
	resource: KimpleResource,
	contestHashId?: string,
): Promise<IDataObject[]> {
	const qs: IDataObject = {};
	const order = readOrder(context, itemIndex);
	if (order) qs.order = order;
	const search = readSearch(context, itemIndex, contestHashId);
	if (search) qs.search = search;
	const about = contestHashId ? `the contest ${contestHashId}` : undefined;
	return await kimpleRequestAllItems.call(
		context,
		paths.list(resource),
		qs,
		readLimit(context, itemIndex),
		{
			...requestSettings(context, itemIndex, about),
			records: RECORD_NAMES[resource].many,
		},
	);
}

/** One record of `resource` by the ID in the parameter `name`. */
export async function getOne(
	context: IExecuteFunctions,
	itemIndex: number,
	resource: KimpleResource,
	name: string,
): Promise<IDataObject> {
	const { one } = RECORD_NAMES[resource];
	const id = readRecordId(context, itemIndex, name, `${one[0].toUpperCase()}${one.slice(1)} ID`);
	const reply = await kimpleRequest.call(
		context,
		paths.record(resource, id),
		requestSettings(context, itemIndex, `the ${one} ID ${id}`),
	);
	return recordOf(reply);
}
