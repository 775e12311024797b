import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getPromotions from './getPromotions.operation';

const operation = dropdown({
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
});

export const operations = { get, getAll, getPromotions } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [
	operation,
	...get.description,
	...getAll.description,
	...getPromotions.description,
];
