/** SQL of secondments, their periods and reports. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

type Conn = Db | Tx;

export interface SecondmentRecord {
  id: string;
  kind: 'part_time_guidance' | 'resident';
  status: 'proposed' | 'active' | 'completed' | 'cancelled';
  senderId: string;
  senderName: string;
  senderUscc: string;
  senderRegion: string;
  hostId: string;
  hostName: string;
  hostUscc: string;
  expertId: string | null;
  expertUserId: string | null;
  engineerName: string;
  engineerTitle: string;
  field: string;
  goals: string[];
  regionCode: string;
  startsOn: string;
  endsOn: string;
  confirmedDays: number;
  confirmedHours: number;
  rating: number | null;
  ratingComment: string;
  createdAt: Date;
}

export interface PeriodRecord {
  id: string;
  secondmentId: string;
  seq: number;
  startsOn: string;
  endsOn: string;
  plannedDays: number;
  plannedHours: number;
}

export interface ReportRecord {
  id: string;
  secondmentId: string;
  periodId: string;
  periodSeq: number;
  days: number;
  hours: number;
  summary: string;
  status: 'submitted' | 'confirmed' | 'returned';
  hostComment: string;
  createdAt: Date;
}

/** Who may see what: the filter a list applies (see the service). */
export type SecondmentFilter =
  | { all: true }
  | { regionPrefix: string }
  | { enterpriseId: string }
  | { expertId: string };

function secondmentQuery(db: Conn) {
  return db
    .selectFrom('secondments as s')
    .innerJoin('enterprises as se', 'se.id', 's.sender_id')
    .innerJoin('enterprises as h', 'h.id', 's.host_id')
    .leftJoin('experts as x', 'x.id', 's.expert_id')
    .select([
      's.id', 's.kind', 's.status', 's.sender_id as senderId', 'se.name as senderName', 'se.uscc as senderUscc', 's.sender_region as senderRegion', 's.host_id as hostId', 'h.name as hostName',
      'h.uscc as hostUscc', 's.expert_id as expertId', 'x.user_id as expertUserId', 's.engineer_name as engineerName', 's.engineer_title as engineerTitle', 's.field', 's.goals',
      's.region_code as regionCode', 's.rating', 's.rating_comment as ratingComment', 's.created_at as createdAt',
      sql<string>`(SELECT to_char(min(p.starts_on), 'YYYY-MM-DD') FROM secondment_periods p WHERE p.secondment_id = s.id)`.as('startsOn'),
      sql<string>`(SELECT to_char(max(p.ends_on), 'YYYY-MM-DD') FROM secondment_periods p WHERE p.secondment_id = s.id)`.as('endsOn'),
      sql<number>`(SELECT COALESCE(sum(r.days), 0)::int FROM secondment_reports r WHERE r.secondment_id = s.id AND r.status = 'confirmed')`.as('confirmedDays'),
      sql<number>`(SELECT COALESCE(sum(r.hours), 0)::int FROM secondment_reports r WHERE r.secondment_id = s.id AND r.status = 'confirmed')`.as('confirmedHours'),
    ]);
}

export async function selectSecondment(db: Conn, id: string): Promise<SecondmentRecord | undefined> {
  return (await secondmentQuery(db).where('s.id', '=', id).executeTakeFirst()) as SecondmentRecord | undefined;
}

/** Lock the row and read its status (transitions re-check under the lock). */
export async function lockSecondment(tx: Tx, id: string): Promise<{ status: SecondmentRecord['status'] } | undefined> {
  return (await tx.selectFrom('secondments').select('status').where('id', '=', id).forUpdate().executeTakeFirst()) as { status: SecondmentRecord['status'] } | undefined;
}

export async function selectSecondments(db: Conn, filter: SecondmentFilter, query: { status?: string; kind?: string; beforeId?: string }, limit: number): Promise<SecondmentRecord[]> {
  let q = secondmentQuery(db).orderBy('s.id', 'desc').limit(limit);
  if ('regionPrefix' in filter) {
    const pattern = `${filter.regionPrefix}%`;
    q = q.where((eb) => eb.or([eb('s.region_code', 'like', pattern), eb('s.sender_region', 'like', pattern)]));
  }
  if ('enterpriseId' in filter) q = q.where((eb) => eb.or([eb('s.sender_id', '=', filter.enterpriseId), eb('s.host_id', '=', filter.enterpriseId)]));
  if ('expertId' in filter) q = q.where('s.expert_id', '=', filter.expertId);
  if (query.status) q = q.where('s.status', '=', query.status);
  if (query.kind) q = q.where('s.kind', '=', query.kind);
  if (query.beforeId) q = q.where('s.id', '<', query.beforeId);
  return (await q.execute()) as SecondmentRecord[];
}

export async function selectPeriods(db: Conn, secondmentIds: readonly string[]): Promise<PeriodRecord[]> {
  if (secondmentIds.length === 0) return [];
  return (await db
    .selectFrom('secondment_periods')
    .select(['id', 'secondment_id as secondmentId', 'seq', sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('startsOn'), sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('endsOn'), 'planned_days as plannedDays', 'planned_hours as plannedHours'])
    .where('secondment_id', 'in', [...secondmentIds])
    .orderBy('secondment_id')
    .orderBy('seq')
    .execute()) as PeriodRecord[];
}

export async function selectReports(db: Conn, secondmentId: string): Promise<ReportRecord[]> {
  return (await db
    .selectFrom('secondment_reports as r')
    .innerJoin('secondment_periods as p', 'p.id', 'r.period_id')
    .select(['r.id', 'r.secondment_id as secondmentId', 'r.period_id as periodId', 'p.seq as periodSeq', 'r.days', 'r.hours', 'r.summary', 'r.status', 'r.host_comment as hostComment', 'r.created_at as createdAt'])
    .where('r.secondment_id', '=', secondmentId)
    .orderBy('r.id')
    .execute()) as ReportRecord[];
}

export async function selectReport(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<{ id: string; secondmentId: string; status: ReportRecord['status'] } | undefined> {
  let q = db.selectFrom('secondment_reports').select(['id', 'secondment_id as secondmentId', 'status']).where('id', '=', id);
  if (options.isForUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as { id: string; secondmentId: string; status: ReportRecord['status'] } | undefined;
}

export async function insertSecondment(
  tx: Tx,
  row: { kind: string; senderId: string; hostId: string; expertId: string | null; engineerName: string; engineerTitle: string; field: string; goals: string[]; regionCode: string; senderRegion: string; createdBy: string | null },
  periods: readonly { startsOn: string; endsOn: string; plannedDays?: number; plannedHours?: number }[],
): Promise<string> {
  const { id } = await tx
    .insertInto('secondments')
    .values({
      kind: row.kind, sender_id: row.senderId, host_id: row.hostId, expert_id: row.expertId, engineer_name: row.engineerName, engineer_title: row.engineerTitle, field: row.field, goals: row.goals,
      region_code: row.regionCode, sender_region: row.senderRegion, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('secondment_periods')
    .values(periods.map((p, i) => ({ secondment_id: id, seq: i + 1, starts_on: p.startsOn, ends_on: p.endsOn, planned_days: p.plannedDays ?? 0, planned_hours: p.plannedHours ?? 0 })))
    .execute();
  return id;
}

export async function setStatus(tx: Tx, id: string, status: SecondmentRecord['status'], extra: { rating?: number; ratingComment?: string } = {}): Promise<void> {
  const now = new Date();
  await tx
    .updateTable('secondments')
    .set({
      status, updated_at: now,
      ...(status === 'active' ? { confirmed_at: now } : {}),
      ...(extra.rating !== undefined ? { rating: extra.rating, rating_comment: extra.ratingComment ?? '', rated_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertReport(tx: Tx, row: { secondmentId: string; periodId: string; days: number; hours: number; summary: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('secondment_reports')
    .values({ secondment_id: row.secondmentId, period_id: row.periodId, days: row.days, hours: row.hours, summary: row.summary, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function decideReport(tx: Tx, id: string, status: 'confirmed' | 'returned', comment: string): Promise<void> {
  await tx.updateTable('secondment_reports').set({ status, host_comment: comment, decided_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
}

/** Figures per host region (exact codes; the service rolls them up). */
export async function selectRegionFigures(db: Conn, filter: SecondmentFilter) {
  let q = db
    .selectFrom('secondments as s')
    .leftJoin(
      (eb) => eb.selectFrom('secondment_reports').select(['secondment_id', sql<number>`sum(days)::int`.as('days'), sql<number>`sum(hours)::int`.as('hours')]).where('status', '=', 'confirmed').groupBy('secondment_id').as('r'),
      (join) => join.onRef('r.secondment_id', '=', 's.id'),
    )
    .select([
      's.region_code as regionCode', 's.status', 's.kind', sql<number>`count(*)::int`.as('count'), sql<number>`COALESCE(sum(r.days), 0)::int`.as('days'),
      sql<number>`COALESCE(sum(r.hours), 0)::int`.as('hours'), sql<number>`COALESCE(sum(s.rating), 0)::int`.as('ratingSum'), sql<number>`count(s.rating)::int`.as('rated'),
    ])
    .groupBy(['s.region_code', 's.status', 's.kind']);
  if ('regionPrefix' in filter) q = q.where('s.region_code', 'like', `${filter.regionPrefix}%`);
  if ('enterpriseId' in filter) q = q.where((eb) => eb.or([eb('s.sender_id', '=', filter.enterpriseId), eb('s.host_id', '=', filter.enterpriseId)]));
  if ('expertId' in filter) q = q.where('s.expert_id', '=', filter.expertId);
  return q.execute();
}
