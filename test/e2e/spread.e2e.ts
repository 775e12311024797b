/**
 * SPREAD inside a real n8n: the sandbox simulator, a second one whose documented cagnotte POST URL
 * answers with a 301 to the canonical one, and a credential with a wrong private key. Two `n8n execute`
 * calls per line: one workflow whose branches each hold a case (every one of them ends without stopping
 * the workflow), run once and shared by the cases that read it, and one whose 401 stops it. The nodes
 * of examples/spread-*.json run on real records in the first (their trigger and webhook replaced by a
 * node of the same name), so the examples' expressions are checked on both lines too.
 * `n8n execute` runs in 'cli' mode, in which n8n neither polls nor listens for webhooks: the triggers' case
 * activates its workflows and starts `n8n start` (ctx.serve), their items posted to a capture.
 */
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';

import {
	DOCUMENT_LINES,
	SpreadSimulator,
	type SpreadCustomer,
	type SpreadReceivedRequest,
} from '../../sandbox/simulators/spread';
import { REPO_ROOT } from '../../sandbox/n8n/n8n';
import { postToCapture, startCapture } from './lib/capture';
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

const CREDENTIAL = { id: 'spE2eCred01', name: 'SPREAD e2e' };
const REDIRECT_CREDENTIAL = { id: 'spE2eCredRedirect', name: 'SPREAD e2e (POST redirected)' };
const WRONG_KEYS_CREDENTIAL = { id: 'spE2eCredBadKeys', name: 'SPREAD e2e (wrong private key)' };
const SPREAD = 'n8n-nodes-spread.spread';
const WRONG_PRIVATE_KEY = 'sp_e2e_not_the_private_key_4711';
/** The webhook triggers' Secret: it must show in no log line. */
const WEBHOOK_SECRET = 'spE2eWebhookSecret7Q4x';
const TIME_ZONE = 'Europe/Paris';

/** The document's example customer (spread-cagnottes-api.txt), seeded with its three lines. */
const DOCUMENT_CUSTOMER = '15130125';
/**
 * Lines of the loyal customer: 5,250 earned (2 pages: 5,000 and 250) and 250 spent. Three pages (test/spread)
 * would cost this suite 2 s a line more.
 */
const LOYAL_EARNED = 5_250;
const LOYAL_SPENT = 250;
const PAGE = 5000;

type Parameters = Record<string, unknown>;
type Json = Record<string, unknown>;

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

function spread(
	name: string,
	parameters: Parameters,
	credential: { id: string; name: string } = CREDENTIAL,
	extra: NodeJson = {},
): NodeJson {
	return {
		name,
		type: SPREAD,
		typeVersion: 1,
		parameters,
		credentials: { spreadApi: credential },
		...extra,
	};
}

/** A node of an example workflow, on this spec's credential when it has one. */
function exampleNode(file: string, node: string): NodeJson {
	const example = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as {
		nodes: NodeJson[];
	};
	const found = example.nodes.find((candidate) => candidate.name === node);
	if (!found) throw new Error(`examples/${file} has no node "${node}"`);
	const { id: _id, position: _position, ...rest } = found;
	return rest.credentials ? { ...rest, credentials: { spreadApi: CREDENTIAL } } : rest;
}

/** A Set node that emits one item: `json`, as written. */
function fixedItem(name: string, json: Json): NodeJson {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify(json), options: {} },
	};
}

/** `YYYY-MM-DDTHH:MM:SS+01:00` or `+02:00`: a SPREAD date with the offset of Paris. */
const PARIS_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/;

const jsonOf = (items: N8nItem[]) => items.map((item) => item.json);
const balance = (customer: SpreadCustomer) => Number(customer.cagnotteAmount);

const spec: VendorSpec = {
	vendor: 'spread',
	packages: ['n8n-nodes-spread'],
	async setup() {
		const simulator = await new SpreadSimulator({ timeZone: TIME_ZONE }).start();
		const sandbox = simulator.seedSandbox();
		const redirecting = await new SpreadSimulator({
			timeZone: TIME_ZONE,
			cagnottePostRedirect: 301,
		}).start();
		const redirectKeys = redirecting.seedSandbox();
		const capture = await startCapture();

		// The customers each case touches, apart, so that the branches of one workflow do not meet.
		const orderCustomer = sandbox.customers[7];
		const withPoints = sandbox.customers.filter(
			(customer) => customer !== orderCustomer && balance(customer) >= 10,
		);
		assert.ok(withPoints.length >= 4, 'the sandbox has customers with points');
		const [removedFrom, stays, overdrawn, alsoStays] = withPoints;
		const redirectCustomer = redirectKeys.customers[9];
		const before = {
			removedFrom: balance(removedFrom),
			stays: balance(stays),
			overdrawn: balance(overdrawn),
			alsoStays: balance(alsoStays),
			orderCustomer: balance(orderCustomer),
			redirectCustomer: balance(redirectCustomer),
		};
		const tooMany = before.overdrawn + 1000;
		// Customer → Find, and Update changing the external ID and the email: customers nobody else touches.
		const [findMe, getsExternalId, movesEmail] = sandbox.customers.slice(-3);
		const crmNew = { email: 'crm.new.e2e@example.fr', externalId: 'CRM-E2E-0001' };

		// A loyal customer whose lines fill three pages; the Min Amount filter leaves out what was spent.
		const loyal = simulator.addCustomer({ email: 'loyal.customer@example.fr' });
		for (let index = 0; index < LOYAL_EARNED + LOYAL_SPENT; index++) {
			const spent = index % 22 === 21;
			simulator.addLine(loyal, spent ? -1 : 2, { code: spent ? `kodeKDO_L${index}` : '' });
		}
		const loyalEarned = simulator.lines.filter(
			(line) => line.customerId === loyal.id && Number(line.amount) > 0,
		);
		assert.equal(loyalEarned.length, LOYAL_EARNED);

		const newCustomer = {
			email: 'zoe.lambert.e2e@example.fr',
			externalId: 'CRM-E2E-00001',
		};
		const shopOrder = {
			id: 'SHOP-E2E-1001',
			status: 'paid',
			total: 89.9,
			paid_at: '2026-01-15T08:15:00Z',
			customer: { email: orderCustomer.email },
		};

		const WORKFLOWS = {
			// Start → one branch per case; Values → One per item → Remove or error → Next for Continue On Fail.
			run: workflowOf(
				'spE2eRun',
				[
					manualTrigger,
					spread(
						'Add by email (redirected)',
						{
							resource: 'cagnotte',
							operation: 'addPoints',
							identifyBy: 'email',
							email: redirectCustomer.email,
							amount: 7,
						},
						REDIRECT_CREDENTIAL,
						// A failure here is this case's, shown on its item: the other branches go on.
						{ onError: 'continueRegularOutput' },
					),
					spread('Remove by ID', {
						resource: 'cagnotte',
						operation: 'removePoints',
						identifyBy: 'customerId',
						customerId: removedFrom.id,
						amount: 2.5,
					}),
					spread('Loyal lines', {
						resource: 'cagnotte',
						operation: 'getAll',
						returnAll: true,
						filters: { customerId: loyal.id, minAmount: 0 },
					}),
					spread('Campaigns', { resource: 'campaign', operation: 'getAll', returnAll: true }),
					spread('Document lines', {
						resource: 'cagnotte',
						operation: 'getAll',
						returnAll: true,
						filters: { customerId: DOCUMENT_CUSTOMER },
					}),
					spread('Document lines as sent', {
						resource: 'cagnotte',
						operation: 'getAll',
						returnAll: true,
						filters: { customerId: DOCUMENT_CUSTOMER },
						outputOptions: { keepNumberStrings: true, keepDateStrings: true },
					}),
					spread('Create customer', {
						resource: 'customer',
						operation: 'create',
						email: newCustomer.email,
						additionalFields: {
							firstName: 'Zoé',
							lastName: 'Lambert',
							externalId: newCustomer.externalId,
							optIn: 'yes',
							gender: 'female',
							birthday: '1992-03-14',
							zip: '69001',
							addTags: 'vip, newsletter',
							customFields: { field: [{ id: '12', value: 'blue' }] },
						},
					}),
					spread('Update customer', {
						resource: 'customer',
						operation: 'update',
						updateBy: 'externalId',
						externalId: '={{ $json.externalId }}',
						updateFields: { city: 'Lyon', optIn: 'no', removeTags: 'vip', addTags: 'gold' },
					}),
					// examples/spread-order-paid-add-points.json, its webhook and filter as one item.
					fixedItem('Paid orders only', { body: shopOrder }),
					exampleNode('spread-order-paid-add-points.json', 'Record the order'),
					exampleNode('spread-order-paid-add-points.json', 'Add points'),
					// examples/spread-new-cagnotte-lines-to-crm.json, its trigger as the document's first line.
					spread('New cagnotte line', {
						resource: 'cagnotte',
						operation: 'getAll',
						limit: 1,
						filters: { customerId: DOCUMENT_CUSTOMER },
						output: 'contact',
					}),
					exampleNode('spread-new-cagnotte-lines-to-crm.json', 'Customer'),
					exampleNode('spread-new-cagnotte-lines-to-crm.json', 'CRM contact'),
					spread('Find by email', {
						resource: 'customer',
						operation: 'find',
						findBy: 'email',
						email: findMe.email.toUpperCase(),
					}),
					spread('Find by external ID', {
						resource: 'customer',
						operation: 'find',
						findBy: 'externalId',
						externalId: String(findMe.externalId),
						output: 'contact',
					}),
					spread('Find nobody', {
						resource: 'customer',
						operation: 'find',
						findBy: 'email',
						email: 'nobody.e2e@example.fr',
					}),
					spread('Create as contact', {
						resource: 'customer',
						operation: 'create',
						email: crmNew.email,
						additionalFields: { externalId: crmNew.externalId, firstName: 'Inès' },
						output: 'contact',
					}),
					spread('Set external ID', {
						resource: 'customer',
						operation: 'update',
						updateBy: 'email',
						email: getsExternalId.email,
						updateFields: { externalId: 'CRM-E2E-0002' },
					}),
					spread('Change email', {
						resource: 'customer',
						operation: 'update',
						updateBy: 'externalId',
						externalId: String(movesEmail.externalId),
						updateFields: { email: 'moved.e2e@example.fr' },
						output: 'contact',
					}),
					spread('Customers as contacts', {
						resource: 'customer',
						operation: 'getAll',
						returnAll: true,
						output: 'contact',
					}),
					...itemsFrom('customerId', [stays.id, overdrawn.id, alsoStays.id]),
					spread(
						'Remove or error',
						{
							resource: 'cagnotte',
							operation: 'removePoints',
							identifyBy: 'customerId',
							customerId: '={{ $json.customerId }}',
							amount: `={{ $json.customerId === '${overdrawn.id}' ? ${tooMany} : 3 }}`,
						},
						CREDENTIAL,
						{ onError: 'continueRegularOutput' },
					),
					noOp,
				],
				[
					['Start', 'Add by email (redirected)'],
					['Start', 'Remove by ID'],
					['Start', 'Loyal lines'],
					['Start', 'Campaigns'],
					['Start', 'Document lines'],
					['Start', 'Document lines as sent'],
					['Start', 'Create customer'],
					['Create customer', 'Update customer'],
					['Start', 'Paid orders only'],
					['Paid orders only', 'Record the order'],
					['Record the order', 'Add points'],
					['Start', 'New cagnotte line'],
					['New cagnotte line', 'Customer'],
					['Customer', 'CRM contact'],
					['Start', 'Customers as contacts'],
					['Start', 'Find by email'],
					['Start', 'Find by external ID'],
					['Start', 'Find nobody'],
					['Start', 'Create as contact'],
					['Start', 'Set external ID'],
					['Start', 'Change email'],
					['Start', 'Values'],
					['Values', 'One per item'],
					['One per item', 'Remove or error'],
					['Remove or error', 'Next'],
				],
			),
			// Started inside `n8n start` (ctx.serve): each posts its items to the capture.
			webhookAll: workflowOf('spE2eWebhookAll', [
				{
					name: 'SPREAD Webhook',
					type: 'n8n-nodes-spread.spreadWebhookTrigger',
					typeVersion: 1,
					webhookId: 'sp-e2e-webhook-all',
					parameters: { secret: WEBHOOK_SECRET },
				},
				postToCapture('Capture', capture, 'webhookAll'),
			]),
			webhookFew: workflowOf('spE2eWebhookFew', [
				{
					name: 'SPREAD Webhook',
					type: 'n8n-nodes-spread.spreadWebhookTrigger',
					typeVersion: 1,
					webhookId: 'sp-e2e-webhook-few',
					parameters: { events: ['cagnotteUpdate'], secret: WEBHOOK_SECRET },
				},
				postToCapture('Capture', capture, 'webhookFew'),
			]),
			changedCustomers: workflowOf('spE2eChangedCustomers', [
				{
					name: 'SPREAD Trigger',
					type: 'n8n-nodes-spread.spreadTrigger',
					typeVersion: 1,
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'newOrUpdatedCustomer',
					},
					credentials: { spreadApi: CREDENTIAL },
				},
				postToCapture('Capture', capture, 'changedCustomers'),
			]),
			validatedLines: workflowOf('spE2eValidatedLines', [
				{
					name: 'SPREAD Trigger',
					type: 'n8n-nodes-spread.spreadTrigger',
					typeVersion: 1,
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'validatedCagnotteLine',
					},
					credentials: { spreadApi: CREDENTIAL },
				},
				postToCapture('Capture', capture, 'validatedLines'),
			]),
			wrongKeys: workflowOf('spE2eWrongKeys', [
				manualTrigger,
				spread(
					'SPREAD',
					{ resource: 'customer', operation: 'getAll', returnAll: true },
					WRONG_KEYS_CREDENTIAL,
				),
				noOp,
			]),
		};

		// The run workflow executes once, when the first case that reads it asks; its cases read what the
		// simulators received afterwards, so they come before any case that resets the counts.
		let ran: Promise<ExecutionResult> | undefined;
		const runResult = async (execute: (id: string) => Promise<ExecutionResult>) => {
			ran ??= (async () => {
				simulator.resetCounts();
				redirecting.resetCounts();
				const result = await execute(WORKFLOWS.run.id);
				assert.equal(result.status, 'success', result.errorMessage);
				return result;
			})();
			return await ran;
		};
		const posts = (key: string) =>
			simulator.received.filter((entry) => entry.key === key).map((entry) => entry.body);
		const queries = (received: SpreadReceivedRequest[], key: string) =>
			received.filter((entry) => entry.key === key).map((entry) => entry.query);

		// Custom API call: every customer through n8n's HTTP Request node, 120 a page, `startAt` moved on
		// until a page comes back short.
		const customCall = workflowOf('spHttpPages', [
			manualTrigger,
			customApiCall({
				credentialType: 'spreadApi',
				credential: CREDENTIAL,
				url: `${simulator.apiUrl}/v2/customers`,
				query: { maxResult: '120' },
				page: 'startAt',
				next: '={{ $pageCount * 120 }}',
				done: '={{ $response.body.count < 120 }}',
			}),
			recordsOf('customers'),
			noOp,
		]);

		return {
			credentials: [
				{
					...CREDENTIAL,
					type: 'spreadApi',
					data: {
						publicKey: sandbox.publicKey,
						privateKey: sandbox.privateKey,
						baseUrl: simulator.apiUrl,
						timeZone: TIME_ZONE,
					},
				},
				{
					...REDIRECT_CREDENTIAL,
					type: 'spreadApi',
					data: {
						publicKey: redirectKeys.publicKey,
						privateKey: redirectKeys.privateKey,
						baseUrl: redirecting.apiUrl,
						timeZone: TIME_ZONE,
					},
				},
				{
					...WRONG_KEYS_CREDENTIAL,
					type: 'spreadApi',
					data: {
						publicKey: sandbox.publicKey,
						privateKey: WRONG_PRIVATE_KEY,
						baseUrl: simulator.apiUrl,
						timeZone: TIME_ZONE,
					},
				},
			],
			workflows: [...Object.values(WORKFLOWS), customCall],
			close: async () => {
				await Promise.all([simulator.close(), redirecting.close(), capture.close()]);
			},
			cases: [
				{
					name: 'custom API call: the HTTP Request node with the SPREAD credential reads every page of customers',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(customCall.id);
						assert.equal(result.status, 'success', result.errorMessage);
						const expected = simulator.customers.map((customer) => customer.id);
						assert.ok(expected.length > 240, 'the sandbox has more than 2 pages of customers');
						assert.deepEqual(
							result.items('Next').map((item) => item.json.id),
							expected,
						);
						const pages = Math.ceil(expected.length / 120);
						assert.equal(result.items('HTTP Request').length, pages, 'pages read');
						assert.equal(simulator.count('GET /v2/customers'), pages, 'requests');
					},
				},
				{
					name: 'cagnotte → add points by email, the documented POST answered with a 301: posted again with its body, the points added once, no GET',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						const [item, ...more] = result.items('Add by email (redirected)');
						assert.equal(more.length, 0);
						assert.deepEqual(item.pairedItem, { item: 0 });
						assert.equal(
							item.json.error,
							undefined,
							`the redirected POST failed: ${String(item.json.error)}`,
						);
						const customer = item.json.customer as Json;
						const line = item.json.cagnotte as Json;
						assert.deepEqual(customer, {
							id: redirectCustomer.id,
							cagnotteAmount: before.redirectCustomer + 7,
						});
						assert.equal(line.customerId, redirectCustomer.id);
						assert.equal(line.amount, 7);
						const body = { customer: { email: redirectCustomer.email }, cagnotte: { amount: 7 } };
						for (const key of ['POST /v2/cagnottes/', 'POST /v2/cagnottes']) {
							assert.deepEqual(
								redirecting.receivedAt(key).map((entry) => entry.body),
								[body],
								key,
							);
						}
						// n8n's client left to itself turns a 301 into this GET, which adds nothing.
						assert.equal(redirecting.count('GET /v2/cagnottes'), 0, 'the redirect became a GET');
						assert.equal(redirecting.pointsPostsApplied, 1);
						assert.equal(
							balance(redirecting.customerById(redirectCustomer.id)!),
							before.redirectCustomer + 7,
						);
					},
				},
				{
					name: 'cagnotte → remove points by customer ID, 2.5: a negative line, the balance down by 2.5',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						const items = result.items('Remove by ID');
						assert.equal(items.length, 1);
						assert.deepEqual(items[0].json.customer, {
							id: removedFrom.id,
							cagnotteAmount: before.removedFrom - 2.5,
						});
						const line = items[0].json.cagnotte as Json;
						assert.equal(line.amount, -2.5);
						assert.equal(line.customerId, removedFrom.id);
						assert.ok(
							posts('POST /v2/cagnottes/').some(
								(body) =>
									JSON.stringify(body) ===
									JSON.stringify({ customer: { id: removedFrom.id }, cagnotte: { amount: -2.5 } }),
							),
							'the body SPREAD got',
						);
						assert.equal(balance(removedFrom), before.removedFrom - 2.5);
					},
				},
				{
					name: `cagnotte → get many, Return All, customer and Min Amount filters: ${LOYAL_EARNED} lines, each once, over 2 pages of at most ${PAGE} (pages past the short one read ahead and discarded)`,
					async run(ctx) {
						const result = await runResult(ctx.execute);
						const items = result.items('Loyal lines');
						assert.equal(items.length, LOYAL_EARNED);
						const ids = items.map((item) => item.json.cagnotteLineId);
						assert.equal(new Set(ids).size, LOYAL_EARNED, 'a line came twice');
						assert.deepEqual(
							ids,
							loyalEarned.map((line) => line.cagnotteLineId),
						);
						assert.ok(
							items.every((item) => item.json.amount === 2 && item.json.customerId === loyal.id),
						);
						const filter = { customerId: loyal.id, minAmount: '0', maxResult: String(PAGE) };
						const sent = queries(simulator.received, 'GET /v2/cagnottes/').filter(
							(query) => query.customerId === loyal.id,
						);
						// Pages at Once (4 by default) asks for the pages after the first side by side; SPREAD's
						// `count` is the page's own, so pages past the short second one are asked for too, and
						// what they hold (nothing) is discarded.
						assert.deepEqual(
							sent.filter((query) => Number(query.startAt ?? 0) < 2 * PAGE),
							[filter, { ...filter, startAt: String(PAGE) }],
							'pages requested',
						);
						const startAts = sent.map((query) => query.startAt ?? '0');
						assert.equal(new Set(startAts).size, startAts.length, 'a page asked for twice');
						assert.ok(
							sent.every((query) => Number(query.startAt ?? 0) % PAGE === 0),
							'a page asked for at another start than a page boundary',
						);
						assert.deepEqual(items[LOYAL_EARNED - 1].pairedItem, { item: 0 });
					},
				},
				{
					name: 'a last page that still carries a nextPageUrl ends the list: campaigns in one request, the loyal lines in two',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						assert.ok(
							simulator.nextPageUrlOnLastPage,
							'the simulator writes nextPageUrl on the last page',
						);
						assert.deepEqual(
							result.items('Campaigns').map((item) => item.json.id),
							sandbox.campaigns.map((campaign) => campaign.id),
						);
						assert.deepEqual(queries(simulator.received, 'GET /v2/campaigns'), [
							{ maxResult: String(PAGE) },
						]);
						// The second page of the loyal lines (250) said nextPageUrl …?startAt=5250: not asked for.
						assert.ok(
							!queries(simulator.received, 'GET /v2/cagnottes/').some(
								(query) => query.startAt === String(LOYAL_EARNED),
							),
							'the nextPageUrl of the last page was followed',
						);
					},
				},
				{
					name: "numbers and dates: the document's lines with amounts as numbers and dates as ISO-8601 with Paris's offset; Keep … Strings gives them as sent",
					async run(ctx) {
						const result = await runResult(ctx.execute);
						assert.deepEqual(jsonOf(result.items('Document lines')), [
							{
								cagnotteId: '118196',
								cagnotteLineId: '535756',
								customerId: DOCUMENT_CUSTOMER,
								campaignId: '46354',
								cagnotteLineDate: '2019-07-10T08:30:04+02:00',
								cagnotteLineValidationDate: '2019-07-10T08:30:04+02:00',
								amount: 20,
								code: '',
							},
							{
								cagnotteId: '118196',
								cagnotteLineId: '535759',
								customerId: DOCUMENT_CUSTOMER,
								campaignId: null,
								cagnotteLineDate: '2019-07-10T15:00:23+02:00',
								cagnotteLineValidationDate: '2019-07-10T15:00:23+02:00',
								amount: -20,
								code: 'kodeKDO_1',
							},
							{
								cagnotteId: '118196',
								cagnotteLineId: '535760',
								customerId: DOCUMENT_CUSTOMER,
								campaignId: null,
								cagnotteLineDate: '2019-07-10T15:00:35+02:00',
								cagnotteLineValidationDate: '2019-07-10T15:00:35+02:00',
								amount: -1,
								code: 'http://google.com',
							},
						]);
						assert.deepEqual(jsonOf(result.items('Document lines as sent')), DOCUMENT_LINES);
						// A line written now (November: +01:00) and the points reply's balance, converted too.
						const [removed] = result.items('Remove by ID');
						assert.match(String((removed.json.cagnotte as Json).cagnotteLineDate), PARIS_ISO);
						assert.equal(typeof (removed.json.customer as Json).cagnotteAmount, 'number');
						// The example's chain: the document's first line as a contact, its customer read by ID
						// as a contact, then the CRM contact node every platform's example shares.
						const document = simulator.customerById(DOCUMENT_CUSTOMER)!;
						const [line] = result.items('New cagnotte line');
						assert.deepEqual((line.json.customFields as Json).customerId, DOCUMENT_CUSTOMER);
						assert.deepEqual((line.json.points as Json).change, 20);
						const [customer] = result.items('Customer');
						assert.deepEqual(customer.json.points, { balance: balance(document), change: null });
						assert.equal((customer.json.source as Json).createdAt, '2019-07-01T10:00:00+02:00');
						const [crm] = jsonOf(result.items('CRM contact'));
						assert.equal(crm['Email'], String(document.email).toLowerCase());
						assert.equal(crm['Points balance'], balance(document));
						assert.equal(crm['Source platform'], 'spread');
						assert.equal(crm['Source record'], DOCUMENT_CUSTOMER);
					},
				},
				{
					name: 'customer → get many, Output Contact: countries as shops send them (France, FR, Belgique, Suisse) become FR, BE, CH on this n8n line',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						const codes: Json = { France: 'FR', FR: 'FR', Belgique: 'BE', Suisse: 'CH' };
						const seen = new Set<string>();
						const contacts = jsonOf(result.items('Customers as contacts'));
						assert.ok(contacts.length >= 300, `${contacts.length} contacts`);
						for (const contact of contacts) {
							const id = (contact.source as Json).recordId as string;
							const raw = simulator.customerById(id)!.country ?? '';
							assert.equal(contact.country, codes[raw] ?? null, `customer ${id}: ${raw}`);
							seen.add(raw);
						}
						for (const raw of Object.keys(codes)) assert.ok(seen.has(raw), raw);
					},
				},
				{
					name: 'customer → create, then update by external ID: v1 form fields arrive as data[...], the customer changes once each',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						// Other branches create and update other customers: this one's requests, by its keys.
						const [created] = posts('POST /CreateAccount').filter(
							(body) => body?.customer_email === newCustomer.email,
						);
						const [updated, ...moreUpdates] = posts('POST /UpdateAccount').filter(
							(body) => body?.external_id === newCustomer.externalId,
						);
						assert.equal(moreUpdates.length, 0);
						for (const entry of simulator.received.filter(
							(request) => request.method === 'POST' && request.key !== 'POST /v2/cagnottes/',
						))
							assert.match(entry.contentType, /application\/x-www-form-urlencoded/, entry.key);
						assert.deepEqual(created, {
							customer_email: newCustomer.email,
							customer_firstname: 'Zoé',
							customer_name: 'Lambert',
							external_id: newCustomer.externalId,
							customer_isoptin: '1',
							customer_gender: 'F',
							customer_birthday: '1992-03-14',
							customer_cp: '69001',
							add_tag: ['vip', 'newsletter'],
							custom_fields: { '12': 'blue' },
						});
						assert.deepEqual(updated, {
							external_id: newCustomer.externalId,
							customer_city: 'Lyon',
							customer_isoptin: '0',
							add_tag: ['gold'],
							del_tag: ['vip'],
						});
						const [createdItem] = result.items('Create customer');
						assert.equal(createdItem.json.email, newCustomer.email);
						assert.equal(createdItem.json.cagnotteAmount, 0);
						assert.match(String(createdItem.json.createdAt), PARIS_ISO);
						const [updatedItem] = result.items('Update customer');
						assert.equal(updatedItem.json.id, createdItem.json.id);
						assert.equal(updatedItem.json.city, 'Lyon');
						assert.equal(updatedItem.json.isOptin, '0');
						assert.deepEqual(updatedItem.json.tags, ['newsletter', 'gold']);
						const stored = simulator.customerByEmail(newCustomer.email)!;
						assert.equal(
							simulator.customers.filter((entry) => entry.email === newCustomer.email).length,
							1,
						);
						assert.deepEqual(stored.tags, ['newsletter', 'gold']);
						assert.equal(stored.firstName, 'Zoé');
					},
				},
				{
					name: 'order → create (the example order-paid workflow): the shop date in Paris time, then its points by email',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						assert.deepEqual(posts('POST /CreateOrder'), [
							{
								customer_email: orderCustomer.email,
								order_idorder: shopOrder.id,
								order_amount: '89.9',
								order_state: 'paid',
								// 08:15 UTC in January is 09:15 in Paris.
								date: '2026-01-15 09:15:00',
							},
						]);
						const [order] = result.items('Record the order');
						assert.equal(order.json.orderId, shopOrder.id);
						assert.equal(order.json.amount, 89.9);
						assert.equal(order.json.customerId, orderCustomer.id);
						assert.equal(order.json.status, 'paid');
						assert.equal(order.json.createdAt, '2026-01-15T09:15:00+01:00');
						assert.equal(
							simulator.orders.filter((entry) => entry.orderId === shopOrder.id).length,
							1,
						);
						const [points] = result.items('Add points');
						assert.deepEqual(points.json.customer, {
							id: orderCustomer.id,
							cagnotteAmount: before.orderCustomer + 89,
						});
					},
				},
				{
					name: 'continue on fail: removing more than the balance becomes an error item paired with its input, the other items go on',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						assert.deepEqual(
							result.items('Remove or error').map((item) => item.pairedItem),
							[{ item: 0 }, { item: 1 }, { item: 2 }],
						);
						const [first, failed, third] = result.items('Next');
						assert.equal((first.json.cagnotte as Json).amount, -3);
						assert.equal((third.json.cagnotte as Json).amount, -3);
						assert.deepEqual(failed.json, {
							error: `SPREAD refused to remove ${tooMany} points from customer ID ${overdrawn.id}: the cagnotte holds fewer points than that (HTTP 400). Read the balance first (Customer → Get, field cagnotteAmount) and remove at most that much`,
							errorDescription: `SPREAD said: "Insufficient cagnotte amount: the customer has ${before.overdrawn}" (HTTP 400)`,
						});
						assert.equal(balance(stays), before.stays - 3);
						assert.equal(
							balance(overdrawn),
							before.overdrawn,
							'the refused removal moved the balance',
						);
						assert.equal(balance(alsoStays), before.alsoStays - 3);
					},
				},
				{
					name: 'customer → find by email (any case) and by external ID in one request of 5,000; one not there gives no item and says what it read',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						const [found, ...more] = jsonOf(result.items('Find by email'));
						assert.equal(more.length, 0);
						assert.equal(found.id, findMe.id);
						assert.equal(found.email, findMe.email);
						assert.equal(found.cagnotteAmount, balance(findMe));
						const [contact] = jsonOf(result.items('Find by external ID'));
						assert.equal(contact.email, findMe.email.toLowerCase());
						assert.equal((contact.source as Json).recordId, findMe.id);
						assert.deepEqual(result.items('Find nobody'), []);
						const hints = (node: string) =>
							((result.run.data?.resultData?.runData?.[node]?.[0]?.hints ?? []) as Json[]).map(
								(hint) => String(hint.message),
							);
						ctx.log(`hints: ${JSON.stringify(hints('Find nobody'))}`);
						// The other branches may have created a customer or two before this one read the list.
						const [hint, ...moreHints] = hints('Find nobody');
						assert.equal(moreHints.length, 0);
						const read =
							/^Item 1: did not find the customer with email nobody\.e2e@example\.fr after reading (\d+) customers in 1 request$/.exec(
								hint,
							);
						assert.ok(read && Number(read[1]) >= sandbox.customers.length + 1, hint);
					},
				},
				{
					name: 'customer → create with an external ID as a contact; update found by email sets the external ID, found by external ID changes the email, each naming the customer in request[...]',
					async run(ctx) {
						const result = await runResult(ctx.execute);
						const [created] = jsonOf(result.items('Create as contact'));
						assert.equal(created.email, crmNew.email);
						assert.equal(created.firstName, 'Inès');
						assert.equal(simulator.customerByEmail(crmNew.email)?.externalId, crmNew.externalId);
						const updates = simulator.receivedAt('POST /UpdateAccount');
						const setId = updates.find((entry) => entry.body?.external_id === 'CRM-E2E-0002');
						assert.deepEqual(setId?.request, { customer_email: getsExternalId.email });
						assert.equal(simulator.customerById(getsExternalId.id)?.externalId, 'CRM-E2E-0002');
						const moved = updates.find(
							(entry) => entry.body?.customer_email === 'moved.e2e@example.fr',
						);
						assert.deepEqual(moved?.request, { external_id: movesEmail.externalId });
						assert.equal(simulator.customerById(movesEmail.id)?.email, 'moved.e2e@example.fr');
						const [movedContact] = jsonOf(result.items('Change email'));
						assert.equal(movedContact.email, 'moved.e2e@example.fr');
						assert.equal(jsonOf(result.items('Set external ID'))[0].externalId, 'CRM-E2E-0002');
					},
				},
				{
					name: 'in a running n8n: a default webhook trigger starts on an unplaceable payload (event "unknown", whole body) and on a consent; a deselected event is answered 200 and logged at debug, without the secret; New or Updated Customer and Validated Cagnotte Line emit a change once, one request a poll',
					async run(ctx) {
						const server = await ctx.serve([
							WORKFLOWS.webhookAll.id,
							WORKFLOWS.webhookFew.id,
							WORKFLOWS.changedCustomers.id,
							WORKFLOWS.validatedLines.id,
						]);
						try {
							const polls = (key: string) =>
								simulator.receivedAt(key).filter((entry) => 'modifiedAfter' in entry.query);
							// The activation's polls record the baselines.
							const deadline = Date.now() + 60_000;
							while (
								(polls('GET /v2/customers').length < 1 || polls('GET /v2/cagnottes/').length < 1) &&
								Date.now() < deadline
							)
								await new Promise((resolve) => setTimeout(resolve, 500));
							assert.ok(polls('GET /v2/customers').length >= 1, 'no baseline poll of customers');
							assert.ok(polls('GET /v2/cagnottes/').length >= 1, 'no baseline poll of lines');
							const post = async (path: string, body: Json) => {
								const response = await fetch(
									`${server.url}/webhook/${path}/webhook?secret=${WEBHOOK_SECRET}`,
									{
										method: 'POST',
										headers: { 'content-type': 'application/json' },
										body: JSON.stringify(body),
									},
								);
								return {
									status: response.status,
									type: response.headers.get('content-type'),
									text: await response.text(),
								};
							};
							const unplaceable = {
								kind: 'loyalty_tier_changed',
								customer: { id: findMe.id },
								tier: 'Gold',
							};
							const consent = {
								event: 'consent.refused',
								date: '2026-03-01 10:00:00',
								customer: { id: findMe.id, email: findMe.email },
								consent: { type: 'newsletter', status: 'refused' },
							};
							const answers = [
								await post('sp-e2e-webhook-all', unplaceable),
								await post('sp-e2e-webhook-all', consent),
								await post('sp-e2e-webhook-few', {
									event: 'coupon.sent',
									coupon: { code: 'KDO-E2E' },
								}),
							];
							ctx.log(`webhook answers: ${JSON.stringify(answers)}`);
							// What the vendor receives, started or deselected alike (n8n's default would
							// be the text "firstEntryJson" for a started workflow).
							const received = {
								status: 200,
								type: 'application/json; charset=utf-8',
								text: '{"received":true}',
							};
							assert.deepEqual(answers, [received, received, received]);
							const webhooks = (await capture.waitFor(2, 60_000)).filter((entry) =>
								String(entry.tag).startsWith('webhook'),
							);
							assert.deepEqual(webhooks, [
								{ tag: 'webhookAll', item: { event: 'unknown', body: unplaceable } },
								{ tag: 'webhookAll', item: consent },
							]);
							// Changes after the baselines: a customer changed, a line validated at once, one waiting.
							const changed = simulator.touchCustomer(getsExternalId, { city: 'Quimper' });
							const validated = simulator.addLine(findMe, 12);
							simulator.addLine(findMe, 30, { cagnotteLineValidationDate: null });
							const customerPolls = polls('GET /v2/customers').length;
							const all = await capture.waitFor(4, 150_000);
							const changes = all.filter((entry) => entry.tag === 'changedCustomers');
							const lines = all.filter((entry) => entry.tag === 'validatedLines');
							assert.deepEqual(
								changes.map((entry) => [(entry.item as Json).id, (entry.item as Json).city]),
								[[changed.id, 'Quimper']],
							);
							assert.deepEqual(
								lines.map((entry) => (entry.item as Json).cagnotteLineId),
								[validated.cagnotteLineId],
							);
							// One request a poll: each poll of the customers asked once, with modifiedAfter.
							const customerRequests = simulator.receivedAt('GET /v2/customers').slice(-1);
							assert.ok(polls('GET /v2/customers').length > customerPolls);
							assert.deepEqual(Object.keys(customerRequests[0].query).sort(), [
								'maxResult',
								'modifiedAfter',
							]);
							assert.ok(!capture.received.some((entry) => entry.tag === 'webhookFew'));
							const log = readFileSync(server.logFile, 'utf8');
							assert.ok(
								log.includes(
									'Webhook answered 200 without starting the workflow: event couponSent not selected',
								),
								`no debug line for the deselected event: ${server.logFile}`,
							);
							assert.ok(
								!log.includes(WEBHOOK_SECRET),
								`the secret shows in n8n's log: ${server.logFile}`,
							);
							ctx.log(
								`polls: customers ${polls('GET /v2/customers').length} requests, lines ${polls('GET /v2/cagnottes/').length} requests`,
							);
						} finally {
							await server.stop();
						}
					},
				},
				{
					name: 'wrong private key: the 401 stops the workflow, says where the keys are, and shows neither key',
					async run(ctx) {
						simulator.resetCounts();
						const result = await ctx.execute(WORKFLOWS.wrongKeys.id);
						assert.equal(result.status, 'error');
						assert.equal(
							result.errorMessage,
							'SPREAD rejected the keys (HTTP 401): check the Public Key and the Private Key in the credential; both are in the SPREAD back office under Paramétrage → Tracker',
						);
						assert.deepEqual(result.items('Next'), []);
						const output = readFileSync(result.logFile, 'utf8');
						const secrets = [
							WRONG_PRIVATE_KEY,
							sandbox.publicKey,
							sandbox.privateKey,
							Buffer.from(`${sandbox.publicKey}:${WRONG_PRIVATE_KEY}`).toString('base64'),
						];
						for (const secret of secrets) {
							assert.ok(
								!JSON.stringify(result.run).includes(secret),
								'a key shows in the run data',
							);
							assert.ok(!output.includes(secret), `a key shows in n8n's output: ${result.logFile}`);
						}
						// n8n itself may send once more after a 401 (its credential-refresh path); the node adds none.
						assert.ok(
							simulator.count('GET /v2/customers') <= 2,
							`a 401 was retried: ${simulator.count('GET /v2/customers')} requests`,
						);
					},
				},
			],
		};
	},
};

export default spec;
