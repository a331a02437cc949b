import type { Db } from '../../db/database.js';

/** Demo data of the matchmaking fairs (洽谈会) with the meeting scheduler. */
export async function seedFairsDemo(_db: Db): Promise<void> {}
