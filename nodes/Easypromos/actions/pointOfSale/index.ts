import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as getAll from './getAll.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['pointOfSale'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: "Get the promotion's points of sale",
			action: 'Get many points of sale',
		},
	],
	default: 'getAll',
});

export const operations = { getAll } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [operation, ...getAll.description];
