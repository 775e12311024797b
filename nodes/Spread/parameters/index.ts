/**
 * The readers of the parameters several SPREAD operations (and the trigger) share: each returns the
 * checked value, or throws a message that names the parameter and says what to fix, before any
 * request is sent. Here: the request settings, the credential's time zone and the customer an
 * operation names; the checks of single values (values.ts), the Filters (filters.ts) and the
 * customer's and the order's fields as API v1's `data[...]` fields (v1-fields.ts) are re-exported.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import type { CredentialSession } from '../../shared/http/credential-session';
import { readRequestOptions } from '../../shared/http/request-options';
import { MAX_WAIT } from '../descriptions';
import { isTimeZone } from '../helpers/dates';
import {
	DEFAULT_MAX_WAIT_SECONDS,
	SPREAD_TIME_ZONE,
	type CustomerKey,
	type CustomerLookup,
	type SpreadRequestOptions,
} from '../transport';
import { fail, readEmail, readId } from './values';

export * from './filters';
export * from './v1-fields';
export * from './values';

/** The request settings of one item: where errors point, and how long 429s may be waited out. */
export function requestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	about?: string,
): SpreadRequestOptions {
	const {
		maxWaitSeconds = DEFAULT_MAX_WAIT_SECONDS,
		timeoutMs,
		pagesAtOnce,
	} = readRequestOptions(context, itemIndex, MAX_WAIT.name, MAX_WAIT.label);
	return {
		itemIndex,
		maxWaitSeconds,
		about,
		...(timeoutMs !== undefined && { timeoutMs }),
		...(pagesAtOnce !== undefined && { pagesAtOnce }),
	};
}

/**
 * The credential's time zone, checked: every date the node or the trigger (which has no items)
 * reads or writes goes through it.
 */
export function timeZoneOf(
	session: CredentialSession,
	context: IExecuteFunctions | IPollFunctions,
	itemIndex?: number,
): string {
	const timeZone = String(session.data.timeZone || SPREAD_TIME_ZONE).trim();
	if (!isTimeZone(timeZone)) {
		throw fail(
			context,
			itemIndex,
			`Time Zone "${timeZone}" in the SPREAD credential is not a time zone: give an IANA name such as Europe/Paris`,
		);
	}
	return timeZone;
}

// ---- the customer an operation names, and its output ----

/** The customer whose cagnotte Add Points or Remove Points changes. */
export function readCustomer(
	context: IExecuteFunctions,
	itemIndex: number,
): { key: CustomerKey; label: string; email?: string } {
	const identifyBy = context.getNodeParameter('identifyBy', itemIndex, 'email') as string;
	if (identifyBy === 'email') {
		const email = readEmail(context, 'email', itemIndex);
		return { key: { email }, label: `the customer with email ${email}`, email };
	}
	if (identifyBy === 'customerId') {
		const customerId = readId(context, 'customerId', itemIndex, 'Customer ID');
		return { key: { customerId }, label: `customer ID ${customerId}` };
	}
	throw fail(
		context,
		itemIndex,
		`Identify Customer By "${identifyBy}" is not known: use Email or Customer ID`,
	);
}

/** The customer Customer → Find (`findBy`) or → Update (`updateBy`) looks for, and how to name it. */
export function readCustomerLookup(
	context: IExecuteFunctions,
	itemIndex: number,
	name: 'findBy' | 'updateBy',
): { lookup: CustomerLookup; about: string } {
	const by = context.getNodeParameter(name, itemIndex, 'email') as string;
	if (by === 'email') {
		const email = readEmail(context, 'email', itemIndex);
		return { lookup: { email }, about: `the customer with email ${email}` };
	}
	if (by === 'externalId') {
		const externalId = String(context.getNodeParameter('externalId', itemIndex, '') ?? '').trim();
		if (!externalId) throw fail(context, itemIndex, 'Set the External ID');
		return { lookup: { externalId }, about: `the customer with external ID ${externalId}` };
	}
	throw fail(context, itemIndex, `Find Customer By "${by}" is not known: use Email or External ID`);
}

/** Whether the item's Output is Contact (the default, Raw, keeps SPREAD's records). */
export function wantsContacts(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('output', itemIndex, 'raw') === 'contact';
}
