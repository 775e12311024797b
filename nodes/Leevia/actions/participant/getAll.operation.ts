import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { contactJson, outputProperty } from '../../../shared/contact/contact';
import { readLimit, returnAllOrLimit } from '../../../shared/node/list-properties';
import { productProperties } from '../../descriptions';
import { participantToContact } from '../../helpers/contact';
import { requestSettings, requireProduct } from '../../parameters';
import { leeviaRequestAllItems, paths } from '../../transport';

const properties: INodeProperties[] = [
	...productProperties('to export from'),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'All', value: '', description: 'Every participant' },
			{
				name: 'Participation',
				value: 'participation',
				description: 'People who played (contests only; one entry per play)',
			},
			{
				name: 'Registration',
				value: 'registration',
				description: 'People who registered (contests only)',
			},
			{ name: 'Winner', value: 'winner', description: 'People who won a prize' },
		],
		default: '',
		description: 'Which participants to export. Loyalty portals take no type.',
		displayOptions: { hide: { productType: ['loyalty_portals'] } },
	},
	...returnAllOrLimit(),
	outputProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['participant'], operation: ['getAll'] } },
	properties,
);

/** [doc] The `type` values Leevia accepts for each kind of product. */
const TYPES_BY_PRODUCT: Record<string, string[]> = {
	campaigns: ['registration', 'participation', 'winner'],
	whatsapp_campaigns: ['winner'],
	loyalty_portals: [],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const product = await requireProduct(
		this,
		{
			productType: this.getNodeParameter('productType', itemIndex, '') as string,
			productId: String(this.getNodeParameter('productId', itemIndex, '')),
		},
		itemIndex,
	);
	const type = this.getNodeParameter('type', itemIndex, '') as string;
	const validTypes = TYPES_BY_PRODUCT[product.productType] ?? [];
	if (type && !validTypes.includes(type)) {
		throw new NodeOperationError(
			this.getNode(),
			`Type "${type}" does not apply to ${product.productType}: ${
				validTypes.length ? `use ${validTypes.join(', ')} or All` : 'use All'
			}`,
			{ itemIndex },
		);
	}
	const participants = await leeviaRequestAllItems.call(
		this,
		paths.participants(product),
		type ? { type } : {},
		readLimit(this, itemIndex),
		requestSettings(this, itemIndex),
	);
	if (this.getNodeParameter('output', itemIndex, 'raw') !== 'contact') return participants;
	// [doc] The winner export lists people who won a prize; its records do not say so themselves.
	const winner = type === 'winner';
	return participants.map((participant) =>
		contactJson(participantToContact(participant, product.productId, { winner })),
	);
}
