/** The API's records, the document's cagnotte lines, and the account's wall clock. */
export const SPREAD_MAX_PAGE_SIZE = 5000;
export const SPREAD_DEFAULT_PAGE_SIZE = 100;

export interface SpreadSimulatorOptions {
	timeZone?: string;
	cagnottePostRedirect?: 301 | 302 | 307 | 308;
	createdAfterInclusive?: boolean;
	/** The document's example carries a nextPageUrl on its last page; false leaves it out there. */
	nextPageUrlOnLastPage?: boolean;
	/**
	 * How customers' `createdAt` and `updatedAt` are written, which no document gives: `wallClock`
	 * (the default, as the document writes a cagnotte line's dates), or ISO-8601 with the account's
	 * offset (`isoOffset`) or in UTC (`isoUtc`). Filters compare the instants either way.
	 */
	customerDates?: CustomerDates;
}

export type CustomerDates = 'wallClock' | 'isoOffset' | 'isoUtc';

type Str = string | null;

export interface SpreadCustomer {
	id: string;
	lastName: Str;
	firstName: Str;
	email: string;
	country: Str;
	city: Str;
	address: Str;
	zip: Str;
	phone: Str;
	mobile: Str;
	lang: Str;
	birthday: Str;
	gender: Str;
	createdAt: string;
	updatedAt: string;
	isBuyer: string;
	actionCount: string;
	cagnotteAmount: string;
	externalId: Str;
	company: Str;
	tags: string[];
	custom_fields: Record<string, string>;
	status: Str;
	isOptin: string;
}

export interface SpreadCagnotteLine {
	cagnotteId: string;
	cagnotteLineId: string;
	customerId: string;
	campaignId: Str;
	cagnotteLineDate: string;
	/** Null while the line waits for validation. */
	cagnotteLineValidationDate: Str;
	amount: string;
	code: string;
}

export interface SpreadCampaign {
	id: string;
	operationId: string;
	name: string;
	backofficeName: string;
	url: string;
	type: string;
	lang: string;
	createdAt: string;
	updatedAt: string;
	dateStart: string;
}

export interface SpreadParticipation {
	id: string;
	customerId: string;
	campaignId: string;
	createdAt: string;
	updatedAt: string;
	participationComplete: string;
	connectionBy: string;
	isWinner: string;
	becameFan: string;
}

export interface SpreadSponsorship {
	id: string;
	campaignId: string;
	godfatherId: string;
	godsonId: string;
	sponsorshipValidated: string;
	createdAt: string;
	updatedAt: string;
	validatedAt: Str;
}

export interface SpreadOrder {
	id: string;
	createdAt: string;
	updatedAt: string;
	amount: string;
	customerId: string;
	orderId: string;
	status: string;
	tags: string[];
}

export interface SpreadReceivedRequest {
	key: string;
	method: string;
	query: Record<string, string>;
	/** A JSON body, or a v1 form as its `data[...]` fields. */
	body: Record<string, unknown> | undefined;
	/** A v1 form's `request[...]` fields (UpdateAccount naming the customer), when it has any. */
	request?: Record<string, string>;
	contentType: string;
}

export interface SpreadSandbox {
	publicKey: string;
	privateKey: string;
	customers: SpreadCustomer[];
	campaigns: SpreadCampaign[];
}

/** The document's three example lines, verbatim. */
export const DOCUMENT_LINES: SpreadCagnotteLine[] = [
	{
		cagnotteId: '118196',
		cagnotteLineId: '535756',
		customerId: '15130125',
		campaignId: '46354',
		cagnotteLineDate: '2019-07-10 08:30:04',
		cagnotteLineValidationDate: '2019-07-10 08:30:04',
		amount: '20',
		code: '',
	},
	{
		cagnotteId: '118196',
		cagnotteLineId: '535759',
		customerId: '15130125',
		campaignId: null,
		cagnotteLineDate: '2019-07-10 15:00:23',
		cagnotteLineValidationDate: '2019-07-10 15:00:23',
		amount: '-20',
		code: 'kodeKDO_1',
	},
	{
		cagnotteId: '118196',
		cagnotteLineId: '535760',
		customerId: '15130125',
		campaignId: null,
		cagnotteLineDate: '2019-07-10 15:00:35',
		cagnotteLineValidationDate: '2019-07-10 15:00:35',
		amount: '-1',
		code: 'http://google.com',
	},
];

export const DAY_MS = 86_400_000;

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD HH:MM:SS` of an instant in a zone (the simulator's own, apart from the node's). */
export function wallClockString(epochMs: number, timeZone: string): string {
	// One format per zone: building one takes far longer than using it, and a test seeds 10,000 lines.
	let format = wallClockFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		wallClockFormats.set(timeZone, format);
	}
	const parts = format.formatToParts(new Date(epochMs));
	const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '00';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** `YYYY-MM-DD HH:MM:SS` of a zone as the instant it names (the first, in the hour repeated in autumn). */
export function wallClockEpochMs(wallClock: string, timeZone: string): number {
	const asUtc = Date.parse(`${wallClock.replace(' ', 'T')}Z`);
	const offsetAt = (epochMs: number) =>
		Date.parse(`${wallClockString(epochMs, timeZone).replace(' ', 'T')}Z`) - epochMs;
	// The offset an hour either side of the change can differ: try the earlier instant first.
	for (const offset of [offsetAt(asUtc - DAY_MS / 2), offsetAt(asUtc + DAY_MS / 2)].sort(
		(a, b) => b - a,
	)) {
		if (offsetAt(asUtc - offset) === offset) return asUtc - offset;
	}
	return asUtc - offsetAt(asUtc);
}

/** A stored wall-clock date written as `format` says (customers' dates, see SpreadSimulatorOptions). */
export function writtenDate(wallClock: string, timeZone: string, format: CustomerDates): string {
	if (format === 'wallClock') return wallClock;
	const epochMs = wallClockEpochMs(wallClock, timeZone);
	if (format === 'isoUtc') return new Date(epochMs).toISOString().replace('.000Z', 'Z');
	const minutes = Math.round((Date.parse(`${wallClock.replace(' ', 'T')}Z`) - epochMs) / 60_000);
	const sign = minutes < 0 ? '-' : '+';
	const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
	return `${wallClock.replace(' ', 'T')}${sign}${hours}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
}
