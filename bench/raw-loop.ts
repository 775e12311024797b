/**
 * The physical limit of this machine for an export: a plain `fetch` loop in Node (undici, keep-alive),
 * one request after the other, every record kept in an array, no n8n. Runs in its own process (started
 * by the benchmark with n8n's Node), so its memory is its own:
 *
 *   node -r ./scripts/ts-register.cjs bench/raw-loop.ts '<json RawLoopInput>'
 *
 * Prints one JSON line: RawLoopResult.
 */
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';

export type RawLoopInput =
	| { vendor: 'easypromos'; url: string; token: string; order?: string }
	| {
			vendor: 'leevia';
			url: string;
			apiKey: string;
			apiSecret: string;
			authenticateUrl: string;
	  }
	| {
			vendor: 'kimple';
			/** The list, e.g. <base>/api/contest_entry/list. */
			url: string;
			apiKey: string;
			apiSecret: string;
			/** The list's search, e.g. contest_hash_id='YP67sgn'. */
			search?: string;
			/** The field that tells records apart. */
			idField: string;
	  }
	| {
			vendor: 'spread';
			/** The list, e.g. <base>/api/v2/cagnottes/. */
			url: string;
			publicKey: string;
			privateKey: string;
			/** The reply's key of the records (`cagnottes`). */
			envelope: string;
			/** `maxResult`, at most 5,000. */
			pageSize: number;
			idField: string;
	  };

export interface RawLoopResult {
	items: number;
	unique: number;
	pages: number;
	ms: number;
	/** VmHWM of this process at the end. */
	hwmKb: number;
}

type Json = Record<string, any>;

async function getJson(url: string, headers: Record<string, string>): Promise<Json> {
	const response = await fetch(url, { headers });
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
	return (await response.json()) as Json;
}

/** Easypromos: `next_cursor` until the reply has none. */
async function easypromos(input: Extract<RawLoopInput, { vendor: 'easypromos' }>) {
	const headers = { Authorization: `Bearer ${input.token}`, Accept: 'application/json' };
	const items: Json[] = [];
	let pages = 0;
	let cursor: unknown;
	do {
		const url = new URL(input.url);
		if (input.order) url.searchParams.set('order', input.order);
		if (cursor) url.searchParams.set('next_cursor', String(cursor));
		const page = await getJson(url.href, headers);
		pages++;
		items.push(...(page.items as Json[]));
		cursor = page.paging?.next_cursor;
	} while (cursor);
	return { items, pages };
}

/** Leevia: sign in once (before the clock starts), then `page` = `next_page` until there is none. */
async function leeviaSignIn(input: Extract<RawLoopInput, { vendor: 'leevia' }>) {
	const timestamp = Math.floor(Date.now() / 1000);
	const response = await fetch(input.authenticateUrl, {
		headers: {
			Accept: 'application/vnd.leevia.api.v1+json',
			'App-Key': input.apiKey,
			Timestamp: String(timestamp),
			Signature: createHmac('sha256', input.apiSecret)
				.update(`${input.apiKey}.${timestamp}`)
				.digest('hex'),
		},
	});
	const authorization = response.headers.get('authorization');
	if (!authorization) throw new Error(`Leevia sign-in failed: HTTP ${response.status}`);
	return authorization;
}

async function leevia(input: Extract<RawLoopInput, { vendor: 'leevia' }>, authorization: string) {
	const headers = { Authorization: authorization, Accept: 'application/vnd.leevia.api.v1+json' };
	const items: Json[] = [];
	let pages = 0;
	let page: unknown = 1;
	do {
		const url = new URL(input.url);
		url.searchParams.set('page', String(page));
		const reply = await getJson(url.href, headers);
		pages++;
		items.push(...(reply.participants as Json[]));
		page = reply.pagination?.next_page;
	} while (page);
	return { items, pages };
}

/** Kimple: `page` from 1 with `limit=100` until a page comes back short; the key pair in two headers. */
async function kimple(input: Extract<RawLoopInput, { vendor: 'kimple' }>) {
	const headers = {
		'X-Api-Key': input.apiKey,
		'X-Api-Secret': input.apiSecret,
		Accept: 'application/json',
	};
	const limit = 100;
	const items: Json[] = [];
	let pages = 0;
	let data: Json[];
	do {
		const url = new URL(input.url);
		url.searchParams.set('page', String(pages + 1));
		url.searchParams.set('limit', String(limit));
		if (input.search) url.searchParams.set('search', input.search);
		data = (await getJson(url.href, headers)).data as Json[];
		pages++;
		items.push(...data);
	} while (data.length === limit);
	return { items, pages };
}

/**
 * SPREAD: HTTP Basic with the key pair; `startAt` from 0 (left out on the first page, as our node does)
 * with `maxResult` until a page comes back short.
 */
async function spread(input: Extract<RawLoopInput, { vendor: 'spread' }>) {
	const pair = Buffer.from(`${input.publicKey}:${input.privateKey}`).toString('base64');
	const headers = { Authorization: `Basic ${pair}`, Accept: 'application/json' };
	const items: Json[] = [];
	let pages = 0;
	let records: Json[];
	do {
		const url = new URL(input.url);
		url.searchParams.set('maxResult', String(input.pageSize));
		if (items.length) url.searchParams.set('startAt', String(items.length));
		records = (await getJson(url.href, headers))[input.envelope] as Json[];
		pages++;
		items.push(...records);
	} while (records.length === input.pageSize);
	return { items, pages };
}

export async function rawLoop(input: RawLoopInput): Promise<RawLoopResult> {
	const authorization = input.vendor === 'leevia' ? await leeviaSignIn(input) : '';
	const started = performance.now();
	const { items, pages } =
		input.vendor === 'leevia'
			? await leevia(input, authorization)
			: input.vendor === 'kimple'
				? await kimple(input)
				: input.vendor === 'spread'
					? await spread(input)
					: await easypromos(input);
	const ms = performance.now() - started;
	const status = readFileSync('/proc/self/status', 'utf8');
	const idField = input.vendor === 'kimple' || input.vendor === 'spread' ? input.idField : 'id';
	return {
		items: items.length,
		unique: new Set(items.map((item) => item[idField])).size,
		pages,
		ms,
		hwmKb: Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0),
	};
}

if (require.main === module) {
	rawLoop(JSON.parse(process.argv[2]) as RawLoopInput)
		.then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
		.catch((error: unknown) => {
			process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
			process.exitCode = 1;
		});
}
