/**
 * A local SPREAD API, as spread-cagnottes-api.txt and the SPREAD part of API-NOTES.md describe it:
 * HTTP Basic with the public and private keys; v2 under /api/v2 with `{<plural>: [...], count,
 * nextPageUrl}` lists, `startAt`, `maxResult` (cagnottes, ≤ 5000) and `maxResults` (sponsorships), the
 * cagnottes' filters with the document's spellings (`createBefore`), numbers as strings, dates as
 * `YYYY-MM-DD HH:MM:SS` in the account's time zone; the cagnotte POST with the example's body
 * (`customer.email` or `customer.id`, `cagnotte.amount`); v1 form writes `data[...]` at /api.
 *
 * ASSUMED — fix them here against the live API:
 * - `count` is the number of records on the page; `nextPageUrl` is on every page, the last one
 *   included (as in the document's example), written with http://social-sb.com whatever the server.
 * - The other lists take the same filters, `startAt` and `maxResult`; the default page size is 100.
 * - `createdAfter` / `createBefore` / `minAmount` / `maxAmount` are strict ("après", "supérieur");
 *   `createdAfterInclusive` makes "after" inclusive, to show the trigger works either way.
 * - Error bodies `{code, message}`; a 400 names the parameter in its message; a removal larger than
 *   the balance is a 400 "Insufficient cagnotte amount"; v1 refuses in a 200 `{status: "error", error}`
 *   (an existing email on CreateAccount, an existing order id on CreateOrder); v1 answers `{datas}`.
 * - `cagnottePostRedirect`: the documented POST URL (…/cagnottes/) answers with that redirect to the
 *   canonical one (…/cagnottes), as SPREAD's sample, which follows redirects on POST, suggests.
 * - Webhook payloads `{event, date, customer, cagnotte | coupon | consent | participation}`.
 * - `modifiedAfter` / `modifiedBefore` compare a customer's `updatedAt` (every write moves it) and a
 *   cagnotte line's `cagnotteLineValidationDate`, or its `cagnotteLineDate` while it waits for
 *   validation (its validation date null); other lists' `updatedAt`. `validateLine` validates a line.
 * - `GET /customers` has no search (none is documented): any other query parameter is ignored.
 * - UpdateOrder: the order named in `request[order_idorder]` (as SPREAD's PrestaShop module sends it),
 *   else in `data[order_idorder]`.
 * - UpdateAccount: the customer named in `request[customer_email]` or `request[external_id]` when the
 *   form has one (as UpdateOrder's `request[order_idorder]` in SPREAD's PrestaShop module), else by
 *   `data[customer_email]`, else `data[external_id]`; `data[customer_email]` and `data[external_id]`
 *   then set its email and external ID, refused in a 200 `{status: "error"}` when another customer
 *   has them. Emails compare without case.
 * - Customers' `createdAt` and `updatedAt` (no document gives their format) are SPREAD's wall clock, as
 *   a cagnotte line's; the test-only `customerDates` writes them as ISO-8601 with the account's offset
 *   (`isoOffset`) or in UTC (`isoUtc`) instead, the filters still reading the same instants.
 *
 * The API's objects and the document's lines (model.ts), the stored records and their seeding (state.ts)
 * and the server (routes.ts) sit side by side in this folder; a test imports them from here.
 */
export {
	SPREAD_MAX_PAGE_SIZE,
	SPREAD_DEFAULT_PAGE_SIZE,
	type SpreadSimulatorOptions,
	type CustomerDates,
	type SpreadCustomer,
	type SpreadCagnotteLine,
	type SpreadCampaign,
	type SpreadParticipation,
	type SpreadSponsorship,
	type SpreadOrder,
	type SpreadReceivedRequest,
	type SpreadSandbox,
	DOCUMENT_LINES,
	wallClockString,
} from './model';
export {
	SpreadSimulator,
	SPREAD_DATE_TIME,
	formFields,
	requestFields,
	postWebhook,
} from './routes';
