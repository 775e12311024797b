/**
 * The readers of the parameters several Kimple operations (and the trigger) share: each returns the
 * checked value, or throws a message that names the parameter and says what to fix, before any
 * request is sent.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestOptions } from '../shared/http/request-options';
import { MAX_WAIT } from './descriptions';
import {
	buildCondition,
	buildOrder,
	fieldProblem,
	joinSearch,
	searchProblem,
	type SearchCondition,
	type SortField,
} from './helpers/search';
import { CONTEST_FIELD, SEARCH_OPERATORS, type KimpleRequestOptions } from './transport';

/** A numeric ID or a hash ID: letters, digits, - and _. */
const RECORD_ID = /^[A-Za-z0-9_-]+$/;

function fail(
	context: IExecuteFunctions | IPollFunctions,
	itemIndex: number | undefined,
	message: string,
): NodeOperationError {
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

/**
 * The contest a list (of an item) or the trigger (which has no items) is limited to, as its hash
 * ID, or undefined for every contest.
 */
export function readContestScope(context: IExecuteFunctions, itemIndex: number): string | undefined;
export function readContestScope(context: IPollFunctions): string | undefined;
export function readContestScope(
	context: IExecuteFunctions | IPollFunctions,
	itemIndex?: number,
): string | undefined {
	const options = { extractValue: true };
	const raw: unknown =
		itemIndex === undefined
			? (context as IPollFunctions).getNodeParameter('contestId', '', options)
			: (context as IExecuteFunctions).getNodeParameter('contestId', itemIndex, '', options);
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
	const { maxWaitSeconds, timeoutMs, pagesAtOnce } = readRequestOptions(
		context,
		itemIndex,
		MAX_WAIT.name,
		MAX_WAIT.label,
	);
	const settings: KimpleRequestOptions = { itemIndex, about };
	if (maxWaitSeconds !== undefined) settings.maxWaitSeconds = maxWaitSeconds;
	if (timeoutMs !== undefined) settings.timeoutMs = timeoutMs;
	if (pagesAtOnce !== undefined) settings.pagesAtOnce = pagesAtOnce;
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
