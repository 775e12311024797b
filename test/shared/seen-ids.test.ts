import {
	EMPTY_SEEN_IDS,
	addSeenIds,
	canonicalId,
	countSeenIds,
	decodeSeenIds,
	encodeSeenIds,
	hasSeenId,
	mergeSeenIds,
	seenIdsOf,
	type ItemId,
} from '../../nodes/shared/trigger/seen-ids';

const range = (first: number, count: number) =>
	Array.from({ length: count }, (_, index) => first + index);

describe('seen ids', () => {
	test('sequential ids collapse to one range; a lone id is stored as the bare number', () => {
		const seen = seenIdsOf(range(1, 50_000));
		expect(seen.ranges).toEqual([[1, 50_000]]);
		expect(encodeSeenIds(seen)).toEqual({ ranges: [[1, 50_000]] });
		expect(encodeSeenIds(seenIdsOf([3, 1, 2, 9, 7]))).toEqual({ ranges: [[1, 3], 7, 9] });
		expect(encodeSeenIds(EMPTY_SEEN_IDS)).toEqual({});
		expect(JSON.stringify(encodeSeenIds(seen))).toBe('{"ranges":[[1,50000]]}');
	});

	test('membership at the ends of ranges, in gaps, and for strings', () => {
		const seen = seenIdsOf([...range(10, 5), ...range(20, 5), 'abc', 'B-2']);
		for (const id of [10, 14, 20, 24, '12', 'abc', 'B-2']) expect(hasSeenId(seen, id)).toBe(true);
		for (const id of [9, 15, 19, 25, 0, -1, 'ab', 'b-2', '012', 12.5])
			expect(hasSeenId(seen, id)).toBe(false);
	});

	test('integers given as strings are integers; other strings and non-integer numbers are kept apart', () => {
		expect(canonicalId('1001')).toBe(1001);
		expect(canonicalId('-3')).toBe(-3);
		expect(canonicalId('007')).toBe('007');
		expect(canonicalId('1e3')).toBe('1e3');
		expect(canonicalId(1.5)).toBe('1.5');
		expect(canonicalId('9007199254740993')).toBe('9007199254740993');
		expect(seenIdsOf(['1', 2, '3', 'x', 'x', 2.5])).toEqual({
			ranges: [[1, 3]],
			others: ['2.5', 'x'],
		});
	});

	test('adding merges touching and overlapping ranges and never changes its inputs', () => {
		const before = seenIdsOf([1, 2, 3, 10, 11]);
		const frozen = JSON.stringify(before);
		const after = addSeenIds(before, [4, 5, 9, 'z']);
		expect(after).toEqual({
			ranges: [
				[1, 5],
				[9, 11],
			],
			others: ['z'],
		});
		expect(JSON.stringify(before)).toBe(frozen);
		expect(addSeenIds(after, [6, 7, 8]).ranges).toEqual([[1, 11]]);
	});

	test('merge is the union, in either order', () => {
		const a = seenIdsOf([...range(1, 10), 'a', 40]);
		const b = seenIdsOf([...range(5, 20), 'b', 'a']);
		expect(mergeSeenIds(a, b)).toEqual({
			ranges: [
				[1, 24],
				[40, 40],
			],
			others: ['a', 'b'],
		});
		expect(mergeSeenIds(b, a)).toEqual(mergeSeenIds(a, b));
		expect(countSeenIds(mergeSeenIds(a, b))).toBe(24 + 1 + 2);
	});

	test('encode and decode round-trip through JSON', () => {
		const seen = seenIdsOf([...range(1, 100), 150, 152, ...range(200, 3), 'q', 'p']);
		const stored = JSON.parse(JSON.stringify(encodeSeenIds(seen)));
		expect(stored).toEqual({ ranges: [[1, 100], 150, 152, [200, 202]], others: ['p', 'q'] });
		expect(decodeSeenIds(stored)).toEqual(seen);
		expect(decodeSeenIds({})).toEqual(EMPTY_SEEN_IDS);
	});

	test('decode normalises unsorted or overlapping ranges and refuses what it cannot read', () => {
		expect(decodeSeenIds({ ranges: [[8, 9], 3, [1, 4], 5], others: ['b', 'a', 'b'] })).toEqual({
			ranges: [
				[1, 5],
				[8, 9],
			],
			others: ['a', 'b'],
		});
		for (const broken of [
			null,
			'x',
			[],
			{ ranges: 'x' },
			{ ranges: [[2, 1]] },
			{ ranges: [[1, 2, 3]] },
			{ ranges: [1.5] },
			{ ranges: [['1', 2]] },
			{ others: [1] },
		]) {
			expect(decodeSeenIds(broken)).toBeUndefined();
		}
	});

	test('agrees with a plain Set over random ids', () => {
		let state = 42;
		const random = (limit: number) => (state = (state * 1103515245 + 12345) % 2 ** 31) % limit;
		const reference = new Set<ItemId>();
		let seen = EMPTY_SEEN_IDS;
		for (let round = 0; round < 50; round++) {
			const batch = Array.from({ length: random(40) }, () =>
				random(10) === 0 ? `s${random(30)}` : random(500),
			);
			batch.forEach((id) => reference.add(id));
			seen = decodeSeenIds(JSON.parse(JSON.stringify(encodeSeenIds(addSeenIds(seen, batch)))))!;
		}
		for (let id = -5; id < 510; id++) expect(hasSeenId(seen, id)).toBe(reference.has(id));
		for (let id = 0; id < 30; id++) expect(hasSeenId(seen, `s${id}`)).toBe(reference.has(`s${id}`));
		expect(countSeenIds(seen)).toBe(reference.size);
	});
});
