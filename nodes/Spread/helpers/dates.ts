/**
 * SPREAD writes dates as `YYYY-MM-DD HH:MM:SS`, wall-clock time of the account's time zone, without
 * an offset. These functions turn them into ISO-8601 with the offset, and the user's dates into that
 * format, with Intl only (no dependency).
 */

/** SPREAD's date-time: `2019-08-29 13:36:52`. */
export const SPREAD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than using it (an export has 20,000 lines). */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** Whether Intl knows the zone (an IANA name such as Europe/Paris). */
export function isTimeZone(timeZone: string): boolean {
	try {
		formatterOf(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(epochMs: number, timeZone: string): number[] {
	const parts: Record<string, number> = {};
	for (const part of formatterOf(timeZone).formatToParts(new Date(epochMs))) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second];
}

/** The zone's offset from UTC at an instant, in minutes (Paris in summer: 120). */
function offsetMinutes(epochMs: number, timeZone: string): number {
	const [year, month, day, hour, minute, second] = wallClock(epochMs, timeZone);
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time of the zone names. In the hour skipped in spring the time is read with
 * the offset before the change; in the hour repeated in autumn, the first of the two.
 */
export function wallToEpochMs(
	fields: [number, number, number, number, number, number],
	timeZone: string,
): number {
	const [year, month, day, hour, minute, second] = fields;
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	const before = offsetMinutes(asUtc - 86_400_000 / 2, timeZone);
	const after = offsetMinutes(asUtc + 86_400_000 / 2, timeZone);
	// Try both offsets of the day; the earlier instant that reads back as this wall time wins.
	for (const offset of [Math.max(before, after), Math.min(before, after)]) {
		const candidate = asUtc - offset * 60_000;
		if (offsetMinutes(candidate, timeZone) === offset) return candidate;
	}
	return asUtc - before * 60_000;
}

function pad(value: number, width = 2): string {
	return String(Math.abs(value)).padStart(width, '0');
}

function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `2019-08-29 13:36:52` in Europe/Paris → `2019-08-29T13:36:52+02:00`; anything else as it is. */
export function spreadDateToIso(value: string, timeZone: string): string {
	const match = SPREAD_DATE_TIME.exec(value);
	if (!match) return value;
	const fields = match.slice(1).map(Number) as [number, number, number, number, number, number];
	if (fields[0] === 0) return value; // 0000-00-00 00:00:00: "no date" in SPREAD's database
	const epochMs = wallToEpochMs(fields, timeZone);
	const [date, time] = value.split(' ');
	return `${date}T${time}${formatOffset(offsetMinutes(epochMs, timeZone))}`;
}

/** An instant as SPREAD writes it: the zone's wall-clock time, `YYYY-MM-DD HH:MM:SS`. */
export function epochMsToSpreadDate(epochMs: number, timeZone: string): string {
	const [year, month, day, hour, minute, second] = wallClock(epochMs, timeZone);
	return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

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
	const match = SPREAD_DATE_TIME.exec(value);
	if (!match) return value;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - 1000;
	return epochMsToSpreadDate(epochMs, 'UTC');
}
