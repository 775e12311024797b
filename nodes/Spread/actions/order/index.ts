import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Record an order of a customer from your shop',
			action: 'Create an order',
		},
		{ name: 'Get', value: 'get', description: 'Get an order', action: 'Get an order' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many orders',
			action: 'Get many orders',
		},
		{
			name: 'Update',
			value: 'update',
			description: "Change an order's amount, state or date",
			action: 'Update an order',
		},
	],
	default: 'get',
});

export const operations = { create, get, getAll, update } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [
	operation,
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
