import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getPromotions from './getPromotions.operation';

export const operations = { get, getAll, getPromotions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organizingBrand'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an organizing brand',
				action: 'Get an organizing brand',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get the account's organizing brands",
				action: 'Get many organizing brands',
			},
			{
				name: 'Get Promotions',
				value: 'getPromotions',
				description: 'Get the promotions of an organizing brand',
				action: 'Get the promotions of an organizing brand',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getPromotions.description,
];
