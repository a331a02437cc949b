/** SQL of expert consultations and their routes. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { RoutingCandidate } from './consultations.routing.js';

type Conn = Db | Tx;

/** Unanswered routes of open consultations: an expert's consultation load. */
const OPEN_CONSULTATIONS = sql<number>`(SELECT count(*)::int FROM consultation_routes cr JOIN consultations c ON c.id = cr.consultation_id WHERE cr.expert_id = x.id AND cr.answer IS NULL AND c.status <> 'closed')`;
const OPEN_REVIEWS = sql<number>`(SELECT count(*)::int FROM review_assignments r WHERE r.expert_id = x.id AND r.status = 'assigned')`;

/** Every expert (or those given) with their load and whether they conflict with the requester. */
export async function selectRoutingCandidates(db: Conn, requesterUscc: string, only?: readonly string[]): Promise<RoutingCandidate[]> {
  let query = db
    .selectFrom('experts as x')
    .select([
      'x.id', 'x.fields', 'x.region_code as regionCode', 'x.max_load as maxLoad', 'x.is_available as isAvailable',
      sql<number>`${OPEN_REVIEWS} + ${OPEN_CONSULTATIONS}`.as('openLoad'),
      sql<boolean>`(x.affiliation_uscc IS NOT DISTINCT FROM ${requesterUscc} OR EXISTS (SELECT 1 FROM expert_conflicts ec WHERE ec.expert_id = x.id AND ec.uscc = ${requesterUscc}))`.as('isConflicted'),
    ])
    .orderBy('x.id')
    .limit(20_000);
  if (only) query = query.where('x.id', 'in', only.length > 0 ? [...only] : ['0']);
  return query.execute();
}

export interface ConsultationRecord {
  id: string;
  enterpriseId: string;
  requesterName: string;
  requesterUscc: string;
  regionCode: string;
  field: string;
  question: string;
  urgency: 'low' | 'normal' | 'high';
  committeeId: string | null;
  committeeName: string | null;
  status: 'open' | 'answered' | 'closed';
  rating: number | null;
  ratingComment: string;
  createdAt: Date;
}

function consultationQuery(db: Conn) {
  return db
    .selectFrom('consultations as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .leftJoin('expert_committees as k', 'k.id', 'c.committee_id')
    .select([
      'c.id', 'c.enterprise_id as enterpriseId', 'e.name as requesterName', 'e.uscc as requesterUscc', 'c.region_code as regionCode', 'c.field', 'c.question', 'c.urgency',
      'c.committee_id as committeeId', 'k.name as committeeName', 'c.status', 'c.rating', 'c.rating_comment as ratingComment', 'c.created_at as createdAt',
    ]);
}

export async function selectConsultation(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<ConsultationRecord | undefined> {
  let query = consultationQuery(db).where('c.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('c');
  return (await query.executeTakeFirst()) as ConsultationRecord | undefined;
}

/** Who may see a page of consultations: one requester, one expert's routes, or a region prefix (none: all). */
export type ConsultationFilter = { enterpriseId: string } | { expertId: string } | { regionPrefix: string | null };

export async function selectConsultations(db: Conn, filter: ConsultationFilter, options: { status?: string; beforeId?: string; limit: number }): Promise<ConsultationRecord[]> {
  let query = consultationQuery(db).orderBy('c.id', 'desc').limit(options.limit);
  if ('enterpriseId' in filter) query = query.where('c.enterprise_id', '=', filter.enterpriseId);
  else if ('expertId' in filter) query = query.where(sql<boolean>`EXISTS (SELECT 1 FROM consultation_routes cr WHERE cr.consultation_id = c.id AND cr.expert_id = ${filter.expertId})`);
  else if (filter.regionPrefix) query = query.where('c.region_code', 'like', `${filter.regionPrefix}%`);
  if (options.status) query = query.where('c.status', '=', options.status);
  if (options.beforeId) query = query.where('c.id', '<', options.beforeId);
  return (await query.execute()) as ConsultationRecord[];
}

export interface RouteRecord {
  id: string;
  consultationId: string;
  expertId: string;
  expertUserId: string | null;
  expertName: string;
  expertAffiliation: string;
  rank: number;
  score: number;
  answer: string | null;
  answeredAt: Date | null;
}

export async function selectRoutes(db: Conn, consultationIds: readonly string[]): Promise<RouteRecord[]> {
  if (consultationIds.length === 0) return [];
  return db
    .selectFrom('consultation_routes as r')
    .innerJoin('experts as x', 'x.id', 'r.expert_id')
    .select([
      'r.id', 'r.consultation_id as consultationId', 'r.expert_id as expertId', 'x.user_id as expertUserId', 'x.name as expertName', 'x.affiliation as expertAffiliation', 'r.rank', 'r.score',
      'r.answer', 'r.answered_at as answeredAt',
    ])
    .where('r.consultation_id', 'in', [...consultationIds])
    .orderBy('r.consultation_id')
    .orderBy('r.rank')
    .execute();
}

export async function insertConsultation(tx: Tx, row: { enterpriseId: string; regionCode: string; field: string; question: string; urgency: string; committeeId: string | null; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('consultations')
    .values({ enterprise_id: row.enterpriseId, region_code: row.regionCode, field: row.field, question: row.question, urgency: row.urgency, committee_id: row.committeeId, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertRoutes(tx: Tx, consultationId: string, routes: readonly { expertId: string; score: number }[]): Promise<void> {
  if (routes.length === 0) return;
  await tx
    .insertInto('consultation_routes')
    .values(routes.map((r, i) => ({ consultation_id: consultationId, expert_id: r.expertId, rank: i + 1, score: r.score })))
    .execute();
}

export async function setAnswer(tx: Tx, routeId: string, answer: string, at: Date = new Date()): Promise<void> {
  await tx.updateTable('consultation_routes').set({ answer, answered_at: at }).where('id', '=', routeId).execute();
}

export async function setStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.updateTable('consultations').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function setRating(tx: Tx, id: string, rating: number, comment: string): Promise<void> {
  await tx.updateTable('consultations').set({ status: 'closed', rating, rating_comment: comment, rated_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
}

/** Figures over the consultations a filter admits. */
export async function selectStatistics(db: Conn, filter: { enterpriseId?: string; regionPrefix?: string | null }) {
  const where = filter.enterpriseId ? sql`c.enterprise_id = ${filter.enterpriseId}` : filter.regionPrefix ? sql`c.region_code LIKE ${`${filter.regionPrefix}%`}` : sql`true`;
  const [totals, overall, byField, byExpert] = await Promise.all([
    sql<{ status: string; count: number }>`SELECT c.status, count(*)::int AS count FROM consultations c WHERE ${where} GROUP BY c.status`.execute(db),
    sql<{ meanRating: number | null; meanHours: number | null }>`
      SELECT avg(c.rating)::float8 AS "meanRating",
             avg(extract(epoch FROM (SELECT min(r.answered_at) FROM consultation_routes r WHERE r.consultation_id = c.id) - c.created_at) / 3600)::float8 AS "meanHours"
      FROM consultations c WHERE ${where}`.execute(db),
    sql<{ field: string; count: number; meanRating: number | null }>`
      SELECT c.field, count(*)::int AS count, avg(c.rating)::float8 AS "meanRating"
      FROM consultations c WHERE ${where} GROUP BY c.field ORDER BY count(*) DESC, c.field LIMIT 50`.execute(db),
    sql<{ expertId: string; expertName: string; routed: number; answered: number; meanRating: number | null }>`
      SELECT x.id AS "expertId", x.name AS "expertName", count(*)::int AS routed, count(r.answer)::int AS answered,
             avg(c.rating) FILTER (WHERE r.answer IS NOT NULL)::float8 AS "meanRating"
      FROM consultation_routes r JOIN consultations c ON c.id = r.consultation_id JOIN experts x ON x.id = r.expert_id
      WHERE ${where} GROUP BY x.id, x.name ORDER BY count(r.answer) DESC, x.id LIMIT 100`.execute(db),
  ]);
  return { totals: totals.rows, overall: overall.rows[0], byField: byField.rows, byExpert: byExpert.rows };
}
