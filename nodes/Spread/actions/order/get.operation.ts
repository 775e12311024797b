import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fail } from '../../parameters';
import { paths } from '../../transport';
import { getOne } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	[
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. PS-100234',
			description: "The order's reference in your shop (the orderId SPREAD keeps)",
		},
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderId = String(this.getNodeParameter('orderId', itemIndex, '') ?? '').trim();
	if (!orderId) throw fail(this, itemIndex, 'Set the Order ID');
	return await getOne(this, itemIndex, paths.order(orderId), `Order ID ${orderId}`);
}
