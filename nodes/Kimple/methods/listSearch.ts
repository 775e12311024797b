/** The list behind the Contest pickers, filled from the API and searched by Kimple itself. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { buildCondition } from '../helpers/search';
import { FIRST_PAGE, MAX_PAGE_SIZE, kimplePage, paths } from '../transport';

/** Contests newest first, a page at a time; a search text filters titles on Kimple's side. */
export async function searchContests(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { order: 'created_at desc' };
	if (filter?.trim()) {
		qs.search = buildCondition({ field: 'title', operator: 'contains', value: filter.trim() });
	}
	const page = Number(paginationToken) || FIRST_PAGE;
	const { items, next } = await kimplePage.call(
		this,
		paths.list('contest'),
		qs,
		page,
		MAX_PAGE_SIZE,
		{ maxWaitSeconds: 10 },
	);
	return {
		results: items
			.filter((contest) => contest.hash_id)
			.map((contest) => ({
				// The document's own example has an empty title: name it by its hash ID then.
				name: String(contest.title || `Untitled contest ${String(contest.hash_id)}`),
				value: String(contest.hash_id),
				description: [
					`Hash ID ${String(contest.hash_id)}`,
					contest.start_at ? `from ${String(contest.start_at)}` : '',
					contest.finish_at ? `to ${String(contest.finish_at)}` : '',
				]
					.filter(Boolean)
					.join(' · '),
			})),
		paginationToken: next === undefined ? undefined : String(next),
	};
}
