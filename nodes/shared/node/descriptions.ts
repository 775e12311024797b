/**
 * Builders of the editor properties every vendor writes the same way: each vendor's descriptions.ts
 * gives them its names and words, and the shape is written once here.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** A resource locator: a searchable list, or an ID typed in. */
export function locator(spec: {
	displayName: string;
	name: string;
	description: string;
	/** Left out where the locator may stay empty (a scope, or the vendor's default). */
	required?: true;
	list: { searchListMethod: string; placeholder: string };
	/** The By ID mode; `displayName` where the vendor's IDs have another name. */
	id: { placeholder: string; displayName?: string; hint?: string };
}): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(spec.required && { required: true }),
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: spec.list.placeholder,
				typeOptions: { searchListMethod: spec.list.searchListMethod, searchable: true },
			},
			{
				displayName: spec.id.displayName ?? 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.id.placeholder,
				...(spec.id.hint !== undefined && { hint: spec.id.hint }),
				// No editor `validation` regex: n8n 2.x runs it in a vm limited to 250 ms at every execution,
				// which fails under heavy load; the operation checks the ID and says what to fix.
			},
		],
	};
}

/**
 * The Request Options collection, shown under every operation's own parameters: how long a request
 * may wait in total on the vendor's faults (`maxWait`, named and worded per vendor; a vendor with no
 * such wait leaves it out), for a reply, and (`pagesAtOnce`, for a vendor whose pages can be
 * addressed) how many pages of a list are read at once. `readRequestOptions`
 * (../http/request-options.ts) reads it with the same `maxWait.name` and `label`.
 */
export function requestOptions(spec: {
	maxWait?: { name: string; label: string; default: number; description: string };
	timeoutDescription: string;
	/** `displayOptions`: where it would do nothing (an operation that reads no list), hidden. */
	pagesAtOnce?: { description: string; displayOptions?: IDisplayOptions };
}): INodeProperties {
	const options: INodeProperties[] = [];
	if (spec.maxWait) {
		// The lint rule reads a default given by name, not one given as `spec.maxWait.default`.
		const maxWaitDefault = spec.maxWait.default;
		options.push({
			displayName: `${spec.maxWait.label} (Seconds)`,
			name: spec.maxWait.name,
			type: 'number',
			typeOptions: { minValue: 0 },
			default: maxWaitDefault,
			description: spec.maxWait.description,
		});
	}
	if (spec.pagesAtOnce) {
		options.push({
			displayName: 'Pages at Once',
			name: 'pagesAtOnce',
			type: 'number',
			// MAX_PAGES_AT_ONCE and DEFAULT_PAGES_AT_ONCE of ../http/request-options.ts (literals for the lint rule).
			typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
			default: 4,
			description: spec.pagesAtOnce.description,
			...(spec.pagesAtOnce.displayOptions && { displayOptions: spec.pagesAtOnce.displayOptions }),
		});
	}
	options.push({
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		// REQUEST_TIMEOUT_MS of ../http/request-timeout.ts (the lint rule wants a literal here).
		default: 30,
		description: spec.timeoutDescription,
	});
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
