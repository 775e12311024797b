import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/node/list-properties';
import { orderProperty } from '../../descriptions';
import { readOrder } from '../../parameters';
import { paths } from '../../transport';
import { getMany } from '../requests';

const STATUSES = ['all', 'draft', 'active', 'expired'];

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active', description: 'Running promotions' },
			{ name: 'All', value: 'all' },
			{ name: 'Draft', value: 'draft', description: 'Promotions not published yet' },
			{ name: 'Expired', value: 'expired', description: 'Promotions that have ended' },
		],
		default: 'all',
	},
	orderProperty,
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['promotion'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const status = this.getNodeParameter('status', itemIndex, 'all') as string;
	if (!STATUSES.includes(status)) {
		throw new NodeOperationError(
			this.getNode(),
			`Status "${status}" is not valid: use ${STATUSES.join(', ')}`,
			{
				itemIndex,
			},
		);
	}
	return await getMany(this, itemIndex, paths.promotions(), {
		status,
		...readOrder(this, itemIndex),
	});
}
