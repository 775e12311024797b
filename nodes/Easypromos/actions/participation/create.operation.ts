import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { promotionIdProperty, stageIdProperty, userIdProperty } from '../../descriptions';
import { readPromotionId, readStageId, readUserId, requestSettings } from '../../parameters';
import { bodies, easypromosRequest, paths } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['participation'], operation: ['create'] } },
	[
		promotionIdProperty,
		stageIdProperty,
		userIdProperty,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Data',
					name: 'data',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Answer',
					default: {},
					description:
						'The answers of the participation, each to a form field or question by its ref. Add the same ref twice for a question with several answers.',
					options: [
						{
							displayName: 'Answer',
							name: 'field',
							values: [
								{
									displayName: 'Ref',
									name: 'ref',
									type: 'string',
									default: '',
									placeholder: 'e.g. q1',
									description:
										'The ref of the form field or question, as Participation → Get shows it in data',
								},
								{
									displayName: 'Value',
									name: 'value',
									type: 'string',
									default: '',
									placeholder: 'e.g. Lemon',
								},
							],
						},
					],
				},
				{
					displayName: 'Points',
					name: 'points',
					type: 'number',
					default: 0,
					description: 'The score of the participation, e.g. from a game played elsewhere',
				},
			],
		},
	],
);

/** Records a participation of a user in a stage, e.g. one made in an external game or app. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fail = (message: string) => new NodeOperationError(this.getNode(), message, { itemIndex });
	const promotionId = readPromotionId(this, itemIndex);
	const stageId = readStageId(this, itemIndex);
	const userId = readUserId(this, itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	let points: number | undefined;
	if (additional.points !== undefined) {
		points = Number(additional.points);
		if (additional.points === '' || additional.points === null || !Number.isFinite(points)) {
			throw fail(`Points "${String(additional.points)}" is not valid: give a number, such as 1200`);
		}
	}

	// Answers to the same ref become one entry with several values, in the order given.
	const answers = ((additional.data as IDataObject | undefined)?.field ?? []) as IDataObject[];
	const data: Array<{ ref: string; values: string[] }> = [];
	answers.forEach((answer, index) => {
		const ref = String(answer.ref ?? '').trim();
		const value = String(answer.value ?? '').trim();
		if (!ref)
			throw fail(
				`Answer ${index + 1} of Data has no Ref: set the ref of the form field or question it answers`,
			);
		if (!value)
			throw fail(
				`Answer ${index + 1} of Data (ref "${ref}") has no Value: set it, or remove the answer`,
			);
		const entry = data.find((candidate) => candidate.ref === ref);
		if (entry) entry.values.push(value);
		else data.push({ ref, values: [value] });
	});

	return await easypromosRequest.call(this, 'POST', paths.participations(promotionId), {
		...requestSettings(
			this,
			itemIndex,
			`promotion ID ${promotionId}, stage ID ${stageId} and user ID ${userId}`,
		),
		body: bodies.createParticipation({
			stageId: Number(stageId),
			userId: Number(userId),
			points,
			data,
		}),
		record: {
			done: `recorded a participation of user ID ${userId} in stage ID ${stageId} of promotion ID ${promotionId}`,
			advice:
				"Check the user's participations (Participation → Get Many by User) before running this item again",
		},
	});
}
