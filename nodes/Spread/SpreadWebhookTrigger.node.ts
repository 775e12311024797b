import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { contactJson, outputProperty } from '../shared/contact/contact';
import {
	acknowledgedWebhook,
	guardWebhook,
	skipWebhook,
	unplacedWebhookItem,
	webhookSecretProperty,
} from '../shared/trigger/webhook-guard';
import { webhookToContact } from './helpers/contact';
import { SPREAD_TIME_ZONE } from './transport';
import { WEBHOOK_EVENTS, classifyWebhook } from './helpers/webhook';

export class SpreadWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SPREAD Webhook Trigger',
		name: 'spreadWebhookTrigger',
		icon: { light: 'file:spread.svg', dark: 'file:spread.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow the moment SPREAD posts a webhook: a cagnotte update, a coupon, a consent, a participation',
		defaults: { name: 'SPREAD Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [acknowledgedWebhook],
		properties: [
			{
				displayName:
					'SPREAD has no API to register webhooks, so set this one up by hand. 1. Choose the Events below, set a Secret (recommended) and activate the workflow. 2. Copy the Production URL above; with a Secret, paste the Production URL + ?secret= + your secret instead. 3. In the SPREAD back office, open the settings (Paramétrage) → Webhooks, paste the URL for each event you want and save. Any request without the right secret gets a 401.',
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
						name: 'Cagnotte Update',
						value: 'cagnotteUpdate',
						description: "A customer's points changed",
					},
					{
						name: 'Consent Accepted',
						value: 'consentAccepted',
						description: 'A customer accepted marketing messages',
					},
					{
						name: 'Consent Refused',
						value: 'consentRefused',
						description: 'A customer refused marketing messages',
					},
					{
						name: 'Consent to Confirm',
						value: 'consentToConfirm',
						description: "A customer's consent waits for confirmation",
					},
					{
						name: 'Consent Updated',
						value: 'consentUpdated',
						description: "A customer's consent changed",
					},
					{
						name: 'Coupon Sent',
						value: 'couponSent',
						description: 'A coupon was sent to a customer',
					},
					{
						name: 'Participation Complete',
						value: 'participationComplete',
						description: 'A customer completed a participation in a campaign',
					},
					{
						name: 'Unknown Event',
						value: 'other',
						description:
							'A webhook whose event the trigger cannot place: emitted as {event: "unknown", body: the whole payload}',
					},
				],
				// Every event by default: SPREAD does not resend a webhook, so one dropped is lost for good.
				default: [
					'cagnotteUpdate',
					'consentAccepted',
					'consentRefused',
					'consentToConfirm',
					'consentUpdated',
					'couponSent',
					'participationComplete',
					'other',
				],
				description:
					'Which webhooks start the workflow (all by default); the others are answered 200, logged at debug level and dropped',
			},
			webhookSecretProperty,
			{
				...outputProperty,
				description:
					"Whether to output SPREAD's payload, or its customer in the contact shape every platform shares (dates read in Europe/Paris: the webhook has no credential to say the account's zone)",
			},
		],
	};

	// SPREAD has no API to register, check or delete a webhook: the user pastes the URL into the back
	// office (the notice above), so n8n's activation has nothing to do there. As n8n's Slack Trigger does
	// for the same case, every step says it is done.
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
		if (!wanted.includes(event)) return skipWebhook(this, `event ${event} not selected`);
		// An unplaced payload is not known to hold a person: it comes whole, whatever the Output.
		const asContact = this.getNodeParameter('output', 'raw') === 'contact';
		const item =
			event === 'other'
				? unplacedWebhookItem(payload)
				: asContact
					? contactJson(webhookToContact(payload, { timeZone: SPREAD_TIME_ZONE }))
					: payload;
		// n8n answers the vendor with acknowledgedWebhook's responseData.
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
