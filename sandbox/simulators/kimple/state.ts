import { SimulatorServer, mulberry32 } from '../http-server';
import {
	KIMPLE_HASH_ID_FIELDS,
	KIMPLE_SECTIONS,
	type AppendOptions,
	type KimpleContest,
	type KimpleContestEntry,
	type KimpleGameData,
	type KimpleGameType,
	type KimpleParticipation,
	type KimpleReceivedRequest,
	type KimpleSection,
	type KimpleSimulatorOptions,
	type KimpleAuthHeaders,
	KIMPLE_DEFAULT_AUTH_HEADERS,
} from './model';
import { NUMERIC, kimpleDate, toMs, type KeyPair, type StoredRecord } from './search';

// ---- generated values ----

const HASH_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const FIRST_NAMES = [
	'Camille',
	'Léa',
	'Manon',
	'Chloé',
	'Inès',
	'Jade',
	'Louise',
	'Zoé',
	'Hélène',
	'Emma',
	'Lucas',
	'Hugo',
	'Louis',
	'Gabriel',
	'Arthur',
	'Théo',
	'Jules',
	'Mathis',
	'Nathan',
	'Raphaël',
];
const LAST_NAMES = [
	'Martin',
	'Bernard',
	'Dubois',
	'Thomas',
	'Robert',
	'Richard',
	'Petit',
	'Durand',
	'Leroy',
	'Moreau',
	'Simon',
	'Laurent',
	'Lefebvre',
	'Michel',
	'Garcia',
	'Fournier',
	"N'Diaye",
	"D'Almeida",
];
const EMAIL_DOMAINS = [
	'gmail.com',
	'orange.fr',
	'free.fr',
	'hotmail.fr',
	'laposte.net',
	'cassiop.com',
	'sfr.fr',
];
export const PLACES = [
	{ city: 'Paris', zipcode: '75011' },
	{ city: 'Lyon', zipcode: '69003' },
	{ city: 'Marseille', zipcode: '13008' },
	{ city: 'Toulouse', zipcode: '31000' },
	{ city: 'Nantes', zipcode: '44000' },
	{ city: 'Bordeaux', zipcode: '33000' },
	{ city: 'Lille', zipcode: '59000' },
	{ city: 'Rennes', zipcode: '35000' },
	{ city: 'Strasbourg', zipcode: '67000' },
	{ city: 'Nice', zipcode: '06000' },
	{ city: 'Montpellier', zipcode: '34000' },
	{ city: 'Grenoble', zipcode: '38000' },
];
const STREETS = [
	'rue de la République',
	'avenue Jean Jaurès',
	'rue Victor Hugo',
	'boulevard Voltaire',
	'place de la Gare',
	'rue Pasteur',
];
const ENTRY_COUNTRIES = ['France', 'FR', 'france', 'FRANCE'];
const BROWSERS = ['Chrome 126', 'Safari 17', 'Firefox 127', 'Edge 125', 'Samsung Internet 25'];
const QUIZ = [
	{ question: 'In which year was the brand founded?', good: '1998', bad: ['2005', '1987'] },
	{ question: 'Which city hosts our flagship store?', good: 'Lyon', bad: ['Lille', 'Nice'] },
	{ question: 'How many flavours are in the summer range?', good: '6', bad: ['4', '8'] },
	{ question: 'What is our mascot called?', good: 'Kimi', bad: ['Kiko', 'Mimi'] },
	{ question: 'Which colour is the new bottle?', good: 'Blue', bad: ['Green', 'Red'] },
];
const PHOTO_TITLES = [
	'Sunset over the bay',
	'My garden in June',
	'Morning in the Alps',
	'Old town at night',
	'The beach, again',
];
const GIFTS = [
	{
		title: '10 € voucher',
		description: 'A 10 € voucher, valid in every store until the end of the year.',
	},
	{ title: 'Tote bag', description: 'The summer tote bag, sent by post within three weeks.' },
	{ title: 'Free coffee', description: 'One free coffee in any partner café.' },
];
const SOGEC_COMMENTS: Record<'validated' | 'pending' | 'refused', string> = {
	validated: 'Proof of purchase compliant',
	pending: 'Awaiting checks',
	refused: 'Receipt unreadable',
};

const DEFAULT_SEED = 20190716;
/** Seeded times start just before the document's contest, so `created_at` grows with insertion. */
const DEFAULT_CLOCK = '2019-07-16 09:00:00';

/** What the simulator holds (key pairs, rate windows, the records of each section) and how it stores and generates records. */
export abstract class KimpleState extends SimulatorServer {
	maskIds: boolean;

	/** The headers the key and the secret must come in. */
	authHeaders: KimpleAuthHeaders;

	rateLimit?: number;

	windowMs: number;

	/** How many requests were answered 429. */
	rateLimitedCount = 0;

	/** The latest requests the handler saw (not those an injected fault answered), oldest first. */
	received: KimpleReceivedRequest[] = [];

	receivedLimit = 1000;

	protected keyPairs = new Map<string, KeyPair>();

	protected windows = new Map<string, { startedAt: number; count: number }>();

	protected store = new Map<KimpleSection, StoredRecord[]>(
		KIMPLE_SECTIONS.map((section) => [section, []]),
	);

	protected byHash = new Map<KimpleSection, Map<string, StoredRecord>>(
		KIMPLE_SECTIONS.map((section) => [section, new Map()]),
	);

	protected usedHashIds = new Set<string>();

	protected usedEmails = new Set<string>();

	protected seq = 0;

	protected nextIds: Record<KimpleSection, number> = {
		client: 1201,
		contest: 40101,
		contest_entry: 5200001,
		campaign: 7301,
		contest_participation: 9100001,
	};

	protected clockMs: number;

	protected random: () => number;

	constructor(options: KimpleSimulatorOptions = {}) {
		super();
		this.maskIds = options.maskIds ?? false;
		this.authHeaders = { ...(options.authHeaders ?? KIMPLE_DEFAULT_AUTH_HEADERS) };
		this.rateLimit = options.rateLimit;
		this.windowMs = options.windowMs ?? 60_000;
		this.random = mulberry32(options.seed ?? DEFAULT_SEED);
		this.clockMs = toMs(options.clock ?? DEFAULT_CLOCK);
	}

	/** The base URL to put in the credential. */
	get apiUrl(): string {
		return `${this.url}/api`;
	}

	/** The time the next record's `created_at` counts from. */
	get clock(): string {
		return kimpleDate(this.clockMs);
	}

	/** Moves the `created_at` clock (a Date, ms, or `YYYY-MM-DD HH:MM:SS` in UTC); it may go back. */
	setClock(at: string | Date | number): void {
		this.clockMs = toMs(at);
	}

	// ---- key pairs and rate limit ----

	/** From now on the key and the secret count only in these two headers (names are case-insensitive). */
	expectAuthHeaders(headers: KimpleAuthHeaders): void {
		this.authHeaders = { ...headers };
	}

	addKeyPair(apiKey: string, apiSecret: string, options: { revoked?: boolean } = {}): void {
		this.keyPairs.set(apiKey, { secret: apiSecret, revoked: options.revoked ?? false });
	}

	/** A revoked pair (or one whose account lost API access) gets 403. */
	setKeyPairRevoked(apiKey: string, revoked: boolean): void {
		const pair = this.keyPairs.get(apiKey);
		if (!pair) throw new Error(`Unknown API key ${apiKey}`);
		pair.revoked = revoked;
	}

	/** Forgets every key's window, as if it had passed. */
	resetRateLimit(): void {
		this.windows.clear();
	}

	override resetCounts(): void {
		super.resetCounts();
		this.rateLimitedCount = 0;
		this.received = [];
	}

	// ---- reading the state, for assertions ----

	/** Every record of a section as the API would serve it, in insertion order. */
	records<T = Record<string, unknown>>(section: KimpleSection): T[] {
		return this.store.get(section)!.map((record) => this.view(record) as T);
	}

	/** One record as the API would serve it, by hash id. */
	record<T = Record<string, unknown>>(section: KimpleSection, hashId: string): T | undefined {
		const record = this.byHash.get(section)!.get(hashId);
		return record && (this.view(record) as T);
	}

	/** A field as the client sees it: masked ids read 0. */
	protected valueOf(record: StoredRecord, field: string): unknown {
		if (this.maskIds && (field === 'id' || field === 'client_id') && field in record.data) return 0;
		return record.data[field];
	}

	protected view(record: StoredRecord): Record<string, unknown> {
		const copy = structuredClone(record.data);
		if (this.maskIds) {
			if ('id' in copy) copy.id = 0;
			if ('client_id' in copy) copy.client_id = 0;
		}
		return copy;
	}

	// ---- storing and generating ----

	/** Stores a record and returns it as the API would serve it. */
	protected insert<T extends object>(section: KimpleSection, data: T, verbatim = false): T {
		const fields = data as Record<string, unknown>;
		const hashId = fields[KIMPLE_HASH_ID_FIELDS[section]];
		if (typeof hashId !== 'string' || !hashId) throw new Error(`A ${section} needs its hash id`);
		if (this.byHash.get(section)!.has(hashId)) throw new Error(`Duplicate ${section} ${hashId}`);
		this.usedHashIds.add(hashId);
		const record: StoredRecord = { seq: this.seq++, data: fields, verbatim };
		this.store.get(section)!.push(record);
		this.byHash.get(section)!.set(hashId, record);
		return this.view(record) as unknown as T;
	}

	/** The stored record itself (real ids, even when masked), for building related records. */
	protected find<T>(section: KimpleSection, hashId: string): T | undefined {
		return this.byHash.get(section)!.get(hashId)?.data as T | undefined;
	}

	protected contestOf(hashId: string): KimpleContest {
		const contest = this.find<KimpleContest>('contest', hashId);
		if (!contest) throw new Error(`Unknown contest ${hashId}`);
		return contest;
	}

	protected createEntry(
		contestHashId: string,
		seed: Partial<KimpleContestEntry>,
		stepSeconds: number,
	): KimpleContestEntry {
		const contest = this.contestOf(contestHashId);
		const created = this.advance(stepSeconds);
		const createdMs = this.clockMs;
		const firstname = this.pick(FIRST_NAMES);
		const lastname = this.pick(LAST_NAMES);
		const place = this.pick(PLACES);
		const onMobile = this.random() < 0.6;
		const plays = contest.game_type ? this.int(1, 4) : 0;
		const later = (seconds: number) => kimpleDate(createdMs + seconds * 1000);
		const entry: KimpleContestEntry = {
			id: this.nextIds.contest_entry++,
			contest_entry_hash_id: this.newHashId(),
			email: this.newEmail(firstname, lastname),
			firstname,
			lastname,
			gender: this.pick([1, 2, 1, 2, 0]),
			birthday:
				this.random() < 0.7
					? `${this.int(1955, 2005)}-${pad(this.int(1, 12))}-${pad(this.int(1, 28))}`
					: null,
			address: `${this.int(1, 120)} ${this.pick(STREETS)}`,
			zipcode: place.zipcode,
			city: place.city,
			// A free-text form field: the same country written the ways people write it.
			country: ENTRY_COUNTRIES[this.nextIds.contest_entry % ENTRY_COUNTRIES.length],
			score: contest.game_type === 'quiz' ? String(this.int(0, QUIZ.length)) : '0',
			contest_hash_id: contest.hash_id,
			last_play_at: plays ? later(40) : null,
			last_attempt_at: plays ? later(40) : null,
			last_submit_form_at: later(1),
			on_facebook: false,
			facebook_id: 0,
			instagram_id: 0,
			on_web: !onMobile,
			on_mobile: onMobile,
			is_suspect: this.random() < 0.02,
			is_cheater: false,
			total_invite: this.random() < 0.2 ? this.int(1, 5) : 0,
			total_share: this.random() < 0.3 ? this.int(1, 3) : 0,
			total_play: plays,
			total_attempt: plays,
			total_facebook_like: 0,
			total_google_plus_share: 0,
			total_mail_received: this.int(0, 3),
			total_mail_sent: 0,
			total_pinterest_follow: 0,
			total_submit_form: 1,
			total_twitter_follow: 0,
			total_twitter_retweet: 0,
			total_twitter_share: 0,
			total_youtube_follow: 0,
			last_ip: this.ip(),
			phone: this.random() < 0.5 ? `06${String(this.int(10000000, 99999999))}` : '',
			created_at: created,
			updated_at: plays ? later(40) : later(1),
			...seed,
		};
		return this.insert('contest_entry', entry);
	}

	protected createParticipation(
		contestHashId: string,
		seed: Partial<KimpleParticipation>,
		stepSeconds: number,
	): KimpleParticipation {
		const contest = this.contestOf(contestHashId);
		const gameType = seed.game_type ?? contest.game_type ?? 'instant_win';
		let entry = seed.contest_entry_hash_id
			? this.find<KimpleContestEntry>('contest_entry', seed.contest_entry_hash_id)
			: (this.pickStored(
					'contest_entry',
					(record) => record.data.contest_hash_id === contest.hash_id,
				)?.data as KimpleContestEntry | undefined);
		if (seed.contest_entry_hash_id && !entry)
			throw new Error(`Unknown contest entry ${seed.contest_entry_hash_id}`);
		entry ??= this.createEntry(contest.hash_id, {}, this.int(1, 60));
		const created = this.advance(stepSeconds);
		const participation: KimpleParticipation = {
			id: this.nextIds.contest_participation++,
			contest_participation_hash_id: this.newHashId(),
			contest_hash_id: contest.hash_id,
			contest_entry_hash_id: entry.contest_entry_hash_id,
			game_type: gameType,
			form: {
				firstname: entry.firstname,
				lastname: entry.lastname,
				email: entry.email,
				address: entry.address,
				city: entry.city,
				zipcode: entry.zipcode,
				optin: this.random() < 0.45 ? 1 : 0,
			},
			ip: entry.last_ip,
			device: entry.on_mobile ? 'mobile' : 'desktop',
			browser: this.pick(BROWSERS),
			gift: this.random() < (gameType === 'instant_win' ? 0.3 : 0.05) ? this.gift() : null,
			game_data: this.gameData(gameType, entry),
			created_at: created,
			updated_at: created,
			...seed,
		};
		return this.insert('contest_participation', participation);
	}

	protected gameData(gameType: KimpleGameType, entry: KimpleContestEntry): KimpleGameData {
		switch (gameType) {
			case 'photo': {
				const key = this.token(12);
				return {
					photo: {
						link: `https://media.kimpleapp.com/photos/${key}.jpg`,
						title: this.pick(PHOTO_TITLES),
						description: `Taken in ${entry.city || 'France'}.`,
						vote: this.random() < 0.5 ? 1 : null,
					},
				};
			}
			case 'purchase': {
				const status = this.pick(['validated', 'validated', 'pending', 'refused'] as const);
				return {
					access_codes: [this.token(6).toUpperCase()],
					purchase_proofs: [`https://media.kimpleapp.com/proofs/${this.token(12)}/proof.jpg`],
					sogec:
						this.random() < 0.7
							? {
									participation_id: this.int(1_000_000, 9_999_999),
									validation_status: status,
									comment: SOGEC_COMMENTS[status],
									returned_at:
										status === 'pending' ? null : kimpleDate(this.clockMs + 2 * 86_400_000),
								}
							: null,
				};
			}
			case 'quiz': {
				const good = NUMERIC.test(entry.score)
					? Math.min(QUIZ.length, Number(entry.score))
					: this.int(0, QUIZ.length);
				const goodIndexes = new Set(this.shuffle(QUIZ.map((_, index) => index)).slice(0, good));
				return {
					quiz: {
						answers: QUIZ.map((item, index) => ({
							question: item.question,
							answer: goodIndexes.has(index) ? item.good : this.pick(item.bad),
							is_good: goodIndexes.has(index) ? 1 : 0,
						})),
						score: String(good),
						time_spend: this.int(20, 240),
					},
				};
			}
			default:
				return {};
		}
	}

	protected gift(): NonNullable<KimpleParticipation['gift']> {
		return {
			...this.pick(GIFTS),
			unique_code: `KMP-${this.token(4).toUpperCase()}-${this.token(4).toUpperCase()}`,
		};
	}

	/** Moves the clock on and returns the new `created_at`. */
	protected advance(seconds: number): string {
		this.clockMs += seconds * 1000;
		return kimpleDate(this.clockMs);
	}

	/** Appended records come after everything so far; with `sameSecond` they share one second. */
	protected appendStep(index: number, options: AppendOptions): number {
		if (options.sameSecond) return index === 0 ? 1 : 0;
		return options.secondsApart ?? this.int(1, 30);
	}

	/** A random generated record of the section (document objects are left alone). */
	protected pickStored(
		section: KimpleSection,
		accept: (record: StoredRecord) => boolean = () => true,
	): StoredRecord | undefined {
		const candidates = this.store
			.get(section)!
			.filter((record) => !record.verbatim && accept(record));
		return candidates.length ? this.pick(candidates) : undefined;
	}

	/** 6 to 10 letters and digits like `78HY9n`, never all digits (a number means a numeric id). */
	protected newHashId(): string {
		for (;;) {
			const hashId = this.token(this.int(6, 10));
			if (/[A-Za-z]/.test(hashId) && !this.usedHashIds.has(hashId)) {
				this.usedHashIds.add(hashId);
				return hashId;
			}
		}
	}

	protected newEmail(firstname: string, lastname: string): string {
		const local = `${firstname}.${lastname}`
			.normalize('NFD')
			.replace(/[^A-Za-z.]/g, '')
			.toLowerCase();
		const domain = this.pick(EMAIL_DOMAINS);
		let email = `${local}@${domain}`;
		for (let suffix = 2; this.usedEmails.has(email); suffix++)
			email = `${local}${suffix}@${domain}`;
		this.usedEmails.add(email);
		return email;
	}

	protected ip(): string {
		return `${this.pick([90, 86, 92, 109, 176])}.${this.int(1, 254)}.${this.int(0, 255)}.${this.int(1, 254)}`;
	}

	protected token(length: number): string {
		return Array.from({ length }, () => this.pick(HASH_ALPHABET.split(''))).join('');
	}

	protected int(min: number, max: number): number {
		return min + Math.floor(this.random() * (max - min + 1));
	}

	protected pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.random() * values.length)];
	}

	protected shuffle<T>(values: T[]): T[] {
		for (let index = values.length - 1; index > 0; index--) {
			const other = Math.floor(this.random() * (index + 1));
			[values[index], values[other]] = [values[other], values[index]];
		}
		return values;
	}
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
