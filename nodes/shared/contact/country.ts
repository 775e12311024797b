/**
 * ISO 3166-1 alpha-2 codes from what platforms store as a country: a code ("fr", "FR"), a retired or
 * reserved code that stands for a current one ("UK", "FX"), or a name in one of the languages of the
 * platforms' markets ("France", "Royaume-Uni", "España"). Only officially assigned codes come out;
 * anything else is null, never a guess. The names are a fixed table (country-names.ts), not Node's
 * Intl data, so every Node version gives the same answer.
 */
import { COUNTRY_NAMES } from './country-names';

/**
 * Codes that are not (or no longer) assigned but that platforms and CRMs still send, to the code now
 * assigned to the same place. A code whose place is now several countries (SU, YU, CS, AN, …) is not
 * here: it gives null.
 */
export const CODES_REPLACED: Readonly<Record<string, string>> = {
	UK: 'GB', // exceptionally reserved: the United Kingdom
	EL: 'GR', // the EU's code for Greece
	FX: 'FR', // Metropolitan France
	AC: 'SH', // Ascension Island
	TA: 'SH', // Tristan da Cunha
	DG: 'IO', // Diego Garcia
	EA: 'ES', // Ceuta and Melilla
	IC: 'ES', // the Canary Islands
	BU: 'MM', // Burma
	DY: 'BJ', // Dahomey
	HV: 'BF', // Upper Volta
	NH: 'VU', // New Hebrides
	RH: 'ZW', // Southern Rhodesia
	TP: 'TL', // East Timor
	ZR: 'CD', // Zaire
	DD: 'DE', // the German Democratic Republic
	VD: 'VN', // North Vietnam
	YD: 'YE', // South Yemen
};

/** Names people and forms use that Intl's table does not hold, to their code. */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
	'great britain': 'GB',
	britain: 'GB',
	england: 'GB',
	scotland: 'GB',
	wales: 'GB',
	'northern ireland': 'GB',
	'grande bretagne': 'GB',
	angleterre: 'GB',
	ecosse: 'GB',
	'pays de galles': 'GB',
	'irlande du nord': 'GB',
	'gran bretagna': 'GB',
	inghilterra: 'GB',
	'gran bretana': 'GB',
	inglaterra: 'GB',
	usa: 'US',
	'united states of america': 'US',
	'etats unis damerique': 'US',
	'stati uniti damerica': 'US',
	'estados unidos de america': 'US',
	holland: 'NL',
	hollande: 'NL',
	olanda: 'NL',
	holanda: 'NL',
	turkey: 'TR',
	'czech republic': 'CZ',
	'republique tcheque': 'CZ',
	'repubblica ceca': 'CZ',
	'republica checa': 'CZ',
	'ivory coast': 'CI',
	'hong kong': 'HK',
	hongkong: 'HK',
	macao: 'MO',
	macau: 'MO',
	palestine: 'PS',
	swaziland: 'SZ',
	burma: 'MM',
	birmanie: 'MM',
	vatican: 'VA',
	'holy see': 'VA',
	'saint siege': 'VA',
	macedonia: 'MK',
	macedoine: 'MK',
	'russian federation': 'RU',
	'republic of korea': 'KR',
	'democratic republic of the congo': 'CD',
	'dr congo': 'CD',
	'republique democratique du congo': 'CD',
	rdc: 'CD',
	'republic of the congo': 'CG',
	'republique du congo': 'CG',
};

let codesByName: Map<string, string> | undefined;

/** Every name (table and aliases), by its key, to its code; built once. */
function codeByName(): Map<string, string> {
	if (codesByName) return codesByName;
	codesByName = new Map();
	for (const [code, names] of Object.entries(COUNTRY_NAMES))
		for (const name of names) codesByName.set(name, code);
	for (const [name, code] of Object.entries(COUNTRY_ALIASES))
		codesByName.set(countryKey(name), code);
	return codesByName;
}

/**
 * A name as the table keys it: no accents, lower case, no dots or apostrophes, `&` as "and", "St" as
 * "Saint", any other punctuation as one space, no leading "the" ("St. Kitts & Nevis" → "saint kitts
 * and nevis", "Côte d’Ivoire" → "cote divoire").
 */
export function countryKey(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[.'’‘`]/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()
		.replace(/^the /, '')
		.replace(/\bst\b/g, 'saint')
		.replace(/\bste\b/g, 'sainte');
}

/** ISO 3166-1 alpha-2 from a code ("fr", "FR", "UK") or a country's name ("France", "España"); else null. */
export function country(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const raw = value.trim();
	if (raw === '') return null;
	if (/^[A-Za-z]{2}$/.test(raw)) {
		const code = raw.toUpperCase();
		return code in COUNTRY_NAMES ? code : (CODES_REPLACED[code] ?? null);
	}
	return codeByName().get(countryKey(raw)) ?? null;
}
