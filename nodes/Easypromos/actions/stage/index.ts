import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['stage'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a participation stage',
			action: 'Get a stage',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "Get the promotion's participation stages",
			action: 'Get many stages',
		},
	],
	default: 'getAll',
});

export const operations = { get, getAll } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [
	operation,
	...get.description,
	...getAll.description,
];
