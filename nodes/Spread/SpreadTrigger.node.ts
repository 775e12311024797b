import type { IDataObject, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { outputProperty, contactJson } from '../shared/contact/contact';
import { openCredentialSession } from '../shared/http/credential-session';
import {
	pollMethod,
	type PollFrameOptions,
	type PollMethod,
	type SetUpPoll,
} from '../shared/trigger/poll-frame';
import { outputOptionsProperty } from './descriptions';
import { spreadContact, type SpreadPersonRecord } from './helpers/contact';
import { shapeRecords } from './helpers/shape';
import { timeZoneOf } from './parameters';
import {
	FILTER_NAMES,
	MODIFIED_KEYS,
	NUMBER_FIELDS,
	RECORD_KEYS,
	paths,
	spreadPage,
	spreadRequestAllItems,
	type FilterName,
} from './transport';
import { spreadPoll, type RecordKeys, type SpreadPollState } from './trigger/poll';

/**
 * Each event: its list, the filter that asks for what is new, where its records keep the date it
 * reads, and what its records are called in a message.
 */
const EVENTS: Record<string, { path: () => string; filter: FilterName; keys: RecordKeys }> = {
	newCagnotteLine: {
		path: paths.cagnottes,
		filter: 'createdAfter',
		keys: { ...RECORD_KEYS.cagnottes, record: 'cagnotte line' },
	},
	newCustomer: {
		path: paths.customers,
		filter: 'createdAfter',
		keys: { ...RECORD_KEYS.customers, record: 'customer' },
	},
	newOrUpdatedCustomer: {
		path: paths.customers,
		filter: 'modifiedAfter',
		keys: { ...MODIFIED_KEYS.customers, record: 'customer' },
	},
	newOrder: {
		path: paths.orders,
		filter: 'createdAfter',
		keys: { ...RECORD_KEYS.orders, record: 'order' },
	},
	newParticipation: {
		path: paths.participations,
		filter: 'createdAfter',
		keys: { ...RECORD_KEYS.participations, record: 'participation' },
	},
	newSponsorship: {
		path: paths.sponsorships,
		filter: 'createdAfter',
		keys: { ...RECORD_KEYS.sponsorships, record: 'sponsorship' },
	},
	validatedCagnotteLine: {
		path: paths.cagnottes,
		filter: 'modifiedAfter',
		keys: { ...MODIFIED_KEYS.cagnottes, record: 'cagnotte line' },
	},
};

/** The events whose records are persons, and how their records read as contacts. */
const PERSON_EVENTS: Record<string, SpreadPersonRecord> = {
	newCagnotteLine: 'cagnotteLine',
	newCustomer: 'customer',
	newOrUpdatedCustomer: 'customer',
	newParticipation: 'participation',
	newSponsorship: 'sponsorship',
	validatedCagnotteLine: 'cagnotteLine',
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
			'Starts the workflow when SPREAD has a new cagnotte line, customer, order, participation or sponsorship, a customer changed, or a cagnotte line validated',
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
					{
						name: 'New or Updated Customer',
						value: 'newOrUpdatedCustomer',
						description:
							'A customer joined or changed (details, tags, points): once per change, as SPREAD dates it',
					},
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
					{
						name: 'Validated Cagnotte Line',
						value: 'validatedCagnotteLine',
						description:
							"Points added to or taken from a customer's cagnotte were validated (a line without a validation date waits)",
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

	poll: PollMethod;

	/** n8n builds the trigger without options; a test may set the request timeout. */
	constructor(frame: PollFrameOptions = {}) {
		this.poll = pollMethod(setUpPoll, frame);
	}
}

/**
 * The trigger's parameters and the credential's time zone (checked before any request) and its
 * pages, for the poll frame.
 */
const setUpPoll: SetUpPoll<SpreadPollState> = async (context, reading) => {
	const event = context.getNodeParameter('event') as string;
	const watched = EVENTS[event];
	if (!watched)
		throw new NodeOperationError(context.getNode(), `The event "${event}" is not known`);
	const path = watched.path();
	// One credential read for every page of the poll.
	const session = await openCredentialSession(context, 'spreadApi');
	const timeZone = timeZoneOf(session, context);
	const outputOptions = context.getNodeParameter('outputOptions', {}) as IDataObject;
	const person = PERSON_EVENTS[event];
	const contact = person !== undefined && context.getNodeParameter('output', 'raw') === 'contact';
	const output = (records: IDataObject[]) =>
		contact
			? records.map((record) => contactJson(spreadContact(person, record, { timeZone })))
			: shapeRecords(records, {
					timeZone,
					numberFields: NUMBER_FIELDS,
					keepNumberStrings: outputOptions.keepNumberStrings === true,
					keepDateStrings: outputOptions.keepDateStrings === true,
				});
	const { timeoutMs } = reading;
	const strategy = spreadPoll(event, watched.keys, timeZone, {
		since: async (since) =>
			await spreadRequestAllItems.call(
				context,
				path,
				{ [FILTER_NAMES[watched.filter]]: since },
				Infinity,
				{ session, timeoutMs },
			),
		first: async () =>
			(await spreadPage.call(context, path, {}, undefined, { session, pageSize: 1, timeoutMs }))
				.items[0],
	});
	return { strategy, output };
};
