import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getRegistrationFields from './getRegistrationFields.operation';

export const operations = { get, getAll, getRegistrationFields };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['promotion'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a promotion',
				action: 'Get a promotion',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get the account's promotions",
				action: 'Get many promotions',
			},
			{
				name: 'Get Registration Fields',
				value: 'getRegistrationFields',
				description: "Get the fields of the promotion's registration form",
				action: 'Get the registration fields of a promotion',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getRegistrationFields.description,
];
