/**
 * SPREAD inside a real n8n: the sandbox simulator, a second one whose documented cagnotte POST URL
 * answers with a 301 to the canonical one, and a credential with a wrong private key. Two `n8n execute`
 * calls per line: one workflow whose branches each hold a case (every one of them ends without stopping
 * the workflow), run once and shared by the cases that read it, and one whose 401 stops it. The nodes
 * of examples/spread-*.json run on real records in the first (their trigger and webhook replaced by a
 * node of the same name), so the examples' expressions are checked on both lines too.
 * (The triggers are not executed here: `n8n execute` runs in 'cli' mode, in which n8n neither polls nor
 * listens for webhooks; the runner's load check covers that n8n loaded them.)
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
import type { ExecutionResult, N8nItem, VendorSpec } from './lib/types';
import { itemsFrom, manualTrigger, noOp, workflowOf, type NodeJson } from './lib/workflows';

const CREDENTIAL = { id: 'spE2eCred01', name: 'SPREAD e2e' };
const REDIRECT_CREDENTIAL = { id: 'spE2eCredRedirect', name: 'SPREAD e2e (POST redirected)' };
const WRONG_KEYS_CREDENTIAL = { id: 'spE2eCredBadKeys', name: 'SPREAD e2e (wrong private key)' };
const SPREAD = 'n8n-nodes-spread.spread';
const WRONG_PRIVATE_KEY = 'sp_e2e_not_the_private_key_4711';
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
					['Start', 'Values'],
					['Values', 'One per item'],
					['One per item', 'Remove or error'],
					['Remove or error', 'Next'],
				],
			),
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
			workflows: Object.values(WORKFLOWS),
			close: async () => {
				await Promise.all([simulator.close(), redirecting.close()]);
			},
			cases: [
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
					name: `cagnotte → get many, Return All, customer and Min Amount filters: ${LOYAL_EARNED} lines, each once, over 2 pages of at most ${PAGE}`,
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
						assert.deepEqual(
							queries(simulator.received, 'GET /v2/cagnottes/').filter(
								(query) => query.customerId === loyal.id,
							),
							[filter, { ...filter, startAt: String(PAGE) }],
							'pages requested',
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
						const [created] = posts('POST /CreateAccount');
						const [updated, ...moreUpdates] = posts('POST /UpdateAccount');
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
