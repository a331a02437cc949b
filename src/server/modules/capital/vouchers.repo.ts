/** SQL of receivable vouchers. The invariants live in the database (migration triggers); this file only reads and writes rows. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** Which vouchers an actor reads: all, a gov region (the obligor's), or those an enterprise holds, owes or finances. */
export type VoucherScope = { kind: 'all' } | { kind: 'region'; prefix: string } | { kind: 'enterprise'; enterpriseId: string } | { kind: 'none' };

export interface VoucherRecord {
  id: string;
  rootId: string;
  parentId: string | null;
  deliveryId: string | null;
  obligorId: string;
  holderId: string;
  bankId: string | null;
  regionCode: string;
  amountFen: bigint;
  settledFen: bigint;
  dueOn: string;
  origin: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  obligor: { uscc: string; name: string; regionCode: string };
  holder: { uscc: string; name: string; regionCode: string };
  bank: { uscc: string; name: string; regionCode: string } | null;
}

function voucherQuery(db: Db | Tx) {
  return db
    .selectFrom('vouchers as v')
    .innerJoin('enterprises as o', 'o.id', 'v.obligor_id')
    .innerJoin('enterprises as h', 'h.id', 'v.holder_id')
    .leftJoin('enterprises as b', 'b.id', 'v.bank_id')
    .select([
      'v.id', 'v.root_id', 'v.parent_id', 'v.delivery_id', 'v.obligor_id', 'v.holder_id', 'v.bank_id', 'v.region_code', 'v.amount_fen', 'v.settled_fen', sql<string>`v.due_on::text`.as('due_on'),
      'v.origin', 'v.status', 'v.created_at', 'v.updated_at', 'o.uscc as o_uscc', 'o.name as o_name', 'o.region_code as o_region', 'h.uscc as h_uscc', 'h.name as h_name',
      'h.region_code as h_region', 'b.uscc as b_uscc', 'b.name as b_name', 'b.region_code as b_region',
    ]);
}

type VoucherRow = Awaited<ReturnType<ReturnType<typeof voucherQuery>['executeTakeFirstOrThrow']>>;

function toVoucher(r: VoucherRow): VoucherRecord {
  return {
    id: r.id, rootId: r.root_id, parentId: r.parent_id, deliveryId: r.delivery_id, obligorId: r.obligor_id, holderId: r.holder_id, bankId: r.bank_id, regionCode: r.region_code,
    amountFen: BigInt(r.amount_fen), settledFen: BigInt(r.settled_fen), dueOn: r.due_on, origin: r.origin, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
    obligor: { uscc: r.o_uscc, name: r.o_name, regionCode: r.o_region },
    holder: { uscc: r.h_uscc, name: r.h_name, regionCode: r.h_region },
    bank: r.b_uscc && r.b_name && r.b_region ? { uscc: r.b_uscc, name: r.b_name, regionCode: r.b_region } : null,
  };
}

function scoped(query: ReturnType<typeof voucherQuery>, scope: VoucherScope) {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.where(sql<boolean>`false`);
    case 'region':
      return query.where('v.region_code', 'like', `${scope.prefix}%`);
    case 'enterprise':
      return query.where((eb) => eb.or([eb('v.holder_id', '=', scope.enterpriseId), eb('v.obligor_id', '=', scope.enterpriseId), eb('v.bank_id', '=', scope.enterpriseId)]));
  }
}

export async function selectVoucher(db: Db | Tx, id: string, scope: VoucherScope): Promise<VoucherRecord | undefined> {
  const row = await scoped(voucherQuery(db), scope).where('v.id', '=', id).executeTakeFirst();
  return row ? toVoucher(row) : undefined;
}

export async function selectVouchers(db: Db, scope: VoucherScope, filter: { status?: string; rootId?: string; beforeId?: string }, limit: number): Promise<VoucherRecord[]> {
  let query = scoped(voucherQuery(db), scope);
  if (filter.status) query = query.where('v.status', '=', filter.status);
  if (filter.rootId) query = query.where('v.root_id', '=', filter.rootId);
  if (filter.beforeId) query = query.where('v.id', '<', filter.beforeId);
  return (await query.orderBy('v.id', 'desc').limit(limit).execute()).map(toVoucher);
}

/**
 * Lock a voucher row for a state change: first its root (which serialises every change of one
 * voucher tree, settlements by payments included), then the row itself.
 */
export async function lockVoucher(tx: Tx, id: string): Promise<{ status: string; holderId: string; amountFen: bigint } | undefined> {
  const root = await tx.selectFrom('vouchers').select('root_id').where('id', '=', id).executeTakeFirst();
  if (!root) return undefined;
  await lockRoot(tx, root.root_id);
  const row = await tx.selectFrom('vouchers').select(['status', 'holder_id', 'amount_fen']).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? { status: row.status, holderId: row.holder_id, amountFen: BigInt(row.amount_fen) } : undefined;
}

export async function insertRootVoucher(tx: Tx, v: { deliveryId: string; obligorId: string; holderId: string; regionCode: string; amountFen: bigint; dueOn: string }): Promise<string> {
  const row = await tx
    .insertInto('vouchers')
    .values({ delivery_id: v.deliveryId, obligor_id: v.obligorId, holder_id: v.holderId, region_code: v.regionCode, amount_fen: v.amountFen.toString(), due_on: v.dueOn, origin: 'confirmation' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Children of a split or transfer: they take the parent's obligor, region and due date. */
export async function insertChildVouchers(tx: Tx, parent: VoucherRecord, children: { holderId: string; amountFen: bigint }[], origin: 'split' | 'transfer'): Promise<string[]> {
  const rows = await tx
    .insertInto('vouchers')
    .values(children.map((c) => ({
      parent_id: parent.id, obligor_id: parent.obligorId, holder_id: c.holderId, region_code: parent.regionCode, amount_fen: c.amountFen.toString(), due_on: parent.dueOn, origin,
    })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort((a, b) => Number(a) - Number(b));
}

export async function updateVoucherStatus(tx: Tx, id: string, status: 'split' | 'transferred' | 'financed', bankId: string | null = null): Promise<void> {
  await tx.updateTable('vouchers').set({ status, bank_id: bankId, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Lock the root of a voucher tree (see {@link lockVoucher}). */
export async function lockRoot(tx: Tx, rootId: string): Promise<void> {
  await tx.selectFrom('vouchers').select('id').where('id', '=', rootId).forUpdate().execute();
}

/** The confirmed voucher of a delivery, if any. */
export async function findRootOfDelivery(tx: Tx, deliveryId: string): Promise<{ id: string; regionCode: string } | undefined> {
  const row = await tx.selectFrom('vouchers').select(['id', 'region_code']).where('delivery_id', '=', deliveryId).executeTakeFirst();
  return row ? { id: row.id, regionCode: row.region_code } : undefined;
}

/** The current parts of a tree with something outstanding (held or financed), locked; call after {@link lockRoot}. */
export async function selectOpenLeaves(tx: Tx, rootId: string): Promise<{ id: string; holderId: string; bankId: string | null; outstandingFen: bigint }[]> {
  const rows = await tx
    .selectFrom('vouchers')
    .select(['id', 'holder_id', 'bank_id', 'amount_fen', 'settled_fen'])
    .where('root_id', '=', rootId)
    .where('status', 'in', ['held', 'financed'])
    .where(sql<boolean>`settled_fen < amount_fen`)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => ({ id: r.id, holderId: r.holder_id, bankId: r.bank_id, outstandingFen: BigInt(r.amount_fen) - BigInt(r.settled_fen) }));
}

export async function insertSettlements(tx: Tx, rows: { voucherId: string; paymentId: string; payeeId: string; amountFen: bigint }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('voucher_settlements').values(rows.map((r) => ({ voucher_id: r.voucherId, payment_id: r.paymentId, payee_id: r.payeeId, amount_fen: r.amountFen.toString() }))).execute();
}
