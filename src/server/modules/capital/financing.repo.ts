/** SQL of financing requests and offers: explicit columns, the caller's scope in every WHERE clause. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** Who reads which requests: all; a gov region (the applicant's); an applicant its own; a bank those addressed to it or open to all banks. */
export type FinancingScope = { kind: 'all' } | { kind: 'region'; prefix: string } | { kind: 'applicant'; enterpriseId: string } | { kind: 'bank'; bankId: string } | { kind: 'none' };

export interface FinancingRequestRecord {
  id: string;
  applicantId: string;
  applicant: { uscc: string; name: string; regionCode: string };
  kind: string;
  voucherId: string | null;
  obligorId: string | null;
  obligor: { uscc: string; name: string } | null;
  amountFen: bigint;
  termDays: number;
  bankId: string | null;
  bank: { uscc: string; name: string } | null;
  product: { id: string; name: string } | null;
  description: string;
  status: string;
  createdAt: Date;
}

export interface FinancingOfferRecord {
  id: string;
  requestId: string;
  bankId: string;
  bank: { uscc: string; name: string };
  rateBp: number;
  amountFen: bigint;
  termDays: number;
  status: string;
}

function requestQuery(db: Db | Tx) {
  return db
    .selectFrom('financing_requests as r')
    .innerJoin('enterprises as a', 'a.id', 'r.applicant_id')
    .leftJoin('enterprises as b', 'b.id', 'r.bank_id')
    .leftJoin('vouchers as v', 'v.id', 'r.voucher_id')
    .leftJoin('enterprises as o', 'o.id', 'v.obligor_id')
    .leftJoin('bank_products as p', 'p.id', 'r.product_id')
    .select([
      'r.product_id', 'p.name as p_name',
      'r.id', 'r.applicant_id', 'a.uscc as a_uscc', 'a.name as a_name', 'a.region_code as a_region', 'r.kind', 'r.voucher_id', 'v.obligor_id', 'o.uscc as o_uscc', 'o.name as o_name',
      'r.amount_fen', 'r.term_days', 'r.bank_id', 'b.uscc as b_uscc', 'b.name as b_name', 'r.description', 'r.status', 'r.created_at',
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function toRequest(r: RequestRow): FinancingRequestRecord {
  return {
    id: r.id, applicantId: r.applicant_id, applicant: { uscc: r.a_uscc, name: r.a_name, regionCode: r.a_region }, kind: r.kind, voucherId: r.voucher_id, obligorId: r.obligor_id,
    obligor: r.o_uscc && r.o_name ? { uscc: r.o_uscc, name: r.o_name } : null, amountFen: BigInt(r.amount_fen), termDays: r.term_days, bankId: r.bank_id,
    bank: r.b_uscc && r.b_name ? { uscc: r.b_uscc, name: r.b_name } : null,
    product: r.product_id && r.p_name ? { id: r.product_id, name: r.p_name } : null, description: r.description, status: r.status, createdAt: r.created_at,
  };
}

function scoped(query: ReturnType<typeof requestQuery>, scope: FinancingScope) {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.where(sql<boolean>`false`);
    case 'region':
      return query.where('r.region_code', 'like', `${scope.prefix}%`);
    case 'applicant':
      return query.where('r.applicant_id', '=', scope.enterpriseId);
    case 'bank':
      return query.where((eb) => eb.or([eb('r.bank_id', '=', scope.bankId), eb('r.bank_id', 'is', null)]));
  }
}

export async function selectRequest(db: Db | Tx, id: string, scope: FinancingScope, options: { isForUpdate?: boolean } = {}): Promise<FinancingRequestRecord | undefined> {
  let query = scoped(requestQuery(db), scope).where('r.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

export async function selectRequests(db: Db, scope: FinancingScope, filter: { status?: string; beforeId?: string }, limit: number): Promise<FinancingRequestRecord[]> {
  let query = scoped(requestQuery(db), scope);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.beforeId) query = query.where('r.id', '<', filter.beforeId);
  return (await query.orderBy('r.id', 'desc').limit(limit).execute()).map(toRequest);
}

export async function insertRequest(tx: Tx, r: { applicantId: string; regionCode: string; kind: string; voucherId: string | null; amountFen: bigint; termDays: number; bankId: string | null; productId: string | null; description: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('financing_requests')
    .values({ applicant_id: r.applicantId, region_code: r.regionCode, kind: r.kind, voucher_id: r.voucherId, amount_fen: r.amountFen.toString(), term_days: r.termDays, bank_id: r.bankId, product_id: r.productId, description: r.description, created_by: r.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function selectOffers(db: Db | Tx, requestIds: readonly string[], bankId?: string): Promise<FinancingOfferRecord[]> {
  if (requestIds.length === 0) return [];
  let query = db
    .selectFrom('financing_offers as f')
    .innerJoin('enterprises as b', 'b.id', 'f.bank_id')
    .select(['f.id', 'f.request_id', 'f.bank_id', 'b.uscc', 'b.name', 'f.rate_bp', 'f.amount_fen', 'f.term_days', 'f.status'])
    .where('f.request_id', 'in', [...requestIds]);
  if (bankId) query = query.where('f.bank_id', '=', bankId);
  const rows = await query.orderBy('f.id').execute();
  return rows.map((r) => ({ id: r.id, requestId: r.request_id, bankId: r.bank_id, bank: { uscc: r.uscc, name: r.name }, rateBp: r.rate_bp, amountFen: BigInt(r.amount_fen), termDays: r.term_days, status: r.status }));
}

export async function insertOffer(tx: Tx, o: { requestId: string; bankId: string; rateBp: number; amountFen: bigint; termDays: number; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('financing_offers')
    .values({ request_id: o.requestId, bank_id: o.bankId, rate_bp: o.rateBp, amount_fen: o.amountFen.toString(), term_days: o.termDays, created_by: o.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Accept one offer: the request becomes accepted, the offer accepted, the others declined. */
export async function acceptOfferRows(tx: Tx, requestId: string, offerId: string): Promise<void> {
  await tx.updateTable('financing_requests').set({ status: 'accepted' }).where('id', '=', requestId).execute();
  await tx.updateTable('financing_offers').set({ status: sql`CASE WHEN id = ${offerId} THEN 'accepted' ELSE 'declined' END` }).where('request_id', '=', requestId).execute();
}
