/** The Filters of SPREAD's lists: each filter SPREAD documents, as the editor shows it. */
import type { INodeProperties } from 'n8n-workflow';

import type { FilterName } from '../transport';

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
