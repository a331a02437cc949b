/** SQL of the expert pool, conflicts of interest and review assignments. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

/** An expert with their open review count. */
export interface ExpertRecord {
  id: string;
  userId: string | null;
  name: string;
  fields: string[];
  affiliation: string;
  affiliationUscc: string | null;
  regionCode: string;
  maxLoad: number;
  isAvailable: boolean;
  openReviews: number;
}

function expertQuery(db: Conn) {
  return db
    .selectFrom('experts as x')
    .select([
      'x.id', 'x.user_id as userId', 'x.name', 'x.fields', 'x.affiliation', 'x.affiliation_uscc as affiliationUscc', 'x.region_code as regionCode', 'x.max_load as maxLoad',
      'x.is_available as isAvailable',
      sql<number>`(SELECT count(*)::int FROM review_assignments r WHERE r.expert_id = x.id AND r.status = 'assigned')`.as('openReviews'),
    ]);
}

export async function selectExpert(db: Conn, id: string): Promise<ExpertRecord | undefined> {
  return expertQuery(db).where('x.id', '=', id).executeTakeFirst();
}

export async function selectExpertByUser(db: Conn, userId: string): Promise<ExpertRecord | undefined> {
  return expertQuery(db).where('x.user_id', '=', userId).executeTakeFirst();
}

/** The pool, by id; `isAvailableOnly` for assignment. */
export async function selectExperts(db: Conn, options: { isAvailableOnly?: boolean; q?: string; field?: string; regionPrefix?: string; affiliation?: string; beforeId?: string; limit?: number } = {}): Promise<ExpertRecord[]> {
  let query = expertQuery(db).orderBy('x.id');
  if (options.isAvailableOnly) query = query.where('x.is_available', '=', true);
  if (options.field) query = query.where(sql<boolean>`${options.field} = ANY (x.fields)`);
  if (options.regionPrefix) query = query.where('x.region_code', 'like', `${options.regionPrefix}%`);
  if (options.affiliation) query = query.where('x.affiliation', 'ilike', containsPattern(options.affiliation));
  if (options.q) {
    const q = options.q;
    query = query.where((eb) => eb.or([eb('x.name', 'ilike', containsPattern(q)), sql<boolean>`${q} = ANY (x.fields)`]));
  }
  if (options.beforeId) query = query.where('x.id', '>', options.beforeId);
  if (options.limit) query = query.limit(options.limit);
  return query.execute();
}

/** Declared conflicts per expert (for the pool's export). */
export async function selectConflictCounts(db: Conn, expertIds: string[]): Promise<Map<string, number>> {
  if (expertIds.length === 0) return new Map();
  const rows = await db.selectFrom('expert_conflicts').select(['expert_id as expertId', (eb) => eb.fn.countAll<string>().as('n')]).where('expert_id', 'in', expertIds).groupBy('expert_id').execute();
  return new Map(rows.map((r) => [r.expertId, Number(r.n)]));
}

export async function selectConflictDeclarations(db: Conn, expertId: string): Promise<{ uscc: string; kind: 'declared' | 'investment' | 'employment' | 'family'; note: string }[]> {
  const rows = await db.selectFrom('expert_conflicts').select(['uscc', 'kind', 'note']).where('expert_id', '=', expertId).orderBy('id').execute();
  return rows as { uscc: string; kind: 'declared' | 'investment' | 'employment' | 'family'; note: string }[];
}

/** Insert or update the expert row of a user, replacing their declared conflicts. */
export async function upsertExpert(tx: Tx, row: { userId: string; name: string; fields: string[]; affiliation: string; affiliationUscc: string | null; regionCode: string; maxLoad: number; isAvailable: boolean }, conflicts: { uscc: string; kind: string; note: string }[]): Promise<string> {
  const { id } = await tx
    .insertInto('experts')
    .values({ user_id: row.userId, name: row.name, fields: row.fields, affiliation: row.affiliation, affiliation_uscc: row.affiliationUscc, region_code: row.regionCode, max_load: row.maxLoad, is_available: row.isAvailable })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        name: row.name, fields: row.fields, affiliation: row.affiliation, affiliation_uscc: row.affiliationUscc, region_code: row.regionCode, max_load: row.maxLoad, is_available: row.isAvailable, updated_at: new Date(),
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.deleteFrom('expert_conflicts').where('expert_id', '=', id).execute();
  if (conflicts.length > 0) {
    await tx.insertInto('expert_conflicts').values(conflicts.map((c) => ({ expert_id: id, uscc: c.uscc, kind: c.kind, note: c.note }))).execute();
  }
  return id;
}

/** A conflict of interest between an expert and an applicant enterprise, with its reason. */
export interface ConflictPair {
  expertId: string;
  enterpriseId: string;
  reason: 'same_organisation' | 'supply_edge' | 'org_investment' | 'declared' | 'investment' | 'employment' | 'family' | 'panel_declared';
}

/**
 * Conflicts between experts and the applicants of a challenge (optionally one application and one
 * expert): same organisation (the expert's affiliation is the applicant), a supply edge either way
 * between the expert's organisation and the applicant, an equity investment either way between
 * them (table `investments`), conflicts the expert declared (including personal investments), and
 * conflicts a review panel member declared against an applicant of this challenge (ADR 0032).
 */
export async function selectConflicts(db: Conn, challengeId: string, only: { applicationId?: string; expertId?: string } = {}): Promise<ConflictPair[]> {
  const application = only.applicationId ? sql`AND a.id = ${only.applicationId}` : sql``;
  const expert = only.expertId ? sql`AND x.id = ${only.expertId}` : sql``;
  const result = await sql<ConflictPair>`
    SELECT x.id AS "expertId", a.enterprise_id AS "enterpriseId", 'same_organisation' AS reason
      FROM challenge_applications a JOIN enterprises e ON e.id = a.enterprise_id JOIN experts x ON x.affiliation_uscc = e.uscc
     WHERE a.challenge_id = ${challengeId} ${application} ${expert}
    UNION
    SELECT x.id, a.enterprise_id, c.kind
      FROM challenge_applications a JOIN enterprises e ON e.id = a.enterprise_id JOIN expert_conflicts c ON c.uscc = e.uscc JOIN experts x ON x.id = c.expert_id
     WHERE a.challenge_id = ${challengeId} ${application} ${expert}
    UNION
    SELECT x.id, a.enterprise_id, 'supply_edge'
      FROM challenge_applications a
      JOIN supply_edges s ON s.supplier_id = a.enterprise_id OR s.customer_id = a.enterprise_id
      JOIN enterprises p ON p.id = CASE WHEN s.supplier_id = a.enterprise_id THEN s.customer_id ELSE s.supplier_id END
      JOIN experts x ON x.affiliation_uscc = p.uscc
     WHERE a.challenge_id = ${challengeId} ${application} ${expert}
    UNION
    SELECT x.id, a.enterprise_id, 'org_investment'
      FROM challenge_applications a JOIN enterprises e ON e.id = a.enterprise_id
      JOIN investments i ON i.investor_uscc = e.uscc OR i.investee_uscc = e.uscc
      JOIN experts x ON x.affiliation_uscc = CASE WHEN i.investor_uscc = e.uscc THEN i.investee_uscc ELSE i.investor_uscc END
     WHERE a.challenge_id = ${challengeId} ${application} ${expert}
    UNION
    SELECT x.id, a.enterprise_id, 'panel_declared'
      FROM challenge_applications a
      JOIN review_panels p ON p.challenge_id = a.challenge_id
      JOIN review_panel_conflicts pc ON pc.panel_id = p.id AND pc.enterprise_id = a.enterprise_id
      JOIN experts x ON x.id = pc.expert_id
     WHERE a.challenge_id = ${challengeId} ${application} ${expert}`.execute(db);
  return result.rows.map((r) => ({ ...r, expertId: String(r.expertId), enterpriseId: String(r.enterpriseId) }));
}

/** Existing assignments of a challenge. */
export async function selectAssignmentsOfChallenge(db: Conn, challengeId: string) {
  return db
    .selectFrom('review_assignments as r')
    .innerJoin('experts as x', 'x.id', 'r.expert_id')
    .select(['r.id', 'r.application_id as applicationId', 'r.expert_id as expertId', 'x.name as expertName', 'r.method', 'r.total', 'r.status'])
    .where('r.challenge_id', '=', challengeId)
    .orderBy('r.id')
    .execute();
}

export async function insertAssignments(tx: Tx, rows: { challengeId: string; applicationId: string; expertId: string; method: 'auto' | 'manual'; matchScore: number }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insertInto('review_assignments')
      .values(rows.slice(i, i + 1000).map((r) => ({ challenge_id: r.challengeId, application_id: r.applicationId, expert_id: r.expertId, method: r.method, match_score: r.matchScore })))
      .execute();
  }
}

/** A review as its expert sees it (blind: no applicant). */
export interface ReviewRecord {
  id: string;
  expertId: string;
  challengeId: string;
  applicationId: string;
  challengeTitle: string;
  challengeType: 'idea' | 'proposal' | 'prototype';
  problem: string;
  targets: string[];
  criteria: { key: string; name: string; weight: number }[];
  regionCode: string;
  proposal: string;
  team: string;
  schedule: string;
  status: 'assigned' | 'submitted';
  scores: Record<string, number> | null;
  total: number | null;
  comment: string;
  assignedAt: Date;
}

function reviewQuery(db: Conn) {
  return db
    .selectFrom('review_assignments as r')
    .innerJoin('challenges as c', 'c.id', 'r.challenge_id')
    .innerJoin('challenge_applications as a', 'a.id', 'r.application_id')
    .select([
      'r.id', 'r.expert_id as expertId', 'c.id as challengeId', 'r.application_id as applicationId', 'c.title as challengeTitle', 'c.type as challengeType', 'c.problem', 'c.targets', 'c.criteria', 'c.region_code as regionCode',
      'a.proposal', 'a.team', 'a.schedule', 'r.status', 'r.scores', 'r.total', 'r.comment', 'r.created_at as assignedAt',
    ]);
}

/** An expert's reviews, open first then newest. */
export async function selectReviewsOfExpert(db: Conn, expertId: string, options: { status?: string; limit: number; offset: number }): Promise<ReviewRecord[]> {
  let query = reviewQuery(db).where('r.expert_id', '=', expertId).orderBy(sql`r.status = 'assigned'`, 'desc').orderBy('r.id', 'desc').limit(options.limit).offset(options.offset);
  if (options.status) query = query.where('r.status', '=', options.status);
  return (await query.execute()) as ReviewRecord[];
}

export async function selectReview(db: Conn, id: string): Promise<ReviewRecord | undefined> {
  return (await reviewQuery(db).where('r.id', '=', id).executeTakeFirst()) as ReviewRecord | undefined;
}

export async function updateReviewScores(tx: Tx, id: string, scores: Record<string, number>, total: number, comment: string): Promise<void> {
  await tx.updateTable('review_assignments').set({ scores: JSON.stringify(scores), total, comment, status: 'submitted', submitted_at: new Date() }).where('id', '=', id).execute();
}
