/** Simplify on participations: the game's data as named fields under `game`, Kimple's names kept. */
import { simplifyParticipation } from '../../nodes/Kimple/helpers/participation';

const base = {
	id: 0,
	contest_participation_hash_id: 'pA1b2C3d',
	contest_hash_id: 'YP67sgn',
	contest_entry_hash_id: 'QKr1mkPcJb',
	form: {
		firstname: 'Léa',
		lastname: 'Martin',
		email: 'lea@example.fr',
		zipcode: '69001',
		optin: 1,
	},
	ip: '90.120.30.193',
	device: 'mobile',
	browser: 'Safari',
	gift: { title: 'Bon 10 €', description: 'Un bon', unique_code: 'KIM-42' },
	created_at: '2019-07-16 16:56:08',
};

describe('simplifyParticipation', () => {
	test('a quiz: answers with is_good as booleans, score and time_spend as numbers', () => {
		const simplified = simplifyParticipation({
			...base,
			game_type: 'quiz',
			game_data: {
				quiz: {
					answers: [
						{ question: 'Capital?', answer: 'Paris', is_good: 1 },
						{ question: 'Colour?', answer: 'Blue', is_good: 0 },
					],
					score: '7',
					time_spend: '42',
				},
			},
		});
		expect(simplified).toEqual({
			id: 0,
			contest_participation_hash_id: 'pA1b2C3d',
			contest_hash_id: 'YP67sgn',
			contest_entry_hash_id: 'QKr1mkPcJb',
			ip: '90.120.30.193',
			device: 'mobile',
			browser: 'Safari',
			gift: base.gift,
			created_at: '2019-07-16 16:56:08',
			firstname: 'Léa',
			lastname: 'Martin',
			email: 'lea@example.fr',
			zipcode: '69001',
			optin: 1,
			game: {
				type: 'quiz',
				answers: [
					{ question: 'Capital?', answer: 'Paris', is_good: true },
					{ question: 'Colour?', answer: 'Blue', is_good: false },
				],
				score: 7,
				time_spend: 42,
			},
		});
	});

	test('a photo: link, title, description and a null vote', () => {
		const { game } = simplifyParticipation({
			...base,
			game_type: 'photo',
			game_data: {
				photo: { link: 'https://x/p.jpg', title: 'Sun', description: 'Beach', vote: null },
			},
		});
		expect(game).toEqual({
			type: 'photo',
			photo_link: 'https://x/p.jpg',
			photo_title: 'Sun',
			photo_description: 'Beach',
			vote: null,
		});
	});

	test('a purchase game: access codes, proofs and the Sogec status, comment and date', () => {
		const { game } = simplifyParticipation({
			...base,
			game_type: 'purchase',
			game_data: {
				access_codes: ['AB12CD'],
				purchase_proofs: ['https://x/proof.jpg'],
				sogec: {
					participation_id: 'SG-1',
					validation_status: 'refused',
					comment: 'Receipt unreadable',
					returned_at: '2019-07-20 10:00:00',
				},
			},
		});
		expect(game).toEqual({
			type: 'purchase',
			access_codes: ['AB12CD'],
			purchase_proofs: ['https://x/proof.jpg'],
			sogec_participation_id: 'SG-1',
			sogec_validation_status: 'refused',
			sogec_comment: 'Receipt unreadable',
			sogec_returned_at: '2019-07-20 10:00:00',
		});
	});

	test('a form field never hides a field of the participation itself', () => {
		const simplified = simplifyParticipation({ ...base, form: { ...base.form, ip: 'spoofed' } });
		expect(simplified.ip).toBe('90.120.30.193');
		expect(simplified.game).toEqual({});
	});
});
