/** The "Simplify" switch both coin-transaction lists offer. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { flattenCoinTransaction } from '../../helpers/coinTransaction';

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		"Whether to return each transaction's fields at the top level, with the user's fields beside them as user_&lt;field&gt;, instead of Easypromos's {transaction, user} pair",
	// A contact has its own shape.
	displayOptions: { hide: { output: ['contact'] } },
};

export function shape(items: IDataObject[], simplify: boolean): IDataObject[] {
	return simplify ? items.map(flattenCoinTransaction) : items;
}
