import type { INodeProperties } from 'n8n-workflow';

import { dropdown, type OperationsOf } from '../../../shared/node/router';
import * as addPoints from './addPoints.operation';
import * as getAll from './getAll.operation';
import * as removePoints from './removePoints.operation';

const operation = dropdown({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['cagnotte'] } },
	options: [
		{
			name: 'Add Points',
			value: 'addPoints',
			description: "Add points to a customer's cagnotte",
			action: 'Add points to a cagnotte',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get cagnotte lines: points added and spent',
			action: 'Get many cagnotte lines',
		},
		{
			name: 'Remove Points',
			value: 'removePoints',
			description: "Take points from a customer's cagnotte",
			action: 'Remove points from a cagnotte',
		},
	],
	default: 'addPoints',
});

export const operations = { addPoints, getAll, removePoints } satisfies OperationsOf<
	typeof operation
>;

export const description: INodeProperties[] = [
	operation,
	...addPoints.description,
	...getAll.description,
	...removePoints.description,
];
