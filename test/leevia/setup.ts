/** A Leevia simulator with one account of several products, and an n8n engine wired to it. */
import type { IDataObject } from 'n8n-workflow';

import { LeeviaApi } from '../../credentials/LeeviaApi.credentials';
import { Leevia } from '../../nodes/Leevia/Leevia.node';
import { LeeviaTrigger } from '../../nodes/Leevia/LeeviaTrigger.node';
import { TestEnvironment, chain, nextNode, packageNode } from '../harness';
import { LeeviaSimulator, makeCampaigns } from '../../sandbox/simulators/leevia';

export const API_KEY = 'test_app_key';
export const API_SECRET = 'test_app_secret';
export const CREDENTIAL_ID = 'leevia-1';

export async function startLeevia() {
	const simulator = await new LeeviaSimulator().start();
	simulator.addAccount({
		apiKey: API_KEY,
		apiSecret: API_SECRET,
		accountId: 1,
		products: [
			{
				type: 'campaigns',
				id: '80',
				state: 'online',
				participants: [],
				mandatoryFields: [],
				winEvery: 2,
			},
			{ type: 'campaigns', id: '81', state: 'ended', participants: [] },
			{
				type: 'campaigns',
				id: '82',
				state: 'online',
				participants: [],
				mandatoryFields: ['occupation'],
			},
			{
				type: 'campaigns',
				id: '90',
				state: 'online',
				participants: simulator.makeParticipants(250, 10),
			},
			{ type: 'whatsapp_campaigns', id: '321', participants: simulator.makeParticipants(30, 5) },
			{
				type: 'loyalty_portals',
				id: '456',
				participants: simulator.makeParticipants(120),
				campaigns: makeCampaigns(230),
			},
		],
	});
	const environment = new TestEnvironment([new Leevia(), new LeeviaTrigger()], [new LeeviaApi()]);
	environment.addCredential({
		id: CREDENTIAL_ID,
		name: 'Leevia sandbox',
		type: 'leeviaApi',
		data: {
			apiKey: API_KEY,
			apiSecret: API_SECRET,
			productType: 'campaigns',
			productId: '80',
			baseUrl: simulator.url,
		},
	});
	return { simulator, environment };
}

export const credentialRef = { leeviaApi: { id: CREDENTIAL_ID, name: 'Leevia sandbox' } };

export function leeviaNode(parameters: IDataObject, extra: IDataObject = {}) {
	return packageNode('Leevia', 'leevia', parameters, { credentials: credentialRef, ...extra });
}

/** Items → Leevia → Next, so a test sees what reached the node after Leevia. */
export function leeviaWorkflow(
	items: IDataObject[],
	parameters: IDataObject,
	extra: IDataObject = {},
	fileText = '',
) {
	return chain(items, [leeviaNode(parameters, extra), nextNode()], fileText);
}
