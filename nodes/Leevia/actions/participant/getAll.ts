import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../../shared/list-properties';
import { leeviaRequestAllPages, resolveProduct } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Product Type',
		name: 'productType',
		type: 'options',
		options: [
			{ name: 'From Credential', value: '' },
			{ name: 'Contest (Campaign)', value: 'campaigns' },
			{ name: 'Loyalty Portal', value: 'loyalty_portals' },
			{ name: 'WhatsApp Campaign', value: 'whatsapp_campaigns' },
		],
		default: '',
		description: "Kind of product to export from. From Credential uses the credential's product.",
	},
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		placeholder: "Empty: the credential's product",
		description: 'ID of the contest or loyalty portal. Leave empty to use the product ID of the credential.',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'All', value: '', description: 'Every participant' },
			{
				name: 'Participation',
				value: 'participation',
				description: 'People who played (contests only; one entry per play)',
			},
			{
				name: 'Registration',
				value: 'registration',
				description: 'People who registered (contests only)',
			},
			{ name: 'Winner', value: 'winner', description: 'People who won a prize' },
		],
		default: '',
		description: 'Which participants to export. Loyalty portals take no type.',
		displayOptions: { hide: { productType: ['loyalty_portals'] } },
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['participant'], operation: ['getAll'] } },
	properties,
);

/** The `type` values Leevia accepts for each kind of product. */
const TYPES_BY_PRODUCT: Record<string, string[]> = {
	campaigns: ['registration', 'participation', 'winner'],
	whatsapp_campaigns: ['winner'],
	loyalty_portals: [],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const product = await resolveProduct(this, {
		productType: this.getNodeParameter('productType', itemIndex, '') as string,
		productId: String(this.getNodeParameter('productId', itemIndex, '')),
	});
	if (!product.productId) {
		throw new NodeOperationError(this.getNode(), 'Set a Product ID, or a product ID in the Leevia credential', {
			itemIndex,
		});
	}
	const type = this.getNodeParameter('type', itemIndex, '') as string;
	const validTypes = TYPES_BY_PRODUCT[product.productType] ?? [];
	if (type && !validTypes.includes(type)) {
		throw new NodeOperationError(
			this.getNode(),
			`Type "${type}" does not apply to ${product.productType}: ${
				validTypes.length ? `use ${validTypes.join(', ')} or All` : 'use All'
			}`,
			{ itemIndex },
		);
	}
	return await leeviaRequestAllPages.call(
		this,
		`/${product.productType}/${encodeURIComponent(product.productId)}/participants`,
		'participants',
		type ? { type } : {},
		readLimit(this, itemIndex),
		itemIndex,
	);
}
