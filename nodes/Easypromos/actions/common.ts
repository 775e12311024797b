/** Parameters many Easypromos operations share, and the helpers that read and check them. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readLimit } from '../../shared/node/list-properties';
import { readRequestOptions } from '../../shared/http/request-options';
import {
	DEFAULT_MAX_WAIT_SECONDS,
	easypromosRequestAllItems,
	type EasypromosRequestOptions,
} from '../transport';

const ID_REGEX = '^[1-9][0-9]*$';

/** The promotion, picked from a list of the account's promotions or given by ID. */
export const promotionIdProperty: INodeProperties = {
	displayName: 'Promotion',
	name: 'promotionId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The promotion to work with',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a promotion...',
			typeOptions: { searchListMethod: 'searchPromotions', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 123456',
			// No editor `validation` regex: n8n 2.x runs it in a vm limited to 250 ms at every execution,
			// which fails under heavy load; the operation checks the ID and says what to fix.
		},
	],
};

/** A participation stage of the chosen promotion (quiz, game, wheel...). */
export const stageIdProperty: INodeProperties = {
	displayName: 'Stage',
	name: 'stageId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The participation stage of the promotion (a quiz, a game, a wheel...)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a stage...',
			typeOptions: { searchListMethod: 'searchStages', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 789',
			// No editor `validation` regex: n8n 2.x runs it in a vm limited to 250 ms at every execution,
			// which fails under heavy load; the operation checks the ID and says what to fix.
		},
	],
};

/**
 * The virtual coin, for promotions with several; empty means the promotion's only coin and nothing is
 * sent. The list is derived from the promotion's coin transactions (see methods/listSearch.ts).
 */
export const coinIdProperty: INodeProperties = {
	displayName: 'Coin',
	name: 'coinId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"The virtual coin, when the promotion has more than one. Leave empty for the promotion's only coin. The list shows the coins found in the promotion's recent coin transactions; give a coin nobody has moved lately By ID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a coin...',
			typeOptions: { searchListMethod: 'searchCoins', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 31',
			// No editor `validation` regex: n8n 2.x runs it in a vm limited to 250 ms at every execution,
			// which fails under heavy load; the operation checks the ID and says what to fix.
		},
	],
};

export const userIdProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 4567',
	description: "Easypromos's ID of the user (participant) in the promotion",
};

export const orderProperty: INodeProperties = {
	displayName: 'Order',
	name: 'order',
	type: 'options',
	options: [
		{ name: 'Newest First', value: 'created_desc' },
		{ name: 'Oldest First', value: 'created_asc' },
	],
	default: 'created_desc',
	description: 'Sort by creation date',
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
				'Easypromos allows 200 requests a minute per account. When it answers "too many requests", each request waits (as long as Easypromos asks, or until the minute frees) and tries again, for at most this long in total. 0 fails at once.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			// REQUEST_TIMEOUT_MS of nodes/shared/http/request-timeout.ts (the lint rule wants a literal here).
			default: 30,
			description:
				'How long each request waits for Easypromos to reply. A read that gets no reply in time is sent again; a write is not, and its error says to check whether it was carried out.',
		},
	],
};

function fail(context: IExecuteFunctions, itemIndex: number, message: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** A whole positive number given as a number, a string, or a resource locator. */
export function readId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!new RegExp(ID_REGEX).test(value)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not valid: Easypromos IDs are whole numbers such as 12345`,
		);
	}
	return value;
}

export const readPromotionId = (context: IExecuteFunctions, itemIndex: number) =>
	readId(context, 'promotionId', itemIndex, 'Promotion ID');
export const readStageId = (context: IExecuteFunctions, itemIndex: number) =>
	readId(context, 'stageId', itemIndex, 'Stage ID');
export const readUserId = (context: IExecuteFunctions, itemIndex: number) =>
	readId(context, 'userId', itemIndex, 'User ID');

/** The chosen coin's ID, or undefined when the Coin is empty (the promotion's only coin). */
export function readCoinId(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const raw = context.getNodeParameter('coinId', itemIndex, '', { extractValue: true }) as unknown;
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return Number(readId(context, 'coinId', itemIndex, 'Coin ID'));
}

/** "promotion ID 1 and user ID 2", or "promotion ID 1, user ID 2 and coin ID 3": what a 404 names. */
export function aboutUserCoin(
	promotionId: string,
	userId: string,
	coinId: number | undefined,
): string {
	return coinId === undefined
		? `promotion ID ${promotionId} and user ID ${userId}`
		: `promotion ID ${promotionId}, user ID ${userId} and coin ID ${coinId}`;
}

/** The request settings of one item: where errors point, and how long 429s may be waited out. */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	about?: string,
): EasypromosRequestOptions {
	const { maxWaitSeconds = DEFAULT_MAX_WAIT_SECONDS, timeoutMs } = readRequestOptions(
		context,
		itemIndex,
		'maxRateLimitWait',
		'Max Wait on Rate Limit',
	);
	return { itemIndex, maxWaitSeconds, about, ...(timeoutMs !== undefined && { timeoutMs }) };
}

export function readOrder(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const order = context.getNodeParameter('order', itemIndex, 'created_desc') as string;
	if (order !== 'created_desc' && order !== 'created_asc') {
		throw fail(
			context,
			itemIndex,
			`Order "${order}" is not valid: use created_desc or created_asc`,
		);
	}
	return { order };
}

/** Every item of a collection, or the first `limit`, following the API's cursor. */
export async function getMany(
	context: IExecuteFunctions,
	itemIndex: number,
	path: string,
	qs: IDataObject = {},
	about?: string,
): Promise<IDataObject[]> {
	return await easypromosRequestAllItems.call(
		context,
		path,
		qs,
		readLimit(context, itemIndex),
		requestSettings(context, itemIndex, about),
	);
}
