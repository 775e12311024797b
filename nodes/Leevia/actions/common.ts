/** Parameters several Leevia operations (and the trigger) share, and the helpers that read them. */
import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	LEEVIA_PRODUCT_TYPES,
	resolveProduct,
	type LeeviaContext,
	type LeeviaProduct,
} from '../transport';

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

/** The product the parameters name, or the credential's; an error when neither has an ID. */
export async function requireProduct(
	context: LeeviaContext,
	override: { productType: string; productId: string },
	itemIndex?: number,
): Promise<LeeviaProduct> {
	const product = await resolveProduct(context, override);
	if (!product.productId) {
		throw new NodeOperationError(
			context.getNode(),
			'Set a Product ID, or a product ID in the Leevia credential',
			{ itemIndex },
		);
	}
	return product;
}
