import type { IDataObject } from 'n8n-workflow';

import { packageNode, type TestEnvironment } from '../harness';
import type { LeeviaSimulator } from '../../sandbox/simulators/leevia';
import { credentialRef, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;

beforeEach(async () => {
	({ simulator, environment } = await startLeevia());
});
afterEach(async () => await simulator.close());

const trigger = (parameters: IDataObject) =>
	packageNode('Leevia Trigger', 'leeviaTrigger', parameters, { credentials: credentialRef });
const emitted = (result: Array<Array<{ json: IDataObject }>> | null) =>
	result ? result[0].map((item) => item.json.id) : [];

describe('Leevia Trigger', () => {
	test('the first poll records a baseline and emits nothing old', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newParticipant', productId: '90' });
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(simulator.count('GET participants')).toBe(3);
		expect(await environment.poll(node, staticData)).toBeNull();
	});

	test('later polls emit each new participant exactly once, across pages', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newParticipant', productId: '90' });
		await environment.poll(node, staticData);
		const contest = simulator.product('campaigns', '90')!;
		// 130 newcomers: the export grows from 3 to 4 pages and the new ones span two of them.
		const newcomers = simulator.makeParticipants(130);
		contest.participants.push(...newcomers);
		const second = await environment.poll(node, staticData);
		expect(emitted(second)).toEqual(newcomers.map((p) => p.id));
		expect(await environment.poll(node, staticData)).toBeNull();
		const late = simulator.makeParticipants(1);
		contest.participants.push(...late);
		expect(emitted(await environment.poll(node, staticData))).toEqual([late[0].id]);
	});

	test('Output = Contact: each newcomer in the one contact shape, keyed by its Leevia id', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newParticipant', productId: '90', output: 'contact' });
		await environment.poll(node, staticData);
		const contest = simulator.product('campaigns', '90')!;
		const newcomers = simulator.makeParticipants(2);
		contest.participants.push(...newcomers);
		const result = await environment.poll(node, staticData);
		const contacts = result ? result[0].map((item) => item.json) : [];
		expect(contacts.map((contact) => (contact.source as IDataObject).recordId)).toEqual(
			newcomers.map((participant) => String(participant.id)),
		);
		expect(contacts[0]).toMatchObject({
			email: newcomers[0].email?.toLowerCase() ?? null,
			firstName: newcomers[0].first_name,
			source: { platform: 'leevia', product: { id: '90' } },
		});
		expect(Object.keys(contacts[0])[0]).toBe('email');
	});

	test('New Winner watches winners only', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newWinner', productId: '90' });
		await environment.poll(node, staticData);
		const contest = simulator.product('campaigns', '90')!;
		const [loser, winner] = simulator.makeParticipants(2, 2);
		contest.participants.push(loser, winner);
		expect(emitted(await environment.poll(node, staticData))).toEqual([winner.id]);
	});

	test('changing the product starts a new baseline instead of flooding', async () => {
		const staticData: IDataObject = {};
		await environment.poll(trigger({ event: 'newParticipant', productId: '90' }), staticData);
		const other = trigger({
			event: 'newParticipant',
			productType: 'loyalty_portals',
			productId: '456',
		});
		expect(await environment.poll(other, staticData)).toBeNull();
		simulator
			.product('loyalty_portals', '456')!
			.participants.push(...simulator.makeParticipants(1));
		expect(emitted(await environment.poll(other, staticData))).toHaveLength(1);
	});

	test('a manual test returns a real sample without moving the baseline', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newParticipant', productId: '90' });
		const sample = await environment.poll(node, staticData, 'manual');
		expect(sample?.[0]).toHaveLength(1);
		expect(sample?.[0][0].json).toHaveProperty('email');
		expect(staticData).toEqual({});
	});

	test('the state the node saves stays a few bytes: the ids as ranges, not a list', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newParticipant', productId: '90' });
		await environment.poll(node, staticData);
		const ids = simulator.product('campaigns', '90')!.participants.map((p) => p.id);
		expect(staticData['node:Leevia Trigger']).toEqual({
			watching: 'newParticipant:campaigns/90',
			seen: { ranges: [[ids[0], ids[ids.length - 1]]] },
			// Where the next poll reads on: the last page, its ids, the export's size and page size.
			end: { page: 3, ids: [[ids[200], ids[249]]], count: 250, perPage: 100 },
		});
		expect(JSON.stringify(staticData).length).toBeLessThan(200);
	});

	test('a workflow saved by the previous version keeps its baseline: new ones only, then the compact state', async () => {
		const contest = simulator.product('campaigns', '90')!;
		const oldIds = contest.participants.map((p) => p.id);
		// What version 0.1.0 saved: every id seen, in a list.
		const staticData: IDataObject = {
			'node:Leevia Trigger': { watching: 'newParticipant:campaigns/90', seenIds: oldIds },
		};
		const node = trigger({ event: 'newParticipant', productId: '90' });
		const newcomers = simulator.makeParticipants(3);
		contest.participants.push(...newcomers);
		expect(emitted(await environment.poll(node, staticData))).toEqual(newcomers.map((p) => p.id));
		expect(staticData['node:Leevia Trigger']).toMatchObject({
			watching: 'newParticipant:campaigns/90',
			// The simulator numbered other products' participants in between, hence two ranges.
			seen: {
				ranges: [
					[oldIds[0], oldIds[oldIds.length - 1]],
					[newcomers[0].id, newcomers[2].id],
				],
			},
		});
		expect(await environment.poll(node, staticData)).toBeNull();
	});

	test('New Winner on a loyalty portal says it is not available', async () => {
		await expect(
			environment.poll(
				trigger({ event: 'newWinner', productType: 'loyalty_portals', productId: '456' }),
				{},
			),
		).rejects.toThrow('Loyalty portals have no winner export');
	});
});
