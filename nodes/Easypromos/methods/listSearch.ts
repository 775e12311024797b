/** The lists behind the Promotion, Stage and Coin pickers, filled from the API. */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readAllPages } from '../../shared/http/pagination';
import { EASYPROMOS_PAGE_SIZE, easypromosPage, paths } from '../transport';

/** With a search text, read up to this many pages per call before handing back what matched. */
const PAGES_PER_SEARCH = 5;

/**
 * The Coin list reads at most this many pages of coin transactions (newest first, 100 a page): the
 * API lists no coins, so they are derived from the transactions (ASSUMED, see transport/api.ts).
 */
const COIN_SCAN_PAGES = 5;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some(
		(value) =>
			value !== undefined && value !== null && String(value).toLowerCase().includes(needle),
	);
}

async function search(
	context: ILoadOptionsFunctions,
	path: string,
	toResult: (item: IDataObject) => INodeListSearchItems,
	fields: (item: IDataObject) => unknown[],
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let cursor: string | number | undefined = paginationToken || undefined;
	for (let pages = 0; pages < (filter ? PAGES_PER_SEARCH : 1); pages++) {
		const page: { items: IDataObject[]; next?: string | number } = await easypromosPage.call(
			context,
			path,
			{ order: 'created_desc' },
			cursor,
			{ maxWaitSeconds: 10 },
		);
		results.push(...page.items.filter((item) => matches(filter, ...fields(item))).map(toResult));
		cursor = page.next;
		if (cursor === undefined) break;
	}
	return { results, paginationToken: cursor === undefined ? undefined : String(cursor) };
}

export async function searchPromotions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await search(
		this,
		paths.promotions(),
		(promotion) => ({
			name: String(promotion.title ?? `Promotion ${String(promotion.id)}`),
			value: String(promotion.id),
			description: `ID ${String(promotion.id)}${promotion.status ? ` · ${String(promotion.status)}` : ''}`,
		}),
		(promotion) => [promotion.title, promotion.internal_ref, promotion.id],
		filter,
		paginationToken,
	);
}

/** The promotion the node's Promotion parameter names; `what` are listed per promotion. */
function chosenPromotion(context: ILoadOptionsFunctions, what: string): string {
	const promotionId = String(
		context.getCurrentNodeParameter('promotionId', { extractValue: true }) ?? '',
	).trim();
	if (!/^[1-9][0-9]*$/.test(promotionId)) {
		throw new NodeOperationError(
			context.getNode(),
			`Choose the promotion first: ${what} are listed per promotion`,
		);
	}
	return promotionId;
}

export async function searchStages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const promotionId = chosenPromotion(this, 'stages');
	return await search(
		this,
		paths.stages(promotionId),
		(stage) => ({
			name: String(stage.name ?? `Stage ${String(stage.id)}`),
			value: String(stage.id),
			description: `ID ${String(stage.id)}${stage.type ? ` · ${String(stage.type)}` : ''}`,
		}),
		(stage) => [stage.name, stage.type, stage.id],
		filter,
		paginationToken,
	);
}

/**
 * The promotion's coins: the distinct `coin_id` / `coin_name` of its newest coin transactions (at most
 * COIN_SCAN_PAGES pages), sorted by name. One call returns the whole list, so there is no next page.
 */
export async function searchCoins(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const promotionId = chosenPromotion(this, 'coins');
	const transactions = await readAllPages(
		async (cursor?: string | number) =>
			await easypromosPage.call(
				this,
				paths.coinTransactions(promotionId),
				{ order: 'created_desc' },
				cursor,
				{ maxWaitSeconds: 10 },
			),
		COIN_SCAN_PAGES * EASYPROMOS_PAGE_SIZE,
	);
	const coins = new Map<string, string>();
	for (const item of transactions) {
		// [src] List items are {transaction, user}; a bare transaction is read as it is.
		const transaction = (item.transaction ?? item) as IDataObject;
		const id = transaction.coin_id;
		if (id === undefined || id === null || id === '' || coins.has(String(id))) continue;
		coins.set(String(id), String(transaction.coin_name ?? `Coin ${String(id)}`));
	}
	const results: INodeListSearchItems[] = [...coins]
		.filter(([id, name]) => matches(filter, name, id))
		.sort(([, a], [, b]) => a.localeCompare(b))
		.map(([id, name]) => ({ name, value: id, description: `ID ${id}` }));
	return { results };
}
