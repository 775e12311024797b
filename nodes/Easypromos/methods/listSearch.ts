/** The lists behind the Promotion and Stage pickers, filled from the API. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { easypromosPage, paths } from '../transport';

/** With a search text, read up to this many pages per call before handing back what matched. */
const PAGES_PER_SEARCH = 5;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => value !== undefined && value !== null && String(value).toLowerCase().includes(needle));
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
		const page: { items: IDataObject[]; next?: string | number } = await easypromosPage.call(context, path, { order: 'created_desc' }, cursor, { maxWaitSeconds: 10 });
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

export async function searchStages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const promotionId = String(this.getCurrentNodeParameter('promotionId', { extractValue: true }) ?? '').trim();
	if (!/^[1-9][0-9]*$/.test(promotionId)) {
		throw new NodeOperationError(this.getNode(), 'Choose the promotion first: stages are listed per promotion');
	}
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
