import { jsonBody, type SimReply, type SimRequest } from '../http-server';
import {
	EASYPROMOS_ERROR_MESSAGES,
	EASYPROMOS_PAGE_SIZE,
	type EasypromosParticipation,
	type EasypromosRegistrationField,
	type EasypromosReceivedRequest,
	type EasypromosUser,
	type EasypromosSimulatorOptions,
} from './model';
import { EasypromosSeeds } from './seed';
import {
	ApiFailure,
	badRequest,
	notFound,
	type ParticipationRecord,
	type PromotionRecord,
	type Route,
	type RouteContext,
} from './state';

/** A registration field with one of these refs is the person's own (a field of the user object). */
const USER_OWN_FIELDS = new Set([
	'first_name',
	'last_name',
	'nickname',
	'email',
	'phone',
	'birthday',
	'language',
	'country',
]);

/** The Easypromos REST API v2 (see index.ts): the routing, the checks every request passes, the endpoints. */
export class EasypromosSimulator extends EasypromosSeeds {
	private readonly routes: Route[];

	constructor(options: EasypromosSimulatorOptions = {}) {
		super(options);
		this.routes = this.buildRoutes();
	}

	/** Every endpoint key the simulator answers, e.g. "GET /users/{pid}". */
	get endpointKeys(): string[] {
		return this.routes.map((route) => `${route.method} ${route.pattern}`);
	}

	// ---- the server ----

	protected endpointKey(request: SimRequest): string {
		const path = this.apiPath(request) ?? request.url.pathname;
		const found = this.match(request.method, path);
		return found ? `${found.route.method} ${found.route.pattern}` : `${request.method} ${path}`;
	}

	/** What tests see of the requests to one endpoint key, oldest first. */
	receivedAt(key: string): EasypromosReceivedRequest[] {
		return this.received.filter((entry) => entry.key === key);
	}

	protected handle(request: SimRequest): SimReply {
		this.received.push({
			key: this.endpointKey(request),
			query: Object.fromEntries(request.url.searchParams),
			body: request.rawBody.length > 0 ? jsonBody(request) : undefined,
		});
		if (this.received.length > this.receivedLimit)
			this.received.splice(0, this.received.length - this.receivedLimit);
		try {
			const path = this.apiPath(request);
			if (path === undefined) throw notFound('Method');
			const accountId = this.authorize(request);
			this.takeRateLimitSlot(accountId);
			// [doc] "We accept 2 methods: GET and POST"; 404 is "Could not find method requested".
			if (this.guideMethodsOnly && request.method !== 'GET' && request.method !== 'POST')
				throw notFound('Method');
			const found = this.match(request.method, path);
			if (!found) throw notFound('Method');
			const body = this.readBody(request);
			return found.route.run({
				request,
				accountId,
				params: found.params,
				query: request.url.searchParams,
				body,
			});
		} catch (error) {
			if (error instanceof ApiFailure) return error.reply;
			throw error;
		}
	}

	private apiPath(request: SimRequest): string | undefined {
		const match = /^\/v2(\/.*)?$/.exec(request.url.pathname);
		if (!match) return undefined;
		return (match[1] ?? '/').replace(/\/+$/, '') || '/';
	}

	private match(
		method: string,
		path: string,
	): { route: Route; params: Record<string, number> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const match = route.regex.exec(path);
			if (!match) continue;
			const params: Record<string, number> = {};
			for (const [index, name] of route.paramNames.entries())
				params[name] = Number(match[index + 1]);
			return { route, params };
		}
		return undefined;
	}

	private authorize(request: SimRequest): number {
		const header = String(request.headers.authorization ?? '').trim();
		const bearer = /^Bearer\s+(\S+)$/i.exec(header);
		const token = bearer ? this.tokens.get(bearer[1]) : undefined;
		if (!token || token.status === 'expired') {
			throw new ApiFailure({
				status: 401,
				body: { message: 'Unauthorized - Access Token not valid' },
			});
		}
		if (token.status === 'noApiAccess') {
			throw new ApiFailure({
				status: 403,
				body: { message: 'Forbidden - This user does not have access to this resource' },
			});
		}
		return token.accountId;
	}

	/** The window opens at an account's first request; past `rateLimit` requests in it, 429 until it closes. */
	private takeRateLimitSlot(accountId: number): void {
		const now = this.now();
		let window = this.windows.get(accountId);
		if (!window || now - window.startedAt >= this.windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(accountId, window);
		}
		window.count++;
		if (window.count <= this.rateLimit) return;
		this.rateLimitedCount++;
		const waitSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
		throw new ApiFailure({
			status: 429,
			headers: this.sendRetryAfter ? { 'Retry-After': String(waitSeconds) } : {},
			body: {
				message:
					'Too Many Requests - You are over the rate limit window. Try your request again later.',
			},
		});
	}

	/** GET ignores its body; POST and PUT always need JSON; DELETE only when it carries a body. */
	private readBody(request: SimRequest): Record<string, unknown> {
		const hasBody = request.rawBody.length > 0;
		const needsJson =
			request.method === 'POST' ||
			request.method === 'PUT' ||
			(request.method === 'DELETE' && hasBody);
		if (!needsJson) return {};
		const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
		if (!contentType.startsWith('application/json')) {
			throw new ApiFailure({
				status: 415,
				body: {
					message:
						'Unsupported content type. The request must include the HTTP Content-Type header and must be application/json.',
				},
			});
		}
		try {
			const parsed = JSON.parse(request.rawBody.toString('utf8')) as unknown;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				return parsed as Record<string, unknown>;
		} catch {
			// falls through to code 50
		}
		throw badRequest(50);
	}

	private buildRoutes(): Route[] {
		const route = (
			method: string,
			pattern: string,
			run: (context: RouteContext) => SimReply,
		): Route => {
			const paramNames = [...pattern.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
			const regex = new RegExp(`^${pattern.replace(/\{\w+\}/g, '(\\d+)')}$`);
			return { method, pattern, regex, paramNames, run };
		};
		return [
			route('GET', '/promotions', (c) => this.listPromotions(c)),
			route('GET', '/promotions/{pid}', (c) => ok(this.owned(c).promotion)),
			route('GET', '/promotions/{pid}/registration_fields', (c) =>
				this.collection(c, this.owned(c).registrationFields),
			),
			route('GET', '/organizing_brands', (c) =>
				this.collection(c, this.accountBrands(c.accountId)),
			),
			route('GET', '/organizing_brands/{id}', (c) => ok(this.ownedBrand(c))),
			route('GET', '/organizing_brands/{id}/promotions', (c) =>
				this.listPromotions(c, this.ownedBrand(c).id),
			),
			route('GET', '/stages/{pid}', (c) =>
				this.collection(
					c,
					this.owned(c).stages.map((stage) => stage.stage),
				),
			),
			route('GET', '/stages/{pid}/{stage_id}', (c) =>
				ok(this.stageOf(this.owned(c), c.params.stage_id).stage),
			),
			route('GET', '/users/{pid}', (c) => this.collection(c, this.owned(c).users)),
			route('GET', '/users/{pid}/{user_id}', (c) =>
				ok(this.userOf(this.owned(c), c.params.user_id)),
			),
			route('POST', '/users/autologin/{pid}', (c) => this.autologin(c)),
			route('GET', '/users/logintoken/{pid}/{user_id}', (c) => this.loginToken(c)),
			route('POST', '/users/segments/{pid}', (c) => this.changeSegments(c, 'add')),
			route('DELETE', '/users/segments/{pid}', (c) => this.changeSegments(c, 'remove')),
			route('GET', '/participations/{pid}', (c) => this.listParticipations(c)),
			route('POST', '/participations/{pid}', (c) => this.createParticipation(c)),
			route('GET', '/participations/{pid}/users/{user_id}', (c) =>
				this.listParticipations(c, c.params.user_id),
			),
			route('GET', '/participations/{pid}/remaining/{stage_id}/{user_id}', (c) =>
				this.remaining(c),
			),
			route('GET', '/participations/{pid}/{participation_id}', (c) => this.getParticipation(c)),
			route('POST', '/participations/{pid}/participate/{stage_id}', (c) => this.participate(c)),
			route('POST', '/participations/{pid}/check_requirement/{stage_id}', (c) =>
				this.checkRequirement(c),
			),
			route('POST', '/participations/{pid}/validate_code/{stage_id}', (c) => this.validateCode(c)),
			route('GET', '/prizes/inventory/{pid}', (c) => this.inventory(c)),
			route('GET', '/prizes/{pid}', (c) => this.listPrizes(c)),
			route('GET', '/prizes/{pid}/users/{user_id}', (c) => this.listPrizes(c, c.params.user_id)),
			route('GET', '/coin_transactions/{pid}', (c) => this.listCoinTransactions(c)),
			route('GET', '/coin_transactions/{pid}/users/{user_id}', (c) =>
				this.listCoinTransactions(c, c.params.user_id),
			),
			route('POST', '/coin_transactions/{pid}', (c) => this.createCoinTransaction(c)),
			route('GET', '/coins/{pid}/users/{user_id}', (c) => this.getBalance(c)),
			route('PUT', '/coins/{pid}', (c) => this.setBalance(c)),
			route('GET', '/ranking/{pid}', (c) => this.ranking(c)),
			route('GET', '/pos/{pid}', (c) => this.collection(c, this.owned(c).pointsOfSale)),
		];
	}

	// ---- collections ----

	/**
	 * One page of a collection. Records are in id order, which is creation order; the cursor is the key of
	 * the next page's first record, so pages neither overlap nor skip even while new records arrive.
	 */
	private collection<T>(
		context: RouteContext,
		records: readonly T[],
		options: { view?: (record: T) => unknown; key?: (record: T) => number; ordered?: boolean } = {},
	): SimReply {
		const key = options.key ?? ((record: T) => (record as { id: number }).id);
		const view = options.view ?? ((record: T) => record);
		const ordered = options.ordered ?? true;
		const order = context.query.get('order') ?? 'created_desc';
		if (ordered && order !== 'created_asc' && order !== 'created_desc') {
			throw badRequest(0, 'order must be created_asc or created_desc');
		}
		const descending = ordered && order === 'created_desc';
		const sorted = [...records].sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)));

		let start = 0;
		const cursorParameter = context.query.get('next_cursor');
		if (cursorParameter !== null && cursorParameter !== '') {
			if (!/^-?\d+$/.test(cursorParameter)) throw badRequest(0, 'next_cursor is not valid');
			const cursor = Number(cursorParameter);
			if (cursor > 0) {
				start = sorted.findIndex((record) =>
					descending ? key(record) <= cursor : key(record) >= cursor,
				);
				if (start === -1) start = sorted.length;
			}
		}
		const page = sorted.slice(start, start + EASYPROMOS_PAGE_SIZE);
		const next = sorted[start + EASYPROMOS_PAGE_SIZE];
		const paging =
			next !== undefined
				? { next_cursor: key(next), items_page: page.length }
				: { items_page: page.length };
		return ok({ items: page.map(view), paging });
	}

	private listPromotions(context: RouteContext, brandId?: number): SimReply {
		const status = context.query.get('status') ?? 'all';
		if (!['all', 'draft', 'active', 'expired'].includes(status)) {
			throw badRequest(0, 'status must be all, draft, active or expired');
		}
		const promotions = [...this.promotions.values()]
			.filter((record) => record.accountId === context.accountId)
			.map((record) => record.promotion)
			.filter((promotion) => brandId === undefined || promotion.organizing_brand.id === brandId)
			.filter((promotion) => status === 'all' || promotion.status === status);
		return this.collection(context, promotions);
	}

	private listParticipations(context: RouteContext, userId?: number): SimReply {
		const record = this.owned(context);
		if (userId !== undefined) this.userOf(record, userId);
		const full = context.query.get('format') === 'full';
		const participations = record.participations.filter(
			(participation) => userId === undefined || participation.user_id === userId,
		);
		return this.collection(context, participations, {
			view: (participation) => this.participationView(record, participation, full),
		});
	}

	private getParticipation(context: RouteContext): SimReply {
		const record = this.owned(context);
		const participation = record.participations.find(
			(candidate) => candidate.id === context.params.participation_id,
		);
		if (!participation) throw notFound('Participation');
		return ok(
			this.participationView(record, participation, context.query.get('format') === 'full'),
		);
	}

	private listPrizes(context: RouteContext, userId?: number): SimReply {
		const record = this.owned(context);
		if (userId !== undefined) this.userOf(record, userId);
		const prizes = record.prizes.filter(
			(prize) => userId === undefined || prize.user_id === userId,
		);
		return this.collection(context, prizes, { view: (prize) => this.prizeView(record, prize) });
	}

	private inventory(context: RouteContext): SimReply {
		const record = this.owned(context);
		return this.collection(context, record.prizeTypes, {
			key: (entry) => entry.prizeType.id,
			view: (entry) => ({ ...entry.prizeType, available: entry.prizeType.qty - entry.assigned }),
		});
	}

	private listCoinTransactions(context: RouteContext, userId?: number): SimReply {
		const record = this.owned(context);
		if (userId !== undefined) this.userOf(record, userId);
		const transactions = record.coinTransactions.filter(
			(transaction) => userId === undefined || transaction.user_id === userId,
		);
		return this.collection(context, transactions, {
			view: (transaction) => this.coinTransactionItem(record, transaction),
		});
	}

	/** Best score per user in a scored stage, highest first; earlier participation wins a tie. */
	private ranking(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stageParameter = context.query.get('stage_id');
		const stage = stageParameter
			? record.stages.find(
					(candidate) => String(candidate.stage.id) === stageParameter && candidate.scored,
				)
			: record.stages.find((candidate) => candidate.scored);
		if (!stage) throw notFound('Ranking');
		const best = new Map<number, ParticipationRecord>();
		for (const participation of record.participations) {
			if (participation.stage_id !== stage.stage.id) continue;
			const current = best.get(participation.user_id);
			if (!current || participation.points > current.points)
				best.set(participation.user_id, participation);
		}
		const rows = [...best.values()]
			.sort((a, b) => b.points - a.points || a.id - b.id)
			.map((participation, index) => {
				const user = this.userOf(record, participation.user_id);
				return {
					position: index + 1,
					user_id: user.id,
					nickname: user.nickname,
					avatar_img: user.avatar_img,
					points: participation.points,
				};
			});
		return this.collection(context, rows, { key: (row) => row.position, ordered: false });
	}

	// ---- users ----

	private autologin(context: RouteContext): SimReply {
		const record = this.owned(context);
		this.assertOpen(record);
		if (!record.autologinEnabled) throw badRequest(43);
		const body = context.body;
		const externalId =
			typeof body.external_id === 'number' ? String(body.external_id) : body.external_id;
		if (typeof externalId !== 'string' || externalId.trim() === '') throw badRequest(40);
		if (
			body.email !== undefined &&
			(typeof body.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(body.email))
		) {
			throw badRequest(47);
		}
		if (
			body.country !== undefined &&
			(typeof body.country !== 'string' || !/^[A-Z]{2}$/i.test(body.country))
		) {
			throw badRequest(51);
		}
		let user = record.users.find((candidate) => candidate.external_id === externalId);
		if (
			typeof body.nickname === 'string' &&
			record.users.some((candidate) => candidate.nickname === body.nickname && candidate !== user)
		) {
			throw badRequest(45);
		}
		const fields: Partial<EasypromosUser> = {};
		for (const name of [
			'email',
			'first_name',
			'last_name',
			'nickname',
			'phone',
			'birthday',
			'language',
		] as const) {
			if (typeof body[name] === 'string') fields[name] = body[name] as string;
		}
		if (typeof body.country === 'string') fields.country = body.country.toUpperCase();
		const { customProperties, legals } = this.formAnswers(record, body, !user);
		if (user) {
			Object.assign(user, fields);
			for (const property of customProperties) {
				const index = user.custom_properties.findIndex((known) => known.ref === property.ref);
				if (index >= 0) user.custom_properties[index] = property;
				else user.custom_properties.push(property);
			}
			Object.assign(user.meta_data.legals, legals);
		} else {
			user = this.addUser(record.promotion.id, {
				login_type: 'autologin',
				external_id: externalId,
				created: this.liveStamp(),
				...fields,
			});
			// A user registered by autologin holds what was sent, not generated answers.
			user.custom_properties = customProperties;
			user.meta_data = { ...user.meta_data, legals };
		}
		return ok({ login_token: this.issueLoginToken(record, user.id), user });
	}

	/**
	 * A new user's custom fields and legal acceptances, checked against the registration form: the
	 * shapes, no ref the form lacks, every required one given (a legal accepted). 400 code 0 otherwise.
	 */
	private formAnswers(
		record: PromotionRecord,
		body: Record<string, unknown>,
		isNew: boolean,
	): { customProperties: EasypromosUser['custom_properties']; legals: Record<string, boolean> } {
		const form = record.registrationFields;
		const ownField = (field: EasypromosRegistrationField) => USER_OWN_FIELDS.has(field.ref);
		const customFields = form.filter((field) => !ownField(field) && field.type !== 'checkbox');
		const legalFields = form.filter((field) => !ownField(field) && field.type === 'checkbox');

		const rawCustom = body.custom_properties ?? [];
		if (!Array.isArray(rawCustom)) {
			throw badRequest(0, 'custom_properties must be a list of {ref, value}');
		}
		const customProperties: EasypromosUser['custom_properties'] = [];
		for (const entry of rawCustom as unknown[]) {
			const { ref, value } = (entry ?? {}) as { ref?: unknown; value?: unknown };
			if (typeof ref !== 'string' || (typeof value !== 'string' && typeof value !== 'number')) {
				throw badRequest(0, 'custom_properties must be a list of {ref, value}');
			}
			const field = customFields.find((candidate) => candidate.ref === ref);
			if (!field) throw badRequest(0, `Unknown registration field: ${ref}`);
			customProperties.push({ id: field.id, title: field.title, ref, value: String(value) });
		}

		const metaData = body.meta_data ?? {};
		const rawLegals = (metaData as { legals?: unknown }).legals ?? {};
		if (typeof rawLegals !== 'object' || rawLegals === null || Array.isArray(rawLegals)) {
			throw badRequest(0, 'meta_data.legals must be an object of {name: true | false}');
		}
		const legals: Record<string, boolean> = {};
		for (const [name, accepted] of Object.entries(rawLegals)) {
			if (typeof accepted !== 'boolean') {
				throw badRequest(0, 'meta_data.legals must be an object of {name: true | false}');
			}
			if (!legalFields.some((field) => field.ref === name)) {
				throw badRequest(0, `Unknown legal acceptance: ${name}`);
			}
			legals[name] = accepted;
		}

		if (isNew) {
			for (const field of customFields.filter((candidate) => candidate.required)) {
				const given = customProperties.find((property) => property.ref === field.ref);
				if (!given || given.value.trim() === '') {
					throw badRequest(0, `Required registration field missing: ${field.ref}`);
				}
			}
			for (const field of legalFields.filter((candidate) => candidate.required)) {
				if (legals[field.ref] !== true) {
					throw badRequest(0, `Required legal acceptance not accepted: ${field.ref}`);
				}
			}
		}
		return { customProperties, legals };
	}

	private loginToken(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, context.params.user_id);
		if (!record.autologinEnabled) throw badRequest(43);
		return ok({ user_id: user.id, login_token: this.issueLoginToken(record, user.id) });
	}

	private changeSegments(context: RouteContext, change: 'add' | 'remove'): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		const segments = context.body.segments;
		if (
			!Array.isArray(segments) ||
			segments.length === 0 ||
			!segments.every((segment) => typeof segment === 'string')
		) {
			throw badRequest(0, 'segments must be a non-empty list of segment names');
		}
		const unknown = segments.find((segment) => !record.segmentNames.has(segment));
		if (unknown !== undefined) throw badRequest(61, `${EASYPROMOS_ERROR_MESSAGES[61]}: ${unknown}`);
		const userSegments = record.userSegments.get(user.id) ?? new Set<string>();
		for (const segment of segments as string[]) {
			if (change === 'add') userSegments.add(segment);
			else userSegments.delete(segment);
		}
		record.userSegments.set(user.id, userSegments);
		return ok({ user_id: user.id, segments: [...userSegments] });
	}

	// ---- participations ----

	private remaining(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		const user = this.userOf(record, context.params.user_id);
		return ok({
			user_id: user.id,
			stage_id: stage.stage.id,
			remaining: this.remainingFor(record, stage, user.id),
		});
	}

	/** Order of checks: promotion and stage open, user, participations left, requirement, wheel prizes. */
	private participate(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		this.assertOpen(record, stage);
		const user = this.identifyUser(record, context.body);
		if (this.remainingFor(record, stage, user.id) <= 0) throw badRequest(10);

		let code: string | undefined;
		let fromUnlocked = false;
		if (stage.requiresCode) {
			if (context.body.code !== undefined) {
				code = this.checkCode(stage, context.body.code);
			} else if ((stage.unlockedCodes.get(user.id) ?? []).length > 0) {
				code = stage.unlockedCodes.get(user.id)![0];
				fromUnlocked = true;
			} else {
				throw badRequest(30);
			}
		}
		const prizeType =
			stage.stage.type === 'wheel' ? this.pickAvailablePrizeType(record) : undefined;
		if (stage.stage.type === 'wheel' && !prizeType) throw badRequest(60);

		if (code !== undefined) {
			if (fromUnlocked) stage.unlockedCodes.get(user.id)!.shift();
			else stage.codes.set(code, user.id);
		}
		const points =
			typeof context.body.points === 'number' ? context.body.points : this.seedPoints(stage);
		const participation = this.storeParticipation(record, stage, user, {
			points,
			live: true,
			requirement: code !== undefined ? { type: 'code', code, data: [] } : null,
			data: Array.isArray(context.body.data)
				? (context.body.data as EasypromosParticipation['data'])
				: undefined,
			ip: typeof context.body.ip === 'string' ? context.body.ip : undefined,
			userAgent: String(context.request.headers['user-agent'] ?? 'n8n'),
		});
		if (prizeType) {
			const prize = this.storePrize(
				record,
				prizeType,
				user.id,
				stage.stage.id,
				participation.id,
				true,
			);
			record.participations.find((candidate) => candidate.id === participation.id)!.prize_id =
				prize.id;
		}
		const stored = record.participations.find((candidate) => candidate.id === participation.id)!;
		return ok(this.participationView(record, stored, true));
	}

	/**
	 * Records a participation made elsewhere [assumed]: the same checks as participate, in the same order,
	 * with the stage and user in the body; 30 on a stage that asks for a code; no prize is drawn.
	 */
	private createParticipation(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, this.requiredId(context.body.stage_id, 'stage_id'));
		this.assertOpen(record, stage);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		if (this.remainingFor(record, stage, user.id) <= 0) throw badRequest(10);
		if (stage.requiresCode) throw badRequest(30);
		const { points = 0, data = [] } = context.body;
		if (typeof points !== 'number' || !Number.isFinite(points))
			throw badRequest(0, 'points must be a number');
		const answers = Array.isArray(data) ? data : undefined;
		const valid = answers?.every(
			(entry) =>
				entry !== null &&
				typeof entry === 'object' &&
				typeof (entry as Record<string, unknown>).ref === 'string' &&
				((entry as Record<string, unknown>).ref as string).trim() !== '' &&
				Array.isArray((entry as Record<string, unknown>).values) &&
				((entry as Record<string, unknown>).values as unknown[]).every(
					(value) => typeof value === 'string' || typeof value === 'number',
				),
		);
		if (!answers || !valid) throw badRequest(0, 'data must be a list of {ref, values: [...]}');
		const participation = this.storeParticipation(record, stage, user, {
			points,
			live: true,
			data: (answers as Array<Record<string, unknown>>).map((entry) => ({
				ref: entry.ref as string,
				title: typeof entry.title === 'string' ? entry.title : (entry.ref as string),
				values: (entry.values as unknown[]).map(String),
			})),
			userAgent: String(context.request.headers['user-agent'] ?? 'n8n'),
		});
		return ok(participation);
	}

	private checkRequirement(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		this.assertOpen(record, stage);
		const user = this.identifyUser(record, context.body);
		const code = this.checkCode(stage, context.body.code);
		return ok({
			valid: true,
			stage_id: stage.stage.id,
			user_id: user.id,
			requirement: { type: 'code', code, data: [] },
		});
	}

	private validateCode(context: RouteContext): SimReply {
		const record = this.owned(context);
		const stage = this.stageOf(record, context.params.stage_id);
		this.assertOpen(record, stage);
		const user = this.identifyUser(record, context.body);
		const code = this.checkCode(stage, context.body.code);
		stage.codes.set(code, user.id);
		stage.unlockedCodes.set(user.id, [...(stage.unlockedCodes.get(user.id) ?? []), code]);
		return ok({ valid: true, stage_id: stage.stage.id, user_id: user.id, code });
	}

	// ---- coins ----

	private createCoinTransaction(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		const coin = this.requestedCoin(record, context.body.coin_id);
		const amount = context.body.amount;
		if (typeof amount !== 'number' || !Number.isInteger(amount) || amount === 0) {
			throw badRequest(0, 'amount must be a non-zero whole number');
		}
		if (this.balanceOf(record, coin, user.id) + amount < 0)
			throw badRequest(0, 'The user has not enough coins');
		const reason = typeof context.body.reason === 'string' ? context.body.reason : 'API';
		const extra =
			context.body.extra && typeof context.body.extra === 'object'
				? (context.body.extra as Record<string, unknown>)
				: null;
		const transaction = this.storeCoinTransaction(
			record,
			coin,
			user.id,
			amount,
			reason,
			extra,
			true,
		);
		return ok(this.coinTransactionItem(record, transaction));
	}

	private getBalance(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, context.params.user_id);
		const coin = this.requestedCoin(record, context.query.get('coin_id') ?? undefined);
		return ok(this.balanceView(record, coin, user.id));
	}

	/** Setting a balance books the difference as a transaction, so the ledger adds up. */
	private setBalance(context: RouteContext): SimReply {
		const record = this.owned(context);
		const user = this.userOf(record, this.requiredId(context.body.user_id, 'user_id'));
		const coin = this.requestedCoin(record, context.body.coin_id);
		const balance = context.body.balance;
		if (typeof balance !== 'number' || !Number.isInteger(balance) || balance < 0) {
			throw badRequest(0, 'balance must be a whole number of 0 or more');
		}
		const difference = balance - this.balanceOf(record, coin, user.id);
		if (difference !== 0)
			this.storeCoinTransaction(
				record,
				coin,
				user.id,
				difference,
				'Balance set through the API',
				null,
				true,
			);
		return ok(this.balanceView(record, coin, user.id));
	}
}

function ok(body: unknown): SimReply {
	return { status: 200, body };
}
