import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as register from './register.operation';

export const operations = { getAll, register };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['participant'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Export the participants of a contest or loyalty portal',
				action: 'Get many participants',
			},
			{
				name: 'Register',
				value: 'register',
				description: 'Register a participant in an Instant Win contest and learn whether they won',
				action: 'Register a participant',
			},
		],
		default: 'register',
	},
	...register.description,
	...getAll.description,
];
