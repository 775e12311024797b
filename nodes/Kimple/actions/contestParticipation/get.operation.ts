import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { recordIdProperty, simplifyProperty } from '../../descriptions';
import { contestParticipationToContact } from '../../helpers/contact';
import { simplifyParticipation } from '../../helpers/participation';
import { getOne } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['contestParticipation'], operation: ['get'] } },
	[
		recordIdProperty('contestParticipation'),
		outputProperty,
		// A contact is read from the raw record: Simplify applies to the raw output only.
		{ ...simplifyProperty, displayOptions: { show: { output: ['raw'] } } },
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const participation = await getOne(
		this,
		itemIndex,
		'contestParticipation',
		'contestParticipationId',
	);
	const output = this.getNodeParameter('output', itemIndex, 'raw') as string;
	if (output === 'contact') return contactJson(contestParticipationToContact(participation));
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? simplifyParticipation(participation) : participation;
}
