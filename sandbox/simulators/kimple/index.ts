/**
 * A local Kimple API v2, as kimple-api-v2.txt and the Kimple part of API-NOTES.md describe it: the
 * sections client, contest, contest_entry, campaign and contest_participation; lists that take a page
 * index, `limit`, `order` (`firstname asc`) and `search` (`email~='cassiop.com'`) and answer
 * `{data: [...]}`; the document's contest and contest-entry objects, served verbatim.
 *
 * ASSUMED — not in the document; the node (nodes/Kimple/transport) is written against the same reading,
 * so fix both together against the live API:
 * - Everything under `/api`; the key pair travels in `X-Api-Key` and `X-Api-Secret` (401 when missing
 *   or wrong, 403 for a revoked pair); error bodies are `{code, message}`. A test can make the
 *   simulator expect two other header names (`authHeaders`, `expectAuthHeaders`): then only those
 *   carry the pair, and the default names get 401 like any missing header.
 * - `GET /api/{section}/list?page=&limit=&order=&search=`: `page` from 1, `limit` 1..100 (default 20),
 *   no next link and no total; a page past the end is `{data: []}`.
 * - `order`: `field direction` parts joined by commas, direction asc (default) or desc; default order
 *   `id` then the hash id. Ties always fall back to insertion order, so pages never overlap or skip.
 * - `search`: conditions `field` operator `'value'` joined by ` AND `; operators `~=` (contains, any
 *   case), `=` (equals, case-sensitive; numbers by value), `>` and `<` (numbers by value, else text
 *   order); a quote in a value is doubled. Only top-level scalar fields can be searched or sorted.
 * - `GET /api/{section}/{id}`: the bare record, by numeric `id` or by hash id; with `maskIds` (the
 *   document's examples show `id` and `client_id` as 0) only the hash id finds it.
 * - Hash-id fields (KIMPLE_HASH_ID_FIELDS), the client, campaign and participation shapes, `game_type`
 *   on generated contests, and a rate limit (off unless `rateLimit` is set): 429 with Retry-After.
 *
 *
 * The document's objects (model.ts), the search and order grammars (search.ts), the stored records and
 * the believable-data generator (state.ts), the seeding (seed.ts) and the server (routes.ts) sit side by
 * side in this folder; a test imports them all from here.
 */
export {
	KIMPLE_SECTIONS,
	type KimpleSection,
	KIMPLE_GAME_TYPES,
	type KimpleGameType,
	KIMPLE_HASH_ID_FIELDS,
	KIMPLE_DEFAULT_LIMIT,
	KIMPLE_MAX_LIMIT,
	KIMPLE_LIMIT_MESSAGE,
	type KimpleClient,
	type KimpleContest,
	type KimpleContestEntry,
	type KimpleCampaign,
	type KimplePhotoGameData,
	type KimplePurchaseGameData,
	type KimpleQuizGameData,
	type KimpleGameData,
	type KimpleParticipation,
	DOCUMENTED_CONTEST,
	DOCUMENTED_ENTRY,
	type KimpleSimulatorOptions,
	type KimpleAuthHeaders,
	KIMPLE_DEFAULT_AUTH_HEADERS,
	type ContestSeed,
	type AppendOptions,
	type KimpleSandbox,
	type KimpleReceivedRequest,
} from './model';
export { kimpleDate } from './search';
export { KimpleSimulator } from './routes';
