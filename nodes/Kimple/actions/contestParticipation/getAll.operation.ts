import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { contestScope, listProperties, simplifyProperty } from '../../descriptions';
import { contestParticipationToContact } from '../../helpers/contact';
import { simplifyParticipation } from '../../helpers/participation';
import { readContestScope } from '../../parameters';
import { getMany } from '../requests';

export const description = updateDisplayOptions(
	{ show: { resource: ['contestParticipation'], operation: ['getAll'] } },
	[
		contestScope,
		...listProperties(),
		outputProperty,
		// A contact is read from the raw record: Simplify applies to the raw output only.
		{ ...simplifyProperty, displayOptions: { show: { output: ['raw'] } } },
	],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const participations = await getMany(
		this,
		itemIndex,
		'contestParticipation',
		readContestScope(this, itemIndex),
	);
	const output = this.getNodeParameter('output', itemIndex, 'raw') as string;
	if (output === 'contact')
		return participations.map((participation) =>
			contactJson(contestParticipationToContact(participation)),
		);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	return simplify ? participations.map(simplifyParticipation) : participations;
}
