/**
 * SPREAD's API v1, where customers and orders are written [src: SPREAD's help centre, its e-commerce
 * module]: form-encoded `data[...]` fields (and `request[...]`, the record an update names), answered
 * with JSON. Its paths are in api.ts with the others; like api.ts, this file imports nothing.
 */
import type { IDataObject } from 'n8n-workflow';

/** [src] The v1 form's field names, wrapped as `data[<name>]`. */
export const V1_FIELDS = {
	email: 'customer_email',
	externalId: 'external_id',
	lastName: 'customer_name',
	firstName: 'customer_firstname',
	optIn: 'customer_isoptin',
	gender: 'customer_gender',
	address: 'customer_address',
	zip: 'customer_cp',
	city: 'customer_city',
	country: 'customer_country',
	phone: 'customer_tel',
	mobile: 'customer_mobile',
	birthday: 'customer_birthday',
	language: 'customer_lang',
	company: 'customer_company',
	addTags: 'add_tag',
	removeTags: 'del_tag',
	customFields: 'custom_fields',
	orderId: 'order_idorder',
	orderAmount: 'order_amount',
	orderState: 'order_state',
	orderDate: 'date',
} as const;

/** [src] 1 / 0 / -1. */
export const OPT_IN_VALUES: Record<string, string> = { yes: '1', no: '0', notAsked: '-1' };

/** ASSUMED: the gender as one letter. */
export const GENDER_VALUES: Record<string, string> = { female: 'F', male: 'M' };

/**
 * How UpdateOrder and UpdateAccount are told which record to change.
 * [src] SPREAD's PrestaShop module names the order to update in `request[order_idorder]` beside the
 * new values in `data[...]` (UpdateOrder), and sends UpdateAccount `data[customer_email]` alone (the
 * customer found by it); API-NOTES lists `data[order_idorder]` among the order's fields.
 * ASSUMED: UpdateOrder reads `request[order_idorder]` as the order to change; the node sends the order
 * ID in both, `request[order_idorder]` and `data[order_idorder]`, so either reading finds it.
 * ASSUMED: UpdateAccount reads `request[customer_email]` or `request[external_id]` the same way, as the
 * customer to change, and then takes `data[customer_email]` and `data[external_id]` as its new values;
 * without `request`, `data[customer_email]`, else `data[external_id]`, names the customer. The node
 * sends it `request` only with such a change.
 */
export const V1_REQUEST = 'request';

/**
 * A v1 form as `data[name]=value`, lists as `data[name][]`, maps as `data[name][key]`; `request`
 * (UpdateOrder, UpdateAccount, see V1_REQUEST) as `request[name]=value`.
 */
export function v1Form(
	fields: Record<string, string | string[] | Record<string, string>>,
	request: Record<string, string> = {},
): string {
	const form = new URLSearchParams();
	for (const [name, value] of Object.entries(request)) form.append(`${V1_REQUEST}[${name}]`, value);
	for (const [name, value] of Object.entries(fields)) {
		if (Array.isArray(value)) for (const entry of value) form.append(`data[${name}][]`, entry);
		else if (typeof value === 'object')
			for (const [key, entry] of Object.entries(value)) form.append(`data[${name}][${key}]`, entry);
		else form.append(`data[${name}]`, value);
	}
	return form.toString();
}

/**
 * ASSUMED: v1 answers `{datas: {...}}`; a refusal may come with a success status and `error` or
 * `status: "error"` in the body: that is a refusal too (nothing was written).
 */
export function v1Result(reply: IDataObject): { datas?: IDataObject; refusal?: string } {
	const status = typeof reply.status === 'string' ? reply.status.toLowerCase() : '';
	const error = reply.error ?? reply.errors;
	if (status === 'error' || (error !== undefined && error !== null && error !== false)) {
		const words = typeof error === 'string' ? error : (reply.message ?? JSON.stringify(error));
		return { refusal: String(words) };
	}
	const datas = reply.datas;
	return { datas: datas && typeof datas === 'object' ? (datas as IDataObject) : reply };
}
