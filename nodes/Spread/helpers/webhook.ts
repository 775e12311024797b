import type { IDataObject } from 'n8n-workflow';

/**
 * ASSUMED: SPREAD's back-office webhooks (Paramétrage → Webhooks) [src] post JSON that names its
 * event in `event`, `type`, `webhook` or `trigger`, in words close to the back office's ("cagnotte
 * update", "coupon sent", "consent accepted"...), the record beside it. Without a name the event is
 * read from the shape: a `cagnotte`, a `coupon`, a `participation`, a `consent`.
 */
/** `other`: a payload no event fits, emitted as the "unknown" event with the whole body. */
export const WEBHOOK_EVENTS = [
	'cagnotteUpdate',
	'couponSent',
	'consentAccepted',
	'consentRefused',
	'consentToConfirm',
	'consentUpdated',
	'participationComplete',
	'other',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

function consentEvent(words: string): WebhookEvent {
	if (/refus|declin|reject/.test(words)) return 'consentRefused';
	if (/confirm|pending|wait/.test(words)) return 'consentToConfirm';
	if (/accept|grant|given/.test(words)) return 'consentAccepted';
	return 'consentUpdated';
}

export function classifyWebhook(payload: IDataObject): WebhookEvent {
	const named = [payload.event, payload.type, payload.webhook, payload.trigger].find(
		(value) => typeof value === 'string' && value.trim(),
	) as string | undefined;
	if (named) {
		const words = named.toLowerCase().replace(/[^a-z]+/g, '');
		if (/cagnotte|points|wallet|loyalty/.test(words)) return 'cagnotteUpdate';
		if (/coupon|voucher/.test(words)) return 'couponSent';
		if (/consent|optin|rgpd|gdpr/.test(words)) return consentEvent(words);
		if (/participation/.test(words)) return 'participationComplete';
		return 'other';
	}
	if (payload.cagnotte && typeof payload.cagnotte === 'object') return 'cagnotteUpdate';
	if (payload.coupon && typeof payload.coupon === 'object') return 'couponSent';
	if (payload.participation && typeof payload.participation === 'object')
		return 'participationComplete';
	if (payload.consent !== undefined) return 'consentUpdated';
	return 'other';
}
