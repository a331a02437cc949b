/**
 * Dashboard figures of the capital chain (for the workbench): payment conduct of the buyers of a
 * region from the payables ledger, and payment complaints. Deliveries and complaints count in the
 * buyer's region; with a chain, the buyer must be one of its members.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { chainMemberFilter, figureNumber, percentOf, regionLike, type FigureScope } from '../../platform/figures.js';

export interface CapitalFigures {
  /** Deliveries fully paid. */
  paid: number;
  /** Of those, paid in full by the due date. */
  paidOnTime: number;
  /** paidOnTime / paid in %, null when none is paid. */
  onTimeRate: number | null;
  /** Deliveries past due on `today` and not fully paid, and what is still owed on them (fen). */
  overdue: number;
  overdueFen: number;
  complaints: number;
  /** Submitted or accepted, not yet resolved. */
  complaintsOpen: number;
  complaintsResolved: number;
}

export async function countCapitalFigures(db: Db, scope: FigureScope, today: string): Promise<CapitalFigures> {
  const like = regionLike(scope);
  const [d, c] = await Promise.all([
    sql<Record<string, string>>`SELECT count(*) FILTER (WHERE paid_fen >= amount_fen) AS paid,
        count(*) FILTER (WHERE paid_fen >= amount_fen AND last_paid_on <= due_on) AS on_time,
        count(*) FILTER (WHERE paid_fen < amount_fen AND due_on < ${today}::date) AS overdue,
        coalesce(sum(amount_fen - paid_fen) FILTER (WHERE paid_fen < amount_fen AND due_on < ${today}::date), 0) AS overdue_fen
      FROM payable_deliveries d WHERE d.region_code LIKE ${like} ${chainMemberFilter('d.buyer_id', scope)}`.execute(db),
    sql<Record<string, string>>`SELECT count(*) AS total, count(*) FILTER (WHERE status IN ('submitted','accepted')) AS open, count(*) FILTER (WHERE status = 'resolved') AS resolved
      FROM payment_complaints p WHERE p.region_code LIKE ${like} ${chainMemberFilter('p.buyer_id', scope)}`.execute(db),
  ]);
  const paid = figureNumber(d.rows[0].paid);
  const onTime = figureNumber(d.rows[0].on_time);
  return {
    paid, paidOnTime: onTime, onTimeRate: percentOf(onTime, paid), overdue: figureNumber(d.rows[0].overdue), overdueFen: figureNumber(d.rows[0].overdue_fen),
    complaints: figureNumber(c.rows[0].total), complaintsOpen: figureNumber(c.rows[0].open), complaintsResolved: figureNumber(c.rows[0].resolved),
  };
}
