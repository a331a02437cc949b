/** SQL of SOE openings, their applications and the per-firm openness figures. Explicit columns. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** An opening row with the firm's and chain's names and its application figures. */
export interface OpeningRecord {
  id: string;
  enterpriseId: string;
  enterpriseUscc: string;
  enterpriseName: string;
  regionCode: string;
  ownership: string;
  kind: string;
  title: string;
  description: string;
  chainId: string | null;
  chainName: string | null;
  budgetFen: string | null;
  applyBy: string;
  applicationCount: number;
  acceptedCount: number;
  createdAt: Date;
}

/** Openings newest first; `openOn` keeps those whose apply-by date is on or after that day. */
export async function selectOpenings(db: Db | Tx, filter: { id?: string; kind?: string; ownership?: string; regionPrefix?: string; openOn?: string; closedOn?: string; beforeId?: string }, limit: number): Promise<OpeningRecord[]> {
  let query = db
    .selectFrom('soe_openings as o')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .leftJoin('chains as c', 'c.id', 'o.chain_id')
    .select([
      'o.id', 'o.enterprise_id as enterpriseId', 'e.uscc as enterpriseUscc', 'e.name as enterpriseName', 'o.region_code as regionCode', 'o.ownership', 'o.kind', 'o.title', 'o.description',
      'o.chain_id as chainId', 'c.name as chainName', 'o.budget_fen as budgetFen', sql<string>`to_char(o.apply_by, 'YYYY-MM-DD')`.as('applyBy'),
      sql<number>`(SELECT count(*)::int FROM soe_opening_applications a WHERE a.opening_id = o.id)`.as('applicationCount'),
      sql<number>`(SELECT count(*)::int FROM soe_opening_applications a WHERE a.opening_id = o.id AND a.status = 'accepted')`.as('acceptedCount'),
      'o.created_at as createdAt',
    ]);
  if (filter.id) query = query.where('o.id', '=', filter.id);
  if (filter.kind) query = query.where('o.kind', '=', filter.kind);
  if (filter.ownership) query = query.where('o.ownership', '=', filter.ownership);
  if (filter.regionPrefix) query = query.where('o.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.openOn) query = query.where('o.apply_by', '>=', filter.openOn);
  if (filter.closedOn) query = query.where('o.apply_by', '<', filter.closedOn);
  if (filter.beforeId) query = query.where('o.id', '<', filter.beforeId);
  return query.orderBy('o.id', 'desc').limit(limit).execute();
}

/** Insert an opening. */
export async function insertOpening(tx: Tx, input: { enterpriseId: string; regionCode: string; ownership: string; kind: string; title: string; description: string; chainId: string | null; budgetFen: bigint | null; applyBy: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('soe_openings')
    .values({ enterprise_id: input.enterpriseId, region_code: input.regionCode, ownership: input.ownership, kind: input.kind, title: input.title, description: input.description, chain_id: input.chainId, budget_fen: input.budgetFen, apply_by: input.applyBy, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An application row with the SME's registry facts. */
export interface ApplicationRecord {
  enterpriseId: string;
  enterpriseUscc: string;
  enterpriseName: string;
  size: string | null;
  note: string;
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
}

/** An opening's applications oldest first (only one enterprise's when given). */
export async function selectApplications(db: Db | Tx, openingId: string, enterpriseId?: string): Promise<ApplicationRecord[]> {
  let query = db
    .selectFrom('soe_opening_applications as a')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select(['a.enterprise_id as enterpriseId', 'e.uscc as enterpriseUscc', 'e.name as enterpriseName', 'e.size', 'a.note', 'a.status', 'a.created_at as createdAt', 'a.decided_at as decidedAt'])
    .where('a.opening_id', '=', openingId);
  if (enterpriseId) query = query.where('a.enterprise_id', '=', enterpriseId);
  return query.orderBy('a.created_at').orderBy('a.enterprise_id').execute();
}

/** Insert an application; false when the enterprise has applied already. */
export async function insertApplication(tx: Tx, input: { openingId: string; enterpriseId: string; note: string; createdBy: string | null }): Promise<boolean> {
  const rows = await tx
    .insertInto('soe_opening_applications')
    .values({ opening_id: input.openingId, enterprise_id: input.enterpriseId, note: input.note, created_by: input.createdBy })
    .onConflict((oc) => oc.columns(['opening_id', 'enterprise_id']).doNothing())
    .returning('opening_id')
    .execute();
  return rows.length === 1;
}

/** Set an application's status (with the decision time). */
export async function updateApplicationStatus(tx: Tx, openingId: string, enterpriseId: string, status: string): Promise<void> {
  await tx.updateTable('soe_opening_applications').set({ status, decided_at: new Date() }).where('opening_id', '=', openingId).where('enterprise_id', '=', enterpriseId).execute();
}

/** An enterprise's id, name, region and size by USCC. */
export async function selectEnterpriseByUscc(db: Db | Tx, uscc: string) {
  return db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code as regionCode', 'size']).where('uscc', '=', uscc).executeTakeFirst();
}

/** Per firm that has published openings (in a region subtree, or one firm): the openness figures. */
export async function selectOpennessRows(db: Db | Tx, filter: { regionPrefix?: string; enterpriseId?: string; today: string }) {
  let query = db
    .selectFrom('soe_openings as o')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select([
      'e.uscc as enterpriseUscc', 'e.name as enterpriseName', 'e.region_code as regionCode',
      sql<string>`(array_agg(o.ownership ORDER BY o.id DESC))[1]`.as('ownership'),
      sql<number>`count(*)::int`.as('openingCount'),
      sql<number>`(count(*) FILTER (WHERE o.apply_by >= ${filter.today}::date))::int`.as('openCount'),
      sql<string>`coalesce(sum(o.budget_fen), 0)::text`.as('budgetFen'),
      sql<number>`(SELECT count(*)::int FROM soe_opening_applications a JOIN soe_openings oo ON oo.id = a.opening_id WHERE oo.enterprise_id = e.id)`.as('applicationCount'),
      sql<number>`(SELECT count(DISTINCT a.enterprise_id)::int FROM soe_opening_applications a JOIN soe_openings oo ON oo.id = a.opening_id WHERE oo.enterprise_id = e.id AND a.status = 'accepted')`.as('acceptedSmeCount'),
      sql<number>`(SELECT count(DISTINCT s.supplier_id)::int FROM supply_edges s JOIN enterprises se ON se.id = s.supplier_id WHERE s.customer_id = e.id AND NOT s.is_private AND se.size IN ('small','medium','micro'))`.as('smeSupplierCount'),
    ])
    .groupBy(['e.id', 'e.uscc', 'e.name', 'e.region_code']);
  if (filter.enterpriseId) query = query.where('o.enterprise_id', '=', filter.enterpriseId);
  if (filter.regionPrefix !== undefined) query = query.where('o.region_code', 'like', `${filter.regionPrefix}%`);
  return query.orderBy('e.region_code').orderBy('e.name').limit(2000).execute();
}
