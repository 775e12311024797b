import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dropdown, router, type ResourcesOf } from '../shared/node/router';
import * as campaign from './actions/campaign';
import * as client from './actions/client';
import * as contest from './actions/contest';
import * as contestEntry from './actions/contestEntry';
import * as contestParticipation from './actions/contestParticipation';
import { requestOptionsProperty } from './descriptions';
import { listSearch } from './methods';

const resource = dropdown({
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Campaign',
			value: 'campaign',
			description: 'Email campaigns and their statistics',
		},
		{ name: 'Client', value: 'client', description: 'Client accounts' },
		{
			name: 'Contest',
			value: 'contest',
			description: 'Operations: contests, quizzes, games',
		},
		{
			name: 'Contest Entry',
			value: 'contestEntry',
			description: 'Participants of contests',
		},
		{
			name: 'Contest Participation',
			value: 'contestParticipation',
			description: 'Plays, with the form, the gift and the game data',
		},
	],
	default: 'contestEntry',
});

export class Kimple implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kimple',
		name: 'kimple',
		icon: { light: 'file:kimple.svg', dark: 'file:kimple.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read clients, contests, entries, participations with their game data, and email campaigns of Kimple',
		defaults: { name: 'Kimple' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kimpleApi', required: true }],
		properties: [
			resource,
			...campaign.description,
			...client.description,
			...contest.description,
			...contestEntry.description,
			...contestParticipation.description,
			requestOptionsProperty,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router(this, {
			campaign: campaign.operations,
			client: client.operations,
			contest: contest.operations,
			contestEntry: contestEntry.operations,
			contestParticipation: contestParticipation.operations,
		} satisfies ResourcesOf<typeof resource>);
	}
}
