import type { IDataObject } from 'n8n-workflow';

/**
 * ASSUMED: the webhook payloads mirror the API objects, possibly wrapped with an event name. The
 * event is read from an `event` / `type` / `event_type` field when there is one, else from the shape.
 */
export const WEBHOOK_EVENTS = ['user', 'participation', 'coinTransaction', 'other'] as const;
/** `other`: a payload no event fits (emitted as the "unknown" event). */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export function classifyWebhook(payload: IDataObject): WebhookEvent {
	const named = String(payload.event ?? payload.event_type ?? payload.type ?? '').toLowerCase();
	if (named) {
		if (/coin|transaction|balance/.test(named)) return 'coinTransaction';
		if (/particip|prize/.test(named)) return 'participation';
		if (/user|regist/.test(named)) return 'user';
		return 'other';
	}
	const wrapped = payload.data && typeof payload.data === 'object' && !Array.isArray(payload.data);
	const data = (wrapped ? payload.data : payload) as IDataObject;
	if (data.transaction || 'coin_id' in data) return 'coinTransaction';
	if ('stage_id' in data && 'user_id' in data) return 'participation';
	if ('login_type' in data || 'email' in data) return 'user';
	return 'other';
}
