/**
 * Kimple inside a real n8n: the sandbox simulator (and a second one that masks numeric ids as 0), a
 * credential for each and one with a wrong secret. Two `n8n execute` calls per line: one workflow whose
 * branches each hold a case (every one of them ends without stopping the workflow), run once and shared by
 * the cases that read it, and one whose 401 stops it. The Set nodes of examples/kimple-*.json run on real
 * records in the first, so the examples' expressions are checked on both lines too.
 * (The trigger is not executed here: `n8n execute` runs in 'cli' mode, in which n8n does not poll; the
 * runner's load check covers that n8n loaded it.)
 */
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	DOCUMENTED_CONTEST,
	DOCUMENTED_ENTRY,
	KimpleSimulator,
	type KimpleContestEntry,
	type KimpleParticipation,
} from '../../sandbox/simulators/kimple';
import { REPO_ROOT } from '../../sandbox/n8n/n8n';
import type { ExecutionResult, N8nItem, VendorSpec } from './lib/types';
import {
	customApiCall,
	itemsFrom,
	manualTrigger,
	noOp,
	recordsOf,
	workflowOf,
	type NodeJson,
} from './lib/workflows';

const CREDENTIAL = { id: 'kmE2eCred01', name: 'Kimple e2e' };
const MASKED_CREDENTIAL = { id: 'kmE2eCredMasked', name: 'Kimple e2e (masked ids)' };
const WRONG_SECRET_CREDENTIAL = { id: 'kmE2eCredBadSecret', name: 'Kimple e2e (wrong secret)' };
/** An account whose API takes the key pair in other headers: one credential names them, one does not. */
const OTHER_HEADERS = { key: 'X-Kimple-Key', secret: 'X-Kimple-Secret' };
const OTHER_HEADERS_CREDENTIAL = { id: 'kmE2eCredHeaders', name: 'Kimple e2e (other headers)' };
const DEFAULT_HEADERS_CREDENTIAL = {
	id: 'kmE2eCredDefHeaders',
	name: 'Kimple e2e (default headers)',
};
/** A header name with a space, which no HTTP header may have. */
const BAD_HEADER_CREDENTIAL = { id: 'kmE2eCredBadHeader', name: 'Kimple e2e (bad header name)' };
const KIMPLE = 'n8n-nodes-kimple.kimple';
const WRONG_SECRET = 'km_e2e_not_the_secret_4711';

type Parameters = Record<string, unknown>;
type Json = Record<string, unknown>;

const fromList = (id: string, title: string) => ({
	__rl: true,
	mode: 'list',
	value: id,
	cachedResultName: title,
});
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

function kimple(
	name: string,
	parameters: Parameters,
	credential: { id: string; name: string } = CREDENTIAL,
	extra: NodeJson = {},
): NodeJson {
	return {
		name,
		type: KIMPLE,
		typeVersion: 1,
		parameters,
		credentials: { kimpleApi: credential },
		...extra,
	};
}

/** The node of an example workflow that shapes the records, renamed for this workflow. */
function exampleNode(file: string, node: string, name: string): NodeJson {
	const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as {
		nodes: NodeJson[];
	};
	const found = example.nodes.find((candidate) => candidate.name === node);
	if (!found) throw new Error(`examples/${file} has no node "${node}"`);
	const { id: _id, position: _position, ...rest } = found;
	return { ...rest, name };
}

/** The simulator's collation (ASSUMED for Kimple: case- and accent-insensitive). */
const COLLATOR = new Intl.Collator('fr', { sensitivity: 'base' });

const entryIds = (items: Array<N8nItem | Json>) =>
	items.map((item) => ('json' in item ? (item.json as Json) : item).contest_entry_hash_id);

const spec: VendorSpec = {
	vendor: 'kimple',
	packages: ['n8n-nodes-kimple'],
	async setup() {
		const simulator = await new KimpleSimulator().start();
		const sandbox = simulator.seedSandbox();
		const masked = await new KimpleSimulator({ maskIds: true }).start();
		const maskedKeys = masked.seedSandbox();
		const otherHeaders = await new KimpleSimulator({ authHeaders: OTHER_HEADERS }).start();
		const otherHeadersKeys = otherHeaders.seedSandbox();
		// A generated entry: its real numeric id is not 0, Kimple shows it as 0.
		const maskedEntry = masked
			.records<KimpleContestEntry>('contest_entry')
			.find((entry) => entry.contest_entry_hash_id !== DOCUMENTED_ENTRY.contest_entry_hash_id)!;
		const { quiz, documented } = sandbox.contests;
		const quizScope = `contest_hash_id='${quiz.hash_id}'`;
		// The quiz's first generated entry asked to be forgotten: Kimple masks its person (see anonymiseEntry).
		const anonymised = simulator.anonymiseEntry(
			simulator
				.records<KimpleContestEntry>('contest_entry')
				.find(
					(entry) =>
						entry.contest_hash_id === quiz.hash_id &&
						entry.contest_entry_hash_id !== DOCUMENTED_ENTRY.contest_entry_hash_id,
				)!.contest_entry_hash_id,
		);

		const WORKFLOWS = {
			// Start → one branch per case; Values → One per item → Contest or error → Next for Continue On Fail.
			reads: workflowOf(
				'kmE2eReads',
				[
					manualTrigger,
					kimple('Documented contest', {
						resource: 'contest',
						operation: 'get',
						contestId: fromList(documented.hash_id, `Untitled contest ${documented.hash_id}`),
					}),
					kimple('Quiz entries', {
						resource: 'contestEntry',
						operation: 'getAll',
						contestId: fromList(quiz.hash_id, quiz.title),
						returnAll: true,
					}),
					kimple('Apostrophes', {
						resource: 'contestEntry',
						operation: 'getAll',
						contestId: byId(quiz.hash_id),
						returnAll: true,
						filters: { conditions: [{ field: 'lastname', operator: 'contains', value: "'" }] },
						sort: {
							fields: [
								{ field: 'lastname', direction: 'desc' },
								{ field: 'firstname', direction: 'asc' },
							],
						},
					}),
					kimple('First five', {
						resource: 'contestEntry',
						operation: 'getAll',
						contestId: byId(quiz.hash_id),
						limit: 5,
						output: 'contact',
					}),
					exampleNode('kimple-new-entries-to-crm.json', 'CRM contact', 'CRM contact'),
					// Simplify left at its default (on), as a new node has it.
					kimple('Quiz scores', {
						resource: 'contestParticipation',
						operation: 'getAll',
						contestId: byId(quiz.hash_id),
						returnAll: true,
					}),
					exampleNode('kimple-quiz-scores-to-sheet.json', 'Sheet row', 'Sheet row'),
					kimple('Raw participations', {
						resource: 'contestParticipation',
						operation: 'getAll',
						contestId: byId(quiz.hash_id),
						returnAll: true,
						simplify: false,
					}),
					kimple(
						'Masked entry',
						{
							resource: 'contestEntry',
							operation: 'get',
							contestEntryId: maskedEntry.contest_entry_hash_id,
						},
						MASKED_CREDENTIAL,
					),
					kimple(
						'Masked clients',
						{ resource: 'client', operation: 'getAll', returnAll: true },
						MASKED_CREDENTIAL,
					),
					kimple('Quiz campaigns', {
						resource: 'campaign',
						operation: 'getAll',
						contestId: fromList(quiz.hash_id, quiz.title),
						returnAll: true,
					}),
					kimple(
						'Other headers',
						{ resource: 'contest', operation: 'getAll', returnAll: true },
						OTHER_HEADERS_CREDENTIAL,
					),
					kimple(
						'Default headers',
						{ resource: 'contest', operation: 'getAll', returnAll: true },
						DEFAULT_HEADERS_CREDENTIAL,
						{ onError: 'continueRegularOutput' },
					),
					...itemsFrom('contest', [quiz.hash_id, 'missing1']),
					kimple(
						'Contest or error',
						{ resource: 'contest', operation: 'get', contestId: byId('={{ $json.contest }}') },
						CREDENTIAL,
						{ onError: 'continueRegularOutput' },
					),
					noOp,
				],
				[
					['Start', 'Documented contest'],
					['Start', 'Quiz entries'],
					['Start', 'Apostrophes'],
					['Start', 'First five'],
					['First five', 'CRM contact'],
					['Start', 'Quiz scores'],
					['Quiz scores', 'Sheet row'],
					['Start', 'Raw participations'],
					['Start', 'Masked entry'],
					['Start', 'Masked clients'],
					['Start', 'Quiz campaigns'],
					['Start', 'Other headers'],
					['Start', 'Default headers'],
					['Start', 'Values'],
					['Values', 'One per item'],
					['One per item', 'Contest or error'],
					['Contest or error', 'Next'],
				],
			),
			wrongSecret: workflowOf('kmE2eWrongSecret', [
				manualTrigger,
				kimple(
					'Kimple',
					{
						resource: 'contestEntry',
						operation: 'getAll',
						contestId: byId(quiz.hash_id),
						returnAll: true,
					},
					WRONG_SECRET_CREDENTIAL,
				),
				noOp,
			]),
			badHeaderName: workflowOf('kmE2eBadHeaderName', [
				manualTrigger,
				kimple(
					'Kimple',
					{ resource: 'contest', operation: 'getAll', returnAll: true },
					BAD_HEADER_CREDENTIAL,
				),
				noOp,
			]),
		};

		// The reads workflow runs once, when the first case that reads it asks; its cases read
		// simulator.received afterwards, so they come before any case that resets the counts.
		let reads: Promise<ExecutionResult> | undefined;
		const readsResult = async (execute: (id: string) => Promise<ExecutionResult>) => {
			reads ??= (async () => {
				simulator.resetCounts();
				masked.resetCounts();
				otherHeaders.resetCounts();
				const result = await execute(WORKFLOWS.reads.id);
				assert.equal(result.status, 'success', result.errorMessage);
				return result;
			})();
			return await reads;
		};
		/** The list requests the simulator received during the reads workflow that match `query`. */
		const entryLists = (query: Record<string, string>) =>
			simulator.received
				.filter((request) => request.key === 'GET /contest_entry/list')
				.map((request) => request.query)
				.filter((received) =>
					Object.entries(query).every(([key, value]) => received[key] === value),
				);

		const quizEntries = simulator
			.records<KimpleContestEntry>('contest_entry')
			.filter((entry) => entry.contest_hash_id === quiz.hash_id);
		const quizParticipations = simulator
			.records<KimpleParticipation>('contest_participation')
			.filter((participation) => participation.contest_hash_id === quiz.hash_id);

		// Custom API call: the quiz's entries through n8n's HTTP Request node, page by page (Kimple gives
		// no next link: the next page index until a page comes back short).
		const customCall = workflowOf('kmHttpPages', [
			manualTrigger,
			customApiCall({
				credentialType: 'kimpleApi',
				credential: CREDENTIAL,
				url: `${simulator.apiUrl}/contest_entry/list`,
				// 90 a page: its requests stay apart from the Kimple node's pages of 100 another case counts
				query: { limit: '90', search: quizScope },
				page: 'page',
				next: '={{ $pageCount + 1 }}',
				done: '={{ $response.body.data.length < 90 }}',
			}),
			recordsOf('data'),
			noOp,
		]);

		return {
			credentials: [
				{
					...CREDENTIAL,
					type: 'kimpleApi',
					data: { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: simulator.apiUrl },
				},
				{
					...MASKED_CREDENTIAL,
					type: 'kimpleApi',
					data: {
						apiKey: maskedKeys.apiKey,
						apiSecret: maskedKeys.apiSecret,
						baseUrl: masked.apiUrl,
					},
				},
				{
					...WRONG_SECRET_CREDENTIAL,
					type: 'kimpleApi',
					data: { apiKey: sandbox.apiKey, apiSecret: WRONG_SECRET, baseUrl: simulator.apiUrl },
				},
				{
					...OTHER_HEADERS_CREDENTIAL,
					type: 'kimpleApi',
					data: {
						apiKey: otherHeadersKeys.apiKey,
						apiSecret: otherHeadersKeys.apiSecret,
						baseUrl: otherHeaders.apiUrl,
						keyHeaderName: OTHER_HEADERS.key,
						privateHeaderName: OTHER_HEADERS.secret,
					},
				},
				{
					...BAD_HEADER_CREDENTIAL,
					type: 'kimpleApi',
					data: {
						apiKey: sandbox.apiKey,
						apiSecret: sandbox.apiSecret,
						baseUrl: simulator.apiUrl,
						keyHeaderName: 'X Api Key',
					},
				},
				{
					// Saved without the header fields, as a credential made before them is.
					...DEFAULT_HEADERS_CREDENTIAL,
					type: 'kimpleApi',
					data: {
						apiKey: otherHeadersKeys.apiKey,
						apiSecret: otherHeadersKeys.apiSecret,
						baseUrl: otherHeaders.apiUrl,
					},
				},
			],
			workflows: [...Object.values(WORKFLOWS), customCall],
			close: async () => {
				await Promise.all([simulator.close(), masked.close(), otherHeaders.close()]);
			},
			cases: [
				{
					name: "custom API call: the HTTP Request node with the Kimple credential reads every page of a contest's entries",
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(customCall.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const expected = simulator
							.records<KimpleContestEntry>('contest_entry')
							.filter((entry) => entry.contest_hash_id === quiz.hash_id)
							.map((entry) => entry.contest_entry_hash_id)
							.sort();
						assert.equal(expected.length, 250);
						const got = result.items('Next').map((item) => String(item.json.contest_entry_hash_id));
						assert.equal(new Set(got).size, 250, 'an entry came twice');
						assert.deepEqual([...got].sort(), expected);
						assert.equal(result.items('HTTP Request').length, 3, 'pages read');
						assert.equal(simulator.count('GET /contest_entry/list'), 3, 'requests');
					},
				},
				{
					name: "contest → get by hash ID, picked from the list: the document's contest, verbatim",
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						const items = result.items('Documented contest');
						assert.equal(items.length, 1);
						assert.deepEqual(items[0].json, DOCUMENTED_CONTEST);
						assert.deepEqual(items[0].pairedItem, { item: 0 });
					},
				},
				{
					name: 'contest entry → get many of the quiz contest, Return All: 250 entries, each once, in 3 pages of 100 (pages past the short one read ahead and discarded)',
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						const items = result.items('Quiz entries');
						assert.equal(quizEntries.length, 250);
						assert.equal(items.length, 250);
						assert.equal(new Set(entryIds(items)).size, 250, 'an entry came twice');
						assert.deepEqual(
							[...entryIds(items)].sort(),
							[...entryIds(quizEntries)].sort(),
							'not the quiz entries',
						);
						// Kimple's default order is by numeric id: the document's entry (id 0) first, as printed.
						assert.deepEqual(items[0].json, DOCUMENTED_ENTRY);
						const pages = entryLists({ search: quizScope, limit: '100' }).filter(
							(query) => query.order === undefined,
						);
						// Pages at Once (4 by default) reads pages 2 to 5 side by side after page 1; the short
						// page 3 is the end, and what pages past it hold (nothing) is discarded.
						const requested = pages.map((query) => Number(query.page));
						assert.equal(new Set(requested).size, requested.length, 'a page asked for twice');
						assert.deepEqual(
							requested.filter((page) => page <= 3).sort(),
							[1, 2, 3],
							'pages requested',
						);
					},
				},
				{
					name: 'contest entry → get many, a filter whose value is a quote and a sort on two fields: the search and order Kimple got, and the items in that order',
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						const sent = entryLists({ order: 'lastname desc,firstname asc' });
						assert.equal(sent.length, 1, 'requests with the sort');
						assert.equal(sent[0].search, `${quizScope} AND lastname~=''''`);
						const expected = quizEntries
							.filter((entry) => entry.lastname.includes("'"))
							.sort(
								(a, b) =>
									COLLATOR.compare(b.lastname, a.lastname) ||
									COLLATOR.compare(a.firstname, b.firstname),
							);
						assert.ok(
							new Set(expected.map((entry) => entry.lastname)).size >= 2,
							'the sandbox has two last names with a quote',
						);
						const items = result.items('Apostrophes');
						assert.deepEqual(entryIds(items), entryIds(expected));
						ctx.log(
							`${items.length} entries: ${[...new Set(items.map((item) => item.json.lastname))].join(', ')}`,
						);
					},
				},
				{
					name: 'contest entry → get many, Limit 5, Output Contact: one request for 5, and the example CRM contact node on them',
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						const items = result.items('First five');
						assert.equal(items.length, 5);
						const sent = entryLists({ limit: '5' });
						assert.deepEqual(sent, [{ page: '1', limit: '5', search: quizScope }]);
						const contacts = result.items('CRM contact');
						assert.equal(contacts.length, 5);
						// The contacts carry the entries' hash ids; the example's Set node shapes them for a CRM.
						const contact = items[1].json as Record<string, unknown>;
						const source = contact.source as Record<string, unknown>;
						assert.equal(source.platform, 'kimple');
						assert.deepEqual(source.product, { id: quiz.hash_id, title: null });
						assert.deepEqual(Object.keys(contacts[1].json), [
							'Email',
							'Phone',
							'First Name',
							'Last Name',
							'Birthday',
							'City',
							'Country',
							'Language',
							'Newsletter consent',
							'Won prize',
							'Prize',
							'Points balance',
							'Source platform',
							'Source record',
							'Created at',
						]);
						// Countries as the form took them, to the codes a CRM must get (France is FR on every
						// Node: Node 24's Intl names FX France too); the anonymised entry keeps no value.
						const countryCodes: Json = { France: 'FR', FR: 'FR', france: 'FR', FRANCE: 'FR' };
						const countries = items.map((item) => {
							const json = item.json as Json;
							const recordId = (json.source as Json).recordId as string;
							const entry = simulator.record<KimpleContestEntry>('contest_entry', recordId)!;
							if (recordId === anonymised.contest_entry_hash_id) {
								assert.deepEqual(
									[json.email, json.phone, json.firstName, json.lastName, json.address],
									[null, null, null, null, null],
								);
								assert.deepEqual([json.zip, json.city, json.country], [null, null, null]);
								assert.equal(json.anonymized, true);
								return 'anonymised';
							}
							assert.equal(json.anonymized, false);
							assert.equal(json.country, countryCodes[entry.country] ?? null, entry.country);
							return entry.country;
						});
						assert.ok(countries.includes('anonymised'), countries.join(', '));
						assert.ok(
							countries.some((name) => ['France', 'france', 'FRANCE'].includes(name)),
							countries.join(', '),
						);
						assert.equal(contacts[1].json['Email'], contact.email);
						assert.equal(contacts[1].json['First Name'], contact.firstName);
						assert.equal(contacts[1].json['Source platform'], 'kimple');
						assert.equal(contacts[1].json['Source record'], source.recordId);
						assert.match(
							String(contacts[1].json['Created at']),
							/^\d{4}-\d{2}-\d{2}T[\d:]+[+-]\d{2}:\d{2}$/,
						);
					},
				},
				{
					name: 'contest participation → get many, Simplify (default): quiz answers, score and time under game, form fields on top; the example sheet rows',
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						const items = result.items('Quiz scores');
						assert.equal(items.length, quizParticipations.length);
						assert.ok(items.length > 0);
						for (const [index, item] of items.entries()) {
							const raw = quizParticipations[index];
							const game = item.json.game as Json;
							const answers = game.answers as Json[];
							assert.equal(
								item.json.contest_participation_hash_id,
								raw.contest_participation_hash_id,
							);
							assert.equal(item.json.email, raw.form.email);
							assert.equal(item.json.firstname, raw.form.firstname);
							assert.equal(item.json.form, undefined);
							assert.equal(item.json.game_data, undefined);
							assert.equal(game.type, 'quiz');
							assert.equal(answers.length, 5);
							assert.ok(answers.every((answer) => typeof answer.is_good === 'boolean'));
							assert.equal(game.score, answers.filter((answer) => answer.is_good).length);
							assert.equal(game.time_spend, (raw.game_data as { quiz: Json }).quiz.time_spend);
							assert.equal(game.photo_link, undefined, 'a quiz has no photo fields');
						}
						const rows = result.items('Sheet row');
						assert.equal(rows.length, items.length);
						const first = items[0].json;
						const game = first.game as Json;
						assert.deepEqual(rows[0].json, {
							email: first.email,
							name: `${String(first.firstname)} ${String(first.lastname)}`,
							score: game.score,
							time_spend: game.time_spend,
							good_answers: game.score,
							played_at: first.created_at,
						});
					},
				},
				{
					name: "contest participation → get many, Simplify off: Kimple's raw records of the quiz contest",
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						assert.deepEqual(
							result.items('Raw participations').map((item) => item.json),
							quizParticipations,
						);
					},
				},
				{
					name: 'masked IDs: with every numeric ID shown as 0, Get by hash ID finds the entry and a list reads whole',
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						const [item] = result.items('Masked entry');
						assert.deepEqual(item.json, maskedEntry);
						assert.equal(item.json.id, 0);
						assert.equal(
							masked.received.filter((request) => request.key === 'GET /contest_entry/{id}').length,
							1,
						);
						// With every id 0, Kimple's default order falls to the hash ID: compare as sets.
						const byHash = (a: Json, b: Json) => String(a.hash_id).localeCompare(String(b.hash_id));
						const clients = result.items('Masked clients');
						assert.deepEqual(
							clients.map((client) => client.json).sort(byHash),
							masked.records<Json>('client').sort(byHash),
						);
						assert.ok(clients.every((client) => client.json.id === 0));
					},
				},
				{
					name: "campaign → get many of one contest: the quiz's two campaigns, scoped on Kimple's side",
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						const items = result.items('Quiz campaigns');
						assert.deepEqual(
							items.map((item) => item.json.hash_id),
							[sandbox.campaigns[0].hash_id, sandbox.campaigns[1].hash_id],
						);
						assert.ok(items.every((item) => item.json.contest_hash_id === quiz.hash_id));
						const sent = simulator.received
							.filter((request) => request.key === 'GET /campaign/list')
							.map((request) => request.query);
						assert.deepEqual(sent, [{ page: '1', limit: '100', search: quizScope }]);
					},
				},
				{
					name: 'credential header names: an account that takes the pair in X-Kimple-Key / X-Kimple-Secret is read when the credential names them, and refuses the defaults',
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						assert.equal(result.items('Other headers').length, 5);
						const [refused] = result.items('Default headers');
						assert.match(
							String(refused.json.error),
							/^Kimple rejected the API key or secret \(HTTP 401\)/,
						);
						assert.ok(
							!JSON.stringify(result.run).includes(otherHeadersKeys.apiSecret),
							'the secret shows in the run data',
						);
					},
				},
				{
					name: 'continue on fail: a 404 becomes an error item paired with its input, the next item goes on',
					async run(ctx) {
						const result = await readsResult(ctx.execute);
						assert.deepEqual(
							result.items('Contest or error').map((item) => item.pairedItem),
							[{ item: 0 }, { item: 1 }],
						);
						const [found, failed] = result.items('Next');
						assert.equal(found.json.hash_id, quiz.hash_id);
						assert.equal(
							failed.json.error,
							"Kimple found no such record (HTTP 404): check the contest ID missing1. Give the record's hash ID (e.g. QKr1mkPcJb) or its numeric ID; Kimple may show numeric IDs as 0, which finds nothing",
						);
					},
				},
				{
					name: 'a wrong secret: the 401 stops the workflow, says where to find the key and the secret, and shows neither',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.wrongSecret.id);
						assert.equal(result.status, 'error');
						assert.equal(
							result.errorMessage,
							'Kimple rejected the API key or secret (HTTP 401): check both in the credential. They are in Kimple under Account settings → Integration; if the secret is lost, click "Generate your secret API" and paste the new one',
						);
						assert.deepEqual(result.items('Next'), []);
						const output = readFileSync(result.logFile, 'utf8');
						for (const secret of [WRONG_SECRET, sandbox.apiKey]) {
							assert.ok(
								!JSON.stringify(result.run).includes(secret),
								'a key shows in the run data',
							);
							assert.ok(!output.includes(secret), `a key shows in n8n's output: ${result.logFile}`);
						}
						// n8n itself may send once more after a 401 (its credential-refresh path); the node adds none.
						assert.ok(
							simulator.count('GET /contest_entry/list') <= 2,
							`a 401 was retried: ${simulator.count('GET /contest_entry/list')} requests`,
						);
					},
				},
				{
					name: 'a header name that is not an HTTP token: the workflow stops before any request, naming the credential field and what to fix',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.badHeaderName.id);
						assert.equal(result.status, 'error');
						assert.equal(
							result.errorMessage,
							'The API Key Header Name of the Kimple API credential holds a space, which an HTTP header name cannot: use only letters, digits and - (e.g. X-Api-Key), or empty the field for X-Api-Key',
						);
						assert.equal(simulator.count('GET /contest/list'), 0, 'a request was sent');
					},
				},
			],
		};
	},
};

export default spec;
