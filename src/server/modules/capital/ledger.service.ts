/**
 * The payables ledger: contracts, deliveries, acceptance and payments, with legal due dates,
 * days late and late interest from ledger.rules.ts. Who-may-what in ledger.policy.ts; SQL in the repo.
 */
import type { CreateContractBody, CreateDeliveryBody, CreatePaymentBody, LedgerQuery, ListContractsQuery, TermFlag } from '../../../contracts/capital.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { dailyInterestRate, daysBetween, dueDateOf, latenessFromTotals, ruleVersionOn, screenContract, totalsOf, type BuyerType, type Lateness, type SettlementMode } from './ledger.rules.js';
import { canAccept, canRecord, ledgerScopeOf } from './ledger.policy.js';
import * as repo from './ledger.repo.js';
import { settleVoucherFromPayment } from './vouchers.service.js';

export const CONTRACT_ENTITY = 'payable_contract';
export const DELIVERY_ENTITY = 'payable_delivery';

const ID = /^\d{1,18}$/;

/** The buyer's type from the registry: organisation kind `government` → 机关/事业单位; size `large` → 大型企业. */
export function buyerTypeOf(party: repo.PartyRecord): BuyerType {
  if (party.orgKind === 'government') return 'government';
  return party.size === 'large' ? 'large' : 'other';
}

/** An SME by the 2017 size rules (中/小/微) as the registry classifies it now, i.e. at signing. */
function isSme(party: repo.PartyRecord): boolean {
  return party.orgKind !== 'government' && (party.size === 'medium' || party.size === 'small' || party.size === 'micro');
}

async function resolveParty(db: Db, uscc: string, path: string, errors: FieldError[]): Promise<repo.PartyRecord | undefined> {
  const check = validateUscc(uscc);
  if (!check.valid) {
    errors.push({ path, message: `统一社会信用代码无效：${check.reason}` });
    return undefined;
  }
  const party = await repo.selectParty(db, { uscc: check.code });
  if (!party) errors.push({ path, message: `统一社会信用代码 ${check.code} 不在企业库中` });
  return party;
}

/**
 * Enter a contract; returns its id and the unfair-term flags (with the rule cited).
 * @throws validation_failed naming the field: bad or unknown USCC, same party twice, a member
 *   entering a contract its enterprise is not party to, a gov user outside both parties' regions.
 */
export async function createContract(db: Db, context: WriteContext, body: CreateContractBody): Promise<{ id: string; flags: TermFlag[] }> {
  const { actor } = context;
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts do not enter contracts', { userMessage: '专家账号不能登记合同' });
  const errors: FieldError[] = [];
  const buyer = await resolveParty(db, body.buyerUscc, 'buyerUscc', errors);
  const supplier = await resolveParty(db, body.supplierUscc, 'supplierUscc', errors);
  if (buyer && supplier && buyer.id === supplier.id) errors.push({ path: 'supplierUscc', message: '买方与供方不能是同一企业' });
  if (buyer && supplier && !canRecord(actor, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, regionCode: buyer.regionCode, supplierRegionCode: supplier.regionCode })) {
    errors.push({ path: actor.role === 'member' ? 'buyerUscc' : 'supplierUscc', message: '只能登记本企业为一方（或本辖区企业）的合同' });
  }
  if (body.signedOn > businessDate()) errors.push({ path: 'signedOn', message: '签订日期不能晚于今天' });
  if (errors.length > 0 || !buyer || !supplier) throw invalid(errors);

  const settlementMode: SettlementMode = body.settlementMode ?? (body.acceptanceDays !== undefined ? 'acceptance' : 'delivery');
  const terms = {
    signedOn: body.signedOn, buyerType: buyerTypeOf(buyer), isSupplierSme: isSme(supplier), termDays: body.termDays,
    acceptanceDays: body.acceptanceDays ?? null, settlementMode, lateInterestBp: body.lateInterestBp ?? null, clauses: body.clauses ?? [],
  };
  const flags = screenContract(terms).map((f) => ({ rule: f.rule, message: f.message, code: f.code, severity: f.severity }));
  const version = ruleVersionOn(body.signedOn);
  const id = await db.transaction().execute(async (tx) => {
    const contractId = await repo.insertContract(tx, {
      buyerId: buyer.id, supplierId: supplier.id, regionCode: buyer.regionCode, supplierRegionCode: supplier.regionCode, buyerType: terms.buyerType,
      supplierSize: supplier.size, isSupplierSme: terms.isSupplierSme, title: body.title ?? '', amountFen: BigInt(body.amountFen), termDays: body.termDays,
      acceptanceDays: terms.acceptanceDays, settlementMode, lateInterestBp: terms.lateInterestBp, clauses: terms.clauses, flags, signedOn: body.signedOn,
      ruleVersion: version?.key ?? 'none', createdBy: actorUserId(actor),
    });
    await recordWrites(tx, context, [{
      action: 'contract.create', entityType: CONTRACT_ENTITY, entityKey: contractId, regionCode: buyer.regionCode,
      after: { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: body.amountFen, termDays: body.termDays, signedOn: body.signedOn, buyerType: terms.buyerType, isSupplierSme: terms.isSupplierSme, flags: flags.map((f) => f.code) },
    }]);
    return contractId;
  });
  return { id, flags };
}

function actorUserId(actor: Actor): string | null {
  return actor.userId === '0' ? null : actor.userId;
}

/** One contract in the actor's scope. @throws not_found (also outside the scope). */
export async function getContract(db: Db, actor: Actor, id: string): Promise<repo.ContractRecord> {
  if (!ID.test(id)) throw notFound('合同');
  const contract = await repo.selectContract(db, id, await ledgerScopeOf(db, actor));
  if (!contract) throw notFound('合同');
  return contract;
}

/** A page of contracts in scope, newest first. */
export async function listContracts(db: Db, actor: Actor, query: ListContractsQuery): Promise<{ items: repo.ContractRecord[]; nextCursor: string | null }> {
  const scope = await ledgerScopeOf(db, actor);
  const enterpriseId = scope.kind === 'enterprise' ? scope.enterpriseId : undefined;
  const rows = await repo.selectContracts(db, scope, { side: query.side, enterpriseId, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

function termsOf(c: repo.ContractRecord) {
  return { signedOn: c.signedOn, buyerType: c.buyerType as BuyerType, isSupplierSme: c.isSupplierSme, termDays: c.termDays, acceptanceDays: c.acceptanceDays, settlementMode: c.settlementMode as SettlementMode };
}

/**
 * Record a delivery under a contract.
 * @throws not_found; validation_failed when delivered before the contract was signed or when the
 *   deliveries would exceed the contract amount.
 */
export async function createDelivery(db: Db, context: WriteContext, contractId: string, body: CreateDeliveryBody): Promise<DeliveryWithLateness> {
  const contract = await getContract(db, context.actor, contractId);
  requireRecord(context.actor, contract);
  const errors: FieldError[] = [];
  if (body.deliveredOn < contract.signedOn) errors.push({ path: 'deliveredOn', message: `交付日期不能早于合同签订日 ${contract.signedOn}` });
  if (body.deliveredOn > businessDate()) errors.push({ path: 'deliveredOn', message: '交付日期不能晚于今天' });
  if (body.invoicedOn && body.invoicedOn < contract.signedOn) errors.push({ path: 'invoicedOn', message: `开票日期不能早于合同签订日 ${contract.signedOn}` });
  if (errors.length > 0) throw invalid(errors);
  const due = dueDateOf(termsOf(contract), { deliveredOn: body.deliveredOn, acceptedOn: null });
  const id = await db.transaction().execute(async (tx) => {
    const delivered = await repo.lockContractDelivered(tx, contract.id);
    if (delivered + BigInt(body.amountFen) > contract.amountFen) {
      throw invalid([{ path: 'amountFen', message: `累计交付金额不能超过合同金额（已交付 ${delivered} 分，合同 ${contract.amountFen} 分）` }]);
    }
    const deliveryId = await repo.insertDelivery(tx, {
      contractId: contract.id, buyerId: contract.buyerId, supplierId: contract.supplierId, regionCode: contract.regionCode, deliveredOn: body.deliveredOn,
      amountFen: BigInt(body.amountFen), invoicedOn: body.invoicedOn ?? null, dueOn: due.dueOn, dueBasis: due.dueBasis, createdBy: actorUserId(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'delivery.create', entityType: DELIVERY_ENTITY, entityKey: deliveryId, regionCode: contract.regionCode, after: { contractId: contract.id, deliveredOn: body.deliveredOn, amountFen: body.amountFen, dueOn: due.dueOn } }]);
    return deliveryId;
  });
  return getDelivery(db, context.actor, id);
}

function requireRecord(actor: Actor, contract: repo.ContractRecord): void {
  if (!canRecord(actor, { buyerUscc: contract.buyerUscc, supplierUscc: contract.supplierUscc, regionCode: contract.regionCode, supplierRegionCode: contract.supplierRegionCode })) {
    throw new AppError('forbidden', 'Only the parties record deliveries and payments', { userMessage: '只有合同双方可以登记交付和付款' });
  }
}

/** Recompute the due date and the late totals of a delivery from its payments (inside the write transaction). */
async function rewriteTotals(tx: Tx, delivery: repo.DeliveryRecord, acceptedOn: string | null): Promise<void> {
  const due = dueDateOf(termsOf(delivery.contract), { deliveredOn: delivery.deliveredOn, acceptedOn });
  const payments = await repo.selectPayments(tx, delivery.id);
  for (const p of payments) {
    const daysLate = Math.max(0, daysBetween(due.dueOn, p.paidOn));
    if (daysLate !== p.daysLate) await repo.updatePaymentDaysLate(tx, p.id, daysLate);
  }
  const totals = totalsOf(delivery.amountFen, due.dueOn, payments);
  await repo.updateDeliveryTotals(tx, delivery.id, { acceptedOn, dueOn: due.dueOn, dueBasis: due.dueBasis, paidFen: totals.paidFen, lastPaidOn: totals.lastPaidOn, latePaidFenDays: totals.latePaidFenDays });
}

/**
 * The buyer records acceptance (验收合格; for progress settlement, the confirmed amount). The due
 * date is recomputed: acceptance within the agreed period starts the clock; later acceptance does
 * not move it past the end of the period.
 * @throws not_found; forbidden for the supplier; validation_failed when before the delivery; invalid_state when already accepted.
 */
export async function acceptDelivery(db: Db, context: WriteContext, id: string, acceptedOn: string): Promise<DeliveryWithLateness> {
  if (!ID.test(id)) throw notFound('交付记录');
  const scope = await ledgerScopeOf(db, context.actor);
  await db.transaction().execute(async (tx) => {
    const delivery = await repo.selectDelivery(tx, id, scope, { isForUpdate: true });
    if (!delivery) throw notFound('交付记录');
    if (!canAccept(context.actor, delivery.contract)) throw new AppError('forbidden', 'Only the buyer accepts', { userMessage: '只有买方可以确认验收' });
    if (delivery.acceptedOn) throw new AppError('invalid_state', 'Already accepted', { userMessage: `已于 ${delivery.acceptedOn} 验收` });
    const errors: FieldError[] = [];
    if (acceptedOn < delivery.deliveredOn) errors.push({ path: 'acceptedOn', message: `验收日期不能早于交付日期 ${delivery.deliveredOn}` });
    if (acceptedOn > businessDate()) errors.push({ path: 'acceptedOn', message: '验收日期不能晚于今天' });
    if (errors.length > 0) throw invalid(errors);
    await rewriteTotals(tx, delivery, acceptedOn);
    await recordWrites(tx, context, [{ action: 'delivery.accept', entityType: DELIVERY_ENTITY, entityKey: id, regionCode: delivery.contract.regionCode, before: { acceptedOn: null, dueOn: delivery.dueOn }, after: { acceptedOn } }]);
  });
  return getDelivery(db, context.actor, id);
}

/**
 * Record a payment (partial or in full) of a delivery.
 * @throws not_found; forbidden for non-parties; validation_failed when above the amount still owed
 *   or dated before the contract was signed.
 */
export async function createPayment(db: Db, context: WriteContext, id: string, body: CreatePaymentBody): Promise<DeliveryWithLateness> {
  if (!ID.test(id)) throw notFound('交付记录');
  const scope = await ledgerScopeOf(db, context.actor);
  await db.transaction().execute(async (tx) => {
    const delivery = await repo.selectDelivery(tx, id, scope, { isForUpdate: true });
    if (!delivery) throw notFound('交付记录');
    requireRecord(context.actor, delivery.contract);
    const errors: FieldError[] = [];
    const owed = delivery.amountFen - delivery.paidFen;
    if (BigInt(body.amountFen) > owed) errors.push({ path: 'amountFen', message: `付款金额超过尚欠金额 ${owed} 分` });
    if (body.paidOn < delivery.contract.signedOn) errors.push({ path: 'paidOn', message: `付款日期不能早于合同签订日 ${delivery.contract.signedOn}` });
    if (body.paidOn > businessDate()) errors.push({ path: 'paidOn', message: '付款日期不能晚于今天' });
    if (errors.length > 0) throw invalid(errors);
    const daysLate = Math.max(0, daysBetween(delivery.dueOn, body.paidOn));
    const paymentId = await repo.insertPayment(tx, { deliveryId: id, paidOn: body.paidOn, amountFen: BigInt(body.amountFen), daysLate, createdBy: actorUserId(context.actor) });
    await rewriteTotals(tx, delivery, delivery.acceptedOn);
    await settleVoucherFromPayment(tx, context, id, paymentId, BigInt(body.amountFen));
    await recordWrites(tx, context, [{
      action: 'payment.create', entityType: DELIVERY_ENTITY, entityKey: id, regionCode: delivery.contract.regionCode,
      before: { paidFen: Number(delivery.paidFen) }, after: { paymentId, paidOn: body.paidOn, amountFen: body.amountFen, daysLate, paidFen: Number(delivery.paidFen) + body.amountFen },
    }]);
  });
  return getDelivery(db, context.actor, id);
}

/** A delivery with its lateness as of a date. */
export interface DeliveryWithLateness {
  delivery: repo.DeliveryRecord;
  payments: repo.PaymentRecord[];
  lateness: Lateness;
  asOf: string;
}

/** Lateness of a stored delivery as of a date, at its contract's rate. */
export function latenessOfRecord(d: repo.DeliveryRecord, asOf: string): Lateness {
  return latenessFromTotals(d, asOf, dailyInterestRate(ruleVersionOn(d.contract.signedOn), d.contract.lateInterestBp));
}

/** One delivery in scope with its lateness. @throws not_found (also outside the scope). */
export async function getDelivery(db: Db, actor: Actor, id: string, asOf: string = businessDate()): Promise<DeliveryWithLateness> {
  if (!ID.test(id)) throw notFound('交付记录');
  const delivery = await repo.selectDelivery(db, id, await ledgerScopeOf(db, actor));
  if (!delivery) throw notFound('交付记录');
  return { delivery, payments: await repo.selectPayments(db, id), lateness: latenessOfRecord(delivery, asOf), asOf };
}

/** A page of the ledger in scope with lateness as of `asOf` (default today). */
export async function listLedger(db: Db, actor: Actor, query: LedgerQuery): Promise<{ items: { delivery: repo.DeliveryRecord; lateness: Lateness }[]; nextCursor: string | null; asOf: string }> {
  const scope = await ledgerScopeOf(db, actor);
  const asOf = query.asOf ?? businessDate();
  const enterpriseId = scope.kind === 'enterprise' ? scope.enterpriseId : undefined;
  const rows = await repo.selectDeliveries(db, scope, { side: query.side, enterpriseId, contractId: query.contractId, status: query.status, asOf, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit).map((delivery) => ({ delivery, lateness: latenessOfRecord(delivery, asOf) }));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].delivery.id) : null, asOf };
}

/** Totals of a contract as of today: overdue unpaid amount and interest over its deliveries. */
export async function contractTotals(db: Db, contract: repo.ContractRecord): Promise<{ overdueFen: bigint; interestFen: bigint }> {
  const asOf = businessDate();
  const rows = await repo.selectDeliveries(db, { kind: 'all' }, { contractId: contract.id, asOf }, 10_000);
  let overdueFen = 0n;
  let interestFen = 0n;
  for (const d of rows) {
    const l = latenessOfRecord(d, asOf);
    if (l.isOverdue) overdueFen += l.owedFen;
    interestFen += l.interestFen;
  }
  return { overdueFen, interestFen };
}
