import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as create from './create.operation';
import * as find from './find.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['customer'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a customer',
			action: 'Create a customer',
		},
		{
			name: 'Find',
			value: 'find',
			description: 'Find a customer by email or external ID',
			action: 'Find a customer by email or external ID',
		},
		{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many customers',
			action: 'Get many customers',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Update a customer found by email or external ID',
			action: 'Update a customer',
		},
	],
	default: 'get',
});

export const operations = { create, find, get, getAll, update } satisfies OperationsOf<
	typeof operation
>;

export const description: INodeProperties[] = [
	operation,
	...create.description,
	...find.description,
	...get.description,
	...getAll.description,
	...update.description,
];
