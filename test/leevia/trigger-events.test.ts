/**
 * The Leevia Trigger's New Registration and New Participation events, polled by n8n's engine against
 * the simulator: the export's `type=registration` and `type=participation` (contests only).
 */
import type { IDataObject } from 'n8n-workflow';

import { packageNode, type TestEnvironment } from '../harness';
import type { LeeviaParticipant, LeeviaSimulator } from '../../sandbox/simulators/leevia';
import { credentialRef, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;
let contest: { participants: LeeviaParticipant[] };

beforeEach(async () => {
	({ simulator, environment } = await startLeevia());
	// Contest 90: 250 participants, three pages of the export.
	contest = simulator.product('campaigns', '90')!;
	simulator.logRequests = true;
});
afterEach(async () => await simulator.close());

const trigger = (parameters: IDataObject) =>
	packageNode('Leevia Trigger', 'leeviaTrigger', parameters, { credentials: credentialRef });
const emitted = (result: Array<Array<{ json: IDataObject }>> | null) =>
	result ? result[0].map((item) => item.json.id) : [];
/** The export pages a poll asked for, as "type page" (e.g. "registration 3"). */
const pagesRead = () =>
	simulator.requestLog
		.filter((request) => request.key === 'GET participants')
		.map((request) => {
			const query = new URL(request.url, 'http://sim').searchParams;
			return `${query.get('type') ?? 'all'} ${query.get('page')}`;
		});

describe('Leevia Trigger: New Registration', () => {
	test('emits each new registration once; the baseline and a poll with nothing new emit nothing', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newRegistration', productId: '90' });
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(pagesRead()).toEqual(['registration 1', 'registration 2', 'registration 3']);

		const [registered, playedOnly, alsoRegistered] = simulator.makeParticipants(3);
		playedOnly.registered = false;
		contest.participants.push(registered, playedOnly, alsoRegistered);
		simulator.resetCounts();
		expect(emitted(await environment.poll(node, staticData))).toEqual([
			registered.id,
			alsoRegistered.id,
		]);
		// The remembered last page still starts as it did: one request.
		expect(pagesRead()).toEqual(['registration 3']);

		simulator.resetCounts();
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(pagesRead()).toEqual(['registration 3']);
		expect((staticData['node:Leevia Trigger'] as IDataObject).watching).toBe(
			'newRegistration:campaigns/90',
		);
	});

	test('on a loyalty portal it says to choose New Participant, before any request', async () => {
		await expect(
			environment.poll(
				trigger({ event: 'newRegistration', productType: 'loyalty_portals', productId: '456' }),
				{},
			),
		).rejects.toThrow(
			'Only contests have a registration export: choose New Participant for loyalty_portals, or set Product Type to Contest (Campaign)',
		);
		expect(simulator.count('authenticate')).toBe(0);
		expect(simulator.count('GET participants')).toBe(0);
	});
});

describe('Leevia Trigger: New Participation', () => {
	test('emits each play once, a second play by a known player too; nothing twice', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newParticipation', productId: '90' });
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(pagesRead()).toEqual(['participation 1', 'participation 2', 'participation 3']);

		const [player, registeredOnly, twice] = simulator.makeParticipants(3);
		registeredOnly.plays = 0;
		twice.plays = 2;
		contest.participants.push(player, registeredOnly, twice);
		simulator.resetCounts();
		expect(emitted(await environment.poll(node, staticData))).toEqual([
			player.id,
			twice.id,
			twice.id,
		]);
		expect(pagesRead()).toEqual(['participation 3']);

		simulator.resetCounts();
		expect(await environment.poll(node, staticData)).toBeNull();
		expect(pagesRead()).toEqual(['participation 3']);

		// A player from page 1 plays again: the listing lands among the old ones, the pages shift, and
		// the poll reads the export whole to find it.
		const returning = contest.participants[5];
		returning.plays = 2;
		simulator.resetCounts();
		expect(emitted(await environment.poll(node, staticData))).toEqual([returning.id]);
		expect(pagesRead()).toEqual([
			'participation 3',
			'participation 1',
			'participation 2',
			'participation 3',
		]);
		simulator.resetCounts();
		expect(await environment.poll(node, staticData)).toBeNull();
	});

	test('a vendor refusal says what to check, and the state is not moved', async () => {
		const staticData: IDataObject = {};
		const node = trigger({ event: 'newParticipation', productId: '90' });
		await environment.poll(node, staticData);
		const before = JSON.stringify(staticData);
		simulator.injectFault('GET participants', {
			status: 403,
			body: { errors: { campaign: ['not allowed'] } },
		});
		contest.participants.push(...simulator.makeParticipants(1));
		await expect(environment.poll(node, staticData)).rejects.toThrow(
			'Leevia forbids this request (HTTP 403): check that the product type and ID belong to the account of the API key in the credential',
		);
		expect(JSON.stringify(staticData)).toBe(before);
		// The next poll emits the newcomer: nothing was lost.
		expect(emitted(await environment.poll(node, staticData))).toHaveLength(1);
	});

	test('on a WhatsApp campaign it says to choose New Participant, before any request', async () => {
		await expect(
			environment.poll(
				trigger({ event: 'newParticipation', productType: 'whatsapp_campaigns', productId: '321' }),
				{},
			),
		).rejects.toThrow('Only contests have a participation export');
		expect(simulator.count('GET participants')).toBe(0);
	});
});
