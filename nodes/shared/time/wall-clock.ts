/**
 * Wall-clock dates: `YYYY-MM-DD HH:MM:SS` without an offset, as Kimple and SPREAD write them, read in
 * a time zone and turned into ISO-8601 with the offset, with Intl only (no dependency).
 */

/** A wall-clock date-time: `2019-08-29 13:36:52`. */
export const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

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

export function pad(value: number, width = 2): string {
	return String(Math.abs(value)).padStart(width, '0');
}

function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * Whether a string may be a wall-clock date-time: its length and the space between date and time. An
 * export shapes every string of every record, and most are not dates: this spares them the pattern.
 */
export function mayBeWallClock(value: string): boolean {
	return value.length === 19 && value.charCodeAt(10) === 32;
}

/** `2019-08-29 13:36:52` in Europe/Paris → `2019-08-29T13:36:52+02:00`; anything else as it is. */
export function wallClockToIso(value: string, timeZone: string): string {
	const match = mayBeWallClock(value) ? WALL_CLOCK.exec(value) : null;
	if (!match) return value;
	return `${value.slice(0, 10)}T${value.slice(11)}${offsetOfMinute(match, timeZone)}`;
}

/**
 * Offsets by zone and wall-clock hour: zones change offset on the hour (daylight saving time starts and
 * ends at a whole hour), so every date of one hour has the same offset. Working one out with Intl takes
 * about 0.17 ms, and an export's thousands of dates share few hours. Emptied when full, so a
 * long-running n8n keeps it small.
 */
const offsets = new Map<string, Map<string, string>>();
const OFFSETS_KEPT = 10_000;

function offsetOfMinute(match: RegExpExecArray, timeZone: string): string {
	let ofZone = offsets.get(timeZone);
	if (!ofZone) {
		ofZone = new Map();
		offsets.set(timeZone, ofZone);
	}
	const hour = match[0].slice(0, 13);
	let offset = ofZone.get(hour);
	if (offset === undefined) {
		const fields = match.slice(1).map(Number) as [number, number, number, number, number, number];
		offset = formatOffset(offsetMinutes(wallToEpochMs(fields, timeZone), timeZone));
		if (ofZone.size >= OFFSETS_KEPT) ofZone.clear();
		ofZone.set(hour, offset);
	}
	return offset;
}

/** An instant as the zone's wall-clock time, `YYYY-MM-DD HH:MM:SS`. */
export function epochMsToWallClock(epochMs: number, timeZone: string): string {
	const [year, month, day, hour, minute, second] = wallClock(epochMs, timeZone);
	return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** An instant as ISO-8601 with the zone's offset at that instant: `2024-10-27T02:30:00+01:00`. */
export function epochMsToIso(epochMs: number, timeZone: string): string {
	const [date, time] = epochMsToWallClock(epochMs, timeZone).split(' ');
	return `${date}T${time}${formatOffset(offsetMinutes(epochMs, timeZone))}`;
}

/** A wall-clock date-time `seconds` earlier, in the same terms; anything else as it is. */
export function wallClockSecondsBefore(value: string, seconds: number): string {
	const match = WALL_CLOCK.exec(value);
	if (!match) return value;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) - seconds * 1000;
	return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}
