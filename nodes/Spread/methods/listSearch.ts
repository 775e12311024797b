/** The list behind the Campaign picker, filled from the API. */
import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { paths, spreadPage } from '../transport';

/** Campaigns per page of the picker: one request, a quick answer. */
const PAGE_SIZE = 200;

/** The account's campaigns, a page at a time; a search text keeps those whose name or ID holds it. */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const startAt = paginationToken ? Number(paginationToken) : undefined;
	const page = await spreadPage.call(this, paths.campaigns(), {}, startAt, {
		pageSize: PAGE_SIZE,
		maxWaitSeconds: 10,
	});
	const needle = filter?.toLowerCase();
	const results: INodeListSearchItems[] = page.items
		.map((campaign) => ({
			name: String(campaign.name ?? campaign.backofficeName ?? `Campaign ${String(campaign.id)}`),
			value: String(campaign.id),
			description: `ID ${String(campaign.id)}${campaign.type ? ` · ${String(campaign.type)}` : ''}`,
		}))
		.filter(
			(result) =>
				!needle ||
				result.name.toLowerCase().includes(needle) ||
				result.value.toLowerCase().includes(needle),
		);
	return {
		results,
		paginationToken: page.next === undefined ? undefined : String(page.next),
	};
}
