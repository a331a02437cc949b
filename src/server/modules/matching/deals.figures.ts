/**
 * Dashboard figures of the match lifecycle (for the workbench): needs taken up (matched), deals
 * signed and their amount. Deals and matches count in the buyer's region; with a chain, the
 * buyer must be one of its members.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { chainMemberFilter, figureNumber, regionLike, type FigureScope } from '../../platform/figures.js';

/** Needs with a match not declined, matches by stage, deals and their amount (fen). */
export async function countDealFigures(db: Db, scope: FigureScope): Promise<{ needsMatched: number; negotiating: number; deals: number; dealAmountFen: number }> {
  const like = regionLike(scope);
  const [m, d] = await Promise.all([
    sql<Record<string, string>>`SELECT count(DISTINCT need_id) FILTER (WHERE stage <> 'declined') AS matched, count(*) FILTER (WHERE stage = 'negotiating') AS negotiating
      FROM matches m WHERE m.region_code LIKE ${like} ${chainMemberFilter('m.buyer_enterprise_id', scope)}`.execute(db),
    sql<Record<string, string>>`SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS amount
      FROM deals d WHERE d.buyer_region_code LIKE ${like} ${chainMemberFilter('d.buyer_enterprise_id', scope)}`.execute(db),
  ]);
  return { needsMatched: figureNumber(m.rows[0].matched), negotiating: figureNumber(m.rows[0].negotiating), deals: figureNumber(d.rows[0].n), dealAmountFen: figureNumber(d.rows[0].amount) };
}
