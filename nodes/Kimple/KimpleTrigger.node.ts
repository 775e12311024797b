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
import { isTransientFailure, readHttpFailure } from '../shared/http/http-failure';
import { contestScope, simplifyProperty } from './descriptions';
import { kimpleContact, type KimplePersonResource } from './helpers/contact';
import { simplifyParticipation } from './helpers/participation';
import { buildCondition, joinSearch } from './helpers/search';
import { listSearch } from './methods';
import {
	CONTEST_FIELD,
	CREATED_AT_FIELD,
	DEFAULT_MAX_WAIT_SECONDS,
	HASH_ID_FIELDS,
	LIST_DELAY_SECONDS,
	MAX_PAGE_SIZE,
	kimplePage,
	paths,
} from './transport';
import {
	baseline,
	needsBaseline,
	readNewRecords,
	secondsBefore,
	type KimplePollState,
	type PollReader,
} from './trigger/poll';

const EVENTS: Record<string, KimplePersonResource> = {
	newContestEntry: 'contestEntry',
	newContestParticipation: 'contestParticipation',
};

/** Of the time n8n gives a poll, the share spent reading pages; the rest is kept for emitting. */
const BUDGET_SHARE = 0.8;

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

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const resource = EVENTS[event];
		if (!resource)
			throw new NodeOperationError(this.getNode(), `The event "${event}" is not known`);
		const contestHashId = String(
			this.getNodeParameter('contestId', '', { extractValue: true }) ?? '',
		).trim();
		if (contestHashId && !/^[A-Za-z0-9_-]+$/.test(contestHashId)) {
			throw new NodeOperationError(
				this.getNode(),
				`Contest "${contestHashId}" is not valid: pick a contest from the list or give its hash ID, e.g. 78HY9n`,
			);
		}
		const contact = this.getNodeParameter('output', 'raw') === 'contact';
		const simplify =
			resource === 'contestParticipation' && (this.getNodeParameter('simplify', true) as boolean);
		// A contact is read from the raw record, before any simplifying.
		const shape = (record: IDataObject) =>
			contact
				? contactJson(kimpleContact(resource, record))
				: simplify
					? simplifyParticipation(record)
					: record;
		const output = (records: IDataObject[]) => this.helpers.returnJsonArray(records.map(shape));

		const session = await openCredentialSession(this, 'kimpleApi');
		const scope = contestHashId
			? buildCondition({ field: CONTEST_FIELD, operator: 'equals', value: contestHashId })
			: undefined;
		const hashField = HASH_ID_FIELDS[resource];
		const budgetMs =
			typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 5 * 60_000;
		const deadline = Date.now() + budgetMs * BUDGET_SHARE;
		const timeLeft = () => deadline - Date.now();
		// A rate limit or an outage is waited on only for the reading time that is left.
		const read = async (qs: IDataObject, page: number, pageSize: number) => {
			const maxWaitSeconds = Math.min(DEFAULT_MAX_WAIT_SECONDS, Math.max(0, timeLeft() / 1000));
			const options = { session, maxWaitSeconds };
			return (await kimplePage.call(this, paths.list(resource), qs, page, pageSize, options)).items;
		};
		const newest = async () => {
			const search = joinSearch([scope]);
			return (
				await read({ order: `${CREATED_AT_FIELD} desc`, ...(search && { search }) }, 1, 1)
			)[0];
		};

		if (this.getMode() === 'manual') {
			// A test run shows the newest real record without moving the baseline.
			const record = await newest();
			return record ? [output([record])] : null;
		}

		const reader: PollReader = {
			fetchSince: async (since, page) => {
				// `created_at > since - 1 s` is `created_at >= since`: dates are whole seconds.
				const after = since
					? buildCondition({
							field: CREATED_AT_FIELD,
							operator: 'greaterThan',
							value: secondsBefore(since, 1),
						})
					: undefined;
				const search = joinSearch([scope, after]);
				const order = `${CREATED_AT_FIELD} asc,${hashField} asc`;
				return await read({ order, ...(search && { search }) }, page, MAX_PAGE_SIZE);
			},
			pageSize: MAX_PAGE_SIZE,
			idOf: (record) => {
				const id = record[hashField];
				return id === undefined || id === null || id === '' ? undefined : String(id);
			},
			createdAtOf: (record) => {
				const date = record[CREATED_AT_FIELD];
				return typeof date === 'string' && date ? date : undefined;
			},
			delaySeconds: LIST_DELAY_SECONDS,
			timeLeft,
			isTransient: (error) => isTransientFailure(readHttpFailure(error)),
		};

		const watching = `${event}:${contestHashId}`;
		const state = this.getWorkflowStaticData('node') as KimplePollState;
		if (needsBaseline(state, watching)) {
			const first = await newest();
			// A newest record without a date: '' reads the whole list once, to remember it.
			const date = first ? (reader.createdAtOf(first) ?? '') : undefined;
			replaceState(state, await baseline(watching, date, reader));
			return null;
		}
		const { newRecords, state: next } = await readNewRecords(state, reader);
		replaceState(state, next);
		return newRecords.length ? [output(newRecords)] : null;
	}
}

/** Static data is saved from the object n8n handed over: change it in place. */
function replaceState(state: KimplePollState, next: KimplePollState): void {
	for (const key of Object.keys(state)) delete (state as IDataObject)[key];
	Object.assign(state, next);
}
