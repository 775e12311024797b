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

/**
 * Shown for every operation, under the operation's own parameters. No max wait: Leevia documents no rate
 * limit, and its retries are fixed (transport/index.ts).
 */
export const requestOptionsProperty = requestOptions({
	timeoutDescription:
		'How long each request waits for Leevia to reply. A read that gets no reply in time is sent again; a registration is not, and its error says to check whether it was carried out.',
	pagesAtOnce: {
		description:
			'How many pages of a list to ask Leevia for at once. Over a real network most of an export is spent waiting for replies: more pages at once wait together (halved after Leevia first answers "too many requests"). 1 reads one page after the other.',
		// Register sends one request an item and reads no list.
		displayOptions: { hide: { '/operation': ['register'] } },
	},
});
