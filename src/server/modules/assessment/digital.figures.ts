/**
 * Dashboard figures of digital-transformation levels (for the workbench): the newest submitted
 * assessment of each enterprise of the region (as `digitalStats` counts them), by level 0–4.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { chainMemberFilter, figureNumber, regionLike, type FigureScope } from '../../platform/figures.js';

export async function countDigitalFigures(db: Db, scope: FigureScope): Promise<{ assessed: number; byLevel: number[] }> {
  const { rows } = await sql<{ level: number | null; n: string }>`SELECT level, count(*) AS n FROM (
      SELECT DISTINCT ON (enterprise_id) level FROM digital_assessments a
      WHERE status = 'submitted' AND a.region_code LIKE ${regionLike(scope)} ${chainMemberFilter('a.enterprise_id', scope)}
      ORDER BY enterprise_id, submitted_at DESC, id DESC) l GROUP BY level`.execute(db);
  const byLevel = [0, 1, 2, 3, 4].map((level) => figureNumber(rows.find((r) => r.level === level)?.n));
  return { assessed: rows.reduce((s, r) => s + figureNumber(r.n), 0), byLevel };
}
