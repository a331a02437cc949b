import type { Db } from '../../db/database.js';

/** Demo data of the government workbench: tasks down the hierarchy, dashboards, key lists, projects. */
export async function seedWorkbenchDemo(_db: Db): Promise<void> {}
