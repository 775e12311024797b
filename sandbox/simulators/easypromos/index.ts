/**
 * A local Easypromos REST API v2, as easypromos-rest-api-v2.txt and the Easypromos part of API-NOTES.md
 * describe it: bearer tokens (401 invalid or expired, 403 plan without API access), collections of at most
 * 100 items with an opaque `next_cursor`, `order` = created_asc | created_desc (default desc), 200 requests a
 * minute per account (429 until the window's first request is a window old), 415 on a write without a JSON
 * content type, 400 `{code, message}` with the document's codes, and the wrapped coin-transaction list items.
 *
 * ASSUMED — not in the document (API-NOTES marks them [assumed]); fix them here against the live API:
 * - Request bodies and replies of the writes:
 *     POST /users/autologin/{pid}        {external_id, email?, first_name?, last_name?, nickname?, phone?,
 *                                         birthday?, language?, country?, custom_properties?: [{ref, value}],
 *                                         meta_data?: {legals: {<name>: boolean}}} -> {login_token, user}
 *                                        A new user must bring the promotion's required registration
 *                                        fields beyond the person's own: each required custom field (by
 *                                        ref, a non-empty value) and each required legal checkbox
 *                                        (accepted, true); else 400 code 0 naming the field. A ref the form
 *                                        does not have is refused the same way. A user found again by
 *                                        external_id is updated with what is given, without that check.
 *     GET  /users/logintoken/{pid}/{user_id}                                     -> {user_id, login_token}
 *     POST | DELETE /users/segments/{pid} {user_id, segments: [name, ...]}       -> {user_id, segments: [all of the user's]}
 *     POST /participations/{pid}/participate/{stage_id}
 *                                        {user_id | login_token, code?, points?, data?} -> participation, full format
 *     POST /participations/{pid}/check_requirement/{stage_id}
 *                                        {user_id | login_token, code}           -> {valid, stage_id, user_id, requirement}
 *                                        (a dry run: the code stays unused)
 *     POST /participations/{pid}/validate_code/{stage_id}
 *                                        {user_id | login_token, code}           -> {valid, stage_id, user_id, code}
 *                                        (uses the code up and unlocks one participation in that stage)
 *     POST /participations/{pid}         {stage_id, user_id, points?, data?: [{ref, title?, values[]}]}
 *                                        -> the participation (basic format). Records a participation made
 *                                        elsewhere: checks like participate (open promotion and stage, 404
 *                                        unknown stage or user, 10 none left), 30 on a stage that asks for a
 *                                        code (the body carries none), draws no prize.
 *     POST /coin_transactions/{pid}      {user_id, amount, reason?, coin_id?}    -> {transaction, user} (the list's wrapper)
 *     PUT  /coins/{pid}                  {user_id, balance, coin_id?}            -> coin balance (below)
 *     GET  /coins/{pid}/users/{user_id}  ?coin_id=                               -> coin balance
 * - Several coins per promotion: each has its own ledger balance per user; `coin_id` left out = the
 *   promotion's first (default) coin; an unknown `coin_id` gets a 404 like an unknown user or stage, a
 *   malformed one 400 code 0. Lists of coins: none (the API documents none).
 * - Registration fields: a field whose ref is one of the user's own fields (first_name, email…) is the
 *   person's; a `checkbox` is a legal acceptance, kept under meta_data.legals by its ref; any other is a
 *   custom field, kept in custom_properties as {id, title, ref, value}.
 * - DELETE /users/segments and PUT /coins, though the guide names GET and POST only (API-NOTES: [src]);
 *   `guideMethodsOnly` turns them into the guide's 404 "Could not find method requested".
 * - Reply shapes: coin balance {user_id, promotion_id, coin_id, coin_name, balance}; remaining
 *   {user_id, stage_id, remaining}; inventory items = prize type + `available`; ranking items
 *   {position, user_id, nickname, avatar_img, points} (`stage_id` query parameter, default the first scored
 *   stage); points of sale; registration fields; the `{message}` bodies of 401/403/404/415/429.
 * - The cursor is the id of the next page's first item (ranking: its position); the document only says
 *   it is an integer.
 * - Which check gives which 400 code, and in which order (see each handler).
 * - Webhooks: envelope {event, promotion_id, created, data}, event names in EASYPROMOS_WEBHOOK_EVENTS,
 *   `data` mirrors the API object (user; participation in full format; wrapped coin transaction).
 *
 * The API's objects and codes (model.ts), the stored state with its lookups and views (state.ts), the
 * seeding (seed.ts) and the server (routes.ts) sit side by side in this folder; a test imports them from here.
 */
export * from './model';
export { EasypromosSimulator } from './routes';
export { postWebhook } from './state';
