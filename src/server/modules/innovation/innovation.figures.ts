/**
 * Dashboard figures of the innovation module (for the workbench): challenges (揭榜挂帅) by status,
 * shared resources and their sharing rate — the share of used minutes that went to enterprises
 * other than the owner. Rows count in the posting / owning enterprise's region.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { chainMemberFilter, figureNumber, percentOf, regionLike, type FigureScope } from '../../platform/figures.js';

export interface InnovationFigures {
  challenges: number;
  challengesOpen: number;
  challengesAwarded: number;
  resources: number;
  bookingsApproved: number;
  usedMinutes: number;
  outsideMinutes: number;
  /** outsideMinutes / usedMinutes in %, null when nothing was used. */
  sharingRate: number | null;
}

export async function countInnovationFigures(db: Db, scope: FigureScope): Promise<InnovationFigures> {
  const like = regionLike(scope);
  const [c, r] = await Promise.all([
    sql<Record<string, string>>`SELECT count(*) AS total, count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'awarded') AS awarded
      FROM challenges c WHERE c.region_code LIKE ${like} ${chainMemberFilter('c.enterprise_id', scope)}`.execute(db),
    sql<Record<string, string>>`SELECT count(*) FILTER (WHERE r.is_active) AS resources,
        (SELECT count(*) FROM resource_bookings b JOIN shared_resources r2 ON r2.id = b.resource_id
          WHERE b.status = 'approved' AND r2.region_code LIKE ${like} ${chainMemberFilter('r2.enterprise_id', scope)}) AS bookings,
        (SELECT coalesce(sum(u.used_minutes), 0) FROM resource_usages u JOIN shared_resources r2 ON r2.id = u.resource_id
          WHERE r2.region_code LIKE ${like} ${chainMemberFilter('r2.enterprise_id', scope)}) AS used,
        (SELECT coalesce(sum(u.used_minutes), 0) FROM resource_usages u JOIN shared_resources r2 ON r2.id = u.resource_id JOIN resource_bookings b ON b.id = u.booking_id
          WHERE b.enterprise_id <> r2.enterprise_id AND r2.region_code LIKE ${like} ${chainMemberFilter('r2.enterprise_id', scope)}) AS outside
      FROM shared_resources r WHERE r.region_code LIKE ${like} ${chainMemberFilter('r.enterprise_id', scope)}`.execute(db),
  ]);
  const used = figureNumber(r.rows[0].used);
  const outside = figureNumber(r.rows[0].outside);
  return {
    challenges: figureNumber(c.rows[0].total), challengesOpen: figureNumber(c.rows[0].open), challengesAwarded: figureNumber(c.rows[0].awarded),
    resources: figureNumber(r.rows[0].resources), bookingsApproved: figureNumber(r.rows[0].bookings), usedMinutes: used, outsideMinutes: outside, sharingRate: percentOf(outside, used),
  };
}
