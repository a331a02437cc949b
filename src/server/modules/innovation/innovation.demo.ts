import type { Db } from '../../db/database.js';

/** Demo data of the innovation and talent: challenges, shared resources, achievements, experts. */
export async function seedInnovationDemo(_db: Db): Promise<void> {}
