/**
 * The checks of single values the SPREAD node reads (IDs, emails, dates, amounts): the checked value,
 * or an error that names the parameter and says what to fix.
 */
import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isEmail } from '../../shared/node/validation';
import { userDateToSpread } from '../helpers/dates';

/** An error of the item (or of the poll) whose message says what to fix. */
export function fail(
	context: IExecuteFunctions | IPollFunctions,
	itemIndex: number | undefined,
	message: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/** [doc] SPREAD's ids are whole numbers sent as strings ("123456"). */
export function readId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!/^[0-9]+$/.test(value)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not valid: SPREAD IDs are whole numbers such as 123456`,
		);
	}
	return value;
}

export function readEmail(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label = 'Email',
): string {
	return checkEmail(context, itemIndex, context.getNodeParameter(name, itemIndex, ''), label);
}

/** An email address, trimmed, or an error that names the parameter to fix. */
export function checkEmail(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
): string {
	const value = String(raw ?? '').trim();
	if (!value) throw fail(context, itemIndex, `Set the ${label}`);
	if (!isEmail(value))
		throw fail(
			context,
			itemIndex,
			`${label} "${value}" is not a valid address: fix the ${label} parameter`,
		);
	return value;
}

/** A date the user gave, as SPREAD writes dates; `label` names the parameter to fix. */
export function readDate(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	label: string,
	timeZone: string,
): string {
	const date = userDateToSpread(value, timeZone);
	if (!date) {
		throw fail(
			context,
			itemIndex,
			`${label} "${String(value)}" is not a date: give one such as 2024-05-31 or 2024-05-31T18:30:00 (without an offset it is read in the credential's time zone): fix the ${label} parameter`,
		);
	}
	return date;
}

/** A positive amount; SPREAD's amounts are strings of a number, decimals allowed (a cagnotte may be money). */
export function readAmount(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	label: string,
	options: { positive?: boolean } = {},
): number {
	const amount = typeof raw === 'string' && raw.trim() === '' ? NaN : Number(raw);
	const positive = options.positive ?? true;
	if (!Number.isFinite(amount) || (positive ? amount <= 0 : amount < 0)) {
		throw fail(
			context,
			itemIndex,
			`${label} "${String(raw)}" is not valid: give a number ${positive ? 'above 0' : '0 or more'}, such as 10 or 2.5: fix the ${label} parameter`,
		);
	}
	return amount;
}
