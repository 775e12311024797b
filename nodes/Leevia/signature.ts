import { createHmac } from 'crypto';

/** Leevia's sign-in signature: hex HMAC-SHA256 of "<api_key>.<timestamp>", keyed with the API secret. */
export function leeviaSignature(apiKey: string, apiSecret: string, timestamp: number | string): string {
	return createHmac('sha256', apiSecret).update(`${apiKey}.${timestamp}`).digest('hex');
}
