import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as get from './get.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['ranking'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get the leaderboard of a scored stage',
			action: 'Get a ranking',
		},
	],
	default: 'get',
});

export const operations = { get } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [operation, ...get.description];
