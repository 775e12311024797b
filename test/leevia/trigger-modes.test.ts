/**
 * The Leevia Trigger reads on from where its previous poll ended, and reads the export whole when
 * what it finds there does not match what it remembered. Real polls through n8n's engine against
 * the simulator, in every way the export can change: each participant (each win) comes out exactly
 * once, none is missed, across at least five polls, and a poll with fewer than 100 newcomers costs
 * at most 3 requests whenever the export kept its shape.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject } from 'n8n-workflow';

import { packageNode, type TestEnvironment } from '../harness';
import {
	anonymise,
	scramble,
	type LeeviaProduct,
	type LeeviaSimulator,
} from '../../sandbox/simulators/leevia';
import { credentialRef, startLeevia } from './setup';

let simulator: LeeviaSimulator;
let environment: TestEnvironment;
let debug: jest.SpyInstance;

beforeEach(async () => {
	({ simulator, environment } = await startLeevia());
	debug = jest.spyOn(Container.get(Logger), 'debug');
});
afterEach(async () => {
	debug.mockRestore();
	await simulator.close();
});

const STATE = 'node:Leevia Trigger';

/** What one poll did: the ids it emitted, its requests, and whether it read the export whole. */
interface Poll {
	ids: unknown[];
	requests: number;
	fullRead?: string;
}

/** A trigger on `product`, polled as n8n does, with what each poll cost. */
function watch(event: string, product: LeeviaProduct, staticData: IDataObject = {}) {
	const node = packageNode(
		'Leevia Trigger',
		'leeviaTrigger',
		{ event, productType: product.type, productId: product.id },
		{ credentials: credentialRef },
	);
	return {
		staticData,
		async poll(): Promise<Poll> {
			simulator.resetCounts();
			debug.mockClear();
			const result = await environment.poll(node, staticData);
			const logged = debug.mock.calls
				.map(([message]) => String(message))
				.find((message) => message.startsWith('Leevia Trigger read the whole'));
			return {
				ids: result ? result[0].map((item) => item.json.id) : [],
				requests: simulator.count('GET participants'),
				fullRead: logged,
			};
		},
	};
}

/**
 * Polls `rounds` times after the baseline; before each poll `change(round)` alters the export and
 * returns the ids that became new. Every poll must emit exactly those, in order.
 */
async function pollRounds(
	trigger: ReturnType<typeof watch>,
	rounds: number,
	change: (round: number) => number[],
): Promise<Poll[]> {
	const baseline = await trigger.poll();
	expect(baseline.ids).toEqual([]);
	const polls: Poll[] = [];
	for (let round = 0; round < rounds; round++) {
		const arrived = change(round);
		const poll = await trigger.poll();
		expect({ round, ids: poll.ids }).toEqual({ round, ids: arrived });
		polls.push(poll);
	}
	return polls;
}

const contest = () => simulator.product('campaigns', '90')!;
const join = (product: LeeviaProduct, count: number, winEvery = 0) => {
	const newcomers = simulator.makeParticipants(count, winEvery);
	product.participants.push(...newcomers);
	return newcomers;
};
const idsOf = (participants: Array<{ id: number }>) => participants.map((p) => p.id);

describe('Leevia Trigger: reads on from where the last poll ended', () => {
	test('participants appended: each once, at most 3 requests under 100 new, never the whole export', async () => {
		contest().participants.push(...simulator.makeParticipants(2_750));
		const batches = [0, 1, 3, 99, 0, 250, 7];
		const polls = await pollRounds(watch('newParticipant', contest()), batches.length, (round) =>
			idsOf(join(contest(), batches[round])),
		);
		expect(polls.map((poll) => poll.fullRead)).toEqual(batches.map(() => undefined));
		polls.forEach((poll, round) => {
			if (batches[round] < 100) expect(poll.requests).toBeLessThanOrEqual(3);
		});
		// 250 newcomers span at most 4 pages: the remembered one and three more.
		expect(polls[5].requests).toBeLessThanOrEqual(4);
	});

	test('a participant deleted from an early page: that poll reads the whole export, the next ones read on', async () => {
		const polls = await pollRounds(watch('newParticipant', contest()), 6, (round) => {
			if (round === 1) contest().participants.splice(5, 1);
			if (round === 3) contest().participants.splice(150, 2);
			return idsOf(join(contest(), round === 3 ? 0 : 2));
		});
		expect(polls.map((poll) => Boolean(poll.fullRead))).toEqual([
			false,
			true,
			false,
			true,
			false,
			false,
		]);
		expect(polls[1].fullRead).toMatch(/no longer starts with the participants/);
		expect(polls.filter((poll) => !poll.fullRead).every((poll) => poll.requests <= 3)).toBe(true);
	});

	test('the last participant deleted: the export shrank, read whole, nothing emitted twice', async () => {
		await pollRounds(watch('newParticipant', contest()), 5, (round) => {
			if (round === 1) contest().participants.pop();
			if (round === 2) {
				contest().participants.pop();
				return idsOf(join(contest(), 1));
			}
			return idsOf(join(contest(), round));
		});
	});

	test('anonymised participants: an old one is not emitted again, a new one comes out masked, once', async () => {
		let masked: number | undefined;
		const polls = await pollRounds(watch('newParticipant', contest()), 5, (round) => {
			if (round === 1) anonymise(contest().participants[3]);
			if (round === 2) anonymise(contest().participants[contest().participants.length - 1]);
			const newcomers = join(contest(), 2);
			if (round === 3) masked = anonymise(newcomers[1]).id;
			return idsOf(newcomers);
		});
		expect(polls.every((poll) => poll.requests <= 3)).toBe(true);
		expect(masked).toBeDefined();
	});

	test('an anonymised newcomer is emitted with its masked data and the flag', async () => {
		const trigger = watch('newParticipant', contest());
		await trigger.poll();
		const [newcomer] = join(contest(), 1);
		anonymise(newcomer);
		const node = packageNode(
			'Leevia Trigger',
			'leeviaTrigger',
			{ event: 'newParticipant', productId: '90' },
			{ credentials: credentialRef },
		);
		const result = await environment.poll(node, trigger.staticData);
		expect(result?.[0].map((item) => item.json)).toEqual([
			expect.objectContaining({ id: newcomer.id, email: '***', pseudoanonymized: 'true' }),
		]);
	});

	test('a shuffled export: newcomers land anywhere, each comes out once, nothing is missed', async () => {
		contest().order = 'shuffled';
		const polls = await pollRounds(watch('newParticipant', contest()), 6, (round) => {
			const newcomers = join(contest(), [1, 3, 0, 120, 5, 2][round]);
			// In the export's own order, which is what a poll emits.
			const rank = new Map(
				simulatedOrder(contest()).map((participant, index) => [participant.id, index]),
			);
			return idsOf(newcomers).sort((a, b) => rank.get(a)! - rank.get(b)!);
		});
		// Most polls find their remembered page changed; none of them loses or repeats anyone.
		expect(polls.some((poll) => poll.fullRead)).toBe(true);
	});

	test('the order turns shuffled after some polls, then back to ascending', async () => {
		await pollRounds(watch('newParticipant', contest()), 6, (round) => {
			if (round === 2) contest().order = 'shuffled';
			if (round === 4) contest().order = 'ascending';
			const newcomers = join(contest(), 2);
			const rank = new Map(simulatedOrder(contest()).map((p, index) => [p.id, index]));
			return idsOf(newcomers).sort((a, b) => rank.get(a)! - rank.get(b)!);
		});
	});

	test('the page size changes: one poll reads whole, the next ones read on at the new size', async () => {
		const polls = await pollRounds(watch('newParticipant', contest()), 6, (round) => {
			if (round === 2) simulator.pageSize = 40;
			if (round === 4) simulator.pageSize = 100;
			return idsOf(join(contest(), 3));
		});
		expect(polls.map((poll) => Boolean(poll.fullRead))).toEqual([
			false,
			false,
			true,
			false,
			true,
			false,
		]);
		expect(polls[2].fullRead).toMatch(/page size changed from 100 to 40/);
		expect(polls[3].requests).toBeLessThanOrEqual(3);
	});
});

describe('Leevia Trigger: New Winner and WhatsApp campaigns read on the same way', () => {
	test('a participant who wins again is emitted for each win; new winners once', async () => {
		const product = contest();
		const polls = await pollRounds(watch('newWinner', product), 6, (round) => {
			const newcomers = join(product, 10, 5);
			const arrived = idsOf(newcomers.filter((p) => p.is_winner));
			if (round === 2) {
				// An early winner wins a second prize: the export lists them twice, side by side.
				const early = product.participants.find((p) => p.is_winner)!;
				early.wins = 2;
				return [early.id, ...arrived];
			}
			if (round === 4) {
				// The newest winner wins twice more.
				newcomers[9].wins = 3;
				return [...arrived, newcomers[9].id, newcomers[9].id];
			}
			return arrived;
		});
		expect(polls.map((poll) => Boolean(poll.fullRead))).toEqual([
			false,
			false,
			true,
			false,
			false,
			false,
		]);
		expect(polls.filter((poll) => !poll.fullRead).every((poll) => poll.requests <= 3)).toBe(true);
	});

	test('WhatsApp campaign: new participants once each, reading on', async () => {
		const whatsapp = simulator.product('whatsapp_campaigns', '321')!;
		const polls = await pollRounds(watch('newParticipant', whatsapp), 5, (round) =>
			idsOf(join(whatsapp, [1, 0, 80, 3, 2][round])),
		);
		expect(polls.every((poll) => poll.requests <= 2 && !poll.fullRead)).toBe(true);
	});

	test('WhatsApp campaign: new winners once each, and a second win', async () => {
		const whatsapp = simulator.product('whatsapp_campaigns', '321')!;
		await pollRounds(watch('newWinner', whatsapp), 5, (round) => {
			const arrived = idsOf(join(whatsapp, 6, 3).filter((p) => p.is_winner));
			if (round !== 3) return arrived;
			const first = whatsapp.participants.find((p) => p.is_winner)!;
			first.wins = 2;
			return [first.id, ...arrived];
		});
	});
});

describe('Leevia Trigger: a workflow saved by an earlier version carries on', () => {
	test('state {watching, seen} (0.2): one whole read emits only newcomers, then it reads on', async () => {
		const old = idsOf(contest().participants);
		const staticData: IDataObject = {
			[STATE]: {
				watching: 'newParticipant:campaigns/90',
				seen: { ranges: [[old[0], old[old.length - 1]]] },
			},
		};
		const trigger = watch('newParticipant', contest(), staticData);
		const polls: Poll[] = [];
		for (const count of [3, 0, 2, 1, 4]) {
			const newcomers = join(contest(), count);
			const poll = await trigger.poll();
			expect(poll.ids).toEqual(idsOf(newcomers));
			polls.push(poll);
		}
		expect(polls[0].fullRead).toMatch(/no position is remembered/);
		expect(polls.slice(1).every((poll) => !poll.fullRead && poll.requests <= 2)).toBe(true);
		expect(staticData[STATE]).toHaveProperty('end');
	});

	test('state {seenIds: [...]} (0.1): newcomers only, then the compact state that reads on', async () => {
		const staticData: IDataObject = {
			[STATE]: {
				watching: 'newWinner:campaigns/90',
				seenIds: contest().participants.map((p) => p.id),
			},
		};
		const trigger = watch('newWinner', contest(), staticData);
		for (let round = 0; round < 5; round++) {
			const winners = join(contest(), 4, 2).filter((p) => p.is_winner);
			expect((await trigger.poll()).ids).toEqual(idsOf(winners));
		}
		expect(staticData[STATE]).not.toHaveProperty('seenIds');
		expect(JSON.stringify(staticData[STATE]).length).toBeLessThan(1_000);
	});
});

/** The participants in the order the simulator's export lists them. */
function simulatedOrder(product: LeeviaProduct) {
	return product.order === 'shuffled'
		? [...product.participants].sort((a, b) => scramble(a.id) - scramble(b.id))
		: product.participants;
}
