/**
 * SPREAD writes dates as `YYYY-MM-DD HH:MM:SS`, wall-clock time of the account's time zone, without
 * an offset (nodes/shared/time/wall-clock.ts reads them); its records' other dates may come as ISO-8601
 * with an offset (transport/api.ts, ISO_DATE_TIME_WITH_OFFSET). These functions add what is SPREAD's
 * own: its "no date", both formats read as one instant, and the user's dates turned into its format.
 */
import {
	WALL_CLOCK,
	epochMsToIso,
	epochMsToWallClock,
	mayBeWallClock,
	pad,
	wallClockSecondsBefore,
	wallClockToIso,
} from '../../shared/time/wall-clock';
import { ISO_DATE_TIME_WITH_OFFSET } from '../transport/api';

export { isTimeZone } from '../../shared/time/wall-clock';

/** SPREAD's date-time: `2019-08-29 13:36:52`. */
export const SPREAD_DATE_TIME = WALL_CLOCK;

/** SPREAD's "no date": none, empty, or 0000-00-00 00:00:00 in its database (a line not validated). */
export function isNoDate(value: unknown): boolean {
	return (
		value === null ||
		value === undefined ||
		(typeof value === 'string' && (value.trim() === '' || value.startsWith('0000-')))
	);
}

/** Whether the fields name a real day and time (no 30 February, no 24:00). */
function isCalendarTime(fields: number[]): boolean {
	const [year, month, day, hour = 0, minute = 0, second = 0] = fields;
	const check = new Date(Date.UTC(year, month - 1, day));
	return (
		check.getUTCMonth() === month - 1 &&
		check.getUTCDate() === day &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59
	);
}

/** The whole second an ISO-8601 date with an offset or Z names, and its fraction as written. */
function readIsoWithOffset(value: string): { epochMs: number; fraction: string } | undefined {
	const match = ISO_DATE_TIME_WITH_OFFSET.exec(value);
	if (!match || !isCalendarTime(match.slice(1, 7).map(Number))) return undefined;
	const offset = match[8].toUpperCase() === 'Z' ? 'Z' : match[8].replace(/^([+-]\d{2}):?/, '$1:');
	const [year, month, day, hour, minute, second] = match.slice(1, 7);
	const epochMs = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
	return Number.isNaN(epochMs) ? undefined : { epochMs, fraction: match[7] ?? '' };
}

/**
 * A date of SPREAD's records as the account's wall clock, `YYYY-MM-DD HH:MM:SS`, to the second: its own
 * format as it is, ISO-8601 with an offset converted into the zone, so that one instant reads the same
 * whatever offset it was written with. Undefined when it is neither (SPREAD's "no date" included).
 */
export function spreadDateToWallClock(value: unknown, timeZone: string): string | undefined {
	if (typeof value !== 'string' || isNoDate(value)) return undefined;
	const wallClock = WALL_CLOCK.exec(value);
	if (wallClock) return isCalendarTime(wallClock.slice(1).map(Number)) ? value : undefined;
	const iso = readIsoWithOffset(value);
	return iso ? epochMsToWallClock(iso.epochMs, timeZone) : undefined;
}

/**
 * Whether a string may be one of SPREAD's dates, by its length and the character between date and time:
 * most strings an export shapes are not dates, and this spares them the patterns.
 */
export function mayBeSpreadDate(value: string): boolean {
	const separator = value.charCodeAt(10);
	// A space (its wall clock), or T / t and at least `Z` after the seconds (ISO-8601 with an offset).
	return mayBeWallClock(value) || (value.length >= 20 && (separator === 84 || separator === 116));
}

/**
 * A date of SPREAD's records as ISO-8601 with the zone's offset: `2019-08-29 13:36:52` in Europe/Paris →
 * `2019-08-29T13:36:52+02:00`; `2019-08-29T11:36:52Z` → the same. Anything else as it is.
 */
export function spreadDateToIso(value: string, timeZone: string): string {
	if (value.startsWith('0000-')) return value;
	if (mayBeWallClock(value)) return wallClockToIso(value, timeZone);
	const iso = readIsoWithOffset(value);
	if (!iso) return value;
	const withOffset = epochMsToIso(iso.epochMs, timeZone);
	return `${withOffset.slice(0, 19)}${iso.fraction}${withOffset.slice(19)}`;
}

/** An instant as SPREAD writes it: the zone's wall-clock time, `YYYY-MM-DD HH:MM:SS`. */
export const epochMsToSpreadDate = epochMsToWallClock;

const USER_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date the user gave (an n8n date-time, ISO-8601 or SPREAD's own format) as SPREAD writes it. With an
 * offset (or Z), the instant is converted into the zone; without one, it is read in the zone as it is.
 * Undefined when it is not a date.
 */
export function userDateToSpread(value: unknown, timeZone: string): string | undefined {
	const text =
		value instanceof Date
			? value.toISOString()
			: typeof value === 'object' && value !== null && 'toISO' in value
				? String((value as { toISO: () => string }).toISO())
				: String(value ?? '').trim();
	const match = USER_DATE.exec(text);
	if (!match) return undefined;
	const [year, month, day, hour = 0, minute = 0, second = 0] = match
		.slice(1, 7)
		.map((part) => (part === undefined ? undefined : Number(part))) as number[];
	if (!isCalendarTime([year, month, day, hour, minute, second])) return undefined;
	const offset = match[7];
	if (!offset) {
		return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
	}
	const epochMs = Date.parse(
		`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${
			offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
		}`,
	);
	return epochMsToSpreadDate(epochMs, timeZone);
}

/** A SPREAD date-time one second earlier, in the same wall-clock terms. */
export function secondBefore(value: string): string {
	return wallClockSecondsBefore(value, 1);
}
