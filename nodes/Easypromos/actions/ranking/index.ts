import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ranking'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the leaderboard of a scored stage',
				action: 'Get a ranking',
			},
		],
		default: 'get',
	},
	...get.description,
];
