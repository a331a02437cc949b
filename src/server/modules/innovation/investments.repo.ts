/** SQL of equity investments between organisations. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { containsPattern } from '../../platform/text.js';

type Conn = Db | Tx;

/** A row to write: the service has resolved names and the region. */
export interface InvestmentWrite {
  investorUscc: string;
  investorName: string;
  investeeUscc: string;
  investeeName: string;
  shareBp: number;
  since: string | null;
  source: string;
  regionCode: string;
}

/** A stored row: what was written, with its id and last change. */
export interface InvestmentRecord extends InvestmentWrite {
  id: string;
  updatedAt: Date;
}

function investmentQuery(db: Conn) {
  return db
    .selectFrom('investments as i')
    .leftJoin('enterprises as r', 'r.uscc', 'i.investor_uscc')
    .leftJoin('enterprises as d', 'd.uscc', 'i.investee_uscc')
    .select([
      'i.id', 'i.investor_uscc as investorUscc', sql<string>`COALESCE(NULLIF(i.investor_name, ''), r.name, '')`.as('investorName'), 'i.investee_uscc as investeeUscc',
      sql<string>`COALESCE(NULLIF(i.investee_name, ''), d.name, '')`.as('investeeName'), 'i.share_bp as shareBp', 'i.since', 'i.source', 'i.region_code as regionCode', 'i.updated_at as updatedAt',
    ]);
}

export async function selectInvestment(db: Conn, id: string, options: { isForUpdate?: boolean } = {}): Promise<InvestmentRecord | undefined> {
  let query = investmentQuery(db).where('i.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('i');
  return (await query.executeTakeFirst()) as InvestmentRecord | undefined;
}

/** Newest first; `regionPrefix` limits to a gov user's scope. */
export async function selectInvestments(db: Conn, filter: { regionPrefix?: string; uscc?: string; q?: string; beforeId?: string }, limit: number): Promise<InvestmentRecord[]> {
  let query = investmentQuery(db).orderBy('i.id', 'desc').limit(limit);
  if (filter.regionPrefix !== undefined) query = query.where('i.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.uscc) query = query.where((eb) => eb.or([eb('i.investor_uscc', '=', filter.uscc!), eb('i.investee_uscc', '=', filter.uscc!)]));
  if (filter.beforeId) query = query.where('i.id', '<', filter.beforeId);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    query = query.where((eb) => eb.or([eb('i.investor_name', 'ilike', pattern), eb('i.investee_name', 'ilike', pattern), eb('r.name', 'ilike', pattern), eb('d.name', 'ilike', pattern), eb('i.investor_uscc', 'ilike', pattern), eb('i.investee_uscc', 'ilike', pattern)]));
  }
  return (await query.execute()) as InvestmentRecord[];
}

const columns = (row: InvestmentWrite) => ({
  investor_uscc: row.investorUscc, investor_name: row.investorName, investee_uscc: row.investeeUscc, investee_name: row.investeeName, share_bp: row.shareBp, since: row.since, source: row.source, region_code: row.regionCode,
});

/**
 * Insert, or update the record of the same investor and investee. Returns the id and whether a
 * row existed (for the audit entry and the import report).
 */
export async function upsertInvestment(tx: Tx, row: InvestmentWrite, createdBy: string | null): Promise<{ id: string; isNew: boolean }> {
  const result = await tx
    .insertInto('investments')
    .values({ ...columns(row), created_by: createdBy })
    .onConflict((oc) => oc.columns(['investor_uscc', 'investee_uscc']).doUpdateSet({ ...columns(row), updated_at: new Date() }))
    .returning(['id', sql<boolean>`(xmax = 0)`.as('isNew')])
    .executeTakeFirstOrThrow();
  return { id: result.id, isNew: result.isNew };
}

export async function updateInvestment(tx: Tx, id: string, row: InvestmentWrite): Promise<void> {
  await tx.updateTable('investments').set({ ...columns(row), updated_at: new Date() }).where('id', '=', id).execute();
}

export async function deleteInvestment(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('investments').where('id', '=', id).execute();
}

/** Platform enterprises by USCC (name and region) for the parties of investments. */
export async function selectParties(db: Conn, usccs: readonly string[]): Promise<Map<string, { name: string; regionCode: string }>> {
  if (usccs.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['uscc', 'name', 'region_code as regionCode']).where('uscc', 'in', [...new Set(usccs)]).execute();
  return new Map(rows.map((r) => [r.uscc, { name: r.name, regionCode: r.regionCode }]));
}
