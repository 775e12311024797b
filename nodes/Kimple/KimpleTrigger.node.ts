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
import { contestScope, simplifyProperty } from './descriptions';
import { kimpleContact, type KimplePersonResource } from './helpers/contact';
import { simplifyParticipation } from './helpers/participation';
import { listSearch } from './methods';
import { readContestScope } from './parameters';
import { DEFAULT_MAX_WAIT_SECONDS, kimplePage, paths } from './transport';
import { kimplePoll, type KimplePollState } from './trigger/poll';

const EVENTS: Record<string, KimplePersonResource> = {
	newContestEntry: 'contestEntry',
	newContestParticipation: 'contestParticipation',
};

export class KimpleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kimple Trigger',
		name: 'kimpleTrigger',
		icon: { light: 'file:kimple.svg', dark: 'file:kimple.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when a Kimple contest has a new entry or a new participation',
		defaults: { name: 'Kimple Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kimpleApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Contest Entry',
						value: 'newContestEntry',
						description: 'A person entered a contest (submitted its form)',
					},
					{
						name: 'New Contest Participation',
						value: 'newContestParticipation',
						description: 'A person played: posted a photo, sent a purchase proof, answered a quiz',
					},
				],
				default: 'newContestEntry',
			},
			contestScope,
			outputProperty,
			{
				...simplifyProperty,
				displayOptions: { show: { event: ['newContestParticipation'], output: ['raw'] } },
			},
			{
				displayName:
					'The first check records what is already there and emits nothing; later checks emit each new record once, oldest first.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { listSearch };

	poll: PollMethod;

	/** n8n builds the trigger without options; a test may set the request timeout. */
	constructor(frame: PollFrameOptions = {}) {
		this.poll = pollMethod(setUpPoll, frame);
	}
}

/** The trigger's parameters (checked before any request) and its pages, for the poll frame. */
const setUpPoll: SetUpPoll<KimplePollState> = async (context, reading) => {
	const event = context.getNodeParameter('event') as string;
	const resource = EVENTS[event];
	if (!resource)
		throw new NodeOperationError(context.getNode(), `The event "${event}" is not known`);
	const contestHashId = readContestScope(context);
	const contact = context.getNodeParameter('output', 'raw') === 'contact';
	const simplify =
		resource === 'contestParticipation' && (context.getNodeParameter('simplify', true) as boolean);
	// A contact is read from the raw record, before any simplifying.
	const shape = (record: IDataObject) =>
		contact
			? contactJson(kimpleContact(resource, record))
			: simplify
				? simplifyParticipation(record)
				: record;

	const session = await openCredentialSession(context, 'kimpleApi');
	// A rate limit or an outage is waited on only for the reading time that is left.
	const readList = async (qs: IDataObject, page: number, pageSize: number) => {
		const options = {
			session,
			maxWaitSeconds: reading.maxWaitSeconds(DEFAULT_MAX_WAIT_SECONDS),
			timeoutMs: reading.timeoutMs,
		};
		const path = paths.list(resource);
		return (await kimplePage.call(context, path, qs, page, pageSize, options)).items;
	};
	return {
		strategy: kimplePoll(
			`${event}:${contestHashId ?? ''}`,
			{ resource, contestHashId, readList },
			reading,
		),
		output: (records) => records.map(shape),
	};
};
