import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getRegistrationFields from './getRegistrationFields.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['promotion'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get a promotion',
			action: 'Get a promotion',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "Get the account's promotions",
			action: 'Get many promotions',
		},
		{
			name: 'Get Registration Fields',
			value: 'getRegistrationFields',
			description: "Get the fields of the promotion's registration form",
			action: 'Get the registration fields of a promotion',
		},
	],
	default: 'getAll',
});

export const operations = { get, getAll, getRegistrationFields } satisfies OperationsOf<
	typeof operation
>;

export const description: INodeProperties[] = [
	operation,
	...get.description,
	...getAll.description,
	...getRegistrationFields.description,
];
