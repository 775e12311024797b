import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as getAll from './getAll.operation';
import * as register from './register.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['participant'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Export the participants of a contest or loyalty portal',
			action: 'Get many participants',
		},
		{
			name: 'Register',
			value: 'register',
			description: 'Register a participant in an Instant Win contest and learn whether they won',
			action: 'Register a participant',
		},
	],
	default: 'register',
});

export const operations = { getAll, register } satisfies OperationsOf<typeof operation>;

export const description: INodeProperties[] = [
	operation,
	...register.description,
	...getAll.description,
];
