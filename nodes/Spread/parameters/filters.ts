/** The Filters of a list as SPREAD's query. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { FILTER_PROPERTIES } from '../descriptions';
import { FILTER_NAMES, type FilterName } from '../transport';
import { fail, readDate } from './values';

const DATE_FILTERS: FilterName[] = [
	'createdAfter',
	'createdBefore',
	'modifiedAfter',
	'modifiedBefore',
];
const ID_FILTERS: FilterName[] = ['customerId', 'cagnotteId', 'campaignId'];

/** The Filters as SPREAD's query: its spellings, dates in its format, each value checked. */
export function readFilters(
	context: IExecuteFunctions,
	itemIndex: number,
	timeZone: string,
): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		if (!(name in FILTER_NAMES) || value === undefined || value === null || value === '') continue;
		const filter = name as FilterName;
		const label = `${FILTER_PROPERTIES[filter].displayName} filter`;
		if (DATE_FILTERS.includes(filter)) {
			qs[FILTER_NAMES[filter]] = readDate(context, itemIndex, value, label, timeZone);
		} else if (ID_FILTERS.includes(filter)) {
			const id = String(value).trim();
			if (!/^[0-9]+$/.test(id))
				throw fail(
					context,
					itemIndex,
					`${label} "${id}" is not valid: SPREAD IDs are whole numbers: fix the ${label}`,
				);
			qs[FILTER_NAMES[filter]] = id;
		} else {
			const amount = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
			if (!Number.isFinite(amount))
				throw fail(
					context,
					itemIndex,
					`${label} "${String(value)}" is not a number: fix the ${label}`,
				);
			qs[FILTER_NAMES[filter]] = amount;
		}
	}
	return qs;
}
