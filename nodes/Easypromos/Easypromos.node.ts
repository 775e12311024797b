import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dropdown, router, type ResourcesOf } from '../shared/node/router';
import * as coinBalance from './actions/coinBalance';
import * as coinTransaction from './actions/coinTransaction';
import * as organizingBrand from './actions/organizingBrand';
import * as participation from './actions/participation';
import * as pointOfSale from './actions/pointOfSale';
import * as prize from './actions/prize';
import * as promotion from './actions/promotion';
import * as ranking from './actions/ranking';
import * as stage from './actions/stage';
import * as user from './actions/user';
import { requestOptionsProperty } from './descriptions';
import { listSearch } from './methods';

const resource = dropdown({
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Coin Balance', value: 'coinBalance', description: "A user's virtual coins" },
		{
			name: 'Coin Transaction',
			value: 'coinTransaction',
			description: 'Movements of virtual coins',
		},
		{
			name: 'Organizing Brand',
			value: 'organizingBrand',
			description: 'The brands that organize promotions',
		},
		{
			name: 'Participation',
			value: 'participation',
			description: 'Entries of users in participation stages',
		},
		{ name: 'Point of Sale', value: 'pointOfSale', description: "A promotion's stores" },
		{ name: 'Prize', value: 'prize', description: 'Prizes won, and prize stock' },
		{ name: 'Promotion', value: 'promotion', description: 'Contests, giveaways, games' },
		{ name: 'Ranking', value: 'ranking', description: 'Leaderboards of scored stages' },
		{
			name: 'Stage',
			value: 'stage',
			description: 'Participation stages: quizzes, games, wheels',
		},
		{ name: 'User', value: 'user', description: 'Participants of a promotion' },
	],
	default: 'user',
});

export class Easypromos implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Easypromos',
		name: 'easypromos',
		icon: { light: 'file:easypromos.svg', dark: 'file:easypromos.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read promotions, users, participations, prizes and coins of Easypromos promotions, and send users, participations and coin movements in',
		defaults: { name: 'Easypromos' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'easypromosApi', required: true }],
		properties: [
			resource,
			...coinBalance.description,
			...coinTransaction.description,
			...organizingBrand.description,
			...participation.description,
			...pointOfSale.description,
			...prize.description,
			...promotion.description,
			...ranking.description,
			...stage.description,
			...user.description,
			requestOptionsProperty,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router(this, {
			coinBalance: coinBalance.operations,
			coinTransaction: coinTransaction.operations,
			organizingBrand: organizingBrand.operations,
			participation: participation.operations,
			pointOfSale: pointOfSale.operations,
			prize: prize.operations,
			promotion: promotion.operations,
			ranking: ranking.operations,
			stage: stage.operations,
			user: user.operations,
		} satisfies ResourcesOf<typeof resource>);
	}
}
