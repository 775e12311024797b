import type { IDataObject } from 'n8n-workflow';

/**
 * [src] Coin transactions come as `{transaction: {...}, user: {...}}`. Simplified: the transaction's
 * fields at the top level and the user's beside them as `user_<field>`.
 */
export function flattenCoinTransaction(item: IDataObject): IDataObject {
	const transaction = item.transaction as IDataObject | undefined;
	if (!transaction || typeof transaction !== 'object') return item;
	const flat: IDataObject = { ...transaction };
	const user = item.user as IDataObject | undefined;
	if (user && typeof user === 'object') {
		for (const [field, value] of Object.entries(user)) {
			const key = field === 'id' ? 'user_id' : `user_${field}`;
			if (!(key in flat)) flat[key] = value;
		}
	}
	return flat;
}

/** A list of coin transactions as the Simplify switch asks: flattened, or as Easypromos sent them. */
export function shapeCoinTransactions(items: IDataObject[], simplify: boolean): IDataObject[] {
	return simplify ? items.map(flattenCoinTransaction) : items;
}
