/** The editor properties that Leevia operations and the trigger share: each written once. */
import type { INodeProperties } from 'n8n-workflow';

import { LEEVIA_PRODUCT_TYPES } from './transport';

/** The product to read from, when it is not the credential's own: its kind, then its ID. */
export function productProperties(purpose: string): INodeProperties[] {
	return [
		{
			displayName: 'Product Type',
			name: 'productType',
			type: 'options',
			options: [{ name: 'From Credential', value: '' }, ...LEEVIA_PRODUCT_TYPES],
			default: '',
			description: `Kind of product ${purpose}. From Credential uses the credential's product.`,
		},
		{
			displayName: 'Product ID',
			name: 'productId',
			type: 'string',
			default: '',
			placeholder: "Empty: the credential's product",
			description: `ID of the contest or loyalty portal ${purpose}. Leave empty to use the product ID of the credential.`,
		},
	];
}
