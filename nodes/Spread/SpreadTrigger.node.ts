import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { outputProperty, contactJson } from '../shared/contact/contact';
import { openCredentialSession } from '../shared/http/credential-session';
import { outputOptionsProperty } from './descriptions';
import { spreadContact, type SpreadPersonRecord } from './helpers/contact';
import { isTimeZone } from './helpers/dates';
import { shapeRecords } from './helpers/shape';
import {
	FILTER_NAMES,
	NUMBER_FIELDS,
	RECORD_KEYS,
	SPREAD_TIME_ZONE,
	envelopeKey,
	paths,
	spreadPage,
	spreadRequestAllItems,
} from './transport';
import {
	baselineSince,
	baselineState,
	newRecords,
	pollSince,
	readPollState,
	type SpreadPollState,
} from './trigger/poll';

const EVENTS: Record<string, () => string> = {
	newCagnotteLine: paths.cagnottes,
	newCustomer: paths.customers,
	newOrder: paths.orders,
	newParticipation: paths.participations,
	newSponsorship: paths.sponsorships,
};

/** The events whose records are persons, and how their records read as contacts. */
const PERSON_EVENTS: Record<string, SpreadPersonRecord> = {
	newCagnotteLine: 'cagnotteLine',
	newCustomer: 'customer',
	newParticipation: 'participation',
	newSponsorship: 'sponsorship',
};

export class SpreadTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SPREAD Trigger',
		name: 'spreadTrigger',
		icon: { light: 'file:spread.svg', dark: 'file:spread.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when SPREAD has a new cagnotte line, customer, order, participation or sponsorship',
		defaults: { name: 'SPREAD Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'spreadApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Cagnotte Line',
						value: 'newCagnotteLine',
						description: "Points were added to a customer's cagnotte or taken from it",
					},
					{ name: 'New Customer', value: 'newCustomer', description: 'A customer joined' },
					{ name: 'New Order', value: 'newOrder', description: 'An order reached SPREAD' },
					{
						name: 'New Participation',
						value: 'newParticipation',
						description: 'A customer took part in a campaign',
					},
					{
						name: 'New Sponsorship',
						value: 'newSponsorship',
						description: 'A customer referred another',
					},
				],
				default: 'newCagnotteLine',
			},
			{
				...outputProperty,
				displayOptions: { show: { event: Object.keys(PERSON_EVENTS) } },
			},
			{ ...outputOptionsProperty, displayOptions: { hide: { output: ['contact'] } } },
			{
				displayName:
					'The first check records what is already there and emits nothing; later checks emit each new record once, oldest first.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const pathOf = EVENTS[event];
		if (!pathOf) throw new NodeOperationError(this.getNode(), `The event "${event}" is not known`);
		const path = pathOf();
		const keys = RECORD_KEYS[envelopeKey(path)];
		// One credential read for every page of the poll.
		const session = await openCredentialSession(this, 'spreadApi');
		const timeZone = String(session.data.timeZone || SPREAD_TIME_ZONE).trim();
		if (!isTimeZone(timeZone)) {
			throw new NodeOperationError(
				this.getNode(),
				`Time Zone "${timeZone}" in the SPREAD credential is not a time zone: give an IANA name such as Europe/Paris`,
			);
		}
		const output = this.getNodeParameter('outputOptions', {}) as IDataObject;
		const person = PERSON_EVENTS[event];
		const contact = person !== undefined && this.getNodeParameter('output', 'raw') === 'contact';
		const emit = (records: IDataObject[]) =>
			this.helpers.returnJsonArray(
				contact
					? records.map((record) => contactJson(spreadContact(person, record, { timeZone })))
					: shapeRecords(records, {
							timeZone,
							numberFields: NUMBER_FIELDS,
							keepNumberStrings: output.keepNumberStrings === true,
							keepDateStrings: output.keepDateStrings === true,
						}),
			);
		const createdSince = async (since: string) =>
			await spreadRequestAllItems.call(
				this,
				path,
				{ [FILTER_NAMES.createdAfter]: since },
				Infinity,
				{
					session,
				},
			);

		if (this.getMode() === 'manual') {
			// A test run shows one real record, the newest of the last day, without touching the state.
			const recent = await createdSince(baselineSince(Date.now(), timeZone));
			const newest = baselineState('manual', '', recent, keys);
			const sample =
				recent.find((record) => record[keys.date] === newest.lastSecond) ??
				(await spreadPage.call(this, path, {}, undefined, { session, pageSize: 1 })).items[0];
			return sample ? [emit([sample])] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const state = readPollState(staticData, event);
		let next: SpreadPollState;
		let items: IDataObject[] = [];
		if (!state) {
			const since = baselineSince(Date.now(), timeZone);
			next = baselineState(event, since, await createdSince(since), keys);
		} else {
			({ items, state: next } = newRecords(state, await createdSince(pollSince(state)), keys));
		}
		if (next !== state) {
			// Replaced whole, so no field of an older format stays behind.
			for (const key of Object.keys(staticData)) delete staticData[key];
			Object.assign(staticData, next);
		}
		return items.length ? [emit(items)] : null;
	}
}
