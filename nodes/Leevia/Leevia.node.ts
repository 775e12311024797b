import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dropdown, router, type ResourcesOf } from '../shared/node/router';
import * as campaign from './actions/campaign';
import * as participant from './actions/participant';
import { requestOptionsProperty } from './descriptions';

const resource = dropdown({
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Campaign', value: 'campaign', description: 'Campaigns of a loyalty portal' },
		{
			name: 'Participant',
			value: 'participant',
			description: 'People taking part in a contest',
		},
	],
	default: 'participant',
});

export class Leevia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leevia',
		name: 'leevia',
		icon: { light: 'file:leevia.svg', dark: 'file:leevia.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Register participants and export participants and campaigns of Leevia contests',
		defaults: { name: 'Leevia' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leeviaApi', required: true }],
		properties: [
			resource,
			...participant.description,
			...campaign.description,
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router(this, {
			campaign: campaign.operations,
			participant: participant.operations,
		} satisfies ResourcesOf<typeof resource>);
	}
}
