import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as addSegments from './addSegments.operation';
import * as autologin from './autologin.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getLoginToken from './getLoginToken.operation';
import * as removeSegments from './removeSegments.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['user'] } },
	options: [
		{
			name: 'Add Segments',
			value: 'addSegments',
			description: 'Add a user to segments of the account',
			action: 'Add segments to a user',
		},
		{
			name: 'Autologin',
			value: 'autologin',
			description:
				'Register a person from your system in the promotion, or find them again, and get a login token',
			action: 'Register or identify a user by autologin',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a user',
			action: 'Get a user',
		},
		{
			name: 'Get Login Token',
			value: 'getLoginToken',
			description: 'Get a login token that sends an existing user into the promotion',
			action: 'Get a login token for a user',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "Get the promotion's users",
			action: 'Get many users',
		},
		{
			name: 'Remove Segments',
			value: 'removeSegments',
			description: 'Remove a user from segments',
			action: 'Remove segments from a user',
		},
	],
	default: 'getAll',
});

export const operations = {
	addSegments,
	autologin,
	get,
	getAll,
	getLoginToken,
	removeSegments,
} satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [
	operation,
	...addSegments.description,
	...autologin.description,
	...get.description,
	...getAll.description,
	...getLoginToken.description,
	...removeSegments.description,
];
