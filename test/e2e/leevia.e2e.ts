/**
 * Leevia inside a real n8n: the sandbox simulator, one credential pointing at it, a workflow per case,
 * executed with `n8n execute` and checked on the items and on what the simulator saw.
 * (The polling trigger is not executed here: `n8n execute` runs in 'cli' mode, in which n8n does not poll;
 * the runner's load check covers that n8n loaded it.)
 */
import { strict as assert } from 'assert';

import { LeeviaSimulator, seedLeeviaSandbox } from '../../sandbox/simulators/leevia';
import type { N8nItem, VendorSpec, WorkflowJson } from './lib/types';
import { itemsFrom, manualTrigger, noOp, workflowOf, type NodeJson } from './lib/workflows';

const CREDENTIAL = { id: 'e2eLeeviaCred01', name: 'Leevia e2e' };
const LEEVIA = 'n8n-nodes-leevia.leevia';

type Parameters = Record<string, unknown>;

/** Manual Trigger → [extra nodes] → Leevia → Next (a No Op, to see what reached the node after Leevia). */
function workflow(
	id: string,
	leevia: Parameters,
	options: { settings?: Parameters; before?: NodeJson[] } = {},
): WorkflowJson {
	return workflowOf(id, [
		manualTrigger,
		...(options.before ?? []),
		{
			name: 'Leevia',
			type: LEEVIA,
			typeVersion: 1,
			parameters: leevia,
			credentials: { leeviaApi: CREDENTIAL },
			...options.settings,
		},
		noOp,
	]);
}

const register = (parameters: Parameters) => ({
	resource: 'participant',
	operation: 'register',
	acceptRules: true,
	...parameters,
});

const WORKFLOWS = {
	listFive: workflow('e2eLvList5', { resource: 'participant', operation: 'getAll', limit: 5 }),
	register: workflow(
		'e2eLvRegister',
		register({
			email: 'e2e.register@example.com',
			firstName: "={{ 'Jo' + 'hn' }}",
			lastName: 'Doe',
		}),
	),
	listAll: workflow('e2eLvListAll', {
		resource: 'participant',
		operation: 'getAll',
		returnAll: true,
	}),
	whatsappWinners: workflow('e2eLvWaWinners', {
		resource: 'participant',
		operation: 'getAll',
		productType: 'whatsapp_campaigns',
		productId: '321',
		type: 'winner',
		returnAll: true,
	}),
	portalCampaigns: workflow('e2eLvCampaigns', {
		resource: 'campaign',
		operation: 'getAll',
		portalId: '456',
		returnAll: true,
	}),
	continueOnFail: workflow('e2eLvContinue', register({ email: '={{ $json.email }}' }), {
		before: itemsFrom('email', [
			'e2e.ok1@example.com',
			'not-an-email',
			'e2e.ok2@example.com',
			'e2e.ok1@example.com',
		]),
		settings: { onError: 'continueRegularOutput' },
	}),
	closedContest: workflow(
		'e2eLvClosed',
		register({ campaignId: '81', email: 'e2e.late@example.com' }),
	),
};

const ids = (items: N8nItem[]) => items.map((item) => item.json.id);

const spec: VendorSpec = {
	vendor: 'leevia',
	packages: ['n8n-nodes-leevia'],
	async setup() {
		const simulator = await new LeeviaSimulator().start();
		const sandbox = seedLeeviaSandbox(simulator);
		const contest = simulator.product('campaigns', sandbox.contestId)!;
		const signIns = () => simulator.count('authenticate');

		return {
			credentials: [
				{
					...CREDENTIAL,
					type: 'leeviaApi',
					data: {
						apiKey: sandbox.apiKey,
						apiSecret: sandbox.apiSecret,
						productType: 'campaigns',
						productId: sandbox.contestId,
						baseUrl: simulator.url,
					},
				},
			],
			workflows: Object.values(WORKFLOWS),
			close: async () => await simulator.close(),
			cases: [
				{
					name: 'token: the first execution signs in once, the second (a new n8n process) zero times',
					async run(ctx) {
						const first = await ctx.execute(WORKFLOWS.listFive.id);
						assert.equal(first.status, 'success', first.errorMessage);
						assert.equal(first.items('Next').length, 5);
						assert.equal(signIns(), 1, 'sign-ins after the first execution');
						const second = await ctx.execute(WORKFLOWS.listFive.id);
						assert.equal(second.status, 'success', second.errorMessage);
						assert.equal(
							signIns(),
							1,
							'the second execution signed in: the token was not kept in the credential store',
						);
					},
				},
				{
					name: 'token: after Leevia expires it, one new sign-in, and the new token is kept',
					async run(ctx) {
						simulator.expireTokens();
						const before = signIns();
						const refreshed = await ctx.execute(WORKFLOWS.listFive.id);
						assert.equal(refreshed.status, 'success', refreshed.errorMessage);
						assert.equal(refreshed.items('Next').length, 5);
						assert.equal(signIns(), before + 1);
						await ctx.execute(WORKFLOWS.listFive.id);
						assert.equal(signIns(), before + 1, 'the refreshed token was not kept');
					},
				},
				{
					name: 'participant → register: the new participant, with an expression evaluated, and its prize fields',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.register.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const [item] = result.items('Next');
						assert.equal(item.json.email, 'e2e.register@example.com');
						assert.equal(item.json.campaign_id, 80);
						assert.equal(typeof item.json.is_winner, 'boolean');
						assert.deepEqual(result.items('Leevia')[0].pairedItem, { item: 0 });
						const stored = contest.participants.at(-1)!;
						assert.equal(stored.email, 'e2e.register@example.com');
						assert.equal(stored.first_name, 'John');
					},
				},
				{
					name: 'participant → get many, Return All: every participant of the contest, each once, across pages',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.listAll.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const items = result.items('Next');
						assert.deepEqual(
							ids(items),
							contest.participants.map((p) => p.id),
						);
						assert.equal(new Set(ids(items)).size, contest.participants.length);
						assert.ok(
							contest.participants.length > 300,
							'the sandbox contest has more than 3 pages of participants',
						);
						assert.ok(simulator.count('GET participants') >= 4, 'pages requested');
					},
				},
				{
					name: 'participant → get many: the winners of a WhatsApp campaign',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.whatsappWinners.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const winners = simulator
							.product('whatsapp_campaigns', '321')!
							.participants.filter((p) => p.is_winner);
						assert.ok(winners.length > 0);
						assert.deepEqual(
							ids(result.items('Next')),
							winners.map((p) => p.id),
						);
					},
				},
				{
					name: 'campaign → get many: every campaign of the loyalty portal',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.portalCampaigns.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const campaigns = simulator.product('loyalty_portals', '456')!.campaigns ?? [];
						assert.ok(campaigns.length > 0);
						assert.equal(result.items('Next').length, campaigns.length);
					},
				},
				{
					name: 'continue on fail: failed items become error items and reach the next node, paired',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.continueOnFail.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const next = result.items('Next');
						assert.equal(next.length, 4);
						assert.deepEqual(
							result.items('Leevia').map((item) => item.pairedItem),
							[{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }],
						);
						assert.equal(next[0].json.email, 'e2e.ok1@example.com');
						assert.match(String(next[1].json.error), /not-an-email/);
						assert.equal(next[2].json.email, 'e2e.ok2@example.com');
						assert.equal(next[3].json.error, 'email: has already been taken');
					},
				},
				{
					name: 'without continue on fail, a vendor error stops the workflow with a message that says why',
					async run(ctx) {
						const result = await ctx.execute(WORKFLOWS.closedContest.id);
						assert.equal(result.status, 'error');
						assert.match(String(result.errorMessage), /the contest is not online/);
						assert.deepEqual(result.items('Next'), []);
					},
				},
			],
		};
	},
};

export default spec;
