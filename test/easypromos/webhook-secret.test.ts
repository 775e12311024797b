/**
 * The Easypromos Webhook Trigger lets in only the vendor: the URL's secret (401 without it), and
 * bodies that are one JSON object of a sane size (400, 413, 415). Requests go over real HTTP to the
 * node served the way n8n serves it, query string and raw body included.
 */
import type { IDataObject } from 'n8n-workflow';

import { EasypromosWebhookTrigger } from '../../nodes/Easypromos/EasypromosWebhookTrigger.node';
import { WEBHOOK_BODY_LIMIT_BYTES } from '../../nodes/shared/trigger/webhook-guard';
import { packageNode, type TestEnvironment, type WebhookServer } from '../harness';
import { postWebhook, type EasypromosSimulator } from '../../sandbox/simulators/easypromos';
import { startEasypromos } from './setup';

const SECRET = 'Xk29fQ7mLpR4vT8w';

let simulator: EasypromosSimulator;
let environment: TestEnvironment;
let pid: number;
let server: WebhookServer | undefined;
/** Every response body the node's server sent, for the scan at the end of each test. */
let answers: string[];

beforeEach(async () => {
	let sandbox;
	({ simulator, environment, sandbox } = await startEasypromos());
	pid = sandbox.promotions.active.id;
	answers = [];
});
afterEach(async () => {
	if (server) {
		// Nothing the node handed on or answered holds the secret, whatever the request was.
		expect(JSON.stringify(server.calls)).not.toContain(SECRET);
		await server.close();
		server = undefined;
	}
	for (const answer of answers) expect(answer).not.toContain(SECRET);
	await simulator.close();
});

const webhookNode = (parameters: IDataObject = {}) =>
	packageNode(
		'Easypromos Webhook',
		'easypromosWebhookTrigger',
		{ events: ['user', 'participation', 'coinTransaction'], ...parameters },
		{ webhookId: 'a1b2c3' },
	);

async function serve(parameters: IDataObject = {}) {
	server = await environment.serveWebhook(webhookNode(parameters), {
		passQuery: true,
		passRawBody: true,
	});
	return server;
}

/** The answer's status and JSON body; the text is kept for the secret scan. */
async function read(response: Response) {
	const text = await response.text();
	answers.push(text);
	return { status: response.status, body: JSON.parse(text) as IDataObject };
}

const newUser = async (url: string) =>
	await read(await simulator.sendWebhook(url, 'new_user', pid, simulator.users(pid)[0].id));

const post = async (url: string, body: string, contentType = 'application/json') =>
	await read(await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body }));

const started = () => server!.calls.filter((call) => call.result.workflowData);

describe('Secret', () => {
	test('the right secret in the URL starts the workflow; the item holds no secret', async () => {
		const { url } = await serve({ secret: SECRET });
		expect(await newUser(`${url}?secret=${SECRET}`)).toEqual({
			status: 200,
			body: { received: true },
		});
		expect(started()).toHaveLength(1);
		const [[item]] = started()[0].result.workflowData!;
		expect(item.json).toMatchObject({ event: 'new_user', promotion_id: pid });
		expect(Object.keys(item.json).sort()).toEqual(['created', 'data', 'event', 'promotion_id']);
	});

	test('a wrong or missing secret gets a 401 and starts nothing', async () => {
		const { url } = await serve({ secret: SECRET });
		const refused = {
			status: 401,
			body: {
				message:
					"Missing or wrong secret: the URL must be the Production URL followed by ?secret= and the node's Secret",
			},
		};
		expect(await newUser(url)).toEqual(refused);
		expect(await newUser(`${url}?secret=${SECRET.slice(0, -1)}`)).toEqual(refused);
		expect(await newUser(`${url}?secret=${SECRET}x`)).toEqual(refused);
		expect(await newUser(`${url}?secret=`)).toEqual(refused);
		expect(await newUser(`${url}?secret=${SECRET}&secret=${SECRET}`)).toEqual(refused);
		expect(await newUser(`${url}?token=${SECRET}`)).toEqual(refused);
		expect(server!.calls).toHaveLength(6);
		expect(started()).toHaveLength(0);
	});

	test('the secret is checked before the body: a bad body without it is a 401 too', async () => {
		const { url } = await serve({ secret: SECRET });
		expect((await post(url, '[1, 2]')).status).toBe(401);
		expect((await post(url, 'a=b', 'application/x-www-form-urlencoded')).status).toBe(401);
	});

	test('no secret configured: every request starts, as before the parameter existed', async () => {
		const { url } = await serve();
		expect(await newUser(url)).toEqual({ status: 200, body: { received: true } });
		expect(await newUser(`${url}?secret=anything`)).toEqual({
			status: 200,
			body: { received: true },
		});
		expect(started()).toHaveLength(2);
	});

	test('a payload that echoes the URL it was posted to has the secret redacted', async () => {
		const { url } = await serve({ secret: SECRET });
		const response = await postWebhook(
			`${url}?secret=${SECRET}`,
			'new_user',
			{ id: 7, email: 'a@example.com', webhook_url: `${url}?secret=${SECRET}&lang=en` },
			{ promotionId: pid },
		);
		expect((await read(response)).status).toBe(200);
		const [[item]] = started()[0].result.workflowData!;
		expect((item.json.data as IDataObject).webhook_url).toBe(`${url}?secret=[redacted]&lang=en`);
	});

	test('the parameter is a password field, empty by default, and the notice says how to build the URL', () => {
		const { properties } = new EasypromosWebhookTrigger().description;
		expect(properties.find((property) => property.name === 'secret')).toMatchObject({
			type: 'string',
			typeOptions: { password: true },
			default: '',
		});
		const notice = properties.find((property) => property.type === 'notice')!;
		expect(notice.displayName).toContain('Production URL + ?secret= + your secret');
	});
});

describe('Body checks', () => {
	test('a JSON array gets a 400 and starts nothing', async () => {
		const { url } = await serve({ secret: SECRET });
		expect(await post(`${url}?secret=${SECRET}`, '[{"event": "new_user"}]')).toEqual({
			status: 400,
			body: { message: 'The body is an array, not a JSON object: send one object, {…}' },
		});
		expect(started()).toHaveLength(0);
	});

	test('JSON strings, numbers and null get a 400', async () => {
		const { url } = await serve();
		for (const [body, kind] of [
			['"hello"', 'a string'],
			['42', 'a number'],
			['null', 'null'],
		]) {
			expect(await post(url, body)).toEqual({
				status: 400,
				body: { message: `The body is ${kind}, not a JSON object: send one object, {…}` },
			});
		}
		expect(started()).toHaveLength(0);
	});

	test('a body that is not JSON gets a 415 and starts nothing', async () => {
		const { url } = await serve({ secret: SECRET });
		expect(
			await post(
				`${url}?secret=${SECRET}`,
				'email=a@example.com',
				'application/x-www-form-urlencoded',
			),
		).toEqual({
			status: 415,
			body: { message: 'Send a JSON object with Content-Type: application/json' },
		});
		expect(started()).toHaveLength(0);
	});

	test('a body over 1 MiB gets a 413 and starts nothing; one just under starts', async () => {
		const { url } = await serve({ secret: SECRET });
		const padded = (bytes: number) => {
			const shell = JSON.stringify({ event: 'new_user', promotion_id: pid, data: { note: '' } });
			return JSON.stringify({
				event: 'new_user',
				promotion_id: pid,
				data: { note: 'x'.repeat(bytes - shell.length) },
			});
		};
		const over = padded(WEBHOOK_BODY_LIMIT_BYTES + 1);
		expect(Buffer.byteLength(over)).toBe(WEBHOOK_BODY_LIMIT_BYTES + 1);
		expect(await post(`${url}?secret=${SECRET}`, over)).toEqual({
			status: 413,
			body: {
				message: `The body is ${WEBHOOK_BODY_LIMIT_BYTES + 1} bytes; send at most ${WEBHOOK_BODY_LIMIT_BYTES} bytes (one record per request)`,
			},
		});
		expect(started()).toHaveLength(0);
		expect((await post(`${url}?secret=${SECRET}`, padded(WEBHOOK_BODY_LIMIT_BYTES))).status).toBe(
			200,
		);
		expect(started()).toHaveLength(1);
	});

	test('without the raw body, the size is read from Content-Length, else from the parsed JSON', async () => {
		const node = webhookNode();
		const declared = await environment.webhook(node, {
			body: { event: 'new_user' },
			headers: {
				'content-type': 'application/json',
				'content-length': String(WEBHOOK_BODY_LIMIT_BYTES + 1),
			},
		});
		expect(declared.status).toBe(413);
		expect(declared.result).toEqual({ noWebhookResponse: true });
		const parsed = await environment.webhook(node, {
			body: { event: 'new_user', data: { note: 'x'.repeat(WEBHOOK_BODY_LIMIT_BYTES) } },
			headers: { 'content-type': 'application/json' },
		});
		expect(parsed.status).toBe(413);
		expect(parsed.result.workflowData).toBeUndefined();
	});
});
