/**
 * Dashboard figures of capacity monitoring (for the workbench): over the SMEs' reports of the last
 * complete business month in the region (and chain), the mean utilisation and the idle SMEs
 * (utilisation below the monitoring's default threshold).
 */
import { sql } from 'kysely';
import { IDLE_BELOW_DEFAULT } from '../../../contracts/capacity.js';
import type { Db } from '../../db/database.js';
import { chainMemberFilter, figureNumber, regionLike, type FigureScope } from '../../platform/figures.js';
import { SME_SIZES } from './capacity.repo.js';
import { addMonths, currentMonth } from './capacity.service.js';

export async function countCapacityFigures(db: Db, scope: FigureScope): Promise<{ month: string; reporting: number; utilisation: number | null; idle: number }> {
  const month = addMonths(currentMonth(), -1);
  const { rows } = await sql<{ reporting: string; utilisation: string | null; idle: string }>`
    SELECT count(*) AS reporting, avg(r.utilisation) AS utilisation, count(*) FILTER (WHERE r.utilisation < ${IDLE_BELOW_DEFAULT}) AS idle
    FROM capacity_reports r JOIN enterprises e ON e.id = r.enterprise_id
    WHERE r.month = ${`${month}-01`}::date AND e.size = ANY(${sql.val([...SME_SIZES])}::text[])
      AND r.region_code LIKE ${regionLike(scope)} ${chainMemberFilter('r.enterprise_id', scope)}`.execute(db);
  const row = rows[0];
  return { month, reporting: figureNumber(row.reporting), utilisation: row.utilisation === null ? null : Number(row.utilisation), idle: figureNumber(row.idle) };
}
