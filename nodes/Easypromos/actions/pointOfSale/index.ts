import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['pointOfSale'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get the promotion's points of sale",
				action: 'Get many points of sale',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
