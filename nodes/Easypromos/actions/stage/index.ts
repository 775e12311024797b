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
		displayOptions: { show: { resource: ['stage'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a participation stage',
				action: 'Get a stage',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get the promotion's participation stages",
				action: 'Get many stages',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
