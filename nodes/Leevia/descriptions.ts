/** The editor properties that Leevia operations and the trigger share: each written once. */
import type { INodeProperties } from 'n8n-workflow';

import { requestOptions } from '../shared/node/descriptions';
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

/** Shown under the list operations: how many pages are read at once, and how long a reply may take. */
export const listRequestOptionsProperty = requestOptions({
	pagesAtOnce: {
		description:
			'How many pages of the list to ask Leevia for at once. Over a real network most of an export is spent waiting for replies: more pages at once wait together (halved after Leevia first answers "too many requests"). 1 reads one page after the other.',
	},
	timeoutDescription:
		'How long each request waits for Leevia to reply; a request that gets no reply in time is sent again',
});
