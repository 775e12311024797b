/** What Participate, Check Requirement and Validate Code share: a POST to a stage for one user. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WriteRecord } from '../../../shared/http/http-failure';
import { bodies, easypromosRequest } from '../../transport';
import {
	promotionIdProperty,
	readPromotionId,
	readStageId,
	readUserId,
	requestSettings,
	stageIdProperty,
	userIdProperty,
} from '../common';

export const stageActionProperties: INodeProperties[] = [
	promotionIdProperty,
	stageIdProperty,
	{
		displayName: 'Identify User By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'User ID', value: 'userId', description: "Easypromos's ID of the user" },
			{
				name: 'User Login Token',
				value: 'loginToken',
				description: 'The token User → Autologin or User → Get Login Token returned',
			},
		],
		default: 'userId',
	},
	{ ...userIdProperty, displayOptions: { show: { identifyBy: ['userId'] } } },
	{
		displayName: 'User Login Token',
		name: 'loginToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { identifyBy: ['loginToken'] } },
	},
];

export const codeProperty = (required: boolean): INodeProperties => ({
	displayName: 'Code',
	name: 'code',
	type: 'string',
	default: '',
	required,
	placeholder: 'e.g. SUMMER-0042',
	description: required
		? 'The code to check, such as the one printed on a bottle cap or a ticket'
		: 'The code the stage asks for, when its requirement is a code',
});

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
