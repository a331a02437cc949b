/**
 * Receivable vouchers (确权凭证): the buyer confirms a delivery's unpaid amount; the holder splits
 * it, transfers parts up the chain or finances them at a bank. Every change locks the part's row
 * and is audited; the database refuses anything that breaks the invariants (ADR 0012).
 */
import type { ListVouchersQuery } from '../../../contracts/capital.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { regionScopeOf } from '../../platform/scope.js';
import { validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { ledgerScopeOf } from './ledger.policy.js';
import { selectDelivery, selectParty, type PartyRecord } from './ledger.repo.js';
import * as repo from './vouchers.repo.js';
import { allocateProRata } from './vouchers.settlement.js';

export const VOUCHER_ENTITY = 'voucher';
const ID = /^\d{1,18}$/;

/** Vouchers an actor reads: admins and the ministry all; gov users their region's obligors'; members those their enterprise holds, owes or finances. */
async function voucherScopeOf(db: Db | Tx, actor: Actor): Promise<repo.VoucherScope> {
  const region = regionScopeOf(actor);
  if (region.kind === 'all') return { kind: 'all' };
  if (region.kind === 'prefix') return { kind: 'region', prefix: region.prefix };
  if (actor.role === 'member' && actor.orgUscc) {
    const own = await selectParty(db, { uscc: actor.orgUscc });
    if (own) return { kind: 'enterprise', enterpriseId: own.id };
  }
  return { kind: 'none' };
}

/** One voucher in scope. @throws not_found (also outside the scope). */
export async function getVoucher(db: Db | Tx, actor: Actor, id: string): Promise<repo.VoucherRecord> {
  if (!ID.test(id)) throw notFound('凭证');
  const voucher = await repo.selectVoucher(db, id, await voucherScopeOf(db, actor));
  if (!voucher) throw notFound('凭证');
  return voucher;
}

/** A page of vouchers in scope, newest first. */
export async function listVouchers(db: Db, actor: Actor, query: ListVouchersQuery): Promise<{ items: repo.VoucherRecord[]; nextCursor: string | null }> {
  const rows = await repo.selectVouchers(db, await voucherScopeOf(db, actor), { status: query.status, rootId: query.rootId, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

function snapshot(v: repo.VoucherRecord) {
  return { amountFen: Number(v.amountFen), status: v.status, holder: v.holder.uscc, dueOn: v.dueOn, rootId: v.rootId, parentId: v.parentId };
}

/**
 * The buyer confirms (确权) the unpaid amount of a delivery as a voucher held by the supplier,
 * due on the delivery's legal due date.
 * @throws not_found; forbidden unless the buyer's member (or an admin); invalid_state when nothing
 *   is owed; conflict when the delivery was confirmed before.
 */
export async function confirmVoucher(db: Db, context: WriteContext, deliveryId: string): Promise<repo.VoucherRecord> {
  const { actor } = context;
  if (!ID.test(deliveryId)) throw invalid([{ path: 'deliveryId', message: '交付记录不存在' }]);
  const scope = await ledgerScopeOf(db, actor);
  const id = await db.transaction().execute(async (tx) => {
    const delivery = await selectDelivery(tx, deliveryId, scope, { isForUpdate: true });
    if (!delivery) throw notFound('交付记录');
    if (!(actor.role === 'platform_admin' || (actor.role === 'member' && actor.orgUscc === delivery.contract.buyerUscc))) {
      throw new AppError('forbidden', 'Only the buyer confirms', { userMessage: '只有买方（付款义务人）可以确权' });
    }
    if (delivery.voucherId) throw new AppError('conflict', 'Delivery already confirmed', { userMessage: `该笔交付已确权（凭证 ${delivery.voucherId}）` });
    const owed = delivery.amountFen - delivery.paidFen;
    if (owed <= 0n) throw new AppError('invalid_state', 'Nothing owed', { userMessage: '该笔交付已结清，无需确权' });
    const voucherId = await repo.insertRootVoucher(tx, {
      deliveryId, obligorId: delivery.contract.buyerId, holderId: delivery.contract.supplierId, regionCode: delivery.contract.regionCode, amountFen: owed, dueOn: delivery.dueOn,
    });
    const created = await repo.selectVoucher(tx, voucherId, { kind: 'all' });
    await recordWrites(tx, context, [{ action: 'voucher.confirm', entityType: VOUCHER_ENTITY, entityKey: voucherId, regionCode: delivery.contract.regionCode, after: { ...snapshot(created!), deliveryId } }]);
    return voucherId;
  });
  return getVoucher(db, actor, id);
}

/**
 * Lock a part for a change by its holder: visible and held.
 * @throws not_found (outside the scope); forbidden when the actor sees it but does not hold it;
 *   invalid_state (409) when it was split, transferred or financed already.
 */
async function lockHeldPart(tx: Tx, actor: Actor, id: string): Promise<repo.VoucherRecord> {
  if (!ID.test(id)) throw notFound('凭证');
  const scope = await voucherScopeOf(tx, actor);
  const lock = await repo.lockVoucher(tx, id);
  const voucher = lock ? await repo.selectVoucher(tx, id, scope) : undefined;
  if (!voucher) throw notFound('凭证');
  if (!(actor.role === 'platform_admin' || (actor.role === 'member' && actor.orgUscc === voucher.holder.uscc))) {
    throw new AppError('forbidden', 'Only the holder', { userMessage: '只有凭证持有人可以操作' });
  }
  if (voucher.status !== 'held') {
    throw new AppError('invalid_state', `Voucher is ${voucher.status}`, { userMessage: `该凭证已${{ split: '拆分', transferred: '转让', financed: '融资' }[voucher.status] ?? voucher.status}，不能再次操作` });
  }
  if (voucher.settledFen > 0n) throw new AppError('invalid_state', 'Voucher is partly settled', { userMessage: '该凭证已由付款方部分兑付，不能再拆分、转让或融资' });
  return voucher;
}

/**
 * Split a held part into parts that sum to its amount (each > 0, integer fen).
 * @throws validation_failed when the parts do not sum to the amount; invalid_state when not held.
 */
export async function splitVoucher(db: Db, context: WriteContext, id: string, parts: number[]): Promise<{ parts: { id: string; amountFen: number }[] }> {
  return db.transaction().execute(async (tx) => {
    const voucher = await lockHeldPart(tx, context.actor, id);
    const sum = parts.reduce((s, p) => s + BigInt(p), 0n);
    if (sum !== voucher.amountFen) throw invalid([{ path: 'parts', message: `各部分合计 ${sum} 分，须等于凭证金额 ${voucher.amountFen} 分` }]);
    await repo.updateVoucherStatus(tx, id, 'split');
    const ids = await repo.insertChildVouchers(tx, voucher, parts.map((p) => ({ holderId: voucher.holderId, amountFen: BigInt(p) })), 'split');
    await recordWrites(tx, context, [
      { action: 'voucher.split', entityType: VOUCHER_ENTITY, entityKey: id, regionCode: voucher.regionCode, before: snapshot(voucher), after: { status: 'split', parts: ids.map((partId, i) => ({ id: partId, amountFen: parts[i] })) } },
      ...ids.map((partId, i) => ({ action: 'voucher.create', entityType: VOUCHER_ENTITY, entityKey: partId, regionCode: voucher.regionCode, after: { parentId: id, origin: 'split', amountFen: parts[i], holder: voucher.holder.uscc } })),
    ]);
    return { parts: ids.map((partId, i) => ({ id: partId, amountFen: parts[i] })) };
  });
}

export async function targetParty(tx: Tx, uscc: string, path: string): Promise<PartyRecord> {
  const check = validateUscc(uscc);
  if (!check.valid) throw invalid([{ path, message: `统一社会信用代码无效：${check.reason}` }]);
  const party = await selectParty(tx, { uscc: check.code });
  if (!party) throw invalid([{ path, message: `统一社会信用代码 ${check.code} 不在企业库中` }]);
  return party;
}

/**
 * Transfer a held part to another enterprise (e.g. the holder's own supplier): the part becomes
 * `transferred` and a new part of the same amount is held by the receiver.
 * @throws validation_failed (`toUscc` unknown or the holder itself); invalid_state when not held.
 */
export async function transferVoucher(db: Db, context: WriteContext, id: string, toUscc: string): Promise<repo.VoucherRecord> {
  const newId = await db.transaction().execute(async (tx) => {
    const voucher = await lockHeldPart(tx, context.actor, id);
    const to = await targetParty(tx, toUscc, 'toUscc');
    if (to.id === voucher.holderId) throw invalid([{ path: 'toUscc', message: '不能转让给持有人自己' }]);
    if (to.id === voucher.obligorId) throw invalid([{ path: 'toUscc', message: '不能转让给付款义务人' }]);
    await repo.updateVoucherStatus(tx, id, 'transferred');
    const [childId] = await repo.insertChildVouchers(tx, voucher, [{ holderId: to.id, amountFen: voucher.amountFen }], 'transfer');
    await recordWrites(tx, context, [
      { action: 'voucher.transfer', entityType: VOUCHER_ENTITY, entityKey: id, regionCode: voucher.regionCode, before: snapshot(voucher), after: { status: 'transferred', to: to.uscc, partId: childId } },
      { action: 'voucher.create', entityType: VOUCHER_ENTITY, entityKey: childId, regionCode: voucher.regionCode, after: { parentId: id, origin: 'transfer', amountFen: Number(voucher.amountFen), holder: to.uscc } },
    ]);
    return childId;
  });
  return (await repo.selectVoucher(db, newId, { kind: 'all' }))!;
}

/**
 * Inside the caller's transaction: finance a held part the actor holds at a bank (`financed`).
 * @throws not_found; forbidden; invalid_state when not held; validation_failed when `bank` is not a bank.
 */
export async function financePart(tx: Tx, context: WriteContext, id: string, bank: PartyRecord, path: 'bankUscc' | 'offerId' = 'bankUscc'): Promise<void> {
  const voucher = await lockHeldPart(tx, context.actor, id);
  if (bank.orgKind !== 'bank') throw invalid([{ path, message: `${bank.name} 不是平台登记的银行` }]);
  await repo.updateVoucherStatus(tx, id, 'financed', bank.id);
  await recordWrites(tx, context, [{ action: 'voucher.finance', entityType: VOUCHER_ENTITY, entityKey: id, regionCode: voucher.regionCode, before: snapshot(voucher), after: { status: 'financed', bank: bank.uscc } }]);
}

/**
 * Finance a held part at a bank (an organisation of kind `bank`): the part becomes `financed`.
 * @throws validation_failed (`bankUscc` not a bank); invalid_state when not held.
 */
export async function financeVoucher(db: Db, context: WriteContext, id: string, bankUscc: string): Promise<repo.VoucherRecord> {
  await db.transaction().execute(async (tx) => financePart(tx, context, id, await targetParty(tx, bankUscc, 'bankUscc')));
  return getVoucher(db, context.actor, id);
}

/**
 * Inside the caller's payment transaction: share a payment on a confirmed delivery among the
 * voucher's current parts, pro rata to what each has outstanding (vouchers.settlement.ts); a
 * financed part's share is paid to its bank. Nothing happens when the delivery has no voucher.
 */
export async function settleVoucherFromPayment(tx: Tx, context: WriteContext, deliveryId: string, paymentId: string, amountFen: bigint): Promise<void> {
  const root = await repo.findRootOfDelivery(tx, deliveryId);
  if (!root) return;
  await repo.lockRoot(tx, root.id);
  const leaves = await repo.selectOpenLeaves(tx, root.id);
  const shares = allocateProRata(amountFen, leaves);
  const byId = new Map(leaves.map((l) => [l.id, l]));
  const rows = shares.map((s) => ({ voucherId: s.id, paymentId, payeeId: byId.get(s.id)!.bankId ?? byId.get(s.id)!.holderId, amountFen: s.amountFen }));
  await repo.insertSettlements(tx, rows);
  await recordWrites(tx, context, rows.map((r) => ({ action: 'voucher.settle', entityType: VOUCHER_ENTITY, entityKey: r.voucherId, regionCode: root.regionCode, after: { paymentId, amountFen: Number(r.amountFen), payeeId: r.payeeId } })));
}
