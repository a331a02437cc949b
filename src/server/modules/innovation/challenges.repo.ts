/** SQL of challenges, Q&A, NDA acceptances, applications and milestones. No business rules here. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

/** A challenge row with its owner's name and the application count. */
export interface ChallengeRecord {
  id: string;
  enterpriseId: string | null;
  ownerOrgId: string | null;
  regionCode: string;
  title: string;
  type: 'idea' | 'proposal' | 'prototype';
  problem: string;
  targets: string[];
  fields: string[];
  budgetFen: string | null;
  deadline: Date;
  ipTerms: string;
  isConfidential: boolean;
  confidentialDetails: string;
  ndaText: string;
  criteria: { key: string; name: string; weight: number }[];
  reviewsPerApplication: number;
  disagreementThreshold: number;
  status: 'open' | 'reviewing' | 'awarded' | 'cancelled';
  cancelReason: string | null;
  cancelledAt: Date | null;
  ownerName: string;
  ownerUscc: string | null;
  applicationCount: number;
  createdAt: Date;
  chainId: string | null;
  chainName: string | null;
  segmentKey: string | null;
  segmentName: string | null;
}

function challengeQuery(db: Conn) {
  return db
    .selectFrom('challenges as c')
    .leftJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .leftJoin('organisations as o', 'o.id', 'c.owner_org_id')
    .leftJoin('chains as ch', 'ch.id', 'c.chain_id')
    .leftJoin('chain_segments as cs', (join) => join.onRef('cs.chain_id', '=', 'c.chain_id').onRef('cs.key', '=', 'c.segment_key'))
    .select([
      'c.id', 'c.enterprise_id as enterpriseId', 'c.owner_org_id as ownerOrgId', 'c.region_code as regionCode', 'c.title', 'c.type', 'c.problem', 'c.targets', 'c.fields',
      'c.budget_fen as budgetFen', 'c.deadline', 'c.ip_terms as ipTerms', 'c.is_confidential as isConfidential', 'c.confidential_details as confidentialDetails',
      'c.nda_text as ndaText', 'c.criteria', 'c.reviews_per_application as reviewsPerApplication', 'c.disagreement_threshold as disagreementThreshold', 'c.status',
      'c.cancel_reason as cancelReason', 'c.cancelled_at as cancelledAt',
      'c.created_at as createdAt', 'e.uscc as ownerUscc',
      'c.chain_id as chainId', 'ch.name as chainName', 'c.segment_key as segmentKey', 'cs.name as segmentName',
      sql<string>`coalesce(e.name, o.name, '政府部门')`.as('ownerName'),
      sql<number>`(SELECT count(*)::int FROM challenge_applications a WHERE a.challenge_id = c.id AND a.status <> 'withdrawn')`.as('applicationCount'),
    ]);
}

/** One challenge, optionally locked. */
export async function selectChallenge(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<ChallengeRecord | undefined> {
  let query = challengeQuery(db).where('c.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('c');
  return (await query.executeTakeFirst()) as ChallengeRecord | undefined;
}

/** Filters of the challenge list. */
export interface ChallengeFilter {
  status?: string;
  type?: string;
  q?: string;
  beforeId?: string;
  /** Posted by this organisation or applied to by this enterprise. */
  mine?: { orgId: string | null; enterpriseId: string | null };
}

/** A page of challenges, newest first (challenges are public listings). */
export async function selectChallenges(db: Conn, filter: ChallengeFilter, limit: number): Promise<ChallengeRecord[]> {
  let query = challengeQuery(db).orderBy('c.id', 'desc').limit(limit);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.type) query = query.where('c.type', '=', filter.type);
  if (filter.beforeId) query = query.where('c.id', '<', filter.beforeId);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('c.title', 'ilike', pattern), eb('c.problem', 'ilike', pattern)]));
  }
  if (filter.mine) {
    const { orgId, enterpriseId } = filter.mine;
    query = query.where((eb) =>
      eb.or([
        eb('c.owner_org_id', '=', orgId ?? '0'),
        eb.exists(eb.selectFrom('challenge_applications as a').select('a.id').whereRef('a.challenge_id', '=', 'c.id').where('a.enterprise_id', '=', enterpriseId ?? '0')),
      ]),
    );
  }
  return (await query.execute()) as ChallengeRecord[];
}

/** Columns of a new challenge. */
export type ChallengeInsert = Omit<ChallengeRecord, 'id' | 'status' | 'cancelReason' | 'cancelledAt' | 'ownerName' | 'ownerUscc' | 'applicationCount' | 'createdAt' | 'budgetFen' | 'chainName' | 'segmentName'> & {
  budgetFen: bigint | null;
  createdBy: string | null;
};

export async function insertChallenge(tx: Tx, row: ChallengeInsert): Promise<string> {
  const { id } = await tx
    .insertInto('challenges')
    .values({
      enterprise_id: row.enterpriseId, owner_org_id: row.ownerOrgId, region_code: row.regionCode, title: row.title, type: row.type, problem: row.problem,
      targets: row.targets, fields: row.fields, budget_fen: row.budgetFen, deadline: row.deadline, ip_terms: row.ipTerms, is_confidential: row.isConfidential,
      confidential_details: row.confidentialDetails, nda_text: row.ndaText, criteria: JSON.stringify(row.criteria), reviews_per_application: row.reviewsPerApplication,
      disagreement_threshold: row.disagreementThreshold, created_by: row.createdBy, chain_id: row.chainId, segment_key: row.segmentKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setChallengeStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.updateTable('challenges').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Cancel a challenge with its reason. */
export async function cancelChallenge(tx: Tx, id: string, reason: string, at: Date): Promise<void> {
  await tx.updateTable('challenges').set({ status: 'cancelled', cancel_reason: reason, cancelled_at: at, updated_at: at }).where('id', '=', id).execute();
}

export async function setDisagreementThreshold(tx: Tx, id: string, threshold: number): Promise<void> {
  await tx.updateTable('challenges').set({ disagreement_threshold: threshold, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Enterprises with a live (submitted or shortlisted) application to the challenge: those a cancellation concerns. */
export async function selectLiveApplicantUsccs(db: Conn, challengeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('challenge_applications as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select('e.uscc')
    .where('a.challenge_id', '=', challengeId)
    .where('a.status', 'in', ['submitted', 'shortlisted'])
    .execute();
  return rows.map((r) => r.uscc);
}

/** Whether the organisation accepted the challenge's NDA. */
export async function hasAcceptedNda(db: Conn, challengeId: string, orgId: string | null): Promise<boolean> {
  if (!orgId) return false;
  const row = await db.selectFrom('challenge_nda_acceptances').select('org_id').where('challenge_id', '=', challengeId).where('org_id', '=', orgId).executeTakeFirst();
  return Boolean(row);
}

/** Record an acceptance; false when the organisation had already accepted. */
export async function insertNdaAcceptance(tx: Tx, challengeId: string, orgId: string, userId: string): Promise<boolean> {
  const rows = await tx.insertInto('challenge_nda_acceptances').values({ challenge_id: challengeId, org_id: orgId, user_id: userId }).onConflict((oc) => oc.doNothing()).returning('org_id').execute();
  return rows.length > 0;
}

export interface QuestionRecord {
  id: string;
  question: string;
  answer: string | null;
  askedAt: Date;
  answeredAt: Date | null;
}

export async function selectQuestions(db: Conn, challengeId: string): Promise<QuestionRecord[]> {
  return db
    .selectFrom('challenge_questions')
    .select(['id', 'question', 'answer', 'created_at as askedAt', 'answered_at as answeredAt'])
    .where('challenge_id', '=', challengeId)
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function insertQuestion(tx: Tx, challengeId: string, userId: string, question: string): Promise<string> {
  const { id } = await tx.insertInto('challenge_questions').values({ challenge_id: challengeId, asked_by: userId, question }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function answerQuestion(tx: Tx, challengeId: string, questionId: string, userId: string, answer: string): Promise<QuestionRecord | undefined> {
  return tx
    .updateTable('challenge_questions')
    .set({ answer, answered_by: userId, answered_at: new Date() })
    .where('id', '=', questionId)
    .where('challenge_id', '=', challengeId)
    .returning(['id', 'question', 'answer', 'created_at as askedAt', 'answered_at as answeredAt'])
    .executeTakeFirst();
}

/** An application with its applicant. */
export interface ApplicationRecord {
  id: string;
  challengeId: string;
  enterpriseId: string;
  applicantName: string;
  applicantUscc: string;
  regionCode: string;
  proposal: string;
  team: string;
  schedule: string;
  status: 'submitted' | 'shortlisted' | 'awarded' | 'rejected' | 'withdrawn';
  createdAt: Date;
}

function applicationQuery(db: Conn) {
  return db
    .selectFrom('challenge_applications as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select([
      'a.id', 'a.challenge_id as challengeId', 'a.enterprise_id as enterpriseId', 'e.name as applicantName', 'e.uscc as applicantUscc', 'a.region_code as regionCode',
      'a.proposal', 'a.team', 'a.schedule', 'a.status', 'a.created_at as createdAt',
    ]);
}

/** Applications of a challenge; `enterpriseId` restricts to one applicant. */
export async function selectApplications(db: Conn, challengeId: string, options: { enterpriseId?: string; beforeId?: string; limit: number }): Promise<ApplicationRecord[]> {
  let query = applicationQuery(db).where('a.challenge_id', '=', challengeId).orderBy('a.id', 'desc').limit(options.limit);
  if (options.enterpriseId) query = query.where('a.enterprise_id', '=', options.enterpriseId);
  if (options.beforeId) query = query.where('a.id', '<', options.beforeId);
  return (await query.execute()) as ApplicationRecord[];
}

export async function selectApplication(db: Conn, challengeId: string, id: string): Promise<ApplicationRecord | undefined> {
  return (await applicationQuery(db).where('a.challenge_id', '=', challengeId).where('a.id', '=', id).executeTakeFirst()) as ApplicationRecord | undefined;
}

/** The applicant's application of a challenge, if any. */
export async function selectApplicationOf(db: Conn, challengeId: string, enterpriseId: string): Promise<ApplicationRecord | undefined> {
  return (await applicationQuery(db).where('a.challenge_id', '=', challengeId).where('a.enterprise_id', '=', enterpriseId).executeTakeFirst()) as ApplicationRecord | undefined;
}

export async function insertApplication(tx: Tx, row: { challengeId: string; enterpriseId: string; regionCode: string; proposal: string; team: string; schedule: string; createdBy: string | null }): Promise<string> {
  const { id } = await tx
    .insertInto('challenge_applications')
    .values({ challenge_id: row.challengeId, enterprise_id: row.enterpriseId, region_code: row.regionCode, proposal: row.proposal, team: row.team, schedule: row.schedule, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Drop an application's open (unscored) review assignments; the dropped ids. */
export async function deleteOpenReviews(tx: Tx, applicationId: string): Promise<string[]> {
  const rows = await tx.deleteFrom('review_assignments').where('application_id', '=', applicationId).where('status', '=', 'assigned').returning('id').execute();
  return rows.map((r) => r.id);
}

/** Drop a challenge's open (unscored) reviews; submitted scores stay on record. */
export async function deleteOpenReviewsOfChallenge(tx: Tx, challengeId: string): Promise<string[]> {
  const rows = await tx.deleteFrom('review_assignments').where('challenge_id', '=', challengeId).where('status', '=', 'assigned').returning('id').execute();
  return rows.map((r) => r.id);
}

export async function setApplicationStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.updateTable('challenge_applications').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/** Texts to compare a new proposal with: recent applications (any challenge) and open challenges. */
export async function selectSimilarityCorpus(db: Conn, excludeApplicationId: string) {
  const applications = await db
    .selectFrom('challenge_applications as a')
    .innerJoin('challenges as c', 'c.id', 'a.challenge_id')
    .select(['a.id', 'a.enterprise_id as enterpriseId', 'a.proposal', 'c.title'])
    .where('a.id', '<>', excludeApplicationId)
    .orderBy('a.id', 'desc')
    .limit(2000)
    .execute();
  const challenges = await db.selectFrom('challenges').select(['id', 'title', 'problem']).where('status', 'in', ['open', 'reviewing']).orderBy('id', 'desc').limit(2000).execute();
  return { applications, challenges };
}

export interface MilestoneRecord {
  id: string;
  applicationId: string;
  title: string;
  dueDate: string;
  weightPct: number;
  status: 'planned' | 'delivered' | 'accepted';
  report: string;
  acceptedAt: Date | null;
}

export async function selectMilestones(db: Conn, challengeId: string, applicationId?: string): Promise<MilestoneRecord[]> {
  let query = db
    .selectFrom('challenge_milestones')
    .select(['id', 'application_id as applicationId', 'title', sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('dueDate'), 'weight_pct as weightPct', 'status', 'report', 'accepted_at as acceptedAt'])
    .where('challenge_id', '=', challengeId)
    .orderBy('due_date')
    .orderBy('id');
  if (applicationId) query = query.where('application_id', '=', applicationId);
  return (await query.execute()) as MilestoneRecord[];
}

export async function insertMilestone(tx: Tx, row: { challengeId: string; applicationId: string; title: string; dueDate: string; weightPct: number }): Promise<string> {
  const { id } = await tx
    .insertInto('challenge_milestones')
    .values({ challenge_id: row.challengeId, application_id: row.applicationId, title: row.title, due_date: row.dueDate, weight_pct: row.weightPct })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateMilestone(tx: Tx, id: string, set: { status: string; report?: string; acceptedAt?: Date }): Promise<void> {
  await tx
    .updateTable('challenge_milestones')
    .set({ status: set.status, ...(set.report !== undefined ? { report: set.report } : {}), ...(set.acceptedAt ? { accepted_at: set.acceptedAt } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Applicants per region and per day, and applications per status. */
export async function selectApplicationStatistics(db: Conn, challengeId: string) {
  const byRegion = await db
    .selectFrom('challenge_applications')
    .select(['region_code as regionCode', sql<number>`count(*)::int`.as('count')])
    .where('challenge_id', '=', challengeId)
    .groupBy('region_code')
    .orderBy('count', 'desc')
    .execute();
  const trend = await db
    .selectFrom('challenge_applications')
    .select([sql<string>`to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('date'), sql<number>`count(*)::int`.as('count')])
    .where('challenge_id', '=', challengeId)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  const byStatus = await db
    .selectFrom('challenge_applications')
    .select(['status', sql<number>`count(*)::int`.as('count')])
    .where('challenge_id', '=', challengeId)
    .groupBy('status')
    .execute();
  return { byRegion, trend, byStatus };
}

/** An enterprise by USCC with its organisation (when one holds accounts). */
export async function selectEnterpriseByUscc(db: Conn, uscc: string) {
  return db
    .selectFrom('enterprises as e')
    .leftJoin('organisations as o', 'o.uscc', 'e.uscc')
    .select(['e.id', 'e.uscc', 'e.name', 'e.region_code as regionCode', 'o.id as orgId'])
    .where('e.uscc', '=', uscc)
    .executeTakeFirst();
}
