/** SQL of the payables ledger: explicit columns, the caller's scope in every WHERE clause. */
import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/**
 * Which ledger rows an actor reads: everything (admin, ministry), contracts whose buyer or
 * supplier lies in a gov user's region, or those of one enterprise (a member: its own, either side).
 */
export type LedgerScope = { kind: 'all' } | { kind: 'region'; prefix: string } | { kind: 'enterprise'; enterpriseId: string } | { kind: 'none' };

/** An enterprise of the registry with what the rules need: size class and organisation kind. */
export interface PartyRecord {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  size: string | null;
  orgKind: string | null;
}

/** An enterprise of the registry by USCC or by id, with its organisation kind. */
export async function selectParty(db: Db | Tx, key: { uscc: string } | { id: string }): Promise<PartyRecord | undefined> {
  const query = db.selectFrom('enterprises as e').leftJoin('organisations as o', 'o.uscc', 'e.uscc').select(['e.id', 'e.uscc', 'e.name', 'e.region_code', 'e.size', 'o.kind']);
  const row = await ('uscc' in key ? query.where('e.uscc', '=', key.uscc) : query.where('e.id', '=', key.id)).executeTakeFirst();
  return row ? { id: row.id, uscc: row.uscc, name: row.name, regionCode: row.region_code, size: row.size, orgKind: row.kind } : undefined;
}

/** A contract row with its parties. */
export interface ContractRecord {
  id: string;
  title: string;
  buyerId: string;
  supplierId: string;
  buyerUscc: string;
  buyerName: string;
  regionCode: string;
  supplierUscc: string;
  supplierName: string;
  supplierRegionCode: string;
  buyerType: string;
  supplierSize: string | null;
  isSupplierSme: boolean;
  amountFen: bigint;
  termDays: number;
  acceptanceDays: number | null;
  settlementMode: string;
  lateInterestBp: number | null;
  clauses: string[];
  flags: unknown;
  signedOn: string;
  ruleVersion: string;
  createdAt: Date;
  deliveredFen: bigint;
  paidFen: bigint;
}

export interface ContractInsert {
  buyerId: string;
  supplierId: string;
  regionCode: string;
  supplierRegionCode: string;
  buyerType: string;
  supplierSize: string | null;
  isSupplierSme: boolean;
  title: string;
  amountFen: bigint;
  termDays: number;
  acceptanceDays: number | null;
  settlementMode: string;
  lateInterestBp: number | null;
  clauses: string[];
  flags: unknown;
  signedOn: string;
  ruleVersion: string;
  createdBy: string | null;
}

export async function insertContract(tx: Tx, c: ContractInsert): Promise<string> {
  const row = await tx
    .insertInto('payable_contracts')
    .values({
      buyer_id: c.buyerId, supplier_id: c.supplierId, region_code: c.regionCode, supplier_region_code: c.supplierRegionCode, buyer_type: c.buyerType,
      supplier_size: c.supplierSize, is_supplier_sme: c.isSupplierSme, title: c.title, amount_fen: c.amountFen.toString(), term_days: c.termDays,
      acceptance_days: c.acceptanceDays, settlement_mode: c.settlementMode, late_interest_bp: c.lateInterestBp, clauses: c.clauses,
      flags: JSON.stringify(c.flags), signed_on: c.signedOn, rule_version: c.ruleVersion, created_by: c.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

type ContractEb = ExpressionBuilder<Database & { c: Database['payable_contracts'] }, 'c'>;

function contractScope(eb: ContractEb, scope: LedgerScope): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'region':
      return eb.or([eb('c.region_code', 'like', `${scope.prefix}%`), eb('c.supplier_region_code', 'like', `${scope.prefix}%`)]);
    case 'enterprise':
      return eb.or([eb('c.buyer_id', '=', scope.enterpriseId), eb('c.supplier_id', '=', scope.enterpriseId)]);
  }
}

function contractQuery(db: Db | Tx) {
  return db
    .selectFrom('payable_contracts as c')
    .innerJoin('enterprises as b', 'b.id', 'c.buyer_id')
    .innerJoin('enterprises as s', 's.id', 'c.supplier_id')
    .select([
      'c.id', 'c.title', 'c.buyer_id', 'c.supplier_id', 'b.uscc as buyer_uscc', 'b.name as buyer_name', 'c.region_code', 's.uscc as supplier_uscc', 's.name as supplier_name',
      'c.supplier_region_code', 'c.buyer_type', 'c.supplier_size', 'c.is_supplier_sme', 'c.amount_fen', 'c.term_days', 'c.acceptance_days', 'c.settlement_mode',
      'c.late_interest_bp', 'c.clauses', 'c.flags', sql<string>`c.signed_on::text`.as('signed_on'), 'c.rule_version', 'c.created_at',
      sql<string>`(SELECT coalesce(sum(d.amount_fen), 0) FROM payable_deliveries d WHERE d.contract_id = c.id)`.as('delivered_fen'),
      sql<string>`(SELECT coalesce(sum(d.paid_fen), 0) FROM payable_deliveries d WHERE d.contract_id = c.id)`.as('paid_fen'),
    ]);
}

type ContractRow = Awaited<ReturnType<ReturnType<typeof contractQuery>['executeTakeFirstOrThrow']>>;

function toContract(r: ContractRow): ContractRecord {
  return {
    id: r.id, title: r.title, buyerId: r.buyer_id, supplierId: r.supplier_id, buyerUscc: r.buyer_uscc, buyerName: r.buyer_name, regionCode: r.region_code,
    supplierUscc: r.supplier_uscc, supplierName: r.supplier_name, supplierRegionCode: r.supplier_region_code, buyerType: r.buyer_type, supplierSize: r.supplier_size,
    isSupplierSme: r.is_supplier_sme, amountFen: BigInt(r.amount_fen), termDays: r.term_days, acceptanceDays: r.acceptance_days, settlementMode: r.settlement_mode,
    lateInterestBp: r.late_interest_bp, clauses: r.clauses, flags: r.flags, signedOn: r.signed_on, ruleVersion: r.rule_version, createdAt: r.created_at,
    deliveredFen: BigInt(r.delivered_fen), paidFen: BigInt(r.paid_fen),
  };
}

export async function selectContract(db: Db | Tx, id: string, scope: LedgerScope): Promise<ContractRecord | undefined> {
  const row = await contractQuery(db).where('c.id', '=', id).where((eb) => contractScope(eb as unknown as ContractEb, scope)).executeTakeFirst();
  return row ? toContract(row) : undefined;
}

export async function selectContracts(db: Db, scope: LedgerScope, filter: { side?: 'buyer' | 'supplier'; enterpriseId?: string; beforeId?: string }, limit: number): Promise<ContractRecord[]> {
  let query = contractQuery(db).where((eb) => contractScope(eb as unknown as ContractEb, scope));
  if (filter.side && filter.enterpriseId) query = query.where(filter.side === 'buyer' ? 'c.buyer_id' : 'c.supplier_id', '=', filter.enterpriseId);
  if (filter.beforeId) query = query.where('c.id', '<', filter.beforeId);
  return (await query.orderBy('c.id', 'desc').limit(limit).execute()).map(toContract);
}

/** A delivery row with its contract's terms and parties. */
export interface DeliveryRecord {
  id: string;
  contract: ContractRecord;
  deliveredOn: string;
  amountFen: bigint;
  invoicedOn: string | null;
  acceptedOn: string | null;
  dueOn: string;
  dueBasis: string;
  paidFen: bigint;
  lastPaidOn: string | null;
  latePaidFenDays: bigint;
  voucherId: string | null;
}

function deliveryQuery(db: Db | Tx) {
  return db
    .selectFrom('payable_deliveries as d')
    .select([
      'd.id', 'd.contract_id', sql<string>`d.delivered_on::text`.as('delivered_on'), 'd.amount_fen', sql<string | null>`d.invoiced_on::text`.as('invoiced_on'),
      sql<string | null>`d.accepted_on::text`.as('accepted_on'), sql<string>`d.due_on::text`.as('due_on'), 'd.due_basis', 'd.paid_fen',
      sql<string | null>`d.last_paid_on::text`.as('last_paid_on'), 'd.late_paid_fen_days',
      sql<string | null>`(SELECT v.id FROM vouchers v WHERE v.delivery_id = d.id)`.as('voucher_id'),
    ]);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveryQuery>['executeTakeFirstOrThrow']>>;

function toDelivery(r: DeliveryRow, contract: ContractRecord): DeliveryRecord {
  return {
    id: r.id, contract, deliveredOn: r.delivered_on, amountFen: BigInt(r.amount_fen), invoicedOn: r.invoiced_on, acceptedOn: r.accepted_on, dueOn: r.due_on,
    dueBasis: r.due_basis, paidFen: BigInt(r.paid_fen), lastPaidOn: r.last_paid_on, latePaidFenDays: BigInt(r.late_paid_fen_days), voucherId: r.voucher_id,
  };
}

/** One delivery in scope (its contract must be in scope); `isForUpdate` locks the delivery row. */
export async function selectDelivery(db: Db | Tx, id: string, scope: LedgerScope, options: { isForUpdate?: boolean } = {}): Promise<DeliveryRecord | undefined> {
  let query = deliveryQuery(db).where('d.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const contract = await selectContract(db, row.contract_id, scope);
  return contract ? toDelivery(row, contract) : undefined;
}

/** Deliveries of the ledger in scope, newest first, with their contracts. */
export async function selectDeliveries(
  db: Db,
  scope: LedgerScope,
  filter: { side?: 'buyer' | 'supplier'; enterpriseId?: string; contractId?: string; status?: 'open' | 'overdue' | 'paid'; asOf: string; beforeId?: string },
  limit: number,
): Promise<DeliveryRecord[]> {
  let query = deliveryQuery(db)
    .innerJoin('payable_contracts as c', 'c.id', 'd.contract_id')
    .where((eb) => contractScope(eb as unknown as ContractEb, scope));
  if (filter.side && filter.enterpriseId) query = query.where(filter.side === 'buyer' ? 'd.buyer_id' : 'd.supplier_id', '=', filter.enterpriseId);
  if (filter.contractId) query = query.where('d.contract_id', '=', filter.contractId);
  if (filter.status === 'paid') query = query.where(sql<boolean>`d.paid_fen = d.amount_fen`);
  if (filter.status === 'open') query = query.where(sql<boolean>`d.paid_fen < d.amount_fen`);
  if (filter.status === 'overdue') query = query.where(sql<boolean>`d.paid_fen < d.amount_fen`).where(sql<boolean>`d.due_on < ${filter.asOf}::date`);
  if (filter.beforeId) query = query.where('d.id', '<', filter.beforeId);
  const rows = await query.orderBy('d.id', 'desc').limit(limit).execute();
  const contracts = new Map<string, ContractRecord>();
  for (const id of new Set(rows.map((r) => r.contract_id))) {
    const c = await selectContract(db, id, { kind: 'all' });
    if (c) contracts.set(id, c);
  }
  return rows.flatMap((r) => {
    const c = contracts.get(r.contract_id);
    return c ? [toDelivery(r, c)] : [];
  });
}

export async function insertDelivery(tx: Tx, d: { contractId: string; buyerId: string; supplierId: string; regionCode: string; deliveredOn: string; amountFen: bigint; invoicedOn: string | null; dueOn: string; dueBasis: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('payable_deliveries')
    .values({
      contract_id: d.contractId, buyer_id: d.buyerId, supplier_id: d.supplierId, region_code: d.regionCode, delivered_on: d.deliveredOn, amount_fen: d.amountFen.toString(),
      invoiced_on: d.invoicedOn, due_on: d.dueOn, due_basis: d.dueBasis, created_by: d.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sum of deliveries of a contract (locks the contract row so concurrent deliveries queue). */
export async function lockContractDelivered(tx: Tx, contractId: string): Promise<bigint> {
  await tx.selectFrom('payable_contracts').select('id').where('id', '=', contractId).forUpdate().execute();
  const row = await tx.selectFrom('payable_deliveries').select(sql<string>`coalesce(sum(amount_fen), 0)`.as('n')).where('contract_id', '=', contractId).executeTakeFirstOrThrow();
  return BigInt(row.n);
}

export interface PaymentRecord {
  id: string;
  paidOn: string;
  amountFen: bigint;
  daysLate: number;
}

export async function selectPayments(db: Db | Tx, deliveryId: string): Promise<PaymentRecord[]> {
  const rows = await db
    .selectFrom('payable_payments')
    .select(['id', sql<string>`paid_on::text`.as('paid_on'), 'amount_fen', 'days_late'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('paid_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, paidOn: r.paid_on, amountFen: BigInt(r.amount_fen), daysLate: r.days_late }));
}

export async function insertPayment(tx: Tx, p: { deliveryId: string; paidOn: string; amountFen: bigint; daysLate: number; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('payable_payments')
    .values({ delivery_id: p.deliveryId, paid_on: p.paidOn, amount_fen: p.amountFen.toString(), days_late: p.daysLate, created_by: p.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Rewrite a delivery's due date, acceptance and payment totals (after an acceptance or a payment). */
export async function updateDeliveryTotals(tx: Tx, id: string, d: { acceptedOn: string | null; dueOn: string; dueBasis: string; paidFen: bigint; lastPaidOn: string | null; latePaidFenDays: bigint }): Promise<void> {
  await tx
    .updateTable('payable_deliveries')
    .set({ accepted_on: d.acceptedOn, due_on: d.dueOn, due_basis: d.dueBasis, paid_fen: d.paidFen.toString(), last_paid_on: d.lastPaidOn, late_paid_fen_days: d.latePaidFenDays.toString() })
    .where('id', '=', id)
    .execute();
}

export async function updatePaymentDaysLate(tx: Tx, id: string, daysLate: number): Promise<void> {
  await tx.updateTable('payable_payments').set({ days_late: daysLate }).where('id', '=', id).execute();
}

/** One buyer's overdue position as of a date. */
export interface OverdueByBuyer {
  buyerId: string;
  overdueCount: number;
  overdueFen: bigint;
  interestFen: bigint;
}

/**
 * The overdue scan: per buyer, deliveries past due and unpaid, the unpaid amount past due, and the
 * late interest owed as of `asOf` (unpaid rest and payments made late, per delivery rounded half up
 * to fen as `lateInterestFen` does; `div` is exact integer division on numeric). One pass over the
 * deliveries; `regionPrefix` narrows to buyers of a region. `defaultRate` is the rule's daily rate.
 */
export async function scanOverdueByBuyer(db: Db, asOf: string, defaultRate: { numerator: bigint; denominator: bigint }, regionPrefix?: string): Promise<OverdueByBuyer[]> {
  const isDue = sql`(d.paid_fen < d.amount_fen AND d.due_on < ${asOf}::date)`;
  const rows = await sql<{ buyer_id: string; overdue_count: string; overdue_fen: string; interest_fen: string }>`
    SELECT d.buyer_id,
           count(*) FILTER (WHERE ${isDue}) AS overdue_count,
           coalesce(sum(d.amount_fen - d.paid_fen) FILTER (WHERE ${isDue}), 0) AS overdue_fen,
           sum(div(2 * (d.late_paid_fen_days + (d.amount_fen - d.paid_fen) * greatest(0, ${asOf}::date - d.due_on)) * r.num + r.den, 2 * r.den)) AS interest_fen
      FROM payable_deliveries d
      JOIN payable_contracts c ON c.id = d.contract_id
     CROSS JOIN LATERAL (SELECT coalesce(c.late_interest_bp::numeric, ${defaultRate.numerator.toString()}::numeric) AS num,
                                CASE WHEN c.late_interest_bp IS NULL THEN ${defaultRate.denominator.toString()}::numeric ELSE 3650000 END AS den) r
     WHERE (${isDue} OR d.late_paid_fen_days > 0)
       AND d.region_code LIKE ${`${regionPrefix ?? ''}%`}
     GROUP BY d.buyer_id`.execute(db);
  return rows.rows.map((r) => ({ buyerId: r.buyer_id, overdueCount: Number(r.overdue_count), overdueFen: BigInt(r.overdue_fen), interestFen: BigInt(r.interest_fen) }));
}

/** One buyer's payment practice over the deliveries of a period. */
export interface PracticeByBuyer {
  buyerId: string;
  deliveries: number;
  paid: number;
  avgDaysToPay: number | null;
  paidWithin30: number;
  paid31To60: number;
  paidOver60: number;
  late: number;
}

/**
 * Payment-practice figures per buyer over the deliveries made in [from, to): how many were paid in
 * full, average days from invoice (else delivery) to the last payment, paid within 30 / 31–60 / over
 * 60 days, and late (paid after the due date, or unpaid and past due as of `asOf`).
 */
export async function selectPracticeByBuyer(db: Db, period: { from: string; to: string; asOf: string }, buyerIds?: readonly string[]): Promise<PracticeByBuyer[]> {
  const days = sql`(d.last_paid_on - coalesce(d.invoiced_on, d.delivered_on))`;
  const isPaid = sql`(d.paid_fen = d.amount_fen)`;
  const rows = await sql<{ buyer_id: string; n: string; paid: string; avg_days: string | null; w30: string; w60: string; over60: string; late: string }>`
    SELECT d.buyer_id, count(*) AS n,
           count(*) FILTER (WHERE ${isPaid}) AS paid,
           avg(${days}) FILTER (WHERE ${isPaid}) AS avg_days,
           count(*) FILTER (WHERE ${isPaid} AND ${days} <= 30) AS w30,
           count(*) FILTER (WHERE ${isPaid} AND ${days} BETWEEN 31 AND 60) AS w60,
           count(*) FILTER (WHERE ${isPaid} AND ${days} > 60) AS over60,
           count(*) FILTER (WHERE (${isPaid} AND d.last_paid_on > d.due_on) OR (NOT ${isPaid} AND d.due_on < ${period.asOf}::date)) AS late
      FROM payable_deliveries d
     WHERE d.delivered_on >= ${period.from}::date AND d.delivered_on < ${period.to}::date
       ${buyerIds ? sql`AND d.buyer_id = ANY(${[...buyerIds]}::bigint[])` : sql``}
     GROUP BY d.buyer_id`.execute(db);
  return rows.rows.map((r) => ({
    buyerId: r.buyer_id, deliveries: Number(r.n), paid: Number(r.paid), avgDaysToPay: r.avg_days === null ? null : Math.round(Number(r.avg_days) * 10) / 10,
    paidWithin30: Number(r.w30), paid31To60: Number(r.w60), paidOver60: Number(r.over60), late: Number(r.late),
  }));
}
