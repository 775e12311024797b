/**
 * The editor properties that several Easypromos operations, or an operation and a trigger, show: each
 * written once. A property only one operation shows stays in that operation's file.
 */
import type { INodeProperties } from 'n8n-workflow';

import { locator, requestOptions } from '../shared/node/descriptions';
import { DEFAULT_MAX_WAIT_SECONDS } from './transport';

/** The promotion, picked from a list of the account's promotions or given by ID. */
export const promotionIdProperty = locator({
	displayName: 'Promotion',
	name: 'promotionId',
	required: true,
	description: 'The promotion to work with',
	list: { searchListMethod: 'searchPromotions', placeholder: 'Select a promotion...' },
	id: { placeholder: 'e.g. 123456' },
});

/** A participation stage of the chosen promotion (quiz, game, wheel...). */
export const stageIdProperty = locator({
	displayName: 'Stage',
	name: 'stageId',
	required: true,
	description: 'The participation stage of the promotion (a quiz, a game, a wheel...)',
	list: { searchListMethod: 'searchStages', placeholder: 'Select a stage...' },
	id: { placeholder: 'e.g. 789' },
});

/**
 * The virtual coin, for promotions with several; empty means the promotion's only coin and nothing is
 * sent. The list is derived from the promotion's coin transactions (see methods/listSearch.ts).
 */
export const coinIdProperty = locator({
	displayName: 'Coin',
	name: 'coinId',
	description:
		"The virtual coin, when the promotion has more than one. Leave empty for the promotion's only coin. The list shows the coins found in the promotion's recent coin transactions; give a coin nobody has moved lately By ID.",
	list: { searchListMethod: 'searchCoins', placeholder: 'Select a coin...' },
	id: { placeholder: 'e.g. 31' },
});

export const userIdProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 4567',
	description: "Easypromos's ID of the user (participant) in the promotion",
};

/** Organizing Brand → Get and → Get Promotions. */
export const organizingBrandIdProperty: INodeProperties = {
	displayName: 'Organizing Brand ID',
	name: 'organizingBrandId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 12',
	description: 'ID of the organizing brand (Get Many lists them)',
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

/** The "Simplify" switch of Coin Transaction → Create, → Get Many and → Get Many by User. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		"Whether to return each transaction's fields at the top level, with the user's fields beside them as user_&lt;field&gt;, instead of Easypromos's {transaction, user} pair",
	// A contact has its own shape.
	displayOptions: { hide: { output: ['contact'] } },
};

/** What Participate, Check Requirement and Validate Code ask for: the stage and the user. */
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

/** The code of a stage action: required by Validate Code, optional for the others. */
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

/** What Add Segments and Remove Segments ask for. */
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

/** The Request Options' max-wait field: its name, and its label in the editor and in messages. */
export const MAX_WAIT = { name: 'maxRateLimitWait', label: 'Max Wait on Rate Limit' };

/** Shown for every operation, under the operation's own parameters. */
export const requestOptionsProperty = requestOptions({
	maxWait: {
		...MAX_WAIT,
		default: DEFAULT_MAX_WAIT_SECONDS,
		description:
			'Easypromos allows 200 requests a minute per account. When it answers "too many requests", each request waits (as long as Easypromos asks, or until the minute frees) and tries again, for at most this long in total. 0 fails at once.',
	},
	timeoutDescription:
		'How long each request waits for Easypromos to reply. A read that gets no reply in time is sent again; a write is not, and its error says to check whether it was carried out.',
});
