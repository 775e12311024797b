import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as getAll from './getAll.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['sponsorship'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many sponsorships (referrals)',
			action: 'Get many sponsorships',
		},
	],
	default: 'getAll',
});

export const operations = { getAll } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [operation, ...getAll.description];
