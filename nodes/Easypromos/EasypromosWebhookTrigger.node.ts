import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { outputProperty, text, contactJson } from '../shared/contact/contact';
import {
	acknowledgedWebhook,
	guardWebhook,
	skipWebhook,
	unplacedWebhookItem,
	webhookSecretProperty,
} from '../shared/trigger/webhook-guard';
import { easypromosContact, personKindOf } from './helpers/contact';
import { WEBHOOK_EVENTS, classifyWebhook } from './helpers/webhook';

export class EasypromosWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Easypromos Webhook Trigger',
		name: 'easypromosWebhookTrigger',
		icon: { light: 'file:easypromos.svg', dark: 'file:easypromos.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow the moment Easypromos posts a webhook: a new user, a new participation, coins',
		defaults: { name: 'Easypromos Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [acknowledgedWebhook],
		properties: [
			{
				displayName:
					"Easypromos has no API to register webhooks, so set this one up by hand. 1. Choose the Events below, set a Secret (recommended) and activate the workflow. 2. Copy the Production URL above; with a Secret, paste the Production URL + ?secret= + your secret instead, e.g. https://your-n8n/webhook/…/webhook?secret=Xk29fQ7mLp. 3. In Easypromos, open the promotion's management page, go to Integrations → Webhooks, enable them, paste the URL for each event you want and save. Any request without the right secret gets a 401.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Coin Transaction',
						value: 'coinTransaction',
						description: 'Virtual coins were added to a user or taken away',
					},
					{
						name: 'New Participation',
						value: 'participation',
						description: 'A user took part in a stage; carries the prize won, if any',
					},
					{ name: 'New User', value: 'user', description: 'A person registered in the promotion' },
					{
						name: 'Unknown Event',
						value: 'other',
						description:
							'A webhook whose event the trigger cannot place: emitted as {event: "unknown", body: the whole payload}',
					},
				],
				// Every event by default: Easypromos does not resend a webhook, so one dropped is lost for good.
				default: ['user', 'participation', 'coinTransaction', 'other'],
				description:
					'Which webhooks start the workflow (all by default); the others are answered 200, logged at debug level and dropped',
			},
			{
				displayName: 'Promotion ID',
				name: 'promotionId',
				type: 'string',
				default: '',
				placeholder: 'Empty: any promotion',
				description:
					'Start only for webhooks of this promotion, when the same URL is pasted in several promotions',
			},
			webhookSecretProperty,
			outputProperty,
		],
	};

	// Easypromos has no API to register, check or delete a webhook: the user pastes the URL into the
	// promotion's admin (the notice above), so n8n's activation has nothing to do there. As n8n's Slack
	// Trigger does for the same case, every step says it is done.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret = String(this.getNodeParameter('secret', '') ?? '').trim();
		const guarded = guardWebhook(this, { secret });
		if ('refused' in guarded) return guarded.refused;
		const payload = guarded.body;
		const event = classifyWebhook(payload);
		const wanted = this.getNodeParameter('events', [...WEBHOOK_EVENTS]) as string[];
		const promotionFilter = String(this.getNodeParameter('promotionId', '') ?? '').trim();
		const data = (payload.data ?? {}) as IDataObject;
		const transaction = (data.transaction ?? {}) as IDataObject;
		const promotionId = payload.promotion_id ?? data.promotion_id ?? transaction.promotion_id;
		const skipReason = !wanted.includes(event)
			? `event ${event} not selected`
			: promotionFilter && String(promotionId ?? '') !== promotionFilter
				? `promotion ${String(promotionId ?? 'unknown')} not watched`
				: undefined;
		if (skipReason) return skipWebhook(this, skipReason);
		// An unplaced payload is not known to hold a person: it comes whole, whatever the Output.
		let item = event === 'other' ? unplacedWebhookItem(payload) : payload;
		if (event !== 'other' && this.getNodeParameter('output', 'raw') === 'contact') {
			// The envelope's `data` is the API object; a payload without one is the object itself (a
			// participation's own `data` is its array of answers).
			const wrapped = typeof payload.data === 'object' && !Array.isArray(payload.data);
			const record = wrapped && payload.data ? data : payload;
			// By its shape: a "participation" webhook may carry a prize won, with its prize type.
			const promotion = { id: text(promotionId), title: null };
			item = contactJson(easypromosContact(personKindOf(record), record, promotion));
		}
		// n8n answers the vendor with acknowledgedWebhook's responseData.
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
