import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as getByUser from './getByUser.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['coinTransaction'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Add coins to a user or take them away',
			action: 'Create a coin transaction',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "Get the promotion's coin transactions",
			action: 'Get many coin transactions',
		},
		{
			name: 'Get Many by User',
			value: 'getByUser',
			description: "Get a user's coin transactions",
			action: 'Get many coin transactions of a user',
		},
	],
	default: 'getAll',
});

export const operations = { create, getAll, getByUser } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [
	operation,
	...create.description,
	...getAll.description,
	...getByUser.description,
];
