/**
 * Financing requests (融资需求) and bank offers (FC-1, first part). A request on a receivable names
 * a voucher part the applicant holds; banks see requests addressed to them or open to all banks,
 * with the obligor's payment conduct; the applicant accepts one offer, which finances the part.
 */
import type { CreateFinancingOfferBody, CreateFinancingRequestBody, FinancingRequestView } from '../../../contracts/capital.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { notify } from '../workbench/index.js';
import { scoreOf } from './credit.service.js';
import * as repo from './financing.repo.js';
import { selectParty, selectPracticeByBuyer } from './ledger.repo.js';
import { addDays } from './ledger.rules.js';
import { selectVoucher } from './vouchers.repo.js';
import { financePart, targetParty } from './vouchers.service.js';

export const FINANCING_ENTITY = 'financing_request';
/** Obligors late on this share of deliveries (last 12 months) or more are flagged to banks (⚠️ our threshold, configurable). */
export const FLAG_SHARE_LATE = 0.3;
const ID = /^\d{1,18}$/;

export async function financingScopeOf(db: Db, actor: Actor): Promise<repo.FinancingScope> {
  const region = regionScopeOf(actor);
  if (region.kind === 'all') return { kind: 'all' };
  if (region.kind === 'prefix') return { kind: 'region', prefix: region.prefix };
  if (actor.role === 'member' && actor.orgUscc) {
    const own = await selectParty(db, { uscc: actor.orgUscc });
    if (own?.orgKind === 'bank') return { kind: 'bank', bankId: own.id };
    if (own) return { kind: 'applicant', enterpriseId: own.id };
  }
  return { kind: 'none' };
}

/** A request as the caller may see it: offers filtered for a bank, obligor conduct attached. */
async function viewOf(db: Db, scope: repo.FinancingScope, r: repo.FinancingRequestRecord): Promise<FinancingRequestView> {
  const offers = await repo.selectOffers(db, [r.id], scope.kind === 'bank' ? scope.bankId : undefined);
  let shareLate: number | null = null;
  if (r.obligorId) {
    const today = businessDate();
    const [p] = await selectPracticeByBuyer(db, { from: addDays(today, -365), to: addDays(today, 1), asOf: today }, [r.obligorId]);
    shareLate = p && p.deliveries > 0 ? Math.round((p.late / p.deliveries) * 1000) / 1000 : null;
  }
  const applicant = await scoreOf(db, { id: r.applicantId, uscc: r.applicant.uscc, name: r.applicant.name, regionCode: r.applicant.regionCode, size: null, orgKind: null });
  return {
    id: r.id, applicant: r.applicant, applicantScore: { score: applicant.score, grade: applicant.grade }, kind: r.kind as FinancingRequestView['kind'], voucherId: r.voucherId, obligor: r.obligor, obligorShareLate: shareLate,
    isObligorFlagged: shareLate !== null && shareLate >= FLAG_SHARE_LATE, amountFen: Number(r.amountFen), termDays: r.termDays, bank: r.bank, product: r.product, description: r.description,
    status: r.status as FinancingRequestView['status'],
    offers: offers.map((o) => ({ id: o.id, bank: o.bank, rateBp: o.rateBp, amountFen: Number(o.amountFen), termDays: o.termDays, status: o.status as 'offered' })),
    createdAt: r.createdAt.toISOString(),
  };
}

/** One request in scope. @throws not_found (also outside the scope: a bank never sees requests addressed to another bank). */
export async function getFinancingRequest(db: Db, actor: Actor, id: string): Promise<FinancingRequestView> {
  if (!ID.test(id)) throw notFound('融资需求');
  const scope = await financingScopeOf(db, actor);
  const r = await repo.selectRequest(db, id, scope);
  if (!r) throw notFound('融资需求');
  return viewOf(db, scope, r);
}

/** A page of requests in scope, newest first. */
export async function listFinancingRequests(db: Db, actor: Actor, query: { status?: string; cursor?: string; limit: number }): Promise<{ items: FinancingRequestView[]; nextCursor: string | null }> {
  const scope = await financingScopeOf(db, actor);
  const rows = await repo.selectRequests(db, scope, { status: query.status, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = [];
  for (const r of rows.slice(0, query.limit)) items.push(await viewOf(db, scope, r));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * An SME asks for financing. For `receivable` the voucher part must be held by it and the amount
 * at most the part's.
 * @throws forbidden for non-members and banks; validation_failed naming the field; conflict when the part already has an open request.
 */
export async function createFinancingRequest(db: Db, context: WriteContext, body: CreateFinancingRequestBody, productId: string | null = null): Promise<FinancingRequestView> {
  const { actor } = context;
  const scope = await financingScopeOf(db, actor);
  if (scope.kind !== 'applicant') throw new AppError('forbidden', 'Only enterprises apply', { userMessage: '只有企业用户可以发布融资需求' });
  const applicant = (await selectParty(db, { uscc: actor.orgUscc! }))!;
  const id = await db.transaction().execute(async (tx) => {
    let voucherId: string | null = null;
    if (body.kind === 'receivable') {
      const voucher = body.voucherId ? await selectVoucher(tx, body.voucherId, { kind: 'enterprise', enterpriseId: applicant.id }) : undefined;
      if (!voucher || voucher.holderId !== applicant.id || voucher.status !== 'held') throw invalid([{ path: 'voucherId', message: '请选择本企业持有中的凭证' }]);
      if (BigInt(body.amountFen) > voucher.amountFen) throw invalid([{ path: 'amountFen', message: `融资金额不能超过凭证金额 ${voucher.amountFen} 分` }]);
      voucherId = voucher.id;
    } else if (body.voucherId) {
      throw invalid([{ path: 'voucherId', message: '只有应收账款融资可以关联凭证' }]);
    }
    let bankId: string | null = null;
    if (body.bankUscc) {
      const bank = await targetParty(tx, body.bankUscc, 'bankUscc');
      if (bank.orgKind !== 'bank') throw invalid([{ path: 'bankUscc', message: `${bank.name} 不是平台登记的银行` }]);
      bankId = bank.id;
    }
    const requestId = await repo.insertRequest(tx, {
      applicantId: applicant.id, regionCode: applicant.regionCode, kind: body.kind, voucherId, amountFen: BigInt(body.amountFen), termDays: body.termDays, bankId, productId,
      description: body.description ?? '', createdBy: actor.userId === '0' ? null : actor.userId,
    });
    await recordWrites(tx, context, [{ action: 'financing.request', entityType: FINANCING_ENTITY, entityKey: requestId, regionCode: applicant.regionCode, after: { kind: body.kind, voucherId, amountFen: body.amountFen, bankUscc: body.bankUscc ?? null, productId } }]);
    return requestId;
  });
  return getFinancingRequest(db, actor, id);
}

/**
 * Run `fn` on an open request in the caller's scope, locked, when the caller's scope is `role`.
 * @throws not_found; forbidden for the wrong role; invalid_state when the request is no longer open.
 */
async function onOpenRequest<K extends 'bank' | 'applicant'>(
  db: Db,
  actor: Actor,
  requestId: string,
  role: K,
  fn: (tx: Tx, r: repo.FinancingRequestRecord, scope: Extract<repo.FinancingScope, { kind: K }>) => Promise<void>,
): Promise<void> {
  if (!ID.test(requestId)) throw notFound('融资需求');
  const scope = await financingScopeOf(db, actor);
  await db.transaction().execute(async (tx) => {
    const r = await repo.selectRequest(tx, requestId, scope, { isForUpdate: true });
    if (!r) throw notFound('融资需求');
    if (scope.kind !== role) throw new AppError('forbidden', `Only the ${role}`, { userMessage: role === 'bank' ? '只有银行可以报价' : '只有申请企业可以接受报价' });
    if (r.status !== 'open') throw new AppError('invalid_state', 'Request is not open', { userMessage: '该融资需求已结束' });
    await fn(tx, r, scope as Extract<repo.FinancingScope, { kind: K }>);
  });
}

/**
 * A bank offers on an open request it can see (one offer per bank).
 * @throws not_found; forbidden for non-banks; invalid_state when the request is no longer open; conflict on a second offer.
 */
export async function createFinancingOffer(db: Db, context: WriteContext, requestId: string, body: CreateFinancingOfferBody): Promise<FinancingRequestView> {
  await onOpenRequest(db, context.actor, requestId, 'bank', async (tx, r, scope) => {
    const offerId = await repo.insertOffer(tx, { requestId, bankId: scope.bankId, rateBp: body.rateBp, amountFen: BigInt(body.amountFen), termDays: body.termDays, createdBy: context.actor.userId });
    await recordWrites(tx, context, [{ action: 'financing.offer', entityType: FINANCING_ENTITY, entityKey: requestId, regionCode: r.applicant.regionCode, after: { offerId, ...body } }]);
    const bank = await selectParty(tx, { id: scope.bankId });
    await notify(tx, context.actor, { membersOfUscc: r.applicant.uscc }, {
      kind: 'financing.offered', params: { bank: bank?.name ?? '', amountYuan: body.amountFen / 100, ratePercent: body.rateBp / 100, termDays: body.termDays },
      link: '/finance/financing', entityType: FINANCING_ENTITY, entityKey: requestId,
    });
  });
  return getFinancingRequest(db, context.actor, requestId);
}

/**
 * The applicant accepts one offer; on a receivable the voucher part is financed at the offering bank.
 * @throws not_found; forbidden unless the applicant; invalid_state when the request is closed or the part is no longer held.
 */
export async function acceptFinancingOffer(db: Db, context: WriteContext, requestId: string, offerId: string): Promise<FinancingRequestView> {
  await onOpenRequest(db, context.actor, requestId, 'applicant', async (tx, r) => {
    const offer = (await repo.selectOffers(tx, [requestId])).find((o) => o.id === offerId);
    if (!offer) throw invalid([{ path: 'offerId', message: '报价不存在' }]);
    await repo.acceptOfferRows(tx, requestId, offerId);
    if (r.voucherId) await financePart(tx, context, r.voucherId, (await selectParty(tx, { id: offer.bankId }))!, 'offerId');
    await recordWrites(tx, context, [{ action: 'financing.accept', entityType: FINANCING_ENTITY, entityKey: requestId, regionCode: r.applicant.regionCode, before: { status: 'open' }, after: { status: 'accepted', offerId, bank: offer.bank.uscc } }]);
  });
  return getFinancingRequest(db, context.actor, requestId);
}
