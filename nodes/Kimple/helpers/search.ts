/**
 * The `search` and `order` expressions of Kimple's lists, built from the editor's rows and checked
 * before they are sent, so that a mistake is named by its part instead of coming back as a bare 400.
 * The grammar's vendor facts (operators, quoting, joins) are in transport/index.ts.
 */
import { ORDER_SEPARATOR, SEARCH_JOIN, SEARCH_OPERATORS, type SearchOperator } from '../transport';

export interface SearchCondition {
	field: string;
	operator: SearchOperator;
	value: string;
}

export interface SortField {
	field: string;
	direction: 'asc' | 'desc';
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why a field name cannot be sent, or undefined when it can. */
export function fieldProblem(field: string): string | undefined {
	if (!field) return 'the field is empty';
	return FIELD.test(field)
		? undefined
		: `"${field}" is not a field name: use Kimple's names, letters, digits and _ (e.g. lastname, created_at)`;
}

/** A value in quotes, a quote inside it doubled: `O'Neil` → `'O''Neil'`. */
export function quoteValue(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

export function buildCondition(condition: SearchCondition): string {
	return `${condition.field}${SEARCH_OPERATORS[condition.operator]}${quoteValue(condition.value)}`;
}

/** The conditions ANDed into one expression, or undefined when there are none. */
export function joinSearch(parts: Array<string | undefined>): string | undefined {
	const present = parts.map((part) => part?.trim()).filter((part): part is string => !!part);
	return present.length ? present.join(SEARCH_JOIN) : undefined;
}

export function buildOrder(fields: SortField[]): string | undefined {
	if (!fields.length) return undefined;
	return fields.map(({ field, direction }) => `${field} ${direction}`).join(ORDER_SEPARATOR);
}

// Longest first, so `~=` is not read as `~` then `=`.
const OPERATORS = Object.values(SEARCH_OPERATORS).sort((a, b) => b.length - a.length);
const JOIN_WORD = SEARCH_JOIN.trim();

/**
 * Why a hand-written search expression cannot be sent (naming the part and its character, counted
 * from 1), or undefined when it reads as conditions `field`, operator, quoted value, joined by AND.
 */
export function searchProblem(expression: string): string | undefined {
	let at = 0;
	const skipSpaces = () => {
		while (at < expression.length && expression[at] === ' ') at++;
	};
	const where = () => `at character ${at + 1}`;
	for (;;) {
		skipSpaces();
		const field = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(at))?.[0];
		if (!field) return `expected a field name ${where()}, found "${expression.slice(at, at + 10)}"`;
		at += field.length;
		skipSpaces();
		const operator = OPERATORS.find((candidate) => expression.startsWith(candidate, at));
		if (!operator) {
			return `expected an operator (${OPERATORS.join(' ')}) after "${field}" ${where()}`;
		}
		at += operator.length;
		skipSpaces();
		if (expression[at] !== "'") {
			return `the value after "${field}${operator}" must be in single quotes ${where()}`;
		}
		const start = at;
		at++;
		for (;;) {
			if (at >= expression.length) {
				return `the quoted value that starts at character ${start + 1} is not closed (a quote inside a value is written twice: '')`;
			}
			if (expression[at] === "'" && expression[at + 1] === "'") at += 2;
			else if (expression[at] === "'") break;
			else at++;
		}
		at++;
		skipSpaces();
		if (at >= expression.length) return undefined;
		const word = expression.slice(at, at + JOIN_WORD.length);
		if (word.toUpperCase() !== JOIN_WORD || expression[at + JOIN_WORD.length] !== ' ') {
			return `expected ${JOIN_WORD} between conditions ${where()}, found "${expression.slice(at, at + 10)}"`;
		}
		at += JOIN_WORD.length;
	}
}
