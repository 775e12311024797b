/**
 * One contact shape across platforms, inside a real n8n: the Leevia and Easypromos simulators seeded with
 * their sandbox accounts, a credential for each, and examples/contacts-merge-winners.json on them: both
 * platforms' winners with Output = Contact, appended by a Merge node into one list, then the example's
 * "CRM contact" Set node, with no mapping node in between. One `n8n execute` per line, shared by the cases.
 */
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';

import { EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { LeeviaSimulator, seedLeeviaSandbox } from '../../sandbox/simulators/leevia';
import { REPO_ROOT } from '../../sandbox/n8n/n8n';
import type { ExecutionResult, N8nItem, VendorSpec, WorkflowJson } from './lib/types';
import type { NodeJson } from './lib/workflows';

const LEEVIA_CREDENTIAL = { id: 'ctE2eLeeviaCred', name: 'Leevia e2e (contacts)' };
const EASYPROMOS_CREDENTIAL = { id: 'ctE2eEasypromosCred', name: 'Easypromos e2e (contacts)' };
const MERGE_EXAMPLE = 'contacts-merge-winners.json';
const CRM_EXAMPLES = [
	'leevia-new-winners-to-crm.json',
	'easypromos-new-prizes-to-crm.json',
	'kimple-new-entries-to-crm.json',
	'spread-new-cagnotte-lines-to-crm.json',
	MERGE_EXAMPLE,
];

/** The contact's keys in their documented order (README, "One contact shape for every platform"). */
const CONTACT_KEYS = [
	'email',
	'phone',
	'firstName',
	'lastName',
	'birthday',
	'gender',
	'address',
	'zip',
	'city',
	'country',
	'language',
	'consents',
	'prize',
	'points',
	'customFields',
	'source',
	'anonymized',
];

type Json = Record<string, unknown>;

function example(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as WorkflowJson;
}

function nodeOf(workflow: WorkflowJson, name: string): NodeJson {
	const found = workflow.nodes.find((node) => node.name === name);
	if (!found) throw new Error(`workflow "${workflow.name}" has no node "${name}"`);
	return found;
}

/** The merge example as it is, on this spec's credentials and the simulator's active promotion. */
function mergeWorkflow(promotion: { id: number; title: string }): WorkflowJson {
	const workflow = example(MERGE_EXAMPLE);
	const nodes = workflow.nodes.map((node): NodeJson => {
		const credentials = node.credentials as Json | undefined;
		if (credentials?.leeviaApi) return { ...node, credentials: { leeviaApi: LEEVIA_CREDENTIAL } };
		if (credentials?.easypromosApi) {
			const parameters = node.parameters as Json;
			return {
				...node,
				parameters: {
					...parameters,
					promotionId: {
						...(parameters.promotionId as Json),
						value: String(promotion.id),
						cachedResultName: promotion.title,
					},
				},
				credentials: { easypromosApi: EASYPROMOS_CREDENTIAL },
			};
		}
		return node;
	});
	return { ...workflow, id: 'ctE2eMergeWinners', name: 'e2e ctE2eMergeWinners', nodes };
}

const source = (item: N8nItem) => item.json.source as Json;
const platformOf = (item: N8nItem) => source(item).platform;

const spec: VendorSpec = {
	vendor: 'contacts',
	packages: ['n8n-nodes-leevia', 'n8n-nodes-easypromos'],
	async setup() {
		const leevia = await new LeeviaSimulator().start();
		const leeviaSandbox = seedLeeviaSandbox(leevia);
		let easypromos: EasypromosSimulator;
		try {
			easypromos = await new EasypromosSimulator().start();
		} catch (error) {
			await leevia.close();
			throw error;
		}
		const easypromosSandbox = easypromos.seedSandbox();
		const active = easypromosSandbox.promotions.active;

		// One winner on each platform typed their address with capitals and spaces: the contact lower-cases it.
		const contest = leevia.product('campaigns', leeviaSandbox.contestId)!;
		const leeviaWinner = contest.participants.find((participant) => participant.is_winner)!;
		leeviaWinner.email = `  Winner.${leeviaWinner.id}@Example.COM `;
		const [firstPrize] = easypromos.prizes(active.id);
		const prizeWinner = easypromos.users(active.id).find((user) => user.id === firstPrize.user_id)!;
		prizeWinner.email = `Prize.Winner.${prizeWinner.id}@Example.COM`;

		// The export lists a winner once per prize won; Easypromos lists each prize won with its winner.
		const leeviaWinnerIds = contest.participants.flatMap((participant) =>
			participant.is_winner
				? Array<string>(Math.max(1, participant.wins ?? 1)).fill(String(participant.id))
				: [],
		);
		const prizeIds = easypromos.prizes(active.id).map((prize) => String(prize.id));

		const workflow = mergeWorkflow(active);
		let run: Promise<ExecutionResult> | undefined;
		const merged = async (execute: (id: string) => Promise<ExecutionResult>) => {
			run ??= execute(workflow.id);
			const result = await run;
			assert.equal(result.status, 'success', result.errorMessage);
			return result;
		};
		const crmFields = (
			(nodeOf(workflow, 'CRM contact').parameters as Json).assignments as {
				assignments: Array<{ name: string }>;
			}
		).assignments.map((assignment) => assignment.name);

		return {
			credentials: [
				{
					...LEEVIA_CREDENTIAL,
					type: 'leeviaApi',
					data: {
						apiKey: leeviaSandbox.apiKey,
						apiSecret: leeviaSandbox.apiSecret,
						productType: 'campaigns',
						productId: leeviaSandbox.contestId,
						baseUrl: leevia.url,
					},
				},
				{
					...EASYPROMOS_CREDENTIAL,
					type: 'easypromosApi',
					data: { accessToken: easypromosSandbox.token, baseUrl: easypromos.apiUrl },
				},
			],
			workflows: [workflow],
			close: async () => {
				await Promise.all([leevia.close(), easypromos.close()]);
			},
			cases: [
				{
					name: 'examples: the four …-to-crm examples and the merge example end in the same CRM contact node, their contact source on Output = Contact',
					async run() {
						const [first, ...others] = CRM_EXAMPLES.map((file) => {
							const workflow = example(file);
							const crm = nodeOf(workflow, 'CRM contact');
							// Nothing comes out of the CRM contact node: it ends the workflow.
							assert.equal(workflow.connections['CRM contact'], undefined, file);
							const feeding = workflow.nodes.filter(
								(node) =>
									/^n8n-nodes-(leevia|easypromos|kimple|spread)\./.test(String(node.type)) &&
									(node.parameters as Json).output !== undefined,
							);
							assert.ok(feeding.length > 0, `${file}: no node with Output`);
							for (const node of feeding)
								assert.equal((node.parameters as Json).output, 'contact', `${file}: ${node.name}`);
							return { file, type: crm.type, version: crm.typeVersion, parameters: crm.parameters };
						});
						for (const other of others)
							assert.deepEqual(
								{ ...other, file: first.file },
								first,
								`${other.file}'s CRM contact differs from ${first.file}'s`,
							);
					},
				},
				{
					name: "Leevia's and Easypromos's winners merged with no mapping node: every item the contact keys in order, each platform's winners once",
					async run(ctx) {
						const result = await merged(ctx.execute);
						const items = result.items('All winners');
						for (const item of items) assert.deepEqual(Object.keys(item.json), CONTACT_KEYS);
						const fromLeevia = items.filter((item) => platformOf(item) === 'leevia');
						const fromEasypromos = items.filter((item) => platformOf(item) === 'easypromos');
						assert.equal(
							fromLeevia.length + fromEasypromos.length,
							items.length,
							'other platforms',
						);
						assert.deepEqual(
							fromLeevia.map((item) => source(item).recordId),
							leeviaWinnerIds,
							"Leevia's winners",
						);
						assert.deepEqual(
							fromEasypromos.map((item) => source(item).recordId).sort(),
							[...prizeIds].sort(),
							"Easypromos's prizes won",
						);
						// Append: the first input's items, then the second's.
						assert.deepEqual(items.map(platformOf), [
							...fromLeevia.map(() => 'leevia'),
							...fromEasypromos.map(() => 'easypromos'),
						]);
						ctx.log(
							`${items.length} contacts: ${fromLeevia.length} Leevia winners, ${fromEasypromos.length} Easypromos prizes won`,
						);
					},
				},
				{
					name: 'the merged winners: prize.won true with a title, emails trimmed and lower-cased',
					async run(ctx) {
						const items = (await merged(ctx.execute)).items('All winners');
						assert.ok(items.length > 0);
						for (const item of items) {
							const prize = item.json.prize as Json;
							assert.equal(prize?.won, true, `${platformOf(item)} ${source(item).recordId}`);
							const email = item.json.email as string;
							assert.equal(typeof email, 'string');
							assert.equal(email, email.trim().toLowerCase());
						}
						// Easypromos's prizes have a type; Leevia's winner export names none.
						for (const item of items.filter((one) => platformOf(one) === 'easypromos'))
							assert.equal(typeof (item.json.prize as Json).title, 'string');
						const emails = items.map((item) => item.json.email);
						assert.ok(emails.includes(`winner.${leeviaWinner.id}@example.com`), 'Leevia email');
						assert.ok(
							emails.includes(`prize.winner.${prizeWinner.id}@example.com`),
							'Easypromos email',
						);
					},
				},
				{
					name: 'the CRM contact Set node: the same fields, in the same order, for both platforms',
					async run(ctx) {
						const result = await merged(ctx.execute);
						const contacts = result.items('All winners');
						const rows = result.items('CRM contact');
						assert.equal(rows.length, contacts.length);
						for (const [index, row] of rows.entries()) {
							const contact = contacts[index].json;
							assert.deepEqual(Object.keys(row.json), crmFields);
							assert.equal(row.json.Email, contact.email);
							assert.equal(row.json['Source platform'], platformOf(contacts[index]));
							assert.equal(row.json['Source record'], source(contacts[index]).recordId);
							assert.equal(row.json['Won prize'], true);
						}
						for (const platform of ['leevia', 'easypromos']) {
							const row = rows.find((one) => one.json['Source platform'] === platform);
							assert.ok(row, `no CRM contact from ${platform}`);
							ctx.log(`${platform}: ${JSON.stringify(row.json)}`);
						}
					},
				},
			],
		};
	},
};

export default spec;
