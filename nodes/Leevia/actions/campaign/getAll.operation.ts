import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readLimit, returnAllOrLimit } from '../../../shared/node/list-properties';
import { requestSettings } from '../../parameters';
import { leeviaRequestAllItems, paths, resolveProduct } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Loyalty Portal ID',
		name: 'portalId',
		type: 'string',
		default: '',
		placeholder: "Empty: the credential's product",
		description:
			'ID of the loyalty portal whose campaigns to list. Leave empty when the credential belongs to the portal.',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Draft', value: 'draft', description: 'Being created or edited' },
			{ name: 'Live', value: 'live', description: 'Online: people can take part' },
			{ name: 'Over', value: 'over', description: 'Terminated' },
			{ name: 'Testable', value: 'testable', description: 'Under testing' },
		],
		default: '',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const portalId = String(this.getNodeParameter('portalId', itemIndex, '')).trim();
	let productId = portalId;
	if (!productId) {
		const product = await resolveProduct(this);
		if (product.productType !== 'loyalty_portals') {
			throw new NodeOperationError(
				this.getNode(),
				'Campaigns are listed per loyalty portal: set the Loyalty Portal ID, or use a credential whose product type is Loyalty Portal',
				{ itemIndex },
			);
		}
		productId = product.productId;
	}
	const status = this.getNodeParameter('status', itemIndex, '') as string;
	return await leeviaRequestAllItems.call(
		this,
		paths.portalCampaigns(productId),
		status ? { status } : {},
		readLimit(this, itemIndex),
		requestSettings(this, itemIndex),
	);
}
