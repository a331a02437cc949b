import type { Db } from '../../db/database.js';

/** Demo data of the capital chain: payables ledger, complaints, vouchers, financing, credit. */
export async function seedCapitalDemo(_db: Db): Promise<void> {}
