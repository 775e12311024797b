/**
 * Countries as a CRM must get them: only officially assigned ISO 3166-1 alpha-2 codes, the same on
 * every Node version. This file runs in jest (Node 20) and again on Node 24 in the e2e run on n8n 2.x
 * (test/e2e/run.ts), because Node 24's Intl data names withdrawn codes like current ones (FX "France").
 * Expected codes are written out here, never derived from the code under test or from Intl.
 */
import { COUNTRY_NAMES } from '../../nodes/shared/contact/country-names';
import { CODES_REPLACED, country, countryKey } from '../../nodes/shared/contact/country';

/** ISO 3166-1 alpha-2, officially assigned: 249 codes. */
const OFFICIAL =
	`AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID
IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ
OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO
SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN
VU WF WS YE YT ZA ZM ZW`.split(/\s+/);

/** Names as people and platforms write them, in the seven languages read, with their codes. */
const NAMES: Array<[string, string]> = [
	['France', 'FR'],
	['france', 'FR'],
	['FRANCE', 'FR'],
	['Frankreich', 'FR'],
	['Francia', 'FR'],
	['França', 'FR'],
	['Frankrijk', 'FR'],
	['United Kingdom', 'GB'],
	['Royaume-Uni', 'GB'],
	['Royaume Uni', 'GB'],
	['Regno Unito', 'GB'],
	['Reino Unido', 'GB'],
	['Vereinigtes Königreich', 'GB'],
	['Verenigd Koninkrijk', 'GB'],
	['Great Britain', 'GB'],
	['England', 'GB'],
	['Russia', 'RU'],
	['Russie', 'RU'],
	['Russland', 'RU'],
	['Serbia', 'RS'],
	['Serbie', 'RS'],
	['Burkina Faso', 'BF'],
	['Benin', 'BJ'],
	['Bénin', 'BJ'],
	['Congo - Kinshasa', 'CD'],
	['République démocratique du Congo', 'CD'],
	['Congo-Brazzaville', 'CG'],
	['Timor-Leste', 'TL'],
	['Timor oriental', 'TL'],
	['Belgique', 'BE'],
	['België', 'BE'],
	['Suisse', 'CH'],
	['Schweiz', 'CH'],
	['Svizzera', 'CH'],
	['Luxembourg', 'LU'],
	['Allemagne', 'DE'],
	['Deutschland', 'DE'],
	['Espagne', 'ES'],
	['España', 'ES'],
	['Italie', 'IT'],
	['Italia', 'IT'],
	['Pays-Bas', 'NL'],
	['The Netherlands', 'NL'],
	['Nederland', 'NL'],
	['Portugal', 'PT'],
	['États-Unis', 'US'],
	['Etats Unis', 'US'],
	['United States', 'US'],
	['USA', 'US'],
	['Stati Uniti', 'US'],
	['Estados Unidos', 'US'],
	["Côte d'Ivoire", 'CI'],
	['Côte d’Ivoire', 'CI'],
	['Ivory Coast', 'CI'],
	['St. Kitts & Nevis', 'KN'],
	['Saint Kitts and Nevis', 'KN'],
	['Trinidad & Tobago', 'TT'],
	['Türkiye', 'TR'],
	['Turkey', 'TR'],
	['Turquie', 'TR'],
	['Czechia', 'CZ'],
	['Czech Republic', 'CZ'],
	['Tchéquie', 'CZ'],
	['Martinique', 'MQ'],
	['Guadeloupe', 'GP'],
	['La Réunion', 'RE'],
	['Nouvelle-Calédonie', 'NC'],
	['Polynésie française', 'PF'],
	['Maroc', 'MA'],
	['Algérie', 'DZ'],
	['Tunisie', 'TN'],
	['Sénégal', 'SN'],
	['Canada', 'CA'],
	['Brasil', 'BR'],
	['Monaco', 'MC'],
	['Irlande', 'IE'],
	['Islande', 'IS'],
];

/** Codes that are not (or no longer) assigned: to the current code of the same place, or null. */
const NOT_ASSIGNED: Array<[string, string | null]> = [
	['UK', 'GB'],
	['uk', 'GB'],
	['FX', 'FR'],
	['EL', 'GR'],
	['HV', 'BF'],
	['DY', 'BJ'],
	['ZR', 'CD'],
	['TP', 'TL'],
	['BU', 'MM'],
	['IC', 'ES'],
	['SU', null],
	['YU', null],
	['CS', null],
	['AN', null],
	['XK', null],
	['EU', null],
	['EZ', null],
	['UN', null],
	['QO', null],
	['ZZ', null],
	['AA', null],
];

describe('country', () => {
	test('the table holds exactly the officially assigned codes', () => {
		expect(OFFICIAL).toHaveLength(249);
		expect(Object.keys(COUNTRY_NAMES).sort()).toEqual([...OFFICIAL].sort());
	});

	test('every officially assigned code, in upper or lower case, is itself', () => {
		for (const code of OFFICIAL) {
			expect(country(code)).toBe(code);
			expect(country(code.toLowerCase())).toBe(code);
		}
	});

	test('every name the table accepts, in every language, gives its own code and no other', () => {
		const seen = new Map<string, string>();
		for (const [code, names] of Object.entries(COUNTRY_NAMES)) {
			expect(names.length).toBeGreaterThan(0);
			for (const name of names) {
				expect(seen.get(name) ?? code).toBe(code);
				seen.set(name, code);
				expect(countryKey(name)).toBe(name);
				expect(country(name)).toBe(code);
			}
		}
		expect(seen.size).toBeGreaterThan(900);
	});

	test.each(NAMES)('%s → %s', (name, code) => {
		expect(country(name)).toBe(code);
	});

	test.each(NOT_ASSIGNED)('the code %s → %s', (code, expected) => {
		expect(country(code)).toBe(expected);
	});

	test('every replaced code maps to an officially assigned one', () => {
		for (const code of Object.values(CODES_REPLACED)) expect(OFFICIAL).toContain(code);
	});

	test('what this Node calls a region that is not assigned never passes through, by code or name', () => {
		const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
		const namers = ['en', 'fr', 'it', 'es', 'de', 'pt', 'nl'].map(
			(locale) => new Intl.DisplayNames([locale], { type: 'region' }),
		);
		let checked = 0;
		for (const first of letters) {
			for (const second of letters) {
				const code = first + second;
				if (OFFICIAL.includes(code)) continue;
				expect(country(code)).not.toBe(code);
				for (const namer of namers) {
					const name = namer.of(code);
					if (!name || name === code) continue;
					checked++;
					const found = country(name);
					if (found !== null) expect(OFFICIAL).toContain(found);
				}
			}
		}
		expect(checked).toBeGreaterThan(0);
	});

	test('no country, a name no country has, or a name two countries share: null', () => {
		for (const value of [
			null,
			undefined,
			'',
			'  ',
			42,
			'Kosovo',
			'Europe',
			'Soviet Union',
			'Yugoslavia',
			'Korea',
			'Atlantis',
			'F',
			'FRA',
		])
			expect(country(value)).toBeNull();
	});
});
