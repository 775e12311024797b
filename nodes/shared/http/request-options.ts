import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** What an item's Request Options collection sets: how long to wait on faults, and for a reply. */
export interface RequestOptionValues {
	/** Seconds a request may wait in total on 429s (and 5xx on reads); undefined: the vendor's default. */
	maxWaitSeconds?: number;
	/** Milliseconds to wait for a reply; undefined: REQUEST_TIMEOUT_MS. */
	timeoutMs?: number;
}

/**
 * Reads the Request Options collection (`requestOptions`) of one item: the max-wait field, named
 * `maxWaitName` and labelled `maxWaitLabel` in messages (when the vendor's node has one), and `timeout`. A value that is not a number
 * of seconds (an expression can give one, whatever the field's minimum) is refused with a message that
 * says how to fix it.
 */
export function readRequestOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	maxWaitName?: string,
	maxWaitLabel?: string,
): RequestOptionValues {
	const options = context.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	const fail = (message: string) =>
		new NodeOperationError(context.getNode(), message, { itemIndex });
	const values: RequestOptionValues = {};
	const maxWait = maxWaitName === undefined ? undefined : options[maxWaitName];
	if (maxWait !== undefined) {
		const seconds = Number(maxWait);
		if (maxWait === '' || !Number.isFinite(seconds) || seconds < 0) {
			throw fail(
				`${maxWaitLabel} "${String(maxWait)}" is not valid: give a number of seconds, 0 or more`,
			);
		}
		values.maxWaitSeconds = seconds;
	}
	if (options.timeout !== undefined) {
		const seconds = Number(options.timeout);
		if (options.timeout === '' || !Number.isFinite(seconds) || seconds <= 0) {
			throw fail(
				`Timeout "${String(options.timeout)}" is not valid: give a number of seconds above 0`,
			);
		}
		values.timeoutMs = seconds * 1000;
	}
	return values;
}
