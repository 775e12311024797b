/** The readers of the parameters Leevia operations and the trigger share. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestOptions } from '../shared/http/request-options';
import {
	resolveProduct,
	type LeeviaContext,
	type LeeviaProduct,
	type LeeviaRequestOptions,
} from './transport';

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

/** The request settings of one item: where errors point, and how long to wait for a reply. */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
): LeeviaRequestOptions {
	const { timeoutMs } = readRequestOptions(context, itemIndex);
	return { itemIndex, ...(timeoutMs !== undefined && { timeoutMs }) };
}
