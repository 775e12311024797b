import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as checkRequirement from './checkRequirement.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getByUser from './getByUser.operation';
import * as getRemaining from './getRemaining.operation';
import * as participate from './participate.operation';
import * as validateCode from './validateCode.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['participation'] } },
	options: [
		{
			name: 'Check Requirement',
			value: 'checkRequirement',
			description:
				"Check whether a user meets a stage's requirement, such as a code, without taking part",
			action: 'Check a participation requirement',
		},
		{
			name: 'Create',
			value: 'create',
			description:
				'Record a participation of a user in a stage, e.g. one made in an external game or app',
			action: 'Create a participation',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a participation',
			action: 'Get a participation',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: "Get the promotion's participations",
			action: 'Get many participations',
		},
		{
			name: 'Get Many by User',
			value: 'getByUser',
			description: "Get a user's participations",
			action: 'Get many participations of a user',
		},
		{
			name: 'Get Remaining',
			value: 'getRemaining',
			description: 'Get how many more times a user may take part in a stage',
			action: 'Get the remaining participations of a user',
		},
		{
			name: 'Participate',
			value: 'participate',
			description: 'Make a user take part in a stage (spin the wheel, play the instant win...)',
			action: 'Make a user participate in a stage',
		},
		{
			name: 'Validate Code',
			value: 'validateCode',
			description: "Check a code against the stage's code list and use it up",
			action: 'Validate a code',
		},
	],
	default: 'getAll',
});

export const operations = {
	checkRequirement,
	create,
	get,
	getAll,
	getByUser,
	getRemaining,
	participate,
	validateCode,
} satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [
	operation,
	...checkRequirement.description,
	...create.description,
	...get.description,
	...getAll.description,
	...getByUser.description,
	...getRemaining.description,
	...participate.description,
	...validateCode.description,
];
