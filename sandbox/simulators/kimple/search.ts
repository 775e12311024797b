import type { SimReply } from '../http-server';

// ---- internal state ----

export interface StoredRecord {
	/** Insertion order: the last tie-break of every sort. */
	seq: number;
	data: Record<string, unknown>;
	/** A document object: kept as printed, never picked to receive participations. */
	verbatim: boolean;
}

export interface KeyPair {
	secret: string;
	revoked: boolean;
}

export interface SearchCondition {
	field: string;
	operator: '~=' | '=' | '>' | '<';
	value: string;
}

export interface SortKey {
	field: string;
	descending: boolean;
}

/** Thrown by handlers to answer with an error; handle() turns it into the reply. */
export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}

	get reply(): SimReply {
		return {
			status: this.status,
			headers: this.headers,
			body: { code: this.status, message: this.message },
		};
	}
}

// ---- dates and values ----

/** `YYYY-MM-DD HH:MM:SS` in UTC, as the document writes dates. */
export function kimpleDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function toMs(value: string | Date | number): number {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	const ms = Date.parse(/^\d{4}-\d{2}-\d{2} /.test(value) ? `${value.replace(' ', 'T')}Z` : value);
	if (Number.isNaN(ms)) throw new Error(`Not a date: ${value}`);
	return ms;
}

export const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A value as a number when it is one (a number, a boolean, a numeric string); else undefined. */
function numericValue(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
	return undefined;
}

/** Text order like a case- and accent-insensitive database collation (Hélène beside Helene). */
const COLLATOR = new Intl.Collator('fr', { sensitivity: 'base' });

/** Sort order: nulls first, numbers by value, text by the collator. */
export function compareValues(a: unknown, b: unknown): number {
	const aMissing = a === null || a === undefined;
	const bMissing = b === null || b === undefined;
	if (aMissing || bMissing) return aMissing && bMissing ? 0 : aMissing ? -1 : 1;
	const aNumber = numericValue(a);
	const bNumber = numericValue(b);
	if (aNumber !== undefined && bNumber !== undefined) return aNumber - bNumber;
	return COLLATOR.compare(String(a), String(b));
}

export function codePointOrder(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a record's value meets one search condition; a null or object value meets none. */
export function meets(value: unknown, condition: SearchCondition): boolean {
	if (value === null || value === undefined || typeof value === 'object') return false;
	const expected = condition.value;
	const text = String(value);
	const number = numericValue(value);
	const expectedNumber = NUMERIC.test(expected) ? Number(expected) : undefined;
	switch (condition.operator) {
		case '~=':
			return text.toLowerCase().includes(expected.toLowerCase());
		case '=':
			if (typeof value === 'boolean') return expected === text || expectedNumber === number;
			if (typeof value === 'number') return expectedNumber === value;
			return text === expected;
		case '>':
		case '<': {
			const difference =
				number !== undefined && expectedNumber !== undefined
					? number - expectedNumber
					: codePointOrder(text, expected);
			return condition.operator === '>' ? difference > 0 : difference < 0;
		}
	}
}

// ---- the search and order grammars ----

/**
 * Reads `field<op>'value'` conditions joined by ` AND `. Errors name the wrong part and its character,
 * counted from 1: `search: expected an operator after "email" at character 6`.
 */
export function parseSearch(
	expression: string,
	fields: ReadonlySet<string>,
	nested: ReadonlySet<string>,
): SearchCondition[] {
	const conditions: SearchCondition[] = [];
	const refuse = (why: string) => new ApiFailure(400, `search: ${why}`);
	let at = 0;
	const skipSpaces = () => {
		while (at < expression.length && /\s/.test(expression[at])) at++;
	};
	const where = () => `at character ${at + 1}`;
	skipSpaces();
	if (at === expression.length) return conditions;
	for (;;) {
		const field = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(at))?.[0];
		if (!field) throw refuse(`expected a field name ${where()}`);
		if (nested.has(field)) throw refuse(`field "${field}" holds an object and cannot be searched`);
		if (!fields.has(field)) throw refuse(`unknown field "${field}"`);
		at += field.length;
		skipSpaces();
		const operator = (['~=', '=', '>', '<'] as const).find((candidate) =>
			expression.startsWith(candidate, at),
		);
		if (!operator) throw refuse(`expected an operator after "${field}" ${where()}`);
		at += operator.length;
		skipSpaces();
		if (expression[at] !== "'")
			throw refuse(`expected a quoted value after "${field}${operator}" ${where()}`);
		const opening = at;
		let value = '';
		at++;
		for (;;) {
			if (at >= expression.length) {
				at = opening;
				throw refuse(`unterminated quoted value ${where()}`);
			}
			if (expression[at] === "'" && expression[at + 1] === "'") {
				value += "'";
				at += 2;
			} else if (expression[at] === "'") {
				at++;
				break;
			} else {
				value += expression[at++];
			}
		}
		conditions.push({ field: field, operator: operator, value });
		const beforeSpaces = at;
		skipSpaces();
		if (at === expression.length) return conditions;
		const joined =
			at > beforeSpaces &&
			expression.slice(at, at + 3).toUpperCase() === 'AND' &&
			/\s/.test(expression[at + 3] ?? '');
		if (!joined) throw refuse(`expected AND between conditions ${where()}`);
		at += 3;
		skipSpaces();
	}
}

/** Reads `field direction` parts joined by commas; the direction is asc (default) or desc, any case. */
export function parseOrder(
	expression: string,
	fields: ReadonlySet<string>,
	nested: ReadonlySet<string>,
): SortKey[] {
	if (expression.trim() === '') return [];
	return expression.split(',').map((part) => {
		const words = part.trim().split(/\s+/);
		const [field, direction = 'asc'] = words;
		if (!field) throw new ApiFailure(400, `order: empty part in "${expression}"`);
		if (words.length > 2)
			throw new ApiFailure(
				400,
				`order: expected "field asc" or "field desc", got "${part.trim()}"`,
			);
		if (nested.has(field))
			throw new ApiFailure(400, `order: field "${field}" holds an object and cannot be sorted`);
		if (!fields.has(field)) throw new ApiFailure(400, `order: unknown field "${field}"`);
		const lower = direction.toLowerCase();
		if (lower !== 'asc' && lower !== 'desc')
			throw new ApiFailure(
				400,
				`order: unknown direction "${direction}" after "${field}" (asc or desc)`,
			);
		return { field, descending: lower === 'desc' };
	});
}
