import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as campaignGetAll from './actions/campaign/getAll';
import * as participantGetAll from './actions/participant/getAll';
import * as participantRegister from './actions/participant/register';
import { router } from './actions/router';

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
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign', description: 'Campaigns of a loyalty portal' },
					{ name: 'Participant', value: 'participant', description: 'People taking part in a contest' },
				],
				default: 'participant',
			},
			{
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
			},
			{
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
			},
			...participantRegister.description,
			...participantGetAll.description,
			...campaignGetAll.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
