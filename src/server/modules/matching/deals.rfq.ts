/**
 * RFQs (询价): the need's owner invites suppliers to quote by a deadline. Quotes are sealed until
 * then: only each quote's author sees its content; invited suppliers never see who else was
 * invited. After the deadline the buyer compares the quotes and awards one, which creates or
 * advances the (need, supplier) match to a deal.
 */
import type { AwardBody, CreateRfqBody, ListRfqsQuery, QuoteBody, RfqInviteBody } from '../../../contracts/deals.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { canReadQuote } from './deals.policy.js';
import * as repo from './deals.repo.js';
import { actorId, closeAsDeal, MATCH_ENTITY, partyOf, QUOTE_ENTITY, resolveSuppliers, RFQ_ENTITY, type Party } from './deals.service.js';
import { canManage } from './matching.policy.js';
import { getNeed } from './matching.service.js';

const isId = (id: string) => /^\d{1,18}$/.test(id);

/** True until the RFQ's deadline: quotes stay sealed. */
export function isSealed(rfq: Pick<repo.RfqRecord, 'deadlineAt'>, now: Date = new Date()): boolean {
  return now.getTime() < rfq.deadlineAt.getTime();
}

/** An RFQ the caller may read, with what its side may see of it. */
export interface RfqAccess {
  rfq: repo.RfqRecord;
  party: Party;
  side: 'buyer' | 'supplier' | 'observer';
}

/**
 * One RFQ the caller may read: the buyer's members, invited suppliers' members, gov users of the
 * buyer's region, admins.
 * @throws not_found for everyone else.
 */
export async function getRfq(db: Db, actor: Actor, id: string): Promise<RfqAccess> {
  const party = await partyOf(db, actor);
  const rfq = isId(id) ? await repo.selectRfq(db, id, party.scope) : undefined;
  if (!rfq) throw notFound('询价');
  return accessOf(rfq, party);
}

/** The caller's side of an RFQ it can read: a member reads one only as its buyer or as an invited supplier (repo scope). */
function accessOf(rfq: repo.RfqRecord, party: Party): RfqAccess {
  const side = party.enterpriseId === rfq.enterpriseId ? 'buyer' : party.scope.kind === 'enterprise' ? 'supplier' : 'observer';
  return { rfq, party, side };
}

/** What an RFQ view needs beyond the row, by side: invitees and quote count (buyer, observers), the caller's own quote (suppliers). */
export async function rfqDetails(db: Db, access: RfqAccess): Promise<{ invited: { uscc: string; name: string; hasQuoted: boolean }[] | null; quoteCount: number | null; myQuote: repo.QuoteRecord | null }> {
  if (access.side === 'supplier') {
    const [mine] = await repo.selectQuotes(db, access.rfq.id, access.party.enterpriseId);
    return { invited: null, quoteCount: null, myQuote: mine ?? null };
  }
  return { invited: await repo.selectInvitations(db, access.rfq.id), quoteCount: await repo.countQuotes(db, access.rfq.id), myQuote: null };
}

/** A page of RFQs the caller may read, newest first (`side` narrows a member's to those it runs or is invited to). */
export async function listRfqs(db: Db, actor: Actor, query: ListRfqsQuery): Promise<{ items: RfqAccess[]; nextCursor: string | null }> {
  const party = await partyOf(db, actor);
  const filter: Parameters<typeof repo.selectRfqs>[2] = { needId: query.needId, beforeId: decodeCursor(query.cursor) };
  if (query.side === 'buyer') filter.buyerEnterpriseId = party.enterpriseId ?? '0';
  if (query.side === 'supplier') filter.invitedEnterpriseId = party.enterpriseId ?? '0';
  const rows = await repo.selectRfqs(db, party.scope, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items: items.map((rfq) => accessOf(rfq, party)), nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

function requireFuture(deadlineAt: string): Date {
  const at = new Date(deadlineAt);
  if (at.getTime() <= Date.now()) throw invalid([{ path: 'deadlineAt', message: '报价截止时间应晚于现在' }]);
  return at;
}

/**
 * Open an RFQ on a published need and invite suppliers.
 * @throws not_found (need); forbidden unless the owner side; invalid_state unless published;
 *   validation_failed (deadline not in the future, unknown USCCs at `invitedUsccs.i`).
 */
export async function createRfq(db: Db, context: WriteContext, needId: string, body: CreateRfqBody): Promise<string> {
  const need = await getNeed(db, context.actor, needId);
  if (!canManage(context.actor, need)) throw new AppError('forbidden', 'Not the need owner', { userMessage: '只有发布需求的企业可以发起询价' });
  if (need.status !== 'published') throw new AppError('invalid_state', `Cannot open an RFQ on a ${need.status} need`, { userMessage: '需求发布后才能发起询价' });
  const deadlineAt = requireFuture(body.deadlineAt);
  const suppliers = await resolveSuppliers(db, body.invitedUsccs, need.enterpriseId, (i) => `invitedUsccs.${i}`);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertRfq(tx, {
      needId: need.id, enterpriseId: need.enterpriseId, regionCode: need.regionCode, title: body.title ?? need.title, description: body.description ?? '', deadlineAt,
      createdBy: actorId(context.actor),
    });
    await repo.insertInvitations(tx, id, suppliers.map((s) => s.id));
    await recordWrites(tx, context, [{ action: 'rfq.create', entityType: RFQ_ENTITY, entityKey: id, regionCode: need.regionCode, after: { needId: need.id, deadlineAt: deadlineAt.toISOString(), invited: suppliers.map((s) => s.uscc) } }]);
    return id;
  });
}

/** Lock an RFQ for a buyer-side change. @throws not_found; forbidden unless the buyer side (or gov in scope, admins). */
async function lockAsBuyer(tx: Tx, party: Party, id: string): Promise<repo.RfqRecord> {
  const rfq = isId(id) ? await repo.selectRfq(tx, id, party.scope, { isForUpdate: true }) : undefined;
  if (!rfq) throw notFound('询价');
  if (!canManage(party.actor, { uscc: rfq.buyerUscc, regionCode: rfq.regionCode })) throw new AppError('forbidden', 'Not the buyer', { userMessage: '只有询价企业可以操作' });
  return rfq;
}

/** Invite more suppliers before the deadline. @throws not_found; forbidden; invalid_state after the deadline; validation_failed (`usccs.i`). */
export async function inviteToRfq(db: Db, context: WriteContext, id: string, body: RfqInviteBody): Promise<void> {
  const party = await partyOf(db, context.actor);
  await db.transaction().execute(async (tx) => {
    const rfq = await lockAsBuyer(tx, party, id);
    if (rfq.status !== 'open' || !isSealed(rfq)) throw new AppError('invalid_state', 'RFQ closed', { userMessage: '询价已截止，不能再邀请' });
    const suppliers = await resolveSuppliers(tx, body.usccs, rfq.enterpriseId, (i) => `usccs.${i}`);
    const added = await repo.insertInvitations(tx, rfq.id, suppliers.map((s) => s.id));
    const addedUsccs = suppliers.filter((s) => added.includes(s.id)).map((s) => s.uscc);
    if (addedUsccs.length > 0) await recordWrites(tx, context, [{ action: 'rfq.invite', entityType: RFQ_ENTITY, entityKey: rfq.id, regionCode: rfq.regionCode, after: { invited: addedUsccs } }]);
  });
}

/**
 * An invited supplier submits or revises its sealed quote before the deadline.
 * @throws not_found (not an RFQ the caller may read); forbidden unless an invited supplier;
 *   invalid_state (409) after the deadline or once awarded.
 */
export async function submitQuote(db: Db, context: WriteContext, id: string, body: QuoteBody): Promise<{ id: string; isNew: boolean }> {
  const party = await partyOf(db, context.actor);
  return db.transaction().execute(async (tx) => {
    const rfq = isId(id) ? await repo.selectRfq(tx, id, party.scope) : undefined;
    if (!rfq) throw notFound('询价');
    const supplierId = party.enterpriseId;
    if (!supplierId || supplierId === rfq.enterpriseId || !(await repo.isInvited(tx, rfq.id, supplierId))) {
      throw new AppError('forbidden', 'Not invited', { userMessage: '只有受邀供应商可以报价' });
    }
    if (rfq.status !== 'open' || !isSealed(rfq)) throw new AppError('invalid_state', 'Quote after the deadline', { userMessage: '报价已截止' });
    const supplier = (await repo.selectEnterprisesByUscc(tx, [party.actor.orgUscc!]))[0];
    const quote = await repo.upsertQuote(tx, {
      rfqId: rfq.id, supplierEnterpriseId: supplierId, supplierRegionCode: supplier.regionCode, priceFen: BigInt(body.priceFen), leadTimeDays: body.leadTimeDays,
      moq: body.moq ?? '', terms: body.terms ?? '',
    });
    // Sealed: the audit entry records that a quote was made, never its content.
    await recordWrites(tx, context, [{ action: quote.isNew ? 'quote.submit' : 'quote.revise', entityType: QUOTE_ENTITY, entityKey: quote.id, regionCode: supplier.regionCode, ...(quote.isNew ? {} : { before: { rfqId: rfq.id } }), after: { rfqId: rfq.id } }]);
    return quote;
  });
}

/** Quotes the caller may see: its own (suppliers); every quote once the deadline has passed (buyer, gov, admins); none before. */
export async function listQuotes(db: Db, actor: Actor, id: string): Promise<{ access: RfqAccess; isSealed: boolean; items: repo.QuoteRecord[] }> {
  const access = await getRfq(db, actor, id);
  const sealed = isSealed(access.rfq);
  if (access.side === 'supplier') return { access, isSealed: sealed, items: await repo.selectQuotes(db, access.rfq.id, access.party.enterpriseId) };
  return { access, isSealed: sealed, items: sealed ? [] : await repo.selectQuotes(db, access.rfq.id) };
}

/** One quote the caller may read. @throws not_found when sealed from the caller, not of this RFQ, or missing. */
export async function getQuote(db: Db, actor: Actor, id: string, quoteId: string): Promise<{ access: RfqAccess; quote: repo.QuoteRecord }> {
  const access = await getRfq(db, actor, id);
  const quote = isId(quoteId) ? (await repo.selectQuotes(db, access.rfq.id)).find((q) => q.id === quoteId) : undefined;
  if (!quote || !canReadQuote(access.side, quote.supplierEnterpriseId === access.party.enterpriseId, isSealed(access.rfq))) throw notFound('报价');
  return { access, quote };
}

/**
 * After the deadline the buyer awards one quote: the RFQ is awarded and the (need, supplier)
 * match is created or advanced to a deal, with a `deals` row for the quoted (or given) amount.
 * @throws not_found (RFQ or quote); forbidden unless the buyer side; invalid_state before the
 *   deadline, when already awarded, or when that supplier's match is already a deal.
 */
export async function awardRfq(db: Db, context: WriteContext, id: string, body: AwardBody): Promise<{ matchId: string; dealId: string }> {
  const signedOn = body.signedOn ?? businessDate();
  if (signedOn > businessDate()) throw invalid([{ path: 'signedOn', message: '签约日期不能晚于今天' }]);
  const party = await partyOf(db, context.actor);
  return db.transaction().execute(async (tx) => {
    const rfq = await lockAsBuyer(tx, party, id);
    if (rfq.status !== 'open') throw new AppError('invalid_state', `RFQ is ${rfq.status}`, { userMessage: '询价已定标或已取消' });
    if (isSealed(rfq)) throw new AppError('invalid_state', 'Before the deadline', { userMessage: '报价截止前不能定标' });
    const quote = (await repo.selectQuotes(tx, rfq.id)).find((q) => q.id === body.quoteId);
    if (!quote) throw notFound('报价');
    const match = await repo.selectMatchOfPair(tx, rfq.needId, quote.supplierEnterpriseId);
    if (match?.stage === 'deal') throw new AppError('invalid_state', 'Match already a deal', { userMessage: '该供应商已登记签约' });
    const matchId = match?.id ?? (await repo.insertMatch(tx, {
      needId: rfq.needId, buyerEnterpriseId: rfq.enterpriseId, supplierEnterpriseId: quote.supplierEnterpriseId, regionCode: rfq.regionCode,
      supplierRegionCode: quote.supplierRegionCode, stage: 'negotiating', score: null, message: `询价「${rfq.title}」定标`, invitedBy: actorId(context.actor),
    }));
    if (!match) {
      await recordWrites(tx, context, [{ action: 'match.invite', entityType: MATCH_ENTITY, entityKey: matchId, regionCode: rfq.regionCode, after: { needId: rfq.needId, supplier: quote.supplierUscc, stage: 'negotiating', rfqId: rfq.id } }]);
    }
    const parties = { id: matchId, needId: rfq.needId, stage: match?.stage ?? 'negotiating', buyerEnterpriseId: rfq.enterpriseId, supplierEnterpriseId: quote.supplierEnterpriseId, regionCode: rfq.regionCode, supplierRegionCode: quote.supplierRegionCode };
    const dealId = await closeAsDeal(tx, context, parties, { amountFen: BigInt(body.amountFen ?? Number(quote.priceFen)), signedOn, note: `询价「${rfq.title}」定标`, rfqId: rfq.id, quoteId: quote.id });
    await repo.setRfqAwarded(tx, rfq.id, quote.id);
    await recordWrites(tx, context, [{ action: 'rfq.award', entityType: RFQ_ENTITY, entityKey: rfq.id, regionCode: rfq.regionCode, before: { status: rfq.status }, after: { status: 'awarded', quoteId: quote.id, supplier: quote.supplierUscc, dealId } }]);
    return { matchId, dealId };
  });
}
