import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { dropdown, router, type ResourcesOf } from '../shared/node/router';
import * as cagnotte from './actions/cagnotte';
import * as campaign from './actions/campaign';
import * as customer from './actions/customer';
import * as order from './actions/order';
import * as participation from './actions/participation';
import * as sponsorship from './actions/sponsorship';
import { outputOptionsProperty, requestOptionsProperty } from './descriptions';
import { listSearch } from './methods';

const resource = dropdown({
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Cagnotte',
			value: 'cagnotte',
			description: "A customer's loyalty points wallet",
		},
		{ name: 'Campaign', value: 'campaign', description: 'Instant wins, contests, quizzes' },
		{ name: 'Customer', value: 'customer', description: 'Members of the loyalty programme' },
		{ name: 'Order', value: 'order', description: "Your shop's orders" },
		{
			name: 'Participation',
			value: 'participation',
			description: "Customers' entries in campaigns",
		},
		{ name: 'Sponsorship', value: 'sponsorship', description: 'Referrals' },
	],
	default: 'cagnotte',
});

export class Spread implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SPREAD',
		name: 'spread',
		icon: { light: 'file:spread.svg', dark: 'file:spread.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Add and remove loyalty points in SPREAD cagnottes, and read and write customers, orders, campaigns, participations and sponsorships',
		defaults: { name: 'SPREAD' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'spreadApi', required: true }],
		properties: [
			resource,
			...cagnotte.description,
			...campaign.description,
			...customer.description,
			...order.description,
			...participation.description,
			...sponsorship.description,
			outputOptionsProperty,
			requestOptionsProperty,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router(this, {
			cagnotte: cagnotte.operations,
			campaign: campaign.operations,
			customer: customer.operations,
			order: order.operations,
			participation: participation.operations,
			sponsorship: sponsorship.operations,
		} satisfies ResourcesOf<typeof resource>);
	}
}
