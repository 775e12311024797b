/**
 * SPREAD writes dates as `YYYY-MM-DD HH:MM:SS`, wall-clock time of the account's time zone, without
 * an offset (nodes/shared/time/wall-clock.ts reads them). These functions add what is SPREAD's own: its
 * "no date", and the user's dates turned into its format.
 */
import {
	WALL_CLOCK,
	epochMsToWallClock,
	pad,
	wallClockSecondsBefore,
	wallClockToIso,
} from '../../shared/time/wall-clock';

export { isTimeZone } from '../../shared/time/wall-clock';

/** SPREAD's date-time: `2019-08-29 13:36:52`. */
export const SPREAD_DATE_TIME = WALL_CLOCK;

/** `2019-08-29 13:36:52` in Europe/Paris → `2019-08-29T13:36:52+02:00`; anything else as it is. */
export function spreadDateToIso(value: string, timeZone: string): string {
	// 0000-00-00 00:00:00: "no date" in SPREAD's database.
	if (value.startsWith('0000-')) return value;
	return wallClockToIso(value, timeZone);
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
	const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	if (
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	)
		return undefined;
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
