import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as getAll from './getAll.operation';
import * as getByUser from './getByUser.operation';
import * as getInventory from './getInventory.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['prize'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the prizes won in the promotion',
			action: 'Get many prizes',
		},
		{
			name: 'Get Many by User',
			value: 'getByUser',
			description: 'Get the prizes a user won',
			action: 'Get many prizes of a user',
		},
		{
			name: 'Get Inventory',
			value: 'getInventory',
			description: "Get the promotion's prize types and the units they hold",
			action: 'Get the prize inventory',
		},
	],
	default: 'getAll',
});

export const operations = { getAll, getByUser, getInventory } satisfies OperationsOf<
	typeof operation
>;

export const description: INodeProperties[] = [
	operation,
	...getAll.description,
	...getByUser.description,
	...getInventory.description,
];
