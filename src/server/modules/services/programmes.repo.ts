/** SQL of policy programmes and their applications. Explicit columns; callers pass the scope. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { EligibilityReasonRow, ProgrammeRulesRow } from './services.tables.js';

/** A programme row in camelCase. */
export interface ProgrammeRecord {
  id: string;
  title: string;
  regionCode: string;
  description: string;
  rules: ProgrammeRulesRow;
  maxAmountFen: string;
  deadline: string;
}

// `date` arrives from pg as a local-time Date: read the business date as text.
const PROGRAMME_COLUMNS = ['id', 'title', 'region_code as regionCode', 'description', 'rules', 'max_amount_fen as maxAmountFen', sql<string>`to_char(deadline, 'YYYY-MM-DD')`.as('deadline')] as const;

/** One programme. */
export async function selectProgramme(db: Db | Tx, id: string): Promise<ProgrammeRecord | undefined> {
  return db.selectFrom('service_programmes').select(PROGRAMME_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Programmes newest first: those whose region lies on the path of `ancestors` (enterprises), or under a prefix (gov). */
export async function selectProgrammes(db: Db | Tx, filter: { regionCodes?: string[]; regionPrefix?: string; beforeId?: string }, limit: number): Promise<ProgrammeRecord[]> {
  let query = db.selectFrom('service_programmes').select(PROGRAMME_COLUMNS);
  if (filter.regionCodes) query = query.where('region_code', 'in', filter.regionCodes);
  if (filter.regionPrefix) query = query.where('region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Insert a programme. */
export async function insertProgramme(tx: Tx, input: { title: string; regionCode: string; description: string; rules: ProgrammeRulesRow; maxAmountFen: bigint; deadline: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('service_programmes')
    .values({ title: input.title, region_code: input.regionCode, description: input.description, rules: JSON.stringify(input.rules), max_amount_fen: input.maxAmountFen, deadline: input.deadline, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An application row with its enterprise and programme names. */
export interface ApplicationRecord {
  id: string;
  programmeId: string;
  programmeTitle: string;
  programmeRegionCode: string;
  maxAmountFen: string;
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
  requestedFen: string;
  plan: string;
  isEligible: boolean;
  reasons: EligibilityReasonRow[];
  status: string;
  approvedFen: string | null;
  decisionNote: string;
  createdAt: Date;
}

function applicationSelect(db: Db | Tx) {
  return db
    .selectFrom('service_programme_applications as a')
    .innerJoin('service_programmes as p', 'p.id', 'a.programme_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select([
      'a.id', 'a.programme_id as programmeId', 'p.title as programmeTitle', 'p.region_code as programmeRegionCode', 'p.max_amount_fen as maxAmountFen', 'a.enterprise_id as enterpriseId', 'e.uscc', 'e.name',
      'a.region_code as regionCode', 'a.requested_fen as requestedFen', 'a.plan', 'a.is_eligible as isEligible', 'a.reasons', 'a.status', 'a.approved_fen as approvedFen', 'a.decision_note as decisionNote', 'a.created_at as createdAt',
    ]);
}

/** One application (optionally locked). */
export async function selectApplication(db: Db | Tx, id: string, options: { isForUpdate?: boolean } = {}): Promise<ApplicationRecord | undefined> {
  let query = applicationSelect(db).where('a.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('a');
  return query.executeTakeFirst();
}

/** Applications of a programme, or of an enterprise, newest first. */
export async function selectApplications(db: Db | Tx, filter: { programmeId?: string; enterpriseId?: string }, limit: number): Promise<ApplicationRecord[]> {
  let query = applicationSelect(db);
  if (filter.programmeId) query = query.where('a.programme_id', '=', filter.programmeId);
  if (filter.enterpriseId) query = query.where('a.enterprise_id', '=', filter.enterpriseId);
  return query.orderBy('a.id', 'desc').limit(limit).execute();
}

/** The enterprise's application to a programme, if any. */
export async function selectApplicationId(db: Db | Tx, programmeId: string, enterpriseId: string): Promise<string | undefined> {
  return (await db.selectFrom('service_programme_applications').select('id').where('programme_id', '=', programmeId).where('enterprise_id', '=', enterpriseId).executeTakeFirst())?.id;
}

/** Insert an application with its verdict. */
export async function insertApplication(tx: Tx, input: { programmeId: string; enterpriseId: string; regionCode: string; requestedFen: bigint; plan: string; isEligible: boolean; reasons: EligibilityReasonRow[]; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('service_programme_applications')
    .values({ programme_id: input.programmeId, enterprise_id: input.enterpriseId, region_code: input.regionCode, requested_fen: input.requestedFen, plan: input.plan, is_eligible: input.isEligible, reasons: JSON.stringify(input.reasons), created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Record a decision. */
export async function setDecision(tx: Tx, id: string, input: { status: string; approvedFen: bigint | null; note: string; decidedBy: string | null }): Promise<void> {
  await tx.updateTable('service_programme_applications').set({ status: input.status, approved_fen: input.approvedFen, decision_note: input.note, decided_by: input.decidedBy, decided_at: new Date() }).where('id', '=', id).execute();
}

/** Registry facts of an enterprise by USCC. */
export async function selectEnterpriseFacts(db: Db | Tx, uscc: string) {
  return db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code as regionCode', 'industry_code as industryCode', 'size', 'tags']).where('uscc', '=', uscc).executeTakeFirst();
}
