/** What Add Segments and Remove Segments share: the same parameters and body, POST or DELETE. */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodies, easypromosRequest, paths } from '../../transport';
import {
	promotionIdProperty,
	readPromotionId,
	readUserId,
	requestSettings,
	userIdProperty,
} from '../common';

export const segmentProperties: INodeProperties[] = [
	promotionIdProperty,
	userIdProperty,
	{
		displayName: 'Segments',
		name: 'segments',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. vip, newsletter',
		description:
			'Names of the segments, separated by commas. They must exist in the Easypromos account.',
	},
];

export async function changeSegments(
	context: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
): Promise<IDataObject> {
	const promotionId = readPromotionId(context, itemIndex);
	const userId = readUserId(context, itemIndex);
	const raw = context.getNodeParameter('segments', itemIndex, '') as string | string[];
	const segments = (Array.isArray(raw) ? raw : String(raw).split(','))
		.map((name) => String(name).trim())
		.filter(Boolean);
	if (!segments.length) {
		throw new NodeOperationError(context.getNode(), 'Set at least one segment name in Segments', {
			itemIndex,
		});
	}
	const response = await easypromosRequest.call(context, method, paths.segments(promotionId), {
		...requestSettings(context, itemIndex, `promotion ID ${promotionId} and user ID ${userId}`),
		body: bodies.segments(Number(userId), segments),
		record: {
			done:
				method === 'DELETE'
					? `removed the segments ${segments.join(', ')} from user ID ${userId} in promotion ID ${promotionId}`
					: `added the segments ${segments.join(', ')} to user ID ${userId} in promotion ID ${promotionId}`,
			advice: "Check the user's segments in Easypromos before running this item again",
		},
	});
	return Object.keys(response).length
		? response
		: { success: true, user_id: Number(userId), segments };
}
