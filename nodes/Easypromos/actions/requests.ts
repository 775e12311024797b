/**
 * The requests several Easypromos operations send the same way: a list read to the end or to the
 * Limit, a POST to a stage for one user, a change of a user's segments. Each reads the parameters it
 * needs (../parameters.ts) and sends through the transport; the operations call them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WriteRecord } from '../../shared/http/http-failure';
import { readLimit } from '../../shared/node/list-properties';
import { readPromotionId, readStageId, readUserId, requestSettings } from '../parameters';
import {
	bodies,
	easypromosRequest,
	easypromosRequestAllItems,
	paths,
	writeMethods,
} from '../transport';

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

/** Participate, Check Requirement and Validate Code: a POST to a stage for one user. */
export async function postToStage(
	context: IExecuteFunctions,
	itemIndex: number,
	path: (promotionId: string, stageId: string) => string,
	options: {
		codeRequired: boolean;
		/** What the POST does, for the message when its outcome is unknown. */
		record: (who: string, where: string, code: string) => WriteRecord;
	},
): Promise<IDataObject> {
	const fail = (message: string) =>
		new NodeOperationError(context.getNode(), message, { itemIndex });
	const promotionId = readPromotionId(context, itemIndex);
	const stageId = readStageId(context, itemIndex);
	const identifyBy = context.getNodeParameter('identifyBy', itemIndex, 'userId') as string;
	let user: { userId?: number; loginToken?: string };
	let who: string;
	if (identifyBy === 'loginToken') {
		const loginToken = String(context.getNodeParameter('loginToken', itemIndex, '') ?? '').trim();
		if (!loginToken) throw fail('Set the User Login Token, or identify the user by User ID');
		user = { loginToken };
		who = 'the user login token';
	} else {
		const userId = readUserId(context, itemIndex);
		user = { userId: Number(userId) };
		who = `user ID ${userId}`;
	}
	const code = String(context.getNodeParameter('code', itemIndex, '') ?? '').trim();
	if (options.codeRequired && !code) throw fail('Set the Code to check');
	return await easypromosRequest.call(context, 'POST', path(promotionId, stageId), {
		...requestSettings(
			context,
			itemIndex,
			`promotion ID ${promotionId}, stage ID ${stageId} and ${who}`,
		),
		body: bodies.participation(user, code || undefined),
		record: options.record(
			user.loginToken ? 'the user of the login token' : who,
			`stage ID ${stageId} of promotion ID ${promotionId}`,
			code,
		),
	});
}

/** Add Segments (POST) and Remove Segments (`writeMethods.removeSegments`): the same body. */
export async function changeSegments(
	context: IExecuteFunctions,
	itemIndex: number,
	change: 'add' | 'remove',
): Promise<IDataObject> {
	const method = change === 'add' ? 'POST' : writeMethods.removeSegments;
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
				change === 'remove'
					? `removed the segments ${segments.join(', ')} from user ID ${userId} in promotion ID ${promotionId}`
					: `added the segments ${segments.join(', ')} to user ID ${userId} in promotion ID ${promotionId}`,
			advice: "Check the user's segments in Easypromos before running this item again",
		},
	});
	return Object.keys(response).length
		? response
		: { success: true, user_id: Number(userId), segments };
}
