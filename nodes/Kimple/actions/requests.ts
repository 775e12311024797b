/**
 * The requests several Kimple operations send the same way: a list as the node's Sort, Filters,
 * Options and Return All / Limit say, and one record by its ID. Each reads the parameters it needs
 * (../parameters.ts) and sends through the transport; the operations call them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readLimit } from '../../shared/node/list-properties';
import { RECORD_NAMES } from '../descriptions';
import { readOrder, readRecordId, readSearch, requestSettings } from '../parameters';
import {
	kimpleRequest,
	kimpleRequestAllItems,
	paths,
	recordOf,
	type KimpleResource,
} from '../transport';

/** The list of `resource`, as the node's Sort, Filters, Options and Return All / Limit say. */
export async function getMany(
	context: IExecuteFunctions,
	itemIndex: number,
	resource: KimpleResource,
	contestHashId?: string,
): Promise<IDataObject[]> {
	const qs: IDataObject = {};
	const order = readOrder(context, itemIndex);
	if (order) qs.order = order;
	const search = readSearch(context, itemIndex, contestHashId);
	if (search) qs.search = search;
	const about = contestHashId ? `the contest ${contestHashId}` : undefined;
	return await kimpleRequestAllItems.call(
		context,
		paths.list(resource),
		qs,
		readLimit(context, itemIndex),
		{
			...requestSettings(context, itemIndex, about),
			records: RECORD_NAMES[resource].many,
		},
	);
}

/** One record of `resource` by the ID in the parameter `name`. */
export async function getOne(
	context: IExecuteFunctions,
	itemIndex: number,
	resource: KimpleResource,
	name: string,
): Promise<IDataObject> {
	const { one } = RECORD_NAMES[resource];
	const id = readRecordId(context, itemIndex, name, `${one[0].toUpperCase()}${one.slice(1)} ID`);
	const reply = await kimpleRequest.call(
		context,
		paths.record(resource, id),
		requestSettings(context, itemIndex, `the ${one} ID ${id}`),
	);
	return recordOf(reply);
}
