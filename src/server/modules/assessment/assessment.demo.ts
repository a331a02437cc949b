import type { Db } from '../../db/database.js';

/** Demo data of the gradient evaluation, digital-transformation level, solution catalogue. */
export async function seedAssessmentDemo(_db: Db): Promise<void> {}
