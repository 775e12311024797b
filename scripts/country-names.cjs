// Writes nodes/shared/contact/country-names.ts: the names of every officially assigned ISO 3166-1 alpha-2
// code in the languages the contact mapping reads, as this Node's Intl data gives them, merged with
// the names already in the file. Run it on Node 20 and Node 24 and review the diff: the product reads
// the written table, never Intl, because Intl's names differ between Node versions.
//
//   node scripts/country-names.cjs        (then: <node 24> scripts/country-names.cjs)
'use strict';
const fs = require('fs');
const path = require('path');

const FILE = path.join(__dirname, '..', 'nodes', 'shared', 'contact', 'country-names.ts');
const LOCALES = ['en', 'fr', 'it', 'es', 'de', 'pt', 'nl'];
// ISO 3166-1 alpha-2, officially assigned (249 codes).
const CODES =
	`AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID
IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ
OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO
SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN
VU WF WS YE YT ZA ZM ZW`.split(/\s+/);

require('./ts-register.cjs');
// The product's own key, so the table and the lookups agree.
const { countryKey } = require('../nodes/shared/contact/country');

const names = new Map(CODES.map((code) => [code, new Set()]));
if (fs.existsSync(FILE)) {
	const line = /^\t([A-Z]{2}): \[(.*)\],$/;
	for (const text of fs.readFileSync(FILE, 'utf8').split('\n')) {
		const match = line.exec(text);
		if (match)
			for (const name of JSON.parse(`[${match[2].replace(/'/g, '"')}]`))
				names.get(match[1]).add(name);
	}
}
for (const locale of LOCALES) {
	const namer = new Intl.DisplayNames([locale], { type: 'region' });
	for (const code of CODES) {
		const name = namer.of(code);
		if (name && name !== code) names.get(code).add(countryKey(name));
	}
}

// A name two codes share names neither: it is left out and listed.
const owners = new Map();
for (const [code, set] of names)
	for (const name of set) owners.set(name, [...(owners.get(name) ?? []), code]);
const shared = [...owners].filter(([, codes]) => codes.length > 1);
for (const [name, codes] of shared) for (const code of codes) names.get(code).delete(name);

const body = CODES.map((code) => {
	const list = [...names.get(code)]
		.sort()
		.map((name) => `'${name}'`)
		.join(', ');
	return `\t${code}: [${list}],`;
}).join('\n');
const left = shared.length
	? shared.map(([name, codes]) => `${name} (${codes.join(', ')})`).join('; ')
	: 'none';
fs.writeFileSync(
	FILE,
	`/**
 * Country names to ISO 3166-1 alpha-2 codes: every officially assigned code (249) with its names in
 * English, French, Italian, Spanish, German, Portuguese and Dutch, normalised by \`countryKey\`.
 * Written by scripts/country-names.cjs from Node 20's and Node 24's Intl data and fixed here: the
 * product never reads Intl, whose names and codes change between Node versions (Node 24 names FX
 * "France" too). Names two codes share are left out: ${left}.
 */
export const COUNTRY_NAMES: Readonly<Record<string, readonly string[]>> = {
${body}
};
`,
);
console.log(
	`${CODES.length} codes, ${owners.size - shared.length} names, ${shared.length} shared and left out`,
);
