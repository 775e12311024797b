/**
 * The readers of the parameters several Easypromos operations (and the trigger) share: each returns
 * the checked value, or throws a message that names the parameter and says what to fix, before any request is sent.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestOptions } from '../shared/http/request-options';
import { MAX_WAIT } from './descriptions';
import { DEFAULT_MAX_WAIT_SECONDS, type EasypromosRequestOptions } from './transport';

const ID_REGEX = '^[1-9][0-9]*$';

const isId = (value: string) => new RegExp(ID_REGEX).test(value);

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
	if (!isId(value)) {
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

/** The promotion the trigger watches, in the trigger's own words (it reads no items). */
export function readWatchedPromotionId(context: IPollFunctions): string {
	const raw = context.getNodeParameter('promotionId', '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!isId(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`Promotion ID "${value}" is not valid: pick a promotion from the list or give its ID, a whole number`,
		);
	}
	return value;
}

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
		MAX_WAIT.name,
		MAX_WAIT.label,
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
