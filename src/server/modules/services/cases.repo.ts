/** SQL of typical cases. Explicit columns; callers pass the scope filter. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** A case row in camelCase, with its chain's name. */
export interface CaseRecord {
  id: string;
  title: string;
  model: string;
  chainId: string | null;
  chainName: string | null;
  regionCode: string;
  ownerOrgId: string | null;
  summary: string;
  results: string;
  status: string;
  reviewComment: string;
  submittedAt: Date | null;
  publishedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An enterprise of a case. */
export interface CaseEnterprise {
  uscc: string;
  name: string;
  role: string;
}

/** Which cases a list may show: published only, or a region prefix and/or owner organisation. */
export interface CaseFilter {
  isPublishedOnly?: boolean;
  /** Gov scope: region codes starting with this. */
  regionPrefix?: string;
  /** Member scope: cases of this organisation (an impossible id shows nothing). */
  ownerOrgId?: string;
  status?: string;
  model?: string;
  q?: string;
  beforeId?: string;
}

function baseSelect(db: Db | Tx) {
  return db
    .selectFrom('service_cases as c')
    .leftJoin('chains as ch', 'ch.id', 'c.chain_id')
    .select([
      'c.id', 'c.title', 'c.model', 'c.chain_id as chainId', 'ch.name as chainName', 'c.region_code as regionCode', 'c.owner_org_id as ownerOrgId', 'c.summary', 'c.results', 'c.status',
      'c.review_comment as reviewComment', 'c.submitted_at as submittedAt', 'c.published_at as publishedAt', 'c.created_by as createdBy', 'c.created_at as createdAt', 'c.updated_at as updatedAt',
    ]);
}

/** One case (optionally locked for update). */
export async function selectCase(db: Db | Tx, id: string, options: { isForUpdate?: boolean } = {}): Promise<CaseRecord | undefined> {
  let query = baseSelect(db).where('c.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('c');
  return query.executeTakeFirst();
}

/** A page of cases, newest first. */
export async function selectCases(db: Db | Tx, filter: CaseFilter, limit: number): Promise<CaseRecord[]> {
  let query = baseSelect(db);
  if (filter.isPublishedOnly) query = query.where('c.status', '=', 'published');
  if (filter.regionPrefix) query = query.where('c.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.ownerOrgId) query = query.where('c.owner_org_id', '=', filter.ownerOrgId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.model) query = query.where('c.model', '=', filter.model);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('c.title', 'like', like), eb('c.summary', 'like', like)]));
  }
  if (filter.beforeId) query = query.where('c.id', '<', filter.beforeId);
  return query.orderBy('c.id', 'desc').limit(limit).execute();
}

/** Enterprises of many cases, grouped by case id. */
export async function selectCaseEnterprises(db: Db | Tx, caseIds: readonly string[]): Promise<Map<string, CaseEnterprise[]>> {
  const byCase = new Map<string, CaseEnterprise[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await db.selectFrom('service_case_enterprises').select(['case_id', 'uscc', 'name', 'role']).where('case_id', 'in', [...caseIds]).orderBy('case_id').orderBy(sql`array_position(array['leader','sme','other'], role)`).orderBy('name').execute();
  for (const row of rows) {
    const list = byCase.get(row.case_id) ?? [];
    list.push({ uscc: row.uscc, name: row.name, role: row.role });
    byCase.set(row.case_id, list);
  }
  return byCase;
}

/** The fields a case is written with. */
export interface CaseFields {
  title: string;
  model: string;
  chainId: string | null;
  regionCode: string;
  summary: string;
  results: string;
}

/** Insert a draft case with its enterprises. */
export async function insertCase(tx: Tx, input: CaseFields & { ownerOrgId: string | null; createdBy: string | null; enterprises: CaseEnterprise[] }): Promise<string> {
  const row = await tx
    .insertInto('service_cases')
    .values({ title: input.title, model: input.model, chain_id: input.chainId, region_code: input.regionCode, owner_org_id: input.ownerOrgId, summary: input.summary, results: input.results, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceEnterprises(tx, row.id, input.enterprises);
  return row.id;
}

/** Replace a case's enterprises. */
export async function replaceEnterprises(tx: Tx, caseId: string, enterprises: CaseEnterprise[]): Promise<void> {
  await tx.deleteFrom('service_case_enterprises').where('case_id', '=', caseId).execute();
  if (enterprises.length === 0) return;
  await tx.insertInto('service_case_enterprises').values(enterprises.map((e) => ({ case_id: caseId, uscc: e.uscc, name: e.name, role: e.role }))).execute();
}

/** Update a case's fields. */
export async function updateCaseFields(tx: Tx, id: string, fields: CaseFields): Promise<void> {
  await tx
    .updateTable('service_cases')
    .set({ title: fields.title, model: fields.model, chain_id: fields.chainId, region_code: fields.regionCode, summary: fields.summary, results: fields.results, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Move a case to another state (with the review comment and the reviewer when given). */
export async function setCaseStatus(tx: Tx, id: string, change: { status: string; reviewComment?: string; reviewedBy?: string | null }): Promise<void> {
  await tx
    .updateTable('service_cases')
    .set({
      status: change.status,
      updated_at: sql`now()`,
      ...(change.status === 'submitted' ? { submitted_at: sql`now()` } : {}),
      ...(change.status === 'published' ? { published_at: sql`now()` } : {}),
      ...(change.reviewComment !== undefined ? { review_comment: change.reviewComment } : {}),
      ...(change.reviewedBy !== undefined ? { reviewed_by: change.reviewedBy } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** A chain's name and region, if it exists. */
export async function selectChainBrief(db: Db | Tx, id: string): Promise<{ id: string; name: string; regionCode: string } | undefined> {
  return db.selectFrom('chains').select(['id', 'name', 'region_code as regionCode']).where('id', '=', id).executeTakeFirst();
}
