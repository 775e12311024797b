/** A registration as Leevia's Instant Win endpoint takes it ([doc] its body), and its reply. */
import type { IDataObject } from 'n8n-workflow';

/** What Register read and checked from its parameters: identifiers trimmed and not empty. */
export interface Registration {
	registrationIp: string;
	email: string;
	phone: string;
	firstName: string;
	lastName: string;
	acceptRules: boolean;
	acceptNewsletter: boolean;
	customAcceptances: Array<{ name: string; accepted: boolean }>;
	/** The pre-configured fields by their wire names (city, date_of_birth, phone, …). */
	profileFields: IDataObject;
	customFields: Array<{ name: string; value: string }>;
}

/**
 * [doc] The body: `registration_ip`, `email` and/or `phone`, the names, `acceptances` (`rules`,
 * `newsletter` and the contest's own), `custom_data` (the pre-configured fields and the custom ones);
 * an empty value is left out.
 */
export function participantBody(registration: Registration): IDataObject {
	const participant: IDataObject = { registration_ip: registration.registrationIp };
	if (registration.email) participant.email = registration.email;
	if (registration.phone) participant.phone = registration.phone;
	if (registration.firstName) participant.first_name = registration.firstName;
	if (registration.lastName) participant.last_name = registration.lastName;

	const acceptances: IDataObject = {
		rules: registration.acceptRules,
		newsletter: registration.acceptNewsletter,
	};
	for (const { name, accepted } of registration.customAcceptances) acceptances[name] = accepted;
	participant.acceptances = acceptances;

	const customData: IDataObject = {};
	for (const [name, value] of Object.entries(registration.profileFields)) {
		if (value === '' || value === undefined) continue;
		// [doc] The pre-configured phone is a number.
		customData[name] = name === 'phone' && /^\d+$/.test(String(value)) ? Number(value) : value;
	}
	for (const { name, value } of registration.customFields) customData[name] = value;
	if (Object.keys(customData).length) participant.custom_data = customData;
	return participant;
}

/** [doc] The reply shows `is_winner` both as a boolean and as "true"/"false": a boolean here. */
export function readRegisterReply(reply: IDataObject): IDataObject {
	if (typeof reply.is_winner === 'string') reply.is_winner = reply.is_winner === 'true';
	return reply;
}
