import { jsonBody, type SimReply, type SimRequest } from '../http-server';
import {
	SPREAD_DEFAULT_PAGE_SIZE,
	SPREAD_MAX_PAGE_SIZE,
	type SpreadCagnotteLine,
	type SpreadCustomer,
	type SpreadOrder,
	type SpreadReceivedRequest,
} from './model';
import { SpreadState } from './state';

class ApiFailure extends Error {
	constructor(readonly reply: SimReply) {
		super(String((reply.body as { message?: string })?.message ?? reply.status));
	}
}

const fault = (status: number, message: string) =>
	new ApiFailure({ status, body: { code: status, message } });

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A v1 form body's `data[...]` fields: `data[a]` → a, `data[a][]` → a list, `data[a][k]` → a map. */
export function formFields(raw: Buffer | string): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const [name, value] of new URLSearchParams(raw.toString())) {
		const match = /^data\[([^\]]+)\](?:\[([^\]]*)\])?$/.exec(name);
		if (!match) continue;
		const [, field, sub] = match;
		if (sub === undefined) fields[field] = value;
		else if (sub === '') fields[field] = [...((fields[field] as string[]) ?? []), value];
		else fields[field] = { ...((fields[field] as Record<string, string>) ?? {}), [sub]: value };
	}
	return fields;
}

/** A v1 form's `request[name]` fields: the record an update names apart from its new values. */
export function requestFields(raw: Buffer | string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [name, value] of new URLSearchParams(raw.toString())) {
		const match = /^request\[([^\]]+)\]$/.exec(name);
		if (match) fields[match[1]] = value;
	}
	return fields;
}

interface ListSpec {
	key: string;
	records: () => Array<Record<string, unknown>>;
	date: string;
	modified: string;
	id: string;
	/** A stored record as the API writes it (customers' dates: customerDates). */
	reply?: (record: never) => unknown;
}

/** The SPREAD API (see index.ts): the key check, the v2 lists and cagnotte POST, the v1 form writes, webhooks. */
export class SpreadSimulator extends SpreadState {
	// ---- the server ----

	override resetCounts(): void {
		super.resetCounts();
		this.received = [];
		this.pointsPostsApplied = 0;
	}

	receivedAt(key: string): SpreadReceivedRequest[] {
		return this.received.filter((entry) => entry.key === key);
	}

	protected endpointKey(request: SimRequest): string {
		const path = request.url.pathname.replace(/^\/api/, '');
		const pattern = path.replace(
			/^(\/v2\/(?:customers|campaigns|participations|orders))\/[^/]+$/,
			'$1/{id}',
		);
		return `${request.method} ${pattern}`;
	}

	protected handle(request: SimRequest): SimReply {
		const contentType = String(request.headers['content-type'] ?? '');
		this.received.push({
			key: this.endpointKey(request),
			method: request.method,
			query: Object.fromEntries(request.url.searchParams),
			body: contentType.includes('form')
				? formFields(request.rawBody)
				: request.rawBody.length
					? jsonBody(request)
					: undefined,
			contentType,
			...(contentType.includes('form') && Object.keys(requestFields(request.rawBody)).length
				? { request: requestFields(request.rawBody) }
				: {}),
		});
		if (this.received.length > this.receivedLimit)
			this.received.splice(0, this.received.length - this.receivedLimit);
		try {
			this.authorize(request);
			return this.route(request);
		} catch (error) {
			if (error instanceof ApiFailure) return error.reply;
			throw error;
		}
	}

	private authorize(request: SimRequest): void {
		const header = String(request.headers.authorization ?? '');
		const basic = /^Basic\s+(\S+)$/i.exec(header);
		const [user, ...rest] = basic
			? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
			: [];
		if (!user || this.keys.get(user) !== rest.join(':'))
			throw fault(401, 'Unauthorized: invalid public or private key');
	}

	private route(request: SimRequest): SimReply {
		const path = request.url.pathname;
		const method = request.method;
		if (method === 'POST' && (path === '/api/v2/cagnottes/' || path === '/api/v2/cagnottes')) {
			if (path === '/api/v2/cagnottes/' && this.cagnottePostRedirect) {
				return {
					status: this.cagnottePostRedirect,
					headers: { location: `${this.url}/api/v2/cagnottes` },
					body: { message: 'Moved' },
				};
			}
			return this.postCagnotte(request);
		}
		if (method === 'POST') {
			const fields = formFields(request.rawBody);
			if (path === '/api/CreateAccount') return this.createAccount(fields);
			if (path === '/api/UpdateAccount')
				return this.updateAccount(fields, requestFields(request.rawBody));
			if (path === '/api/CreateOrder') return this.createOrder(fields);
			if (path === '/api/UpdateOrder')
				return this.updateOrder(fields, requestFields(request.rawBody));
		}
		if (method === 'GET') {
			const lists: Record<string, ListSpec> = {
				cagnottes: {
					key: 'cagnottes',
					records: () => this.lines as never,
					date: 'cagnotteLineDate',
					modified: 'cagnotteLineValidationDate',
					id: 'cagnotteLineId',
				},
				customers: {
					key: 'customers',
					records: () => this.customers as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
					reply: (customer: SpreadCustomer) => this.customerReply(customer),
				},
				campaigns: {
					key: 'campaigns',
					records: () => this.campaigns as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
				participations: {
					key: 'participations',
					records: () => this.participations as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
				sponsorships: {
					key: 'sponsorships',
					records: () => this.sponsorships as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
				orders: {
					key: 'orders',
					records: () => this.orders as never,
					date: 'createdAt',
					modified: 'updatedAt',
					id: 'id',
				},
			};
			const match = /^\/api\/v2\/([a-z]+)\/?(?:([^/]+))?$/.exec(path);
			const spec = match ? lists[match[1]] : undefined;
			if (spec && match && match[2] === undefined) return this.list(spec, request.url.searchParams);
			if (
				spec &&
				match &&
				match[2] !== undefined &&
				spec.key !== 'cagnottes' &&
				spec.key !== 'sponsorships'
			) {
				const wanted = decodeURIComponent(match[2]);
				const field = spec.key === 'orders' ? 'orderId' : 'id';
				const record = spec.records().find((entry) => String(entry[field]) === wanted);
				if (!record) throw fault(404, `${spec.key.replace(/s$/, '')} ${wanted} not found`);
				return { status: 200, body: spec.reply ? spec.reply(record as never) : record };
			}
		}
		throw fault(404, 'Not found');
	}

	private list(spec: ListSpec, query: URLSearchParams): SimReply {
		const sizeName = spec.key === 'sponsorships' ? 'maxResults' : 'maxResult';
		const size = query.has(sizeName) ? Number(query.get(sizeName)) : SPREAD_DEFAULT_PAGE_SIZE;
		if (!Number.isInteger(size) || size < 1 || size > SPREAD_MAX_PAGE_SIZE)
			throw fault(
				400,
				`Parameter ${sizeName} must be a whole number from 1 to ${SPREAD_MAX_PAGE_SIZE}`,
			);
		const startAt = query.has('startAt') ? Number(query.get('startAt')) : 0;
		if (!Number.isInteger(startAt) || startAt < 0)
			throw fault(400, 'Parameter startAt must be a whole number');
		const date = (name: string) => {
			const value = query.get(name);
			if (value === null) return undefined;
			if (!DATE_TIME.test(value))
				throw fault(400, `Parameter ${name} is not a valid date (YYYY-MM-DD HH:MM:SS)`);
			return value;
		};
		const number = (name: string) => {
			const value = query.get(name);
			if (value === null) return undefined;
			if (!Number.isFinite(Number(value)) || value.trim() === '')
				throw fault(400, `Parameter ${name} is not a number`);
			return Number(value);
		};
		const createdAfter = date('createdAfter');
		const createBefore = date('createBefore');
		const modifiedAfter = date('modifiedAfter');
		const modifiedBefore = date('modifiedBefore');
		const minAmount = number('minAmount');
		const maxAmount = number('maxAmount');
		const amount = number('amount');
		const ids = ['customerId', 'cagnotteId', 'campaignId'].map(
			(name) => [name, query.get(name)] as const,
		);
		const matching = spec.records().filter((record) => {
			const created = String(record[spec.date]);
			// A line waiting for validation was last modified when it was made.
			const modifiedAt = record[spec.modified];
			const modified =
				typeof modifiedAt === 'string' && !modifiedAt.startsWith('0000-') ? modifiedAt : created;
			if (
				createdAfter &&
				!(this.createdAfterInclusive ? created >= createdAfter : created > createdAfter)
			)
				return false;
			if (createBefore && !(created < createBefore)) return false;
			if (modifiedAfter && !(modified > modifiedAfter)) return false;
			if (modifiedBefore && !(modified < modifiedBefore)) return false;
			for (const [name, value] of ids) {
				if (value !== null && name in record && String(record[name]) !== value) return false;
			}
			if ('amount' in record) {
				const value = Number(record.amount);
				if (minAmount !== undefined && !(value > minAmount)) return false;
				if (maxAmount !== undefined && !(value < maxAmount)) return false;
				if (amount !== undefined && value !== amount) return false;
			}
			return true;
		});
		const page = matching.slice(startAt, startAt + size);
		const more = startAt + page.length < matching.length;
		return {
			status: 200,
			body: {
				[spec.key]: spec.reply ? page.map((record) => spec.reply!(record as never)) : page,
				count: page.length,
				nextPageUrl:
					more || this.nextPageUrlOnLastPage
						? `http://social-sb.com/api/v2/${spec.key}?startAt=${startAt + page.length}`
						: null,
			},
		};
	}

	private postCagnotte(request: SimRequest): SimReply {
		const body = jsonBody(request);
		if (!body) throw fault(400, 'The body must be JSON');
		const customerPart = (body.customer ?? {}) as Record<string, unknown>;
		const cagnottePart = (body.cagnotte ?? {}) as Record<string, unknown>;
		const email = customerPart.email;
		const id = customerPart.id;
		if (email === undefined && id === undefined)
			throw fault(400, 'Parameter email or customerId is required');
		const customer =
			typeof email === 'string' ? this.customerByEmail(email) : this.customerById(String(id));
		if (!customer) throw fault(404, 'Customer not found');
		const amount = Number(cagnottePart.amount);
		if (cagnottePart.amount === undefined || !Number.isFinite(amount) || amount === 0)
			throw fault(400, 'Parameter amount is required and must be a number other than 0');
		if (Number(customer.cagnotteAmount) + amount < 0)
			throw fault(400, `Insufficient cagnotte amount: the customer has ${customer.cagnotteAmount}`);
		const line = this.addLine(customer, amount);
		this.pointsPostsApplied++;
		return {
			status: 200,
			body: {
				customer: { id: customer.id, cagnotteAmount: customer.cagnotteAmount },
				cagnotte: line,
			},
		};
	}

	private customerFromForm(customer: SpreadCustomer, fields: Record<string, unknown>): void {
		const plain: Array<[string, keyof SpreadCustomer]> = [
			['external_id', 'externalId'],
			['customer_name', 'lastName'],
			['customer_firstname', 'firstName'],
			['customer_isoptin', 'isOptin'],
			['customer_gender', 'gender'],
			['customer_address', 'address'],
			['customer_cp', 'zip'],
			['customer_city', 'city'],
			['customer_country', 'country'],
			['customer_tel', 'phone'],
			['customer_mobile', 'mobile'],
			['customer_birthday', 'birthday'],
			['customer_lang', 'lang'],
			['customer_company', 'company'],
		];
		for (const [field, key] of plain) {
			if (typeof fields[field] === 'string')
				(customer as unknown as Record<string, unknown>)[key] = fields[field];
		}
		if (
			fields.customer_isoptin !== undefined &&
			!['1', '0', '-1'].includes(String(fields.customer_isoptin))
		)
			throw fault(400, 'Parameter customer_isoptin must be 1, 0 or -1');
		if (
			fields.customer_birthday !== undefined &&
			!/^\d{4}-\d{2}-\d{2}$/.test(String(fields.customer_birthday))
		)
			throw fault(400, 'Parameter customer_birthday must be a date YYYY-MM-DD');
		const add = (fields.add_tag as string[] | undefined) ?? [];
		const remove = (fields.del_tag as string[] | undefined) ?? [];
		customer.tags = [...new Set([...customer.tags, ...add])].filter((tag) => !remove.includes(tag));
		customer.custom_fields = {
			...customer.custom_fields,
			...((fields.custom_fields as Record<string, string>) ?? {}),
		};
		customer.updatedAt = this.stamp();
	}

	private createAccount(fields: Record<string, unknown>): SimReply {
		const email = String(fields.customer_email ?? '');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
			throw fault(400, 'Parameter customer_email is not a valid email');
		if (this.customerByEmail(email))
			return {
				status: 200,
				body: { status: 'error', error: `customer_email ${email} is already used` },
			};
		if (fields.external_id !== undefined && this.customerByExternalId(fields.external_id))
			return {
				status: 200,
				body: {
					status: 'error',
					error: `external_id ${String(fields.external_id)} is already used`,
				},
			};
		const customer = this.addCustomer({
			email,
			firstName: null,
			lastName: null,
			city: null,
			address: null,
			zip: null,
			mobile: null,
			birthday: null,
		});
		this.customerFromForm(customer, fields);
		return { status: 200, body: { datas: this.customerReply(customer) } };
	}

	private updateAccount(
		fields: Record<string, unknown>,
		request: Record<string, string>,
	): SimReply {
		const named = request.customer_email ?? request.external_id;
		const customer =
			named !== undefined
				? request.customer_email !== undefined
					? this.customerByEmail(request.customer_email)
					: this.customerByExternalId(request.external_id)
				: typeof fields.customer_email === 'string'
					? this.customerByEmail(fields.customer_email)
					: this.customerByExternalId(fields.external_id);
		if (!customer) throw fault(404, 'Customer not found');
		const { customer_email: email, ...changes } = fields;
		if (typeof email === 'string' && email.toLowerCase() !== customer.email.toLowerCase()) {
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
				throw fault(400, 'Parameter customer_email is not a valid email');
			if (this.customerByEmail(email))
				return {
					status: 200,
					body: { status: 'error', error: `customer_email ${email} is already used` },
				};
			customer.email = email;
		}
		const holder = this.customerByExternalId(changes.external_id);
		if (holder && holder !== customer)
			return {
				status: 200,
				body: {
					status: 'error',
					error: `external_id ${String(changes.external_id)} is already used`,
				},
			};
		this.customerFromForm(customer, changes);
		return { status: 200, body: { datas: this.customerReply(customer) } };
	}

	private orderFromForm(order: SpreadOrder, fields: Record<string, unknown>): void {
		if (fields.order_amount !== undefined) {
			if (!Number.isFinite(Number(fields.order_amount)))
				throw fault(400, 'Parameter order_amount is not a number');
			order.amount = String(fields.order_amount);
		}
		if (typeof fields.order_state === 'string') order.status = fields.order_state;
		if (fields.date !== undefined) {
			if (!DATE_TIME.test(String(fields.date)))
				throw fault(400, 'Parameter date is not a valid date (YYYY-MM-DD HH:MM:SS)');
			order.createdAt = String(fields.date);
		}
		order.updatedAt = this.stamp();
	}

	private createOrder(fields: Record<string, unknown>): SimReply {
		const email = String(fields.customer_email ?? '');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
			throw fault(400, 'Parameter customer_email is not a valid email');
		const orderId = String(fields.order_idorder ?? '');
		if (!orderId) throw fault(400, 'Parameter order_idorder is required');
		if (this.orders.some((order) => order.orderId === orderId))
			return {
				status: 200,
				body: { status: 'error', error: `order_idorder ${orderId} already exists` },
			};
		const customer = this.customerByEmail(email) ?? this.addCustomer({ email });
		this.customerFromForm(customer, fields);
		const order = this.addOrder({ customerId: customer.id, orderId, amount: '0' });
		this.orderFromForm(order, fields);
		return { status: 200, body: { datas: order } };
	}

	private updateOrder(fields: Record<string, unknown>, request: Record<string, string>): SimReply {
		const named = request.order_idorder ?? fields.order_idorder;
		const order = this.orders.find((entry) => entry.orderId === named);
		if (!order) throw fault(404, 'Order not found');
		if (typeof fields.customer_email === 'string') {
			const customer = this.customerByEmail(fields.customer_email);
			if (!customer) throw fault(404, 'Customer not found');
			order.customerId = customer.id;
		}
		this.orderFromForm(order, fields);
		return { status: 200, body: { datas: order } };
	}

	// ---- webhooks ----

	/** POSTs the webhook of a cagnotte line, as the back office would on "cagnotte update". */
	async sendCagnotteWebhook(url: string, line: SpreadCagnotteLine): Promise<Response> {
		const customer = this.customerById(line.customerId);
		return await postWebhook(url, {
			event: 'cagnotte.update',
			date: line.cagnotteLineDate,
			customer: {
				id: customer?.id,
				email: customer?.email,
				cagnotteAmount: customer?.cagnotteAmount,
			},
			cagnotte: line,
		});
	}
}

/** POSTs a SPREAD webhook payload (JSON) to `url`. */
export async function postWebhook(
	url: string,
	payload: unknown,
	headers: Record<string, string> = {},
): Promise<Response> {
	return await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'user-agent': 'SPREAD-Webhooks/1.0',
			...headers,
		},
		body: typeof payload === 'string' ? payload : JSON.stringify(payload),
	});
}

export { DATE_TIME as SPREAD_DATE_TIME };
