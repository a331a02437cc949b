import type { Db } from '../../db/database.js';

/** Demo data of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes. */
export async function seedDealsDemo(_db: Db): Promise<void> {}
