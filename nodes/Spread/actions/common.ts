/** Parameters many SPREAD operations share, and the helpers that read and check them. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	openCredentialSession,
	type CredentialSession,
} from '../../shared/http/credential-session';
import { readLimit } from '../../shared/node/list-properties';
import { readRequestOptions } from '../../shared/http/request-options';
import { isEmail } from '../../shared/node/validation';
import { isTimeZone, userDateToSpread } from '../helpers/dates';
import { shapeRecord, shapeRecords, type ShapeOptions } from '../helpers/shape';
import { refusalError } from '../transport/errors';
import {
	DEFAULT_MAX_WAIT_SECONDS,
	FILTER_NAMES,
	NUMBER_FIELDS,
	SPREAD_TIME_ZONE,
	spreadRequest,
	spreadRequestAllItems,
	unwrapOne,
	v1Form,
	v1Result,
	type FilterName,
	type SpreadRequestOptions,
} from '../transport';
import type { WriteRecord } from '../../shared/http/http-failure';

/** A campaign, picked from the account's campaigns or given by ID. */
export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaignId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The campaign (an instant win, a contest, a quiz...)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a campaign...',
			typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 46354',
			// No editor `validation` regex: n8n 2.x runs it in a vm limited to 250 ms at every execution,
			// which fails under heavy load; the operation checks the ID and says what to fix.
		},
	],
};

/** Shown for every operation, under the operation's own parameters. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Wait on Rate Limit (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_WAIT_SECONDS,
			description:
				'When SPREAD answers "too many requests" (or, on a read, has a server error), the request waits and tries again, for at most this long in total. Writes are never sent again after a server error: the points may have been added. 0 fails at once.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			// REQUEST_TIMEOUT_MS of nodes/shared/http/request-timeout.ts (the lint rule wants a literal here).
			default: 30,
			description:
				'How long each request waits for SPREAD to reply. A read that gets no reply in time is sent again; a write is not, and its error says to check whether it was carried out.',
		},
	],
};

/** Shown for every operation: how SPREAD's strings come out. */
export const outputOptionsProperty: INodeProperties = {
	displayName: 'Output Options',
	name: 'outputOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Keep Number Strings',
			name: 'keepNumberStrings',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep amounts, balances and counts as the strings SPREAD sends ("15") instead of numbers (15)',
		},
		{
			displayName: 'Keep Date Strings',
			name: 'keepDateStrings',
			type: 'boolean',
			default: false,
			description:
				"Whether to keep dates as SPREAD writes them (2019-08-29 13:36:52, no time zone) instead of ISO-8601 with the account's offset (2019-08-29T13:36:52+02:00)",
		},
	],
};

export function fail(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** [doc] SPREAD's ids are whole numbers sent as strings ("123456"). */
export function readId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!/^[0-9]+$/.test(value)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not valid: SPREAD IDs are whole numbers such as 123456`,
		);
	}
	return value;
}

export function readEmail(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label = 'Email',
): string {
	return checkEmail(context, itemIndex, context.getNodeParameter(name, itemIndex, ''), label);
}

/** An email address, trimmed, or an error that names the parameter to fix. */
export function checkEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
): string {
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!isEmail(value))
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not a valid address: fix the ${label} parameter`,
		);
	return value;
}

/** A date the user gave, as SPREAD writes dates; `label` names the parameter to fix. */
export function readDate(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	timeZone: string,
): string {
	const date = userDateToSpread(value, timeZone);
	if (!date) {
		throw fail(
			context,
			itemIndex,
			`${label} "${String(value)}" is not a date: give one such as 2024-05-31 or 2024-05-31T18:30:00 (without an offset it is read in the credential's time zone): fix the ${label} parameter`,
		);
	}
	return date;
}

/** A positive amount; SPREAD's amounts are strings of a number, decimals allowed (a cagnotte may be money). */
export function readAmount(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	options: { positive?: boolean } = {},
): number {
	const amount = typeof raw === 'string' && raw.trim() === '' ? NaN : Number(raw);
	const positive = options.positive ?? true;
	if (!Number.isFinite(amount) || (positive ? amount <= 0 : amount < 0)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${String(raw)}" is not valid: give a number ${positive ? 'above 0' : '0 or more'}, such as 10 or 2.5: fix the ${label} parameter`,
		);
	}
	return amount;
}

/** The request settings of one item: where errors point, and how long 429s may be waited out. */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	about?: string,
): SpreadRequestOptions {
	const { maxWaitSeconds = DEFAULT_MAX_WAIT_SECONDS, timeoutMs } = readRequestOptions(
		context,
		itemIndex,
		'maxRateLimitWait',
		'Max Wait on Rate Limit',
	);
	return { itemIndex, maxWaitSeconds, about, ...(timeoutMs !== undefined && { timeoutMs }) };
}

/** The credential's time zone, checked: every date the node reads or writes goes through it. */
export function timeZoneOf(
	session: CredentialSession,
	context: IExecuteFunctions,
	itemIndex: number,
): string {
	const timeZone = String(session.data.timeZone || SPREAD_TIME_ZONE).trim();
	if (!isTimeZone(timeZone)) {
		throw fail(
			context,
			itemIndex,
			`Time Zone "${timeZone}" in the SPREAD credential is not a time zone: give an IANA name such as Europe/Paris`,
		);
	}
	return timeZone;
}

/** One item's session: the credential read once, its time zone and how records come out. */
export async function openItem(
	context: IExecuteFunctions,
	itemIndex: number,
	about?: string,
): Promise<{
	settings: SpreadRequestOptions;
	timeZone: string;
	shape: ShapeOptions;
}> {
	const settings = requestSettings(context, itemIndex, about);
	const session = await openCredentialSession(context, 'spreadApi');
	const timeZone = timeZoneOf(session, context, itemIndex);
	const output = context.getNodeParameter('outputOptions', itemIndex, {}) as IDataObject;
	return {
		settings: { ...settings, session },
		timeZone,
		shape: {
			timeZone,
			numberFields: NUMBER_FIELDS,
			keepNumberStrings: output.keepNumberStrings === true,
			keepDateStrings: output.keepDateStrings === true,
		},
	};
}

// ---- filters ----

const FILTER_PROPERTIES: Record<FilterName, INodeProperties> = {
	createdAfter: {
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: "Only records created after this date (read in the credential's time zone)",
	},
	createdBefore: {
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description: "Only records created before this date (read in the credential's time zone)",
	},
	modifiedAfter: {
		displayName: 'Modified After',
		name: 'modifiedAfter',
		type: 'dateTime',
		default: '',
		description: "Only records modified after this date (read in the credential's time zone)",
	},
	modifiedBefore: {
		displayName: 'Modified Before',
		name: 'modifiedBefore',
		type: 'dateTime',
		default: '',
		description: "Only records modified before this date (read in the credential's time zone)",
	},
	customerId: {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 15130125',
		description: "Only the records of this customer (SPREAD's customer ID)",
	},
	cagnotteId: {
		displayName: 'Cagnotte ID',
		name: 'cagnotteId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 118196',
		description: 'Only the lines of this cagnotte',
	},
	campaignId: {
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 46354',
		description: 'Only the records linked to this campaign',
	},
	minAmount: {
		displayName: 'Min Amount',
		name: 'minAmount',
		type: 'number',
		default: 0,
		description: 'Only lines with an amount above this one',
	},
	maxAmount: {
		displayName: 'Max Amount',
		name: 'maxAmount',
		type: 'number',
		default: 0,
		description: 'Only lines with an amount below this one',
	},
	amount: {
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		default: 0,
		description: 'Only lines with exactly this amount (negative: points taken away)',
	},
};

const DATE_FILTERS: FilterName[] = [
	'createdAfter',
	'createdBefore',
	'modifiedAfter',
	'modifiedBefore',
];
const ID_FILTERS: FilterName[] = ['customerId', 'cagnotteId', 'campaignId'];

/** The Filters collection of a list, with the filters `names` of SPREAD's. */
export function filtersProperty(names: FilterName[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: names.map((name) => FILTER_PROPERTIES[name]),
	};
}

/** The Filters as SPREAD's query: its spellings, dates in its format, each value checked. */
export function readFilters(
	context: IExecuteFunctions,
	itemIndex: number,
	timeZone: string,
): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		if (!(name in FILTER_NAMES) || value === undefined || value === null || value === '') continue;
		const filter = name as FilterName;
		const label = `${FILTER_PROPERTIES[filter].displayName} filter`;
		if (DATE_FILTERS.includes(filter)) {
			qs[FILTER_NAMES[filter]] = readDate(context, itemIndex, value, label, timeZone);
		} else if (ID_FILTERS.includes(filter)) {
			const id = String(value).trim();
			if (!/^[0-9]+$/.test(id))
				throw fail(
					context,
					itemIndex,
					`${label} "${id}" is not valid: SPREAD IDs are whole numbers: fix the ${label}`,
				);
			qs[FILTER_NAMES[filter]] = id;
		} else {
			const amount = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
			if (!Number.isFinite(amount))
				throw fail(
					context,
					itemIndex,
					`${label} "${String(value)}" is not a number: fix the ${label}`,
				);
			qs[FILTER_NAMES[filter]] = amount;
		}
	}
	return qs;
}

/** Every record of a list, or the first `limit`, filtered and shaped. */
export async function getMany(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	about?: string,
): Promise<IDataObject[]> {
	const limit = readLimit(context, itemIndex);
	const { settings, timeZone, shape } = await openItem(context, itemIndex, about);
	const qs = readFilters(context, itemIndex, timeZone);
	const records = await spreadRequestAllItems.call(context, path, qs, limit, settings);
	return shapeRecords(records, shape);
}

/** One record, by its path, shaped. */
export async function getOne(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	about: string,
): Promise<IDataObject> {
	const { settings, shape } = await openItem(context, itemIndex, about);
	const reply = await spreadRequest.call(context, 'GET', path, settings);
	return shapeRecord(unwrapOne(path, reply), shape);
}

/**
 * A v1 write (form-encoded `data[...]`): SPREAD's `datas`, shaped. A refusal in a success reply is an
 * error that names the parameter, like a 400.
 */
export async function v1Write(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	fields: Parameters<typeof v1Form>[0],
	record: WriteRecord,
	opened: Awaited<ReturnType<typeof openItem>>,
): Promise<IDataObject> {
	const reply = await spreadRequest.call(context, 'POST', path, {
		...opened.settings,
		form: v1Form(fields),
		record,
	});
	const { datas, refusal } = v1Result(reply);
	if (refusal !== undefined) throw refusalError(context, refusal, itemIndex);
	return shapeRecord(datas ?? {}, opened.shape);
}
