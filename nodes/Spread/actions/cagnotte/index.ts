import type { INodeProperties } from 'n8n-workflow';

import * as addPoints from './addPoints.operation';
import * as getAll from './getAll.operation';
import * as removePoints from './removePoints.operation';

export const operations = { addPoints, getAll, removePoints };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['cagnotte'] } },
		options: [
			{
				name: 'Add Points',
				value: 'addPoints',
				description: "Add points to a customer's cagnotte",
				action: 'Add points to a cagnotte',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get cagnotte lines: points added and spent',
				action: 'Get many cagnotte lines',
			},
			{
				name: 'Remove Points',
				value: 'removePoints',
				description: "Take points from a customer's cagnotte",
				action: 'Remove points from a cagnotte',
			},
		],
		default: 'addPoints',
	},
	...addPoints.description,
	...getAll.description,
	...removePoints.description,
];
