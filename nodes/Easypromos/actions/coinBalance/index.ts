import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as get from './get.operation';
import * as set from './set.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['coinBalance'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: "Get a user's coin balance",
			action: 'Get the coin balance of a user',
		},
		{
			name: 'Set',
			value: 'set',
			description: "Set a user's coin balance to a given figure",
			action: 'Set the coin balance of a user',
		},
	],
	default: 'get',
});

export const operations = { get, set } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [operation, ...get.description, ...set.description];
