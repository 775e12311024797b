import {
	DOCUMENTED_CONTEST,
	DOCUMENTED_ENTRY,
	type AppendOptions,
	type ContestSeed,
	type KimpleCampaign,
	type KimpleClient,
	type KimpleContest,
	type KimpleContestEntry,
	type KimpleParticipation,
	type KimpleSandbox,
	type KimpleSection,
} from './model';
import { kimpleDate, toMs } from './search';
import { KimpleState, PLACES } from './state';

/**
 * Seeding methods return the record as the API would serve it (ids masked when `maskIds`); data is the
 * same on every run for the same `seed`. seedSandbox() once per simulator.
 */
export abstract class KimpleSeeds extends KimpleState {
	// ---- seeding ----

	addClient(seed: Partial<KimpleClient> = {}): KimpleClient {
		const created = this.advance(this.int(300, 3600));
		const id = this.nextIds.client++;
		const client: KimpleClient = {
			id,
			hash_id: this.newHashId(),
			name: `Client ${id}`,
			city: this.pick(PLACES).city,
			subscription_id: 30000 + this.int(100, 9999),
			created_at: created,
			updated_at: created,
			...seed,
		};
		return this.insert('client', client);
	}

	/** A generated contest (`game_type` quiz unless told); `clientHashId` picks its client. */
	addContest(seed: ContestSeed = {}): KimpleContest {
		const { clientHashId, ...fields } = seed;
		const client = clientHashId
			? this.find<KimpleClient>('client', clientHashId)
			: (this.pickStored('client')?.data as KimpleClient | undefined);
		if (clientHashId && !client) throw new Error(`Unknown client ${clientHashId}`);
		const createdMs = toMs(this.advance(this.int(120, 1800)));
		const at = (days: number) => kimpleDate(createdMs + days * 86_400_000);
		const id = this.nextIds.contest++;
		const contest: KimpleContest = {
			id,
			hash_id: this.newHashId(),
			version: 2,
			state: 1,
			activity_area: this.int(1, 12),
			year_highlight: 0,
			analytics_id: `UA-${this.int(1000000, 9999999)}-1`,
			analytics_script: '',
			api_callback_uri: null,
			confirm_opt_in_desktop_image_id: null,
			confirm_opt_in_mobile_image_id: null,
			confirm_opt_in_text: null,
			background_color: this.pick(['#ffffff', '#f4f1ea', '#1d3557']),
			client_title: client?.name ?? '',
			custom_css: '',
			custom_js: '',
			title: `Contest ${id}`,
			description: 'Play and try to win one of our gifts.',
			height_desktop: 900,
			height_facebook: 1000,
			height_mobile: 1200,
			hide_from_inspiration: false,
			template: this.int(20, 60),
			width_desktop: 1000,
			width_facebook: 810,
			width_mobile: 320,
			is_anonymized: 0,
			is_maintenance_mode: 0,
			finish_at: at(45),
			last_updated_at: at(1),
			no_end_at: 0,
			published_at: at(1),
			start_at: at(2),
			last_activities_update: at(3),
			client_id: client?.id ?? 0,
			client_hash_id: client?.hash_id ?? '',
			client_name: client?.name ?? '',
			contest_stats_id: 13000 + this.int(1, 9999),
			contest_stats_hash_id: this.newHashId(),
			content_link: null,
			locale: 'fr',
			created_at: kimpleDate(createdMs),
			updated_at: at(1),
			game_type: 'quiz',
			...fields,
		};
		return this.insert('contest', contest);
	}

	/** A generated participant of the contest; `seed` overrides its fields. */
	addEntry(contestHashId: string, seed: Partial<KimpleContestEntry> = {}): KimpleContestEntry {
		return this.createEntry(contestHashId, seed, this.int(60, 900));
	}

	/**
	 * A participation of one of the contest's entries (a random generated one unless
	 * `contest_entry_hash_id` says which), with the game data of the contest's `game_type`.
	 */
	addParticipation(
		contestHashId: string,
		seed: Partial<KimpleParticipation> = {},
	): KimpleParticipation {
		return this.createParticipation(contestHashId, seed, this.int(60, 900));
	}

	/** An email campaign about the contest, with its statistics. */
	addCampaign(contestHashId: string, seed: Partial<KimpleCampaign> = {}): KimpleCampaign {
		const contest = this.contestOf(contestHashId);
		const created = this.advance(this.int(600, 7200));
		const sent = this.int(500, 20000);
		const openRate = this.int(1200, 4800) / 100;
		const campaign: KimpleCampaign = {
			id: this.nextIds.campaign++,
			hash_id: this.newHashId(),
			title: `${contest.title || 'Contest'}: ${this.pick(['launch', 'reminder', 'last days', 'results'])}`,
			contest_id: contest.id,
			contest_hash_id: contest.hash_id,
			statistics: {
				open_rate: openRate,
				bounce_rate: this.int(20, 400) / 100,
				click_rate: this.int(100, 1200) / 100,
				emails_sent: sent,
				emails_opened: Math.round((sent * openRate) / 100),
			},
			created_at: created,
			updated_at: created,
			...seed,
		};
		return this.insert('campaign', campaign);
	}

	/**
	 * Stores `record` exactly as given (a document object, a hand-made case); the clock moves up to its
	 * `created_at`, so later records stay later.
	 */
	insertVerbatim<T extends object>(section: KimpleSection, record: T): T {
		const createdAt = (record as { created_at?: unknown }).created_at;
		if (typeof createdAt === 'string') this.clockMs = Math.max(this.clockMs, toMs(createdAt));
		return this.insert(section, structuredClone(record), true);
	}

	/** `count` new participants of the contest, each later than every record so far. */
	appendEntries(
		contestHashId: string,
		count: number,
		options: AppendOptions = {},
	): KimpleContestEntry[] {
		return Array.from({ length: count }, (_, index) =>
			this.createEntry(contestHashId, {}, this.appendStep(index, options)),
		);
	}

	/** `count` new participations in the contest, each later than every record so far. */
	appendParticipations(
		contestHashId: string,
		count: number,
		options: AppendOptions = {},
	): KimpleParticipation[] {
		return Array.from({ length: count }, (_, index) =>
			this.createParticipation(contestHashId, {}, this.appendStep(index, options)),
		);
	}

	/** Removes a record; false when there was none with that hash id. */
	deleteRecord(section: KimpleSection, hashId: string): boolean {
		const record = this.byHash.get(section)!.get(hashId);
		if (!record) return false;
		this.byHash.get(section)!.delete(hashId);
		const list = this.store.get(section)!;
		list.splice(list.indexOf(record), 1);
		return true;
	}

	/**
	 * A believable account: three clients; the document's contest; a quiz contest (`YP67sgn`, the
	 * document's entry's contest) with 250 entries, the document's entry first; photo, purchase and
	 * instant-win contests with their entries; participations with game data of every type; campaigns.
	 * Registers the key pair and a revoked one.
	 */
	seedSandbox(options: { apiKey?: string; apiSecret?: string } = {}): KimpleSandbox {
		const apiKey = options.apiKey ?? `kmp_${this.token(24)}`;
		const apiSecret = options.apiSecret ?? this.token(40);
		const revokedApiKey = `kmp_${this.token(24)}`;
		const revokedApiSecret = this.token(40);
		this.addKeyPair(apiKey, apiSecret);
		this.addKeyPair(revokedApiKey, revokedApiSecret, { revoked: true });

		const clients = [
			this.addClient({ name: 'Cassiopée Cosmétiques', city: 'Paris' }),
			this.addClient({ name: 'Boulangeries Martin', city: 'Lyon' }),
			this.addClient({ name: 'Brasserie du Nord', city: 'Lille' }),
		];
		const documented = this.insertVerbatim('contest', { ...DOCUMENTED_CONTEST });
		const quiz = this.addContest({
			hash_id: 'YP67sgn',
			title: "The summer's big quiz",
			game_type: 'quiz',
			clientHashId: clients[0].hash_id,
		});
		const photo = this.addContest({
			title: 'Your best landscapes: photo contest',
			game_type: 'photo',
			clientHashId: clients[0].hash_id,
		});
		const purchase = this.addContest({
			title: 'Buy and win: a gift in every pack',
			game_type: 'purchase',
			clientHashId: clients[1].hash_id,
		});
		const instantWin = this.addContest({
			title: 'Christmas instant win',
			game_type: 'instant_win',
			clientHashId: clients[2].hash_id,
		});

		const documentedEntry = this.insertVerbatim('contest_entry', {
			...DOCUMENTED_ENTRY,
		});
		const entryCounts: Record<string, number> = {
			[documented.hash_id]: 5,
			[quiz.hash_id]: 250,
			[photo.hash_id]: 40,
			[purchase.hash_id]: 60,
			[instantWin.hash_id]: 80,
		};
		for (const [hashId, count] of Object.entries(entryCounts)) {
			const generated = hashId === quiz.hash_id ? count - 1 : count;
			for (let index = 0; index < generated; index++) this.addEntry(hashId);
		}
		const participations: Array<[KimpleContest, number]> = [
			[photo, 30],
			[purchase, 40],
			[quiz, 80],
			[instantWin, 60],
		];
		for (const [contest, count] of participations) {
			for (let index = 0; index < count; index++) this.addParticipation(contest.hash_id);
		}
		const campaigns = [
			quiz,
			quiz,
			photo,
			purchase,
			purchase,
			instantWin,
			instantWin,
			documented,
		].map((contest) => this.addCampaign(contest.hash_id));
		return {
			apiKey,
			apiSecret,
			revokedApiKey,
			revokedApiSecret,
			clients,
			contests: { photo, purchase, quiz, instantWin, documented },
			documentedEntry,
			campaigns,
			entryCounts,
		};
	}
}
