import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['participation'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a participation',
				action: 'Get a participation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many participations',
				action: 'Get many participations',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
