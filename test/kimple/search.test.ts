/** The search and order expressions, as the node builds and checks them before sending. */
import {
	buildCondition,
	buildOrder,
	fieldProblem,
	joinSearch,
	quoteValue,
	searchProblem,
} from '../../nodes/Kimple/helpers/search';

describe('Kimple search expressions', () => {
	test("the document's example, built from a row", () => {
		expect(buildCondition({ field: 'email', operator: 'contains', value: 'cassiop.com' })).toBe(
			"email~='cassiop.com'",
		);
		// The document's URL form is this expression URL-encoded once.
		expect(encodeURIComponent("email~='cassiop.com'")).toBe("email~%3D'cassiop.com'");
	});

	test('a quote inside a value is doubled', () => {
		expect(quoteValue("O'Neil")).toBe("'O''Neil'");
		expect(buildCondition({ field: 'lastname', operator: 'equals', value: "d'Artagnan" })).toBe(
			"lastname='d''Artagnan'",
		);
	});

	test('every operator', () => {
		expect(buildCondition({ field: 'score', operator: 'greaterThan', value: '10' })).toBe(
			"score>'10'",
		);
		expect(
			buildCondition({ field: 'created_at', operator: 'lessThan', value: '2024-01-01 00:00:00' }),
		).toBe("created_at<'2024-01-01 00:00:00'");
	});

	test('conditions and the raw expression are ANDed; empty parts are left out', () => {
		expect(joinSearch(["contest_hash_id='YP67sgn'", undefined, ' ', "city~='Lyon'"])).toBe(
			"contest_hash_id='YP67sgn' AND city~='Lyon'",
		);
		expect(joinSearch([undefined, ''])).toBeUndefined();
	});

	test('several sort fields are joined by a comma', () => {
		expect(
			buildOrder([
				{ field: 'lastname', direction: 'desc' },
				{ field: 'firstname', direction: 'asc' },
			]),
		).toBe('lastname desc,firstname asc');
		expect(buildOrder([])).toBeUndefined();
	});

	test('field names are checked', () => {
		expect(fieldProblem('created_at')).toBeUndefined();
		expect(fieldProblem('')).toBe('the field is empty');
		expect(fieldProblem('first name')).toMatch(/"first name" is not a field name/);
	});

	test('a hand-written expression that reads well passes', () => {
		expect(searchProblem("email~='cassiop.com'")).toBeUndefined();
		expect(searchProblem("lastname='O''Neil' and city~='Lyon'  AND  score > '3'")).toBeUndefined();
	});

	test.each([
		["email~'x'", /expected an operator .* after "email" at character 6/],
		["email~='x", /quoted value that starts at character 8 is not closed/],
		['email=x', /value after "email=" must be in single quotes at character 7/],
		[
			"email='x' OR city='y'",
			/expected AND between conditions at character 11, found "OR city='y"/,
		],
		["='x'", /expected a field name at character 1/],
		["email='x' AND ", /expected a field name at character 15/],
	])('a broken expression names its part: %s', (expression, problem) => {
		expect(searchProblem(expression)).toMatch(problem);
	});
});
