import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as getAll from './getAll.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['campaign'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the campaigns of a loyalty portal',
			action: 'Get many campaigns',
		},
	],
	default: 'getAll',
});

export const operations = { getAll } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [operation, ...getAll.description];
