/**
 * The match lifecycle (撮合跟踪): the need's owner invites a supplier → the supplier accepts
 * (洽谈) or declines → either side records a deal (签约, a clean `deals` row) or a decline with a
 * reason from a fixed list. Each party sees only its own matches; gov users see their region's.
 */
import type { DealBody, DealStats, DeclineBody, InviteBody, ListDealsQuery, ListMatchesQuery } from '../../../contracts/deals.js';
import { DECLINE_REASONS, MATCH_STAGES } from '../../../contracts/deals.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { normaliseUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { partyScopeOf, sideOf } from './deals.policy.js';
import * as repo from './deals.repo.js';
import { canManage } from './matching.policy.js';
import { selectEnterpriseByUscc } from './matching.repo.js';
import { getNeed } from './matching.service.js';
import { notify } from '../workbench/index.js';

/** Audit entity types of this module. */
export const MATCH_ENTITY = 'match';
export const RFQ_ENTITY = 'rfq';
export const QUOTE_ENTITY = 'quote';

/** The caller's own enterprise id (members), or undefined. */
export async function ownEnterpriseId(db: Db | Tx, actor: Actor): Promise<string | undefined> {
  if (actor.role !== 'member' || !actor.orgUscc) return undefined;
  return (await selectEnterpriseByUscc(db, actor.orgUscc))?.id;
}

/** The caller, with its enterprise and read scope. */
export interface Party {
  actor: Actor;
  enterpriseId: string | undefined;
  scope: repo.PartyScope;
}

/** Resolve the caller's party: its enterprise and read scope. */
export async function partyOf(db: Db | Tx, actor: Actor): Promise<Party> {
  const enterpriseId = await ownEnterpriseId(db, actor);
  return { actor, enterpriseId, scope: partyScopeOf(actor, enterpriseId) };
}

/** The user id to store as author (null for the CLI's system actor). */
export function actorId(actor: Actor): string | null {
  return actor.userId === '0' ? null : actor.userId;
}

/** Resolve suppliers by USCC; unknown codes or the buyer itself are field errors at `pathOf(i)`. */
export async function resolveSuppliers(db: Db | Tx, usccs: readonly string[], buyerEnterpriseId: string, pathOf: (i: number) => string): Promise<{ id: string; uscc: string; name: string; regionCode: string }[]> {
  const normalised = usccs.map((u) => normaliseUscc(u));
  const found = new Map((await repo.selectEnterprisesByUscc(db, [...new Set(normalised)])).map((e) => [e.uscc, e]));
  const errors = normalised.flatMap((uscc, i) => {
    const e = found.get(uscc);
    if (!e) return [{ path: pathOf(i), message: `未找到统一社会信用代码为 ${uscc} 的企业` }];
    if (e.id === buyerEnterpriseId) return [{ path: pathOf(i), message: '不能邀请需求方企业自身' }];
    return [];
  });
  if (errors.length > 0) throw invalid(errors);
  return [...new Map(normalised.map((u) => [u, found.get(u)!])).values()];
}

const isId = (id: string) => /^\d{1,18}$/.test(id);

/**
 * One match the caller may read, with its side.
 * @throws not_found when it does not exist or lies outside the caller's scope.
 */
export async function getMatch(db: Db, actor: Actor, id: string): Promise<{ match: repo.MatchRecord; party: Party }> {
  const party = await partyOf(db, actor);
  const match = isId(id) ? await repo.selectMatch(db, id, party.scope) : undefined;
  if (!match) throw notFound('对接记录');
  return { match, party };
}

/** A page of the caller's matches (members: their own side; gov: their region), newest first. */
export async function listMatches(db: Db, actor: Actor, query: ListMatchesQuery): Promise<{ items: repo.MatchRecord[]; nextCursor: string | null; party: Party }> {
  const party = await partyOf(db, actor);
  const filter: repo.MatchFilter = { needId: query.needId, stage: query.stage, beforeId: decodeCursor(query.cursor) };
  if (query.side && party.enterpriseId) {
    if (query.side === 'buyer') filter.buyerEnterpriseId = party.enterpriseId;
    else filter.supplierEnterpriseId = party.enterpriseId;
  }
  const rows = await repo.selectMatches(db, party.scope, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null, party };
}

/**
 * The need's owner (or gov in scope) invites a supplier to talk about a published need.
 * @throws not_found (need); forbidden unless the owner side; invalid_state unless published;
 *   validation_failed (uscc unknown or the buyer itself); conflict when already invited.
 */
export async function inviteSupplier(db: Db, context: WriteContext, needId: string, body: InviteBody): Promise<string> {
  const need = await getNeed(db, context.actor, needId);
  if (!canManage(context.actor, need)) throw new AppError('forbidden', 'Not the need owner', { userMessage: '只有发布需求的企业可以邀请供应商' });
  if (need.status !== 'published') throw new AppError('invalid_state', `Cannot invite on a ${need.status} need`, { userMessage: '需求发布后才能邀请供应商' });
  const [supplier] = await resolveSuppliers(db, [body.uscc], need.enterpriseId, () => 'uscc');
  return db.transaction().execute(async (tx) => {
    if (await repo.selectMatchOfPair(tx, need.id, supplier.id)) throw new AppError('conflict', 'Already invited', { userMessage: '已邀请过该企业' });
    const id = await repo.insertMatch(tx, {
      needId: need.id, buyerEnterpriseId: need.enterpriseId, supplierEnterpriseId: supplier.id, regionCode: need.regionCode, supplierRegionCode: supplier.regionCode,
      stage: 'invited', score: null, message: body.message ?? '', invitedBy: actorId(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'match.invite', entityType: MATCH_ENTITY, entityKey: id, regionCode: need.regionCode, after: { needId: need.id, supplier: supplier.uscc, stage: 'invited', message: body.message ?? '' } }]);
    return id;
  });
}

/** A match verb: which stages it starts from, which sides may use it. */
const MATCH_VERBS = {
  accept: { from: ['invited'], sides: ['supplier'], label: '接受邀请' },
  decline: { from: ['invited', 'negotiating'], sides: ['buyer', 'supplier'], label: '婉拒' },
  deal: { from: ['negotiating'], sides: ['buyer', 'supplier'], label: '登记签约' },
} as const;

/** A verb of the match lifecycle. */
export type MatchVerb = keyof typeof MATCH_VERBS;

/** Lock a match of the caller's scope and check the verb against its stage and the caller's side. */
async function lockForVerb(tx: Tx, party: Party, id: string, verb: MatchVerb): Promise<{ match: repo.MatchRecord; side: 'buyer' | 'supplier' }> {
  const match = isId(id) ? await repo.selectMatch(tx, id, party.scope, { isForUpdate: true }) : undefined;
  if (!match) throw notFound('对接记录');
  const rule = MATCH_VERBS[verb];
  const side = sideOf(party.enterpriseId, match);
  if (side === 'observer' || !(rule.sides as readonly string[]).includes(side)) {
    throw new AppError('forbidden', `${verb} not allowed for ${side}`, { userMessage: `只有${rule.sides.length === 1 ? '供应商' : '对接双方'}可以${rule.label}` });
  }
  if (!(rule.from as readonly string[]).includes(match.stage)) {
    throw new AppError('invalid_state', `Cannot ${verb} a ${match.stage} match`, { userMessage: `当前阶段不能${rule.label}` });
  }
  return { match, side };
}

/** The supplier accepts an invitation: invited → negotiating (洽谈). @throws not_found; forbidden; invalid_state. */
export async function acceptMatch(db: Db, context: WriteContext, id: string): Promise<void> {
  const party = await partyOf(db, context.actor);
  await db.transaction().execute(async (tx) => {
    const { match } = await lockForVerb(tx, party, id, 'accept');
    await repo.setMatchStage(tx, match.id, { stage: 'negotiating' });
    await recordWrites(tx, context, [{ action: 'match.accept', entityType: MATCH_ENTITY, entityKey: match.id, regionCode: match.regionCode, before: { stage: match.stage }, after: { stage: 'negotiating' } }]);
    await notify(tx, context.actor, { membersOfUscc: match.buyerUscc }, { kind: 'match.accepted', params: { title: match.needTitle, supplier: match.supplierName }, link: `/matching/needs/${match.needId}`, entityType: MATCH_ENTITY, entityKey: match.id });
  });
}

/** Either side declines, with a reason from the fixed list. @throws not_found; forbidden; invalid_state; validation_failed (`note` for `other`). */
export async function declineMatch(db: Db, context: WriteContext, id: string, body: DeclineBody): Promise<void> {
  if (body.reason === 'other' && !body.note) throw invalid([{ path: 'note', message: '选择“其他”时请说明原因' }]);
  const party = await partyOf(db, context.actor);
  await db.transaction().execute(async (tx) => {
    const { match, side } = await lockForVerb(tx, party, id, 'decline');
    await repo.setMatchStage(tx, match.id, { stage: 'declined', declineReason: body.reason, declineNote: body.note ?? null, declinedBy: side });
    await recordWrites(tx, context, [{ action: 'match.decline', entityType: MATCH_ENTITY, entityKey: match.id, regionCode: match.regionCode, before: { stage: match.stage }, after: { stage: 'declined', reason: body.reason, note: body.note ?? null, by: side } }]);
  });
}

/** Either side records the signed deal: negotiating → deal, and a `deals` row. @throws not_found; forbidden; invalid_state; validation_failed (date in the future). */
export async function recordDeal(db: Db, context: WriteContext, id: string, body: DealBody): Promise<void> {
  if (body.signedOn > businessDate()) throw invalid([{ path: 'signedOn', message: '签约日期不能晚于今天' }]);
  const party = await partyOf(db, context.actor);
  await db.transaction().execute(async (tx) => {
    const { match } = await lockForVerb(tx, party, id, 'deal');
    await closeAsDeal(tx, context, match, { amountFen: BigInt(body.amountFen), signedOn: body.signedOn, note: body.note ?? '', rfqId: null, quoteId: null });
  });
}

/** Move a locked match to `deal` and write its deal row and audit entry (also used by RFQ awards). */
export async function closeAsDeal(tx: Tx, context: WriteContext, match: Pick<repo.MatchRecord, 'id' | 'needId' | 'stage' | 'buyerEnterpriseId' | 'supplierEnterpriseId' | 'regionCode' | 'supplierRegionCode'>, deal: { amountFen: bigint; signedOn: string; note: string; rfqId: string | null; quoteId: string | null }): Promise<string> {
  await repo.setMatchStage(tx, match.id, { stage: 'deal' });
  const dealId = await repo.insertDeal(tx, {
    matchId: match.id, needId: match.needId, buyerEnterpriseId: match.buyerEnterpriseId, supplierEnterpriseId: match.supplierEnterpriseId, amountFen: deal.amountFen,
    signedOn: deal.signedOn, buyerRegionCode: match.regionCode, supplierRegionCode: match.supplierRegionCode, rfqId: deal.rfqId, quoteId: deal.quoteId, note: deal.note,
    recordedBy: actorId(context.actor),
  });
  await recordWrites(tx, context, [{
    action: 'match.deal', entityType: MATCH_ENTITY, entityKey: match.id, regionCode: match.regionCode, before: { stage: match.stage },
    after: { stage: 'deal', dealId, amountFen: Number(deal.amountFen), signedOn: deal.signedOn, rfqId: deal.rfqId, quoteId: deal.quoteId },
  }]);
  return dealId;
}

function regionFilter(region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  if (!findRegion(region)) throw invalid([{ path: 'region', message: `未知的行政区划代码 ${region}` }]);
  return regionPrefix(region);
}

/** A page of deals in the caller's scope (members: their own, either side; gov: buyer or supplier in the region). @throws validation_failed on a bad region. */
export async function listDeals(db: Db, actor: Actor, query: ListDealsQuery): Promise<{ items: repo.DealRecord[]; nextCursor: string | null }> {
  const party = await partyOf(db, actor);
  const rows = await repo.selectDeals(db, party.scope, { regionPrefix: regionFilter(query.region), beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Counts by stage and decline reason, deals and their amount, RFQs, in the caller's scope. @throws validation_failed on a bad region. */
export async function dealStats(db: Db, actor: Actor, region?: string): Promise<DealStats> {
  const party = await partyOf(db, actor);
  const stats = await repo.selectStats(db, party.scope, regionFilter(region));
  return {
    byStage: Object.fromEntries(MATCH_STAGES.map((s) => [s, stats.byStage[s] ?? 0])) as DealStats['byStage'],
    declineReasons: Object.fromEntries(DECLINE_REASONS.map((r) => [r, stats.declineReasons[r] ?? 0])) as DealStats['declineReasons'],
    dealCount: stats.dealCount,
    dealAmountFen: Number(stats.dealAmountFen),
    rfqCount: stats.rfqCount,
  };
}
