/**
 * A contest participation as Kimple sends it, and its simplified form. [doc] The per-game data:
 * photo contests (photo link, title, description, vote 1 or null), purchase games (`access_codes`,
 * `purchase_proofs`, the Sogec validation status, comment and date), quizzes (answers with
 * `is_good` = 1, the score, `time_spend`). ASSUMED, not published: the record's shape, which the names
 * below read:
 *   { …, game_type, form: {firstname, lastname, email, …, optin}, ip, device, browser,
 *     gift: {title, description, unique_code} | null,
 *     game_data: { photo: {link, title, description, vote},
 *                  access_codes: [], purchase_proofs: [],
 *                  sogec: {participation_id, validation_status, comment, returned_at},
 *                  quiz: {answers: [{question, answer, is_good}], score, time_spend} } }
 */
import type { IDataObject } from 'n8n-workflow';

const object = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

/** "12" → 12; anything that is not a number stays as it was. */
function numeric(value: IDataObject[string]): IDataObject[string] {
	if (typeof value !== 'string' || value.trim() === '') return value;
	const number = Number(value);
	return Number.isFinite(number) ? number : value;
}

/** Only the keys that have a value, so a quiz's `game` has no photo fields. */
function present(fields: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => value !== undefined),
	) as IDataObject;
}

/**
 * The game's data as named fields under `game`, in Kimple's own names (`score`, `is_good`,
 * `time_spend`, …), the score and times as numbers and `is_good` as a boolean; the form's fields at
 * the top level beside the participation's own.
 */
export function simplifyParticipation(participation: IDataObject): IDataObject {
	const { form, game_data: gameData, game_type: gameType, ...rest } = participation;
	const data = object(gameData) ?? {};
	const photo = object(data.photo);
	const sogec = object(data.sogec);
	const quiz = object(data.quiz);
	const answers = Array.isArray(quiz?.answers)
		? (quiz.answers as unknown[]).map((answer) => {
				const fields = object(answer);
				if (!fields) return answer;
				return fields.is_good === undefined
					? fields
					: { ...fields, is_good: Number(fields.is_good) === 1 || fields.is_good === true };
			})
		: undefined;
	const game = present({
		type: gameType,
		photo_link: photo?.link,
		photo_title: photo?.title,
		photo_description: photo?.description,
		vote: photo ? (photo.vote ?? null) : undefined,
		access_codes: data.access_codes,
		purchase_proofs: data.purchase_proofs,
		sogec_participation_id: sogec?.participation_id,
		sogec_validation_status: sogec?.validation_status,
		sogec_comment: sogec?.comment,
		sogec_returned_at: sogec?.returned_at,
		answers,
		score: quiz ? numeric(quiz.score) : undefined,
		time_spend: quiz ? numeric(quiz.time_spend) : undefined,
	});
	// The participation's own fields win over a form field of the same name.
	return { ...rest, ...(object(form) ?? {}), ...rest, game };
}
