/**
 * The vendor sandbox: every simulator on a fixed local port, seeded with sample data.
 *
 *   npm run sandbox                 # starts it and prints each vendor's URL and keys; Ctrl+C stops it
 *
 * Ports: SANDBOX_PORT_LEEVIA (5701), SANDBOX_PORT_EASYPROMOS (5702), SANDBOX_PORT_KIMPLE (5703),
 * SANDBOX_PORT_SPREAD (5704).
 */
import { EasypromosSimulator } from './simulators/easypromos';
import { KimpleSimulator } from './simulators/kimple';
import { LeeviaSimulator, seedLeeviaSandbox } from './simulators/leevia';
import { DOCUMENT_LINES, SpreadSimulator } from './simulators/spread';

export interface SandboxVendor {
	name: string;
	url: string;
	/** n8n credential: type and data, ready for `n8n import:credentials`. */
	credential: { id: string; name: string; type: string; data: Record<string, string> };
	/** What a person needs to know to use it by hand. */
	notes: string[];
}

export interface Sandbox {
	vendors: SandboxVendor[];
	close(): Promise<void>;
}

const port = (name: string, fallback: number) =>
	Number(process.env[`SANDBOX_PORT_${name}`] ?? fallback);

export async function startSandbox(host = '127.0.0.1'): Promise<Sandbox> {
	const leevia = await new LeeviaSimulator().start(port('LEEVIA', 5701), host);
	const leeviaKeys = seedLeeviaSandbox(leevia);
	const vendors: SandboxVendor[] = [
		{
			name: 'Leevia',
			url: leevia.url,
			credential: {
				id: 'sandboxLeevia01',
				name: 'Leevia sandbox',
				type: 'leeviaApi',
				data: {
					apiKey: leeviaKeys.apiKey,
					apiSecret: leeviaKeys.apiSecret,
					productType: 'campaigns',
					productId: leeviaKeys.contestId,
					baseUrl: leevia.url,
				},
			},
			notes: [
				`API key ${leeviaKeys.apiKey}, secret ${leeviaKeys.apiSecret}`,
				`open Instant Win contest ${leeviaKeys.contestId} (300 participants), closed contest ${leeviaKeys.closedContestId}, WhatsApp campaign ${leeviaKeys.whatsappCampaignId}, loyalty portal ${leeviaKeys.loyaltyPortalId}`,
			],
		},
	];
	const easypromos = await new EasypromosSimulator().start(port('EASYPROMOS', 5702), host);
	const easypromosData = easypromos.seedSandbox({ token: 'ep_sandbox_token' });
	const { active, draft, expired } = easypromosData.promotions;
	vendors.push({
		name: 'Easypromos',
		url: easypromos.apiUrl,
		credential: {
			id: 'sandboxEasyprom1',
			name: 'Easypromos sandbox',
			type: 'easypromosApi',
			data: { accessToken: easypromosData.token, baseUrl: easypromos.apiUrl },
		},
		notes: [
			`access token ${easypromosData.token}`,
			`active promotion ${active.id} "${active.title}" (300 users, participations, prizes, coins), draft ${draft.id}, expired ${expired.id}`,
		],
	});
	const kimple = await new KimpleSimulator().start(port('KIMPLE', 5703), host);
	const kimpleData = kimple.seedSandbox({
		apiKey: 'kmp_sandbox_key',
		apiSecret: 'kmp_sandbox_secret',
	});
	const { quiz, photo, purchase, instantWin, documented } = kimpleData.contests;
	const count = (section: 'contest_entry' | 'contest_participation', hashId: string) =>
		kimple
			.records<{ contest_hash_id: string }>(section)
			.filter((record) => record.contest_hash_id === hashId).length;
	vendors.push({
		name: 'Kimple',
		url: kimple.apiUrl,
		credential: {
			id: 'sandboxKimple01',
			name: 'Kimple sandbox',
			type: 'kimpleApi',
			data: { apiKey: kimpleData.apiKey, apiSecret: kimpleData.apiSecret, baseUrl: kimple.apiUrl },
		},
		notes: [
			`API key ${kimpleData.apiKey}, secret ${kimpleData.apiSecret}`,
			`quiz contest ${quiz.hash_id} "${quiz.title}" (${count('contest_entry', quiz.hash_id)} entries, ${count('contest_participation', quiz.hash_id)} participations with answers and scores)`,
			`photo contest ${photo.hash_id}, purchase contest ${purchase.hash_id}, instant win contest ${instantWin.hash_id}, the document's contest ${documented.hash_id}`,
		],
	});
	const spread = await new SpreadSimulator().start(port('SPREAD', 5704), host);
	const spreadData = spread.seedSandbox({
		publicKey: 'spread_sandbox_public',
		privateKey: 'spread_sandbox_private',
	});
	const spreadCampaigns = spreadData.campaigns
		.map((campaign) => `${campaign.id} "${campaign.name}" (${campaign.type})`)
		.join(', ');
	vendors.push({
		name: 'SPREAD',
		url: spread.apiUrl,
		credential: {
			id: 'sandboxSpread001',
			name: 'SPREAD sandbox',
			type: 'spreadApi',
			data: {
				publicKey: spreadData.publicKey,
				privateKey: spreadData.privateKey,
				baseUrl: spread.apiUrl,
				timeZone: spread.timeZone,
			},
		},
		notes: [
			`public key ${spreadData.publicKey}, private key ${spreadData.privateKey}, time zone ${spread.timeZone}`,
			`${spreadData.customers.length} customers (e.g. ${spreadData.customers[0].email}) and the document's example customer 15130125; ${spread.lines.length - DOCUMENT_LINES.length} cagnotte lines over the last 30 days and the document's ${DOCUMENT_LINES.length} of July 2019; ${spread.participations.length} participations, ${spread.sponsorships.length} sponsorships, ${spread.orders.length} orders`,
			`campaigns ${spreadCampaigns}`,
		],
	});
	const servers = [leevia, easypromos, kimple, spread];
	return {
		vendors,
		close: async () => {
			await Promise.all(servers.map(async (server) => await server.close()));
		},
	};
}

export function describeSandbox(sandbox: Sandbox): string {
	return sandbox.vendors
		.map((vendor) =>
			[`${vendor.name}: ${vendor.url}`, ...vendor.notes.map((note) => `  ${note}`)].join('\n'),
		)
		.join('\n');
}

/** `npm run sandbox`: runs until Ctrl+C. */
export async function main(): Promise<void> {
	const sandbox = await startSandbox();
	process.stdout.write(
		`Vendor sandbox running (sample data, nothing leaves this machine):\n${describeSandbox(sandbox)}\nCtrl+C stops it.\n`,
	);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
