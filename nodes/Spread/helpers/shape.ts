/** SPREAD's records as a workflow wants them: numbers as numbers, dates with their offset. */
import type { IDataObject } from 'n8n-workflow';

import { mayBeSpreadDate, spreadDateToIso } from './dates';

export interface ShapeOptions {
	/** The account's time zone, to read SPREAD's dates in. */
	timeZone: string;
	/** Keep amounts, balances and counts as the strings SPREAD sends. */
	keepNumberStrings?: boolean;
	/** Keep dates as SPREAD writes them (`YYYY-MM-DD HH:MM:SS`, no offset, or as SPREAD sent them). */
	keepDateStrings?: boolean;
	/** The fields that hold numbers (the transport's NUMBER_FIELDS). */
	numberFields: readonly string[];
}

function shapeValue(key: string, value: unknown, options: ShapeOptions): unknown {
	if (typeof value === 'string') {
		if (!options.keepNumberStrings && options.numberFields.includes(key) && value.trim() !== '') {
			const number = Number(value);
			return Number.isFinite(number) ? number : value;
		}
		// spreadDateToIso leaves anything that is not a date as it is.
		if (!options.keepDateStrings && mayBeSpreadDate(value))
			return spreadDateToIso(value, options.timeZone);
		return value;
	}
	if (Array.isArray(value)) return value.map((entry) => shapeValue(key, entry, options));
	if (value && typeof value === 'object') return shapeRecord(value as IDataObject, options);
	return value;
}

/** A record with its nested objects (a points reply's `customer` and `cagnotte`), shaped. */
export function shapeRecord(record: IDataObject, options: ShapeOptions): IDataObject {
	if (options.keepNumberStrings && options.keepDateStrings) return record;
	const shaped: IDataObject = {};
	for (const key in record) {
		shaped[key] = shapeValue(key, record[key], options) as IDataObject[string];
	}
	return shaped;
}

export function shapeRecords(records: IDataObject[], options: ShapeOptions): IDataObject[] {
	return records.map((record) => shapeRecord(record, options));
}
