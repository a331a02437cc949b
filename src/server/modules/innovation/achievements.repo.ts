/** SQL of technology achievements, interests and first-use records. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

export interface AchievementRecord {
  id: string;
  enterpriseId: string;
  ownerOrgId: string | null;
  ownerName: string;
  ownerUscc: string;
  regionCode: string;
  title: string;
  field: string;
  trl: number;
  patentNumbers: string[];
  transferMode: 'transfer' | 'license' | 'equity' | 'joint_development';
  priceMinFen: string | null;
  priceMaxFen: string | null;
  summary: string;
  status: 'published' | 'withdrawn';
  interestCount: number;
  createdAt: Date;
}

function achievementQuery(db: Conn) {
  return db
    .selectFrom('achievements as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .leftJoin('organisations as o', 'o.uscc', 'e.uscc')
    .select([
      'a.id', 'a.enterprise_id as enterpriseId', 'o.id as ownerOrgId', 'e.name as ownerName', 'e.uscc as ownerUscc', 'a.region_code as regionCode', 'a.title', 'a.field', 'a.trl',
      'a.patent_numbers as patentNumbers', 'a.transfer_mode as transferMode', 'a.price_min_fen as priceMinFen', 'a.price_max_fen as priceMaxFen', 'a.summary', 'a.status', 'a.created_at as createdAt',
      sql<number>`(SELECT count(*)::int FROM achievement_interests i WHERE i.achievement_id = a.id)`.as('interestCount'),
    ]);
}

export async function selectAchievement(db: Conn, id: string): Promise<AchievementRecord | undefined> {
  return (await achievementQuery(db).where('a.id', '=', id).executeTakeFirst()) as AchievementRecord | undefined;
}

export interface AchievementFilter {
  q?: string;
  transferMode?: string;
  minTrl?: number;
  enterpriseId?: string;
  beforeId?: string;
  publishedOnly?: boolean;
}

export async function selectAchievements(db: Conn, filter: AchievementFilter, limit: number): Promise<AchievementRecord[]> {
  let query = achievementQuery(db);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('a.title', 'ilike', pattern), eb('a.field', 'ilike', pattern), eb('a.summary', 'ilike', pattern), eb('e.name', 'ilike', pattern)]));
  }
  if (filter.transferMode) query = query.where('a.transfer_mode', '=', filter.transferMode);
  if (filter.minTrl) query = query.where('a.trl', '>=', filter.minTrl);
  if (filter.enterpriseId) query = query.where('a.enterprise_id', '=', filter.enterpriseId);
  if (filter.publishedOnly) query = query.where('a.status', '=', 'published');
  if (filter.beforeId) query = query.where('a.id', '<', filter.beforeId);
  return (await query.orderBy('a.id', 'desc').limit(limit).execute()) as AchievementRecord[];
}

/** Published achievements as matching documents (text only). */
export async function selectAchievementTexts(db: Conn) {
  return db
    .selectFrom('achievements as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.id', 'a.title', 'a.field', 'a.summary', 'a.trl', 'a.transfer_mode as transferMode', 'e.name as ownerName', 'e.uscc as ownerUscc'])
    .where('a.status', '=', 'published')
    .execute();
}

/** Published needs as matching documents, with what their visibility check needs. */
export async function selectPublishedNeedTexts(db: Conn) {
  return db
    .selectFrom('needs as n')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .select([
      'n.id', 'n.title', 'n.description', 'n.products', 'n.visibility', 'n.target_region_code as targetRegionCode', 'n.region_code as ownerRegionCode', 'n.invited_usccs as invitedUsccs',
      'e.name as buyerName', 'e.uscc as buyerUscc',
    ])
    .where('n.status', '=', 'published')
    .execute();
}

export async function selectNeed(db: Conn, id: string) {
  return db
    .selectFrom('needs as n')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .select(['n.id', 'n.title', 'n.description', 'n.products', 'n.status', 'n.enterprise_id as enterpriseId', 'e.uscc', 'e.region_code as regionCode'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}

export interface AchievementInsert {
  enterpriseId: string;
  regionCode: string;
  title: string;
  field: string;
  trl: number;
  patentNumbers: string[];
  transferMode: string;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  summary: string;
  createdBy: string | null;
}

export async function insertAchievement(db: Conn, row: AchievementInsert): Promise<string> {
  const { id } = await db
    .insertInto('achievements')
    .values({
      enterprise_id: row.enterpriseId, region_code: row.regionCode, title: row.title, field: row.field, trl: row.trl, patent_numbers: row.patentNumbers, transfer_mode: row.transferMode,
      price_min_fen: row.priceMinFen, price_max_fen: row.priceMaxFen, summary: row.summary, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface InterestRecord {
  id: string;
  achievementId: string;
  achievementTitle: string;
  ownerEnterpriseId: string;
  ownerRegionCode: string;
  enterpriseId: string;
  requesterName: string;
  requesterUscc: string;
  needId: string | null;
  needTitle: string | null;
  message: string;
  status: 'pending' | 'answered';
  feedbackCategory: string | null;
  feedbackNote: string;
  createdAt: Date;
  answeredAt: Date | null;
}

function interestQuery(db: Conn) {
  return db
    .selectFrom('achievement_interests as i')
    .innerJoin('achievements as a', 'a.id', 'i.achievement_id')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .leftJoin('needs as n', 'n.id', 'i.need_id')
    .select([
      'i.id', 'i.achievement_id as achievementId', 'a.title as achievementTitle', 'a.enterprise_id as ownerEnterpriseId', 'a.region_code as ownerRegionCode', 'i.enterprise_id as enterpriseId',
      'e.name as requesterName', 'e.uscc as requesterUscc', 'i.need_id as needId', 'n.title as needTitle', 'i.message', 'i.status', 'i.feedback_category as feedbackCategory',
      'i.feedback_note as feedbackNote', 'i.created_at as createdAt', 'i.answered_at as answeredAt',
    ]);
}

export async function selectInterest(db: Conn, id: string): Promise<InterestRecord | undefined> {
  return (await interestQuery(db).where('i.id', '=', id).executeTakeFirst()) as InterestRecord | undefined;
}

/** Interests in one achievement; `enterpriseId` narrows to one requester's. */
export async function selectInterests(db: Conn, filter: { achievementId?: string; enterpriseId?: string; ownerEnterpriseId?: string; beforeId?: string }, limit: number): Promise<InterestRecord[]> {
  let query = interestQuery(db);
  if (filter.achievementId) query = query.where('i.achievement_id', '=', filter.achievementId);
  if (filter.enterpriseId) query = query.where('i.enterprise_id', '=', filter.enterpriseId);
  if (filter.ownerEnterpriseId) query = query.where('a.enterprise_id', '=', filter.ownerEnterpriseId);
  if (filter.beforeId) query = query.where('i.id', '<', filter.beforeId);
  return (await query.orderBy('i.id', 'desc').limit(limit).execute()) as InterestRecord[];
}

export async function selectInterestOf(db: Conn, achievementId: string, enterpriseId: string) {
  return db.selectFrom('achievement_interests').select('id').where('achievement_id', '=', achievementId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
}

export async function insertInterest(db: Conn, row: { achievementId: string; enterpriseId: string; regionCode: string; needId: string | null; message: string; createdBy: string | null }): Promise<string | undefined> {
  const inserted = await db
    .insertInto('achievement_interests')
    .values({ achievement_id: row.achievementId, enterprise_id: row.enterpriseId, region_code: row.regionCode, need_id: row.needId, message: row.message, created_by: row.createdBy })
    .onConflict((oc) => oc.columns(['achievement_id', 'enterprise_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** Answer a pending interest; undefined when it was answered meanwhile. */
export async function answerInterest(db: Conn, id: string, answer: { category: string; note: string; answeredBy: string | null }) {
  return db
    .updateTable('achievement_interests')
    .set({ status: 'answered', feedback_category: answer.category, feedback_note: answer.note, answered_by: answer.answeredBy, answered_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
}

export interface FirstUseRecord {
  id: string;
  kind: 'first_use' | 'first_of_kind';
  supplierId: string;
  supplierName: string;
  supplierUscc: string;
  userEnterpriseId: string;
  userName: string;
  userUscc: string;
  regionCode: string;
  userRegionCode: string;
  product: string;
  startedOn: string;
  outcome: 'in_progress' | 'succeeded' | 'failed';
  outcomeNote: string;
  createdAt: Date;
}

function firstUseQuery(db: Conn) {
  return db
    .selectFrom('first_uses as f')
    .innerJoin('enterprises as s', 's.id', 'f.supplier_id')
    .innerJoin('enterprises as u', 'u.id', 'f.user_enterprise_id')
    .select([
      'f.id', 'f.kind', 'f.supplier_id as supplierId', 's.name as supplierName', 's.uscc as supplierUscc', 'f.user_enterprise_id as userEnterpriseId', 'u.name as userName', 'u.uscc as userUscc',
      'f.region_code as regionCode', 'u.region_code as userRegionCode', 'f.product', sql<string>`to_char(f.started_on, 'YYYY-MM-DD')`.as('startedOn'), 'f.outcome', 'f.outcome_note as outcomeNote',
      'f.created_at as createdAt',
    ]);
}

export async function selectFirstUse(db: Conn, id: string): Promise<FirstUseRecord | undefined> {
  return (await firstUseQuery(db).where('f.id', '=', id).executeTakeFirst()) as FirstUseRecord | undefined;
}

export interface FirstUseFilter {
  kind?: string;
  outcome?: string;
  /** Gov users: records of suppliers in this region subtree ('' = all). */
  regionPrefix?: string;
  /** Members: records their enterprise is a party to. */
  partyEnterpriseId?: string;
  beforeId?: string;
}

export async function selectFirstUses(db: Conn, filter: FirstUseFilter, limit: number): Promise<FirstUseRecord[]> {
  let query = firstUseQuery(db);
  if (filter.kind) query = query.where('f.kind', '=', filter.kind);
  if (filter.outcome) query = query.where('f.outcome', '=', filter.outcome);
  if (filter.regionPrefix !== undefined && filter.regionPrefix !== '') query = query.where('f.region_code', 'like', `${filter.regionPrefix}%`);
  const party = filter.partyEnterpriseId;
  if (party) query = query.where((eb) => eb.or([eb('f.supplier_id', '=', party), eb('f.user_enterprise_id', '=', party)]));
  if (filter.beforeId) query = query.where('f.id', '<', filter.beforeId);
  return (await query.orderBy('f.id', 'desc').limit(limit).execute()) as FirstUseRecord[];
}

export async function insertFirstUse(db: Conn, row: { kind: string; supplierId: string; userEnterpriseId: string; regionCode: string; product: string; startedOn: string; outcome: string; outcomeNote: string; createdBy: string | null }): Promise<string> {
  const { id } = await db
    .insertInto('first_uses')
    .values({
      kind: row.kind, supplier_id: row.supplierId, user_enterprise_id: row.userEnterpriseId, region_code: row.regionCode, product: row.product, started_on: row.startedOn, outcome: row.outcome,
      outcome_note: row.outcomeNote, created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateFirstUseOutcome(db: Conn, id: string, outcome: string, outcomeNote: string): Promise<void> {
  await db.updateTable('first_uses').set({ outcome, outcome_note: outcomeNote, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function selectEnterpriseIdByUscc(db: Conn, uscc: string) {
  return db.selectFrom('enterprises').select(['id', 'uscc', 'region_code as regionCode']).where('uscc', '=', uscc).executeTakeFirst();
}
