/** SQL of investment funds and their investments: explicit columns, the caller's scope in every WHERE clause. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** Who reads which funds: all; gov of a region (funds registered there); members of the manager organisation. */
export type FundScope = { kind: 'all' } | { kind: 'region'; prefix: string } | { kind: 'manager'; enterpriseId: string } | { kind: 'none' };

export interface FundRecord {
  id: string;
  managerId: string;
  manager: { uscc: string; name: string; regionCode: string };
  name: string;
  sizeFen: bigint;
  regionCode: string;
  focusChains: { id: string; name: string }[];
  description: string;
  investedFen: bigint;
  investmentCount: number;
  createdAt: Date;
}

function fundQuery(db: Db | Tx) {
  return db
    .selectFrom('investment_funds as f')
    .innerJoin('enterprises as m', 'm.id', 'f.manager_id')
    .select([
      'f.id', 'f.manager_id', 'm.uscc', 'm.name as manager_name', 'm.region_code as manager_region', 'f.name', 'f.size_fen', 'f.region_code', 'f.description', 'f.created_at',
      sql<{ id: string; name: string }[]>`coalesce((SELECT json_agg(json_build_object('id', c.id::text, 'name', c.name) ORDER BY c.id) FROM chains c WHERE c.id = ANY(f.focus_chain_ids)), '[]')`.as('focus_chains'),
      sql<string>`(SELECT coalesce(sum(i.amount_fen), 0) FROM fund_investments i WHERE i.fund_id = f.id)`.as('invested_fen'),
      sql<string>`(SELECT count(*) FROM fund_investments i WHERE i.fund_id = f.id)`.as('investment_count'),
    ]);
}

type FundRow = Awaited<ReturnType<ReturnType<typeof fundQuery>['executeTakeFirstOrThrow']>>;

function toFund(r: FundRow): FundRecord {
  return {
    id: r.id, managerId: r.manager_id, manager: { uscc: r.uscc, name: r.manager_name, regionCode: r.manager_region }, name: r.name, sizeFen: BigInt(r.size_fen), regionCode: r.region_code,
    focusChains: r.focus_chains, description: r.description, investedFen: BigInt(r.invested_fen), investmentCount: Number(r.investment_count), createdAt: r.created_at,
  };
}

/** The scope as a condition on `investment_funds as f`. */
function scopeCondition(scope: FundScope) {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'region':
      return sql<boolean>`f.region_code LIKE ${`${scope.prefix}%`}`;
    case 'manager':
      return sql<boolean>`f.manager_id = ${scope.enterpriseId}`;
  }
}

export async function selectFund(db: Db | Tx, id: string, scope: FundScope, options: { isForUpdate?: boolean } = {}): Promise<FundRecord | undefined> {
  let query = fundQuery(db).where(scopeCondition(scope)).where('f.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('f');
  const row = await query.executeTakeFirst();
  return row ? toFund(row) : undefined;
}

export async function selectFunds(db: Db, scope: FundScope, filter: { beforeId?: string }, limit: number): Promise<FundRecord[]> {
  let query = fundQuery(db).where(scopeCondition(scope));
  if (filter.beforeId) query = query.where('f.id', '<', filter.beforeId);
  return (await query.orderBy('f.id', 'desc').limit(limit).execute()).map(toFund);
}

export async function insertFund(tx: Tx, f: { managerId: string; name: string; sizeFen: number; regionCode: string; focusChainIds: string[]; description: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('investment_funds')
    .values({ manager_id: f.managerId, name: f.name, size_fen: f.sizeFen, region_code: f.regionCode, focus_chain_ids: f.focusChainIds, description: f.description, created_by: f.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Chains that exist among `ids`. */
export async function selectExistingChainIds(db: Db | Tx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('chains').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export interface InvestmentRecord {
  id: string;
  fundId: string;
  enterprise: { uscc: string; name: string; regionCode: string };
  amountFen: bigint;
  investedOn: string;
  stage: string;
  shareBp: number;
  chains: { chainId: string; chainName: string; segmentKey: string; segmentName: string }[];
}

export async function selectInvestments(db: Db, fundId: string, filter: { beforeId?: string }, limit: number): Promise<InvestmentRecord[]> {
  let query = db
    .selectFrom('fund_investments as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .select([
      'i.id', 'i.fund_id', 'e.uscc', 'e.name', 'e.region_code', 'i.amount_fen', sql<string>`i.invested_on::text`.as('invested_on'), 'i.stage', 'i.share_bp',
      sql<InvestmentRecord['chains']>`coalesce((SELECT json_agg(json_build_object('chainId', c.id::text, 'chainName', c.name, 'segmentKey', s.key, 'segmentName', s.name) ORDER BY c.id, s.position)
        FROM chain_members m JOIN chains c ON c.id = m.chain_id JOIN chain_segments s ON s.chain_id = m.chain_id AND s.key = m.segment_key WHERE m.enterprise_id = i.enterprise_id), '[]')`.as('chains'),
    ])
    .where('i.fund_id', '=', fundId);
  if (filter.beforeId) query = query.where('i.id', '<', filter.beforeId);
  const rows = await query.orderBy('i.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, fundId: r.fund_id, enterprise: { uscc: r.uscc, name: r.name, regionCode: r.region_code }, amountFen: BigInt(r.amount_fen), investedOn: r.invested_on, stage: r.stage, shareBp: r.share_bp, chains: r.chains,
  }));
}

export async function insertInvestment(tx: Tx, i: { fundId: string; enterpriseId: string; amountFen: number; investedOn: string; stage: string; shareBp: number; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('fund_investments')
    .values({ fund_id: i.fundId, enterprise_id: i.enterpriseId, amount_fen: i.amountFen, invested_on: i.investedOn, stage: i.stage, share_bp: i.shareBp, created_by: i.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Per chain: invested fen and count of the funds in scope, over enterprises placed on the chain. */
export async function selectPortfolioByChain(db: Db, scope: FundScope): Promise<{ chainId: string; chainName: string; investedFen: bigint; count: number }[]> {
  const rows = await sql<{ chain_id: string; chain_name: string; invested_fen: string; count: string }>`
    SELECT c.id::text AS chain_id, c.name AS chain_name, sum(i.amount_fen) AS invested_fen, count(*) AS count
      FROM fund_investments i
      JOIN investment_funds f ON f.id = i.fund_id
      JOIN (SELECT DISTINCT chain_id, enterprise_id FROM chain_members) m ON m.enterprise_id = i.enterprise_id
      JOIN chains c ON c.id = m.chain_id
     WHERE ${scopeCondition(scope)}
     GROUP BY c.id, c.name
     ORDER BY sum(i.amount_fen) DESC, c.id`.execute(db);
  return rows.rows.map((r) => ({ chainId: r.chain_id, chainName: r.chain_name, investedFen: BigInt(r.invested_fen), count: Number(r.count) }));
}

/** Per segment of one chain: invested fen and count of the funds in scope (segments without any are absent). */
export async function selectPortfolioBySegment(db: Db, scope: FundScope, chainId: string): Promise<Map<string, { investedFen: bigint; count: number }>> {
  const rows = await sql<{ segment_key: string; invested_fen: string; count: string }>`
    SELECT m.segment_key, sum(i.amount_fen) AS invested_fen, count(*) AS count
      FROM fund_investments i
      JOIN investment_funds f ON f.id = i.fund_id
      JOIN chain_members m ON m.enterprise_id = i.enterprise_id AND m.chain_id = ${chainId}
     WHERE ${scopeCondition(scope)}
     GROUP BY m.segment_key`.execute(db);
  return new Map(rows.rows.map((r) => [r.segment_key, { investedFen: BigInt(r.invested_fen), count: Number(r.count) }]));
}
