import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['campaign'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a campaign by its hash ID or numeric ID',
			action: 'Get a campaign',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get campaigns, sorted and filtered',
			action: 'Get many campaigns',
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
