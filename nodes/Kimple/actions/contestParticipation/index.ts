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
		displayOptions: { show: { resource: ['contestParticipation'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contest participation by its hash ID or numeric ID',
				action: 'Get a contest participation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get contest participations, sorted and filtered',
				action: 'Get many contest participations',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
