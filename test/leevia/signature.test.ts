import { leeviaSignature } from '../../nodes/Leevia/transport';

describe('Leevia sign-in signature', () => {
	test('matches the test vector of the Leevia document', () => {
		expect(leeviaSignature('my_app_key', 'my_super_secret_key', 1234)).toBe(
			'90f5df1c0df13ba3701bc21566e4a529720939b7f12b9a60be1d611727a09d0c',
		);
	});

	test('depends on the timestamp and the secret', () => {
		const base = leeviaSignature('my_app_key', 'my_super_secret_key', 1234);
		expect(leeviaSignature('my_app_key', 'my_super_secret_key', 1235)).not.toBe(base);
		expect(leeviaSignature('my_app_key', 'another_secret', 1234)).not.toBe(base);
	});
});
