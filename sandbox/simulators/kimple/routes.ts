import type { SimReply, SimRequest } from '../http-server';
import {
	KIMPLE_DEFAULT_LIMIT,
	KIMPLE_HASH_ID_FIELDS,
	KIMPLE_SECTIONS,
	KIMPLE_LIMIT_MESSAGE,
	KIMPLE_MAX_LIMIT,
	NESTED_FIELDS,
	RECORD_NAMES,
	SCALAR_FIELDS,
	type KimpleContestEntry,
	type KimpleSection,
} from './model';
import {
	ApiFailure,
	codePointOrder,
	compareValues,
	meets,
	parseOrder,
	parseSearch,
	type SortKey,
} from './search';
import { KimpleSeeds } from './seed';

/** The Kimple API v2 (see index.ts): the routing, the key check and rate limit, the lists and the single records. */
export class KimpleSimulator extends KimpleSeeds {
	// ---- the server ----

	protected endpointKey(request: SimRequest): string {
		const route = this.route(request.url.pathname);
		if (!route) return `${request.method} ${request.url.pathname}`;
		return `${request.method} /${route.section}/${route.id === undefined ? 'list' : '{id}'}`;
	}

	protected handle(request: SimRequest): SimReply {
		this.remember(request);
		try {
			if (!request.url.pathname.startsWith('/api/')) throw new ApiFailure(404, 'Not found');
			const apiKey = this.authorize(request);
			this.takeRateLimitSlot(apiKey);
			const route = this.route(request.url.pathname);
			if (!route)
				throw new ApiFailure(404, `No route found for "${request.method} ${request.url.pathname}"`);
			if (request.method !== 'GET') throw new ApiFailure(405, 'Method not allowed');
			const body =
				route.id === undefined
					? this.list(route.section, request.url.searchParams)
					: this.one(route.section, route.id);
			return { status: 200, body };
		} catch (error) {
			if (error instanceof ApiFailure) return error.reply;
			throw error;
		}
	}

	private remember(request: SimRequest): void {
		this.received.push({
			method: request.method,
			path: request.url.pathname,
			key: this.endpointKey(request),
			query: Object.fromEntries(request.url.searchParams),
		});
		if (this.received.length > this.receivedLimit)
			this.received.splice(0, this.received.length - this.receivedLimit);
	}

	private route(pathname: string): { section: KimpleSection; id?: string } | undefined {
		const match = /^\/api\/([a-z_]+)\/([^/]+)\/?$/.exec(pathname);
		if (!match || !(KIMPLE_SECTIONS as readonly string[]).includes(match[1])) return undefined;
		const section = match[1] as KimpleSection;
		if (match[2] === 'list') return { section };
		try {
			return { section, id: decodeURIComponent(match[2]) };
		} catch {
			return { section, id: match[2] };
		}
	}

	/** The key of a registered, unrevoked pair; the secret is compared, never repeated. */
	private authorize(request: SimRequest): string {
		const apiKey = request.headers[this.authHeaders.key.toLowerCase()];
		const apiSecret = request.headers[this.authHeaders.secret.toLowerCase()];
		const pair = typeof apiKey === 'string' ? this.keyPairs.get(apiKey) : undefined;
		if (!pair || typeof apiSecret !== 'string' || apiSecret !== pair.secret)
			throw new ApiFailure(401, 'Invalid API key or secret');
		if (pair.revoked) throw new ApiFailure(403, 'Access denied');
		return apiKey as string;
	}

	/** The window opens at a key's first request; past `rateLimit` requests in it, 429 until it closes. */
	private takeRateLimitSlot(apiKey: string): void {
		if (this.rateLimit === undefined) return;
		const now = Date.now();
		let window = this.windows.get(apiKey);
		if (!window || now - window.startedAt >= this.windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(apiKey, window);
		}
		window.count++;
		if (window.count <= this.rateLimit) return;
		this.rateLimitedCount++;
		const waitSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
		throw new ApiFailure(429, 'Too many requests', { 'Retry-After': String(waitSeconds) });
	}

	private list(section: KimpleSection, query: URLSearchParams): { data: unknown[] } {
		const page = this.positiveInteger(query.get('page'), 1, 'page must be a positive integer');
		const limit = this.positiveInteger(
			query.get('limit'),
			KIMPLE_DEFAULT_LIMIT,
			KIMPLE_LIMIT_MESSAGE,
		);
		if (limit > KIMPLE_MAX_LIMIT) throw new ApiFailure(400, KIMPLE_LIMIT_MESSAGE);
		const fields = SCALAR_FIELDS[section];
		const nested = NESTED_FIELDS[section];
		const order = parseOrder(query.get('order') ?? '', fields, nested);
		const conditions = parseSearch(query.get('search') ?? '', fields, nested);
		const hashField = KIMPLE_HASH_ID_FIELDS[section];
		const sortKeys: SortKey[] = order.length
			? order
			: [
					{ field: 'id', descending: false },
					{ field: hashField, descending: false },
				];
		const matching = this.store
			.get(section)!
			.filter((record) =>
				conditions.every((condition) => meets(this.valueOf(record, condition.field), condition)),
			);
		matching.sort((a, b) => {
			for (const key of sortKeys) {
				const difference =
					key.field === hashField && !order.length
						? // The default hash-id tie-break is a plain code-point order, like a binary column.
							codePointOrder(String(a.data[hashField]), String(b.data[hashField]))
						: compareValues(this.valueOf(a, key.field), this.valueOf(b, key.field));
				if (difference !== 0) return key.descending ? -difference : difference;
			}
			return a.seq - b.seq;
		});
		const start = (page - 1) * limit;
		return { data: matching.slice(start, start + limit).map((record) => this.view(record)) };
	}

	private one(section: KimpleSection, id: string): unknown {
		const notFound = new ApiFailure(404, `${RECORD_NAMES[section]} not found`);
		if (/^\d+$/.test(id)) {
			// A masked id (0) identifies nothing; with masking on, no number does.
			const number = Number(id);
			if (this.maskIds || number === 0) throw notFound;
			const record = this.store.get(section)!.find((candidate) => candidate.data.id === number);
			if (!record) throw notFound;
			return this.view(record);
		}
		const record = this.byHash.get(section)!.get(id);
		if (!record) throw notFound;
		return this.view(record);
	}

	private positiveInteger(value: string | null, fallback: number, message: string): number {
		if (value === null) return fallback;
		if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new ApiFailure(400, message);
		return Number(value);
	}

	/**
	 * A contest entry whose person asked to be forgotten: its personal fields masked and
	 * `is_anonymized` set (ASSUMED: the document shows the flag on contests only and no mask).
	 */
	anonymiseEntry(hashId: string): KimpleContestEntry {
		const entry = this.find<KimpleContestEntry>('contest_entry', hashId);
		if (!entry) throw new Error(`Unknown contest entry ${hashId}`);
		Object.assign(entry, {
			email: '*****@*****',
			phone: '*****',
			firstname: '*****',
			lastname: '*****',
			address: '*****',
			zipcode: '*****',
			city: '*****',
			is_anonymized: 1,
		});
		return entry;
	}
}
