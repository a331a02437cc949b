/** SQL of bank products: explicit columns, the caller's scope in every WHERE clause. */
import { sql } from 'kysely';
import type { BankProductRules } from '../../../contracts/capital.js';
import type { Db, Tx } from '../../db/database.js';

/** Who reads which products: all; gov of a region (products serving any part of it); a bank its own; an SME the active ones serving its region. */
export type ProductScope = { kind: 'all' } | { kind: 'region'; prefix: string } | { kind: 'bank'; bankId: string } | { kind: 'applicant'; regionCode: string } | { kind: 'none' };

export interface BankProductRecord {
  id: string;
  bankId: string;
  bank: { uscc: string; name: string; regionCode: string };
  name: string;
  kind: string;
  minAmountFen: bigint;
  maxAmountFen: bigint;
  minRateBp: number;
  maxRateBp: number;
  minTermDays: number;
  maxTermDays: number;
  regionCodes: string[];
  rules: BankProductRules;
  description: string;
  status: string;
  requestCount: number;
  createdAt: Date;
}

export interface BankProductRow {
  name: string;
  kind: string;
  minAmountFen: number;
  maxAmountFen: number;
  minRateBp: number;
  maxRateBp: number;
  minTermDays: number;
  maxTermDays: number;
  regionCodes: string[];
  regionPrefixes: string[];
  rules: BankProductRules;
  description: string;
  status?: string;
}

function productQuery(db: Db | Tx) {
  return db
    .selectFrom('bank_products as p')
    .innerJoin('enterprises as b', 'b.id', 'p.bank_id')
    .select([
      'p.id', 'p.bank_id', 'b.uscc', 'b.name as bank_name', 'b.region_code as bank_region', 'p.name', 'p.kind', 'p.min_amount_fen', 'p.max_amount_fen', 'p.min_rate_bp', 'p.max_rate_bp',
      'p.min_term_days', 'p.max_term_days', 'p.region_codes', 'p.rules', 'p.description', 'p.status', 'p.created_at',
      sql<string>`(SELECT count(*) FROM financing_requests r WHERE r.product_id = p.id)`.as('request_count'),
    ]);
}

type ProductRow = Awaited<ReturnType<ReturnType<typeof productQuery>['executeTakeFirstOrThrow']>>;

function toProduct(r: ProductRow): BankProductRecord {
  return {
    id: r.id, bankId: r.bank_id, bank: { uscc: r.uscc, name: r.bank_name, regionCode: r.bank_region }, name: r.name, kind: r.kind,
    minAmountFen: BigInt(r.min_amount_fen), maxAmountFen: BigInt(r.max_amount_fen), minRateBp: r.min_rate_bp, maxRateBp: r.max_rate_bp, minTermDays: r.min_term_days, maxTermDays: r.max_term_days,
    regionCodes: r.region_codes, rules: (r.rules ?? {}) as BankProductRules, description: r.description, status: r.status, requestCount: Number(r.request_count), createdAt: r.created_at,
  };
}

function scoped(query: ReturnType<typeof productQuery>, scope: ProductScope) {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.where(sql<boolean>`false`);
    case 'region':
      return query.where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(p.region_prefixes) x WHERE x LIKE ${scope.prefix} || '%' OR ${scope.prefix} LIKE x || '%')`);
    case 'bank':
      return query.where('p.bank_id', '=', scope.bankId);
    case 'applicant':
      return query.where('p.status', '=', 'active').where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(p.region_prefixes) x WHERE ${scope.regionCode} LIKE x || '%')`);
  }
}

export async function selectProduct(db: Db | Tx, id: string, scope: ProductScope, options: { isForUpdate?: boolean } = {}): Promise<BankProductRecord | undefined> {
  let query = scoped(productQuery(db), scope).where('p.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('p');
  const row = await query.executeTakeFirst();
  return row ? toProduct(row) : undefined;
}

export async function selectProducts(db: Db, scope: ProductScope, filter: { kind?: string; status?: string; beforeId?: string }, limit: number): Promise<BankProductRecord[]> {
  let query = scoped(productQuery(db), scope);
  if (filter.kind) query = query.where('p.kind', '=', filter.kind);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.beforeId) query = query.where('p.id', '<', filter.beforeId);
  return (await query.orderBy('p.id', 'desc').limit(limit).execute()).map(toProduct);
}

function columnsOf(p: Partial<BankProductRow>) {
  return {
    name: p.name, kind: p.kind, min_amount_fen: p.minAmountFen, max_amount_fen: p.maxAmountFen, min_rate_bp: p.minRateBp, max_rate_bp: p.maxRateBp,
    min_term_days: p.minTermDays, max_term_days: p.maxTermDays, region_codes: p.regionCodes, region_prefixes: p.regionPrefixes,
    rules: p.rules === undefined ? undefined : JSON.stringify(p.rules), description: p.description, status: p.status,
  };
}

export async function insertProduct(tx: Tx, bankId: string, p: BankProductRow, createdBy: string | null): Promise<string> {
  const row = await tx
    .insertInto('bank_products')
    .values({ bank_id: bankId, name: p.name, kind: p.kind, min_amount_fen: p.minAmountFen, max_amount_fen: p.maxAmountFen, min_rate_bp: p.minRateBp, max_rate_bp: p.maxRateBp, min_term_days: p.minTermDays, max_term_days: p.maxTermDays, region_codes: p.regionCodes, region_prefixes: p.regionPrefixes, rules: JSON.stringify(p.rules), description: p.description, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProduct(tx: Tx, id: string, p: Partial<BankProductRow>): Promise<void> {
  await tx.updateTable('bank_products').set({ ...columnsOf(p), updated_at: new Date() }).where('id', '=', id).execute();
}

/** Open complaints (submitted or accepted) against the enterprise as a buyer. */
export async function countOpenComplaints(db: Db | Tx, enterpriseId: string): Promise<number> {
  const row = await db.selectFrom('payment_complaints').select((eb) => eb.fn.countAll<string>().as('n')).where('buyer_id', '=', enterpriseId).where('status', 'in', ['submitted', 'accepted']).executeTakeFirstOrThrow();
  return Number(row.n);
}
