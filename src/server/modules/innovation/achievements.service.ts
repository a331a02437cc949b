/**
 * Technology achievements (科技成果, IN-3): publishing with a non-confidential summary, matching
 * with needs both ways (achievements.matching.ts), interest from requesters and the owner's
 * categorised feedback; and first-use records (首试首用 / 首台套) of SME products by large firms.
 * Rules here; SQL in the repo.
 */
import type { CreateAchievementBody, CreateFirstUseBody, CreateInterestBody, InterestFeedbackBody, ListAchievementsQuery, ListFirstUsesQuery } from '../../../contracts/achievements.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { canManage as canManageNeed, isNeedVisibleTo } from '../matching/matching.policy.js';
import { sharedTokenizer } from '../matching/matching.index.js';
import * as repo from './achievements.repo.js';
import { achievementText, needText, rankByText } from './achievements.matching.js';
import { enterpriseFor, userIdOf } from './challenges.service.js';
import { canManage } from './innovation.policy.js';

export const ACHIEVEMENT_ENTITY = 'achievement';
export const INTEREST_ENTITY = 'achievement_interest';
export const FIRST_USE_ENTITY = 'first_use';

const ID = /^\d{1,18}$/;

/** An achievement with what the caller may do with it. */
export interface AchievementForActor {
  achievement: repo.AchievementRecord;
  canManage: boolean;
  myInterestId: string | null;
}

function managesAchievement(actor: Actor, a: repo.AchievementRecord): boolean {
  return canManage(actor, { ownerOrgId: a.ownerOrgId, regionCode: a.regionCode });
}

async function ownEnterpriseId(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== 'member' || !actor.orgUscc) return null;
  const own = await repo.selectEnterpriseIdByUscc(db, actor.orgUscc);
  return own?.id ?? null;
}

async function withRights(db: Db, actor: Actor, achievement: repo.AchievementRecord, ownId: string | null): Promise<AchievementForActor> {
  const mine = ownId ? await repo.selectInterestOf(db, achievement.id, ownId) : undefined;
  return { achievement, canManage: managesAchievement(actor, achievement), myInterestId: mine?.id ?? null };
}

/**
 * One achievement. Published ones are public to everyone signed in (the summary is
 * non-confidential); a withdrawn one only to its managers.
 * @throws not_found.
 */
export async function getAchievementFor(db: Db, actor: Actor, id: string): Promise<AchievementForActor> {
  const achievement = ID.test(id) ? await repo.selectAchievement(db, id) : undefined;
  if (!achievement || (achievement.status !== 'published' && !managesAchievement(actor, achievement))) throw notFound('科技成果');
  return withRights(db, actor, achievement, await ownEnterpriseId(db, actor));
}

/** A page of achievements, newest first: published ones, or with `mine=true` the caller's own (any status). */
export async function listAchievements(db: Db, actor: Actor, query: ListAchievementsQuery): Promise<{ items: AchievementForActor[]; nextCursor: string | null }> {
  const ownId = await ownEnterpriseId(db, actor);
  const filter: repo.AchievementFilter = { q: query.q || undefined, transferMode: query.transferMode, minTrl: query.minTrl, beforeId: decodeCursor(query.cursor) };
  if (query.mine === 'true') filter.enterpriseId = ownId ?? '0';
  else filter.publishedOnly = true;
  const rows = await repo.selectAchievements(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return {
    items: await Promise.all(items.map((a) => withRights(db, actor, a, ownId))),
    nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null,
  };
}

/**
 * Publish an achievement for the member's own enterprise (gov users and admins: one in scope).
 * @throws forbidden for experts; validation_failed (price range, uscc).
 */
export async function createAchievement(db: Db, context: WriteContext, body: CreateAchievementBody): Promise<{ id: string }> {
  const owner = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  if (body.priceMinFen !== undefined && body.priceMaxFen !== undefined && body.priceMinFen > body.priceMaxFen) {
    throw invalid([{ path: 'priceMaxFen', message: '价格上限不能低于下限' }]);
  }
  const patentNumbers = [...new Set(body.patentNumbers)];
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertAchievement(tx, {
      enterpriseId: owner.id, regionCode: owner.regionCode, title: body.title, field: body.field, trl: body.trl, patentNumbers, transferMode: body.transferMode,
      priceMinFen: body.priceMinFen ?? null, priceMaxFen: body.priceMaxFen ?? null, summary: body.summary, createdBy: userIdOf(context.actor),
    });
    await recordWrites(tx, context, [{ action: 'achievement.create', entityType: ACHIEVEMENT_ENTITY, entityKey: id, regionCode: owner.regionCode, after: { ...body, patentNumbers, ownerUscc: owner.uscc } }]);
    return { id };
  });
}

/** Most matches returned. */
const MATCH_LIMIT = 20;

/**
 * Achievement → needs: published needs its owner may see, scored by text. The achievement's
 * managers only (its owner, gov in scope); others get 404.
 */
export async function needsForAchievement(db: Db, actor: Actor, id: string) {
  const { achievement, canManage: isManager } = await getAchievementFor(db, actor, id);
  if (!isManager) throw notFound('科技成果');
  const viewer = { uscc: achievement.ownerUscc, regionCode: achievement.regionCode };
  const needs = (await repo.selectPublishedNeedTexts(db)).filter(
    (n) => n.buyerUscc !== achievement.ownerUscc && isNeedVisibleTo({ visibility: n.visibility, regionCode: n.targetRegionCode, ownerRegionCode: n.ownerRegionCode, invitedUsccs: n.invitedUsccs }, viewer),
  );
  return rankByText(sharedTokenizer(), achievementText(achievement), needs, needText, MATCH_LIMIT).map((m) => ({
    score: m.score, terms: m.terms, needId: m.item.id, needTitle: m.item.title, buyerName: m.item.buyerName,
  }));
}

/** Need → achievements: published achievements (not the buyer's own), scored by text. The need's managers only; others get 404. */
export async function achievementsForNeed(db: Db, actor: Actor, needId: string) {
  const need = ID.test(needId) ? await repo.selectNeed(db, needId) : undefined;
  if (!need || !canManageNeed(actor, { uscc: need.uscc, regionCode: need.regionCode })) throw notFound('需求');
  const achievements = (await repo.selectAchievementTexts(db)).filter((a) => a.ownerUscc !== need.uscc);
  return rankByText(sharedTokenizer(), needText(need), achievements, achievementText, MATCH_LIMIT).map((m) => ({
    score: m.score, terms: m.terms, achievementId: m.item.id, achievementTitle: m.item.title, ownerName: m.item.ownerName, trl: m.item.trl, transferMode: m.item.transferMode as repo.AchievementRecord['transferMode'],
  }));
}

/**
 * Send interest in an achievement for the member's enterprise (gov/admins: one in scope), optionally
 * naming one of the requester's own needs.
 * @throws not_found; validation_failed (uscc, needId); conflict for the owner itself, a withdrawn achievement, a second interest.
 */
export async function createInterest(db: Db, context: WriteContext, achievementId: string, body: CreateInterestBody): Promise<{ id: string }> {
  const { achievement } = await getAchievementFor(db, context.actor, achievementId);
  const requester = await enterpriseFor(db, context.actor, body.uscc, 'uscc');
  if (requester.id === achievement.enterpriseId) throw new AppError('conflict', 'Own achievement', { userMessage: '不能对本单位的成果表达意向' });
  if (achievement.status !== 'published') throw new AppError('conflict', 'Achievement withdrawn', { userMessage: '该成果已撤回' });
  if (body.needId) {
    const need = await repo.selectNeed(db, body.needId);
    if (!need || need.enterpriseId !== requester.id) throw invalid([{ path: 'needId', message: '需求不存在或不属于本单位' }]);
  }
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertInterest(tx, {
      achievementId: achievement.id, enterpriseId: requester.id, regionCode: requester.regionCode, needId: body.needId ?? null, message: body.message, createdBy: userIdOf(context.actor),
    });
    if (!id) throw new AppError('conflict', 'Interest exists', { userMessage: '本单位已对该成果表达过意向' });
    await recordWrites(tx, context, [{ action: 'achievement.interest', entityType: INTEREST_ENTITY, entityKey: id, regionCode: requester.regionCode, after: { achievementId: achievement.id, requesterUscc: requester.uscc, needId: body.needId ?? null, message: body.message } }]);
    return { id };
  });
}

/** An interest with whether the caller answers it. */
export interface InterestForActor {
  interest: repo.InterestRecord;
  canAnswer: boolean;
}

/** Interests in one achievement: all for its managers, the caller's own enterprise's for others. @throws not_found. */
export async function listInterests(db: Db, actor: Actor, achievementId: string): Promise<InterestForActor[]> {
  const view = await getAchievementFor(db, actor, achievementId);
  const ownId = await ownEnterpriseId(db, actor);
  if (!view.canManage && !ownId) return [];
  const rows = await repo.selectInterests(db, { achievementId: view.achievement.id, enterpriseId: view.canManage ? undefined : ownId ?? undefined }, 500);
  return rows.map((interest) => ({ interest, canAnswer: view.canManage && interest.status === 'pending' }));
}

/** The member's enterprise's interests: `sent` by it, or `received` on its achievements. */
export async function listOwnInterests(db: Db, actor: Actor, side: 'sent' | 'received', page: { cursor?: string; limit: number }) {
  const ownId = await ownEnterpriseId(db, actor);
  if (!ownId) return { items: [] as InterestForActor[], nextCursor: null };
  const rows = await repo.selectInterests(db, { [side === 'sent' ? 'enterpriseId' : 'ownerEnterpriseId']: ownId, beforeId: decodeCursor(page.cursor) }, page.limit + 1);
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((interest) => ({ interest, canAnswer: side === 'received' && interest.status === 'pending' })),
    nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].id) : null,
  };
}

/**
 * The owner answers an interest with a category from the fixed list (and a note).
 * @throws not_found for others (and unknown ids); conflict when already answered.
 */
export async function answerInterest(db: Db, context: WriteContext, interestId: string, body: InterestFeedbackBody): Promise<InterestForActor> {
  const interest = ID.test(interestId) ? await repo.selectInterest(db, interestId) : undefined;
  if (!interest) throw notFound('意向');
  const achievement = await repo.selectAchievement(db, interest.achievementId);
  if (!achievement || !managesAchievement(context.actor, achievement)) throw notFound('意向');
  await db.transaction().execute(async (tx) => {
    const done = await repo.answerInterest(tx, interest.id, { category: body.category, note: body.note, answeredBy: userIdOf(context.actor) });
    if (!done) throw new AppError('conflict', 'Already answered', { userMessage: '该意向已答复' });
    await recordWrites(tx, context, [{ action: 'achievement.feedback', entityType: INTEREST_ENTITY, entityKey: interest.id, regionCode: achievement.regionCode, before: { status: 'pending' }, after: { status: 'answered', ...body } }]);
  });
  return { interest: (await repo.selectInterest(db, interest.id))!, canAnswer: false };
}

/** Recording a first use: members of either party, gov users whose scope holds either party, admins. */
function mayRecord(actor: Actor, parties: { uscc: string; regionCode: string }[]): boolean {
  if (actor.role === 'member') return parties.some((p) => p.uscc === actor.orgUscc);
  return (actor.role === 'gov' || actor.role === 'platform_admin') && parties.some((p) => isInRegionScope(actor, p.regionCode));
}

/**
 * Record a 首试首用 / 首台(套). The supplier is the SME; the user the large firm.
 * @throws forbidden for experts; validation_failed (unknown party, the same firm on both sides, a start in the future, a party the caller does not act for).
 */
export async function createFirstUse(db: Db, context: WriteContext, body: CreateFirstUseBody): Promise<{ id: string }> {
  const { actor } = context;
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts record no first uses', { userMessage: '专家账号不能登记首试首用' });
  const supplier = await repo.selectEnterpriseIdByUscc(db, body.supplierUscc.trim().toUpperCase());
  const user = await repo.selectEnterpriseIdByUscc(db, body.userUscc.trim().toUpperCase());
  const errors = [];
  if (!supplier) errors.push({ path: 'supplierUscc', message: '企业不存在' });
  if (!user) errors.push({ path: 'userUscc', message: '企业不存在' });
  if (supplier && user && supplier.id === user.id) errors.push({ path: 'userUscc', message: '使用方与供应方不能是同一企业' });
  if (body.startedOn > businessDate()) errors.push({ path: 'startedOn', message: '开始日期不能晚于今天' });
  if (errors.length > 0) throw invalid(errors);
  if (!mayRecord(actor, [supplier!, user!])) throw invalid([{ path: 'supplierUscc', message: '只能登记本单位参与的、或辖区内企业的首试首用' }]);
  return db.transaction().execute(async (tx) => {
    const id = await repo.insertFirstUse(tx, {
      kind: body.kind, supplierId: supplier!.id, userEnterpriseId: user!.id, regionCode: supplier!.regionCode, product: body.product, startedOn: body.startedOn, outcome: body.outcome,
      outcomeNote: body.outcomeNote, createdBy: userIdOf(actor),
    });
    await recordWrites(tx, context, [{ action: 'first_use.create', entityType: FIRST_USE_ENTITY, entityKey: id, regionCode: supplier!.regionCode, after: body }]);
    return { id };
  });
}

/** A first-use record the caller may see: parties' members, gov users whose scope holds the supplier's region, admins. */
function maySee(actor: Actor, record: repo.FirstUseRecord): boolean {
  if (actor.role === 'member') return actor.orgUscc === record.supplierUscc || actor.orgUscc === record.userUscc;
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, record.regionCode);
}

/** First-use records: gov users see those of suppliers in their region, members those their enterprise is a party to. */
export async function listFirstUses(db: Db, actor: Actor, query: ListFirstUsesQuery): Promise<{ items: repo.FirstUseRecord[]; nextCursor: string | null }> {
  const filter: repo.FirstUseFilter = { kind: query.kind, outcome: query.outcome, beforeId: decodeCursor(query.cursor) };
  const scope = regionScopeOf(actor);
  if (scope.kind === 'prefix') filter.regionPrefix = scope.prefix;
  else if (scope.kind === 'none') filter.partyEnterpriseId = (await ownEnterpriseId(db, actor)) ?? '0';
  const rows = await repo.selectFirstUses(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Update the outcome of a record. @throws not_found for those the caller may not see; validation_failed. */
export async function updateFirstUseOutcome(db: Db, context: WriteContext, id: string, body: Pick<CreateFirstUseBody, 'outcome' | 'outcomeNote'>): Promise<repo.FirstUseRecord> {
  const record = ID.test(id) ? await repo.selectFirstUse(db, id) : undefined;
  if (!record || !maySee(context.actor, record)) throw notFound('首试首用记录');
  await db.transaction().execute(async (tx) => {
    await repo.updateFirstUseOutcome(tx, record.id, body.outcome, body.outcomeNote);
    await recordWrites(tx, context, [{ action: 'first_use.outcome', entityType: FIRST_USE_ENTITY, entityKey: record.id, regionCode: record.regionCode, before: { outcome: record.outcome, outcomeNote: record.outcomeNote }, after: body }]);
  });
  return (await repo.selectFirstUse(db, record.id))!;
}
