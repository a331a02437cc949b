/**
 * Needs (需求) and their review workflow, offers (供给), and matches both ways. Rules and
 * transitions live here; SQL in the repo; who-may-what in the policy.
 */
import type { CreateNeedBody, CreateOfferBody, EnterpriseMatch, ListNeedsQuery, ListOffersQuery, NeedMatch, NeedStatus, PreviewMatchesBody, UpdateNeedBody, UpdateOfferBody } from '../../../contracts/matching.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { findIndustry, normaliseIndustryCode } from '../../platform/industries.js';
import { wanToFen } from '../../platform/money.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { notify } from '../workbench/index.js';
import { needFacts, NEED_ENTITY, OFFER_ENTITY, type MatchingIndex } from './matching.index.js';
import { canManage, canReview, canSeeMatches, isGovInScope, isNeedVisibleTo, isOwner } from './matching.policy.js';
import * as repo from './matching.repo.js';
import { crossBorderWrite, mergeCrossBorder } from './crossborder.fields.js';
import { GREEN_HEADROOM, hasGreenRequirements, screenMatches } from '../innovation/green.service.js';

/** What the matching services need from the app. */
export interface MatchingDeps {
  db: Db;
  index: MatchingIndex;
}

/** The read scope of needs for an actor (see {@link repo.NeedReadScope}). */
export async function needScopeOf(db: Db, actor: Actor): Promise<repo.NeedReadScope> {
  const region = regionScopeOf(actor);
  if (region.kind === 'all') return { isAll: true };
  if (actor.role === 'gov' && region.kind === 'prefix') {
    return { isAll: false, ownerPrefix: region.prefix, viewerRegion: actor.regionCode ?? undefined };
  }
  if (actor.role === 'member' && actor.orgUscc) {
    const own = await repo.selectEnterpriseByUscc(db, actor.orgUscc);
    return { isAll: false, ownEnterpriseId: own?.id ?? '0', viewerRegion: own?.regionCode, viewerUscc: actor.orgUscc };
  }
  return { isAll: false };
}

/**
 * One need the actor may read.
 * @throws not_found when it does not exist or lies outside what the actor may see.
 */
export async function getNeed(db: Db, actor: Actor, id: string): Promise<repo.NeedRecord> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('需求');
  const need = await repo.selectNeed(db, id, await needScopeOf(db, actor));
  if (!need) throw notFound('需求');
  return need;
}

/** A page of needs the actor may read, newest first. @throws validation_failed on a bad region or cursor. */
export async function listNeeds(db: Db, actor: Actor, query: ListNeedsQuery): Promise<{ items: repo.NeedRecord[]; nextCursor: string | null }> {
  const filter: repo.NeedFilter = { status: query.status, kind: query.kind, q: query.q || undefined, beforeId: decodeCursor(query.cursor) };
  if (query.region) {
    if (!findRegion(query.region)) throw invalid([{ path: 'region', message: `未知的行政区划代码 ${query.region}` }]);
    filter.regionPrefix = regionPrefix(query.region);
  }
  if (query.mine === 'true') {
    const own = actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
    filter.enterpriseId = own?.id ?? '0';
  }
  const rows = await repo.selectNeeds(db, await needScopeOf(db, actor), filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Published needs of the actor's scope for the region's 需求清单 export (at most `max`). */
export async function listPublishedNeeds(db: Db, actor: Actor, query: Pick<ListNeedsQuery, 'kind' | 'region' | 'q'>, max: number): Promise<repo.NeedRecord[]> {
  const page = await listNeeds(db, actor, { ...query, status: 'published', limit: max });
  return page.items;
}

/** Check and convert the fields of a need body into columns. Collects every problem. */
function needWrite(body: UpdateNeedBody & Pick<CreateNeedBody, 'title' | 'description' | 'kind'>): repo.NeedWrite {
  const errors: FieldError[] = [];
  let industryCode: string | null = null;
  if (body.industryCode) {
    const code = normaliseIndustryCode(body.industryCode);
    if (code && findIndustry(code)) industryCode = code;
    else errors.push({ path: 'industryCode', message: `未知的国民经济行业代码 ${body.industryCode}` });
  }
  if (body.regionCode && !findRegion(body.regionCode)) errors.push({ path: 'regionCode', message: `未知的行政区划代码 ${body.regionCode}` });
  if (body.deadline && body.deadline < businessDate()) errors.push({ path: 'deadline', message: '截止日期不能早于今天' });
  if (body.budgetMinWan !== undefined && body.budgetMaxWan !== undefined && body.budgetMinWan > body.budgetMaxWan) {
    errors.push({ path: 'budgetMaxWan', message: '预算上限不能低于下限' });
  }
  if (body.visibility === 'invited' && (body.invitedUsccs ?? []).length === 0) errors.push({ path: 'invitedUsccs', message: '仅邀请可见的需求须至少邀请一家企业' });
  const crossBorder = crossBorderWrite(body, errors);
  if (errors.length > 0) throw invalid(errors);
  return {
    targetRegionCode: body.regionCode ?? null,
    title: body.title.trim(),
    description: body.description.trim(),
    kind: body.kind,
    products: [...new Set(body.products ?? [])],
    industryCode,
    quantity: body.quantity ?? '',
    budgetMinFen: body.budgetMinWan === undefined ? null : wanToFen(body.budgetMinWan),
    budgetMaxFen: body.budgetMaxWan === undefined ? null : wanToFen(body.budgetMaxWan),
    requiredCertifications: [...new Set(body.requiredCertifications ?? [])],
    requiredLevel: body.requiredLevel ?? null,
    deadline: body.deadline ?? null,
    visibility: body.visibility ?? 'public',
    invitedUsccs: [...new Set(body.invitedUsccs ?? [])],
    ...crossBorder,
  };
}

/**
 * The enterprise a need or offer is posted for: a member's own (a `uscc` of another is refused),
 * or for gov/admin the named enterprise in their scope.
 * @throws validation_failed naming `uscc` when it is missing, unknown or outside the scope; forbidden for experts.
 */
async function ownerFor(db: Db, actor: Actor, uscc: string | undefined) {
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts do not post needs or offers', { userMessage: '专家账号不能发布需求或供给' });
  const wanted = uscc?.trim().toUpperCase() ?? (actor.role === 'member' ? actor.orgUscc ?? undefined : undefined);
  if (!wanted) throw invalid([{ path: 'uscc', message: '请指定发布企业的统一社会信用代码' }]);
  const owner = await repo.selectEnterpriseByUscc(db, wanted);
  if (!owner || !canManage(actor, owner)) throw invalid([{ path: 'uscc', message: '企业不存在或不在您的权限范围内' }]);
  return owner;
}

/** Post a need as a draft. @throws validation_failed (fields, `uscc`), forbidden for experts. */
export async function createNeed(deps: MatchingDeps, context: WriteContext, body: CreateNeedBody): Promise<{ id: string; status: NeedStatus }> {
  const owner = await ownerFor(deps.db, context.actor, body.uscc);
  const write = needWrite(body);
  const id = await deps.db.transaction().execute(async (tx) => {
    const needId = await repo.insertNeed(tx, { ...write, enterpriseId: owner.id, regionCode: owner.regionCode, createdBy: context.actor.userId === '0' ? null : context.actor.userId });
    await recordWrites(tx, context, [{ action: 'need.create', entityType: NEED_ENTITY, entityKey: needId, regionCode: owner.regionCode, after: { ...auditOf(write), status: 'draft', uscc: owner.uscc } }]);
    return needId;
  });
  return { id, status: 'draft' };
}

/** Change a draft. @throws not_found; forbidden when the actor may only read it; invalid_state unless draft. */
export async function updateNeed(deps: MatchingDeps, context: WriteContext, id: string, body: UpdateNeedBody): Promise<repo.NeedRecord> {
  const need = await getNeed(deps.db, context.actor, id);
  requireManage(context.actor, need);
  if (need.status !== 'draft') throw new AppError('invalid_state', `Need is ${need.status}`, { userMessage: '只有草稿状态的需求可以修改' });
  const write = needWrite({
    title: body.title ?? need.title, description: body.description ?? need.description, kind: body.kind ?? (need.kind as CreateNeedBody['kind']),
    products: body.products ?? need.products, industryCode: body.industryCode ?? need.industryCode ?? undefined,
    regionCode: body.regionCode ?? need.targetRegionCode ?? undefined, visibility: body.visibility ?? (need.visibility as CreateNeedBody['visibility']),
    quantity: body.quantity ?? need.quantity,
    budgetMinWan: body.budgetMinWan ?? (need.budgetMinFen === null ? undefined : Number(need.budgetMinFen) / 1e6),
    budgetMaxWan: body.budgetMaxWan ?? (need.budgetMaxFen === null ? undefined : Number(need.budgetMaxFen) / 1e6),
    requiredCertifications: body.requiredCertifications ?? need.requiredCertifications,
    requiredLevel: body.requiredLevel ?? (need.requiredLevel as CreateNeedBody['requiredLevel']) ?? undefined,
    deadline: body.deadline ?? (need.deadline && need.deadline >= businessDate() ? need.deadline : undefined),
    invitedUsccs: body.invitedUsccs ?? need.invitedUsccs,
    ...mergeCrossBorder(body, need),
  });
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateNeedRow(tx, need.id, write);
    await recordWrites(tx, context, [{ action: 'need.update', entityType: NEED_ENTITY, entityKey: need.id, regionCode: need.regionCode, before: snapshot(need), after: auditOf(write) }]);
  });
  return getNeed(deps.db, context.actor, id);
}

/** A need write as JSON for the audit log (money as numbers of fen). */
function auditOf(write: repo.NeedWrite) {
  return { ...write, budgetMinFen: write.budgetMinFen === null ? null : Number(write.budgetMinFen), budgetMaxFen: write.budgetMaxFen === null ? null : Number(write.budgetMaxFen) };
}

function requireManage(actor: Actor, need: repo.NeedRecord): void {
  if (!canManage(actor, need)) throw new AppError('forbidden', 'Not the owner', { userMessage: '只有发布企业或主管部门可以操作此需求' });
}

function snapshot(need: repo.NeedRecord) {
  return { title: need.title, status: need.status, products: need.products, visibility: need.visibility, reviewComment: need.reviewComment };
}

/** The workflow verbs: from which states, who, and what they lead to. */
const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', who: 'manage' },
  publish: { from: ['submitted'], to: 'published', who: 'review' },
  return: { from: ['submitted'], to: 'draft', who: 'review' },
  close: { from: ['published'], to: 'closed', who: 'manage' },
  fulfil: { from: ['published'], to: 'fulfilled', who: 'manage' },
} as const;

/** A workflow verb of {@link TRANSITIONS}. */
export type NeedVerb = keyof typeof TRANSITIONS;

const VERB_LABEL: Record<NeedVerb, string> = { submit: '提交审核', publish: '审核通过并发布', return: '退回', close: '关闭', fulfil: '标记为已对接成功' };

/**
 * Move a need along its workflow. `publish` and `return` are the gov review (a member owner
 * gets forbidden); `return` keeps its comment on the need.
 * @throws not_found; forbidden; invalid_state (409) from a state the verb does not start from;
 *   validation_failed when a submitted deadline has passed.
 */
export async function transitionNeed(deps: MatchingDeps, context: WriteContext, id: string, verb: NeedVerb, comment?: string): Promise<{ id: string; status: NeedStatus }> {
  const { actor } = context;
  const rule = TRANSITIONS[verb];
  if (!/^\d{1,18}$/.test(id)) throw notFound('需求');
  const scope = await needScopeOf(deps.db, actor);
  const next: NeedStatus = await deps.db.transaction().execute(async (tx) => {
    const need = await repo.selectNeed(tx, id, scope, { isForUpdate: true });
    if (!need) throw notFound('需求');
    const isAllowed = rule.who === 'review' ? canReview(actor, need) : canManage(actor, need);
    if (!isAllowed) {
      throw new AppError('forbidden', `${verb} not allowed`, { userMessage: rule.who === 'review' ? '只有需求所在地区的主管部门可以审核' : '只有发布企业或主管部门可以操作此需求' });
    }
    if (!(rule.from as readonly string[]).includes(need.status)) {
      throw new AppError('invalid_state', `Cannot ${verb} a ${need.status} need`, { userMessage: `当前状态不能${VERB_LABEL[verb]}` });
    }
    if (verb === 'submit' && need.deadline && need.deadline < businessDate()) {
      throw invalid([{ path: 'deadline', message: '截止日期已过，请修改后再提交' }]);
    }
    await repo.setNeedStatus(tx, need.id, {
      status: rule.to,
      ...(verb === 'return' ? { reviewComment: comment ?? null, reviewedBy: actorId(actor) } : {}),
      ...(verb === 'publish' ? { reviewedBy: actorId(actor), isPublishing: true } : {}),
    });
    await recordWrites(tx, context, [{ action: `need.${verb}`, entityType: NEED_ENTITY, entityKey: need.id, regionCode: need.regionCode, before: { status: need.status }, after: { status: rule.to, ...(comment ? { comment } : {}) } }]);
    if (verb === 'publish' || verb === 'return') {
      await notify(tx, actor, { membersOfUscc: need.uscc }, { kind: verb === 'publish' ? 'need.published' : 'need.returned', params: { title: need.title, comment: comment ?? null }, link: `/matching/needs/${need.id}`, entityType: NEED_ENTITY, entityKey: need.id });
    }
    return rule.to;
  });
  await deps.index.refreshNeeds([id]);
  return { id, status: next };
}

function actorId(actor: Actor): string | null {
  return actor.userId === '0' ? null : actor.userId;
}

/**
 * Ranked candidate enterprises of a need (its owner, gov in scope and admins; any status).
 * @throws not_found for everyone else.
 */
export async function matchesOfNeed(deps: MatchingDeps, actor: Actor, id: string, limit: number): Promise<EnterpriseMatch[]> {
  const need = await getNeed(deps.db, actor, id);
  if (!canSeeMatches(actor, need)) throw notFound('需求');
  const engine = await deps.index.get();
  await deps.index.ensureKnown([need.uscc]);
  if (!(await hasGreenRequirements(deps.db, need.id))) return engine.matchNeed(needFacts(need), limit);
  return (await screenMatches(deps.db, need.id, engine.matchNeed(needFacts(need), limit + GREEN_HEADROOM))).slice(0, limit);
}

/** The live preview of a need being typed: candidates as the engine would rank them now. */
export async function previewMatches(deps: MatchingDeps, actor: Actor, body: PreviewMatchesBody): Promise<EnterpriseMatch[]> {
  const owner = await ownerFor(deps.db, actor, body.uscc);
  const engine = await deps.index.get();
  await deps.index.ensureKnown([owner.uscc]);
  return engine.matchNeed(
    {
      title: body.title, description: body.description, products: body.products ?? [], industryCode: body.industryCode ?? null,
      regionCode: body.regionCode ?? null, requiredCertifications: body.requiredCertifications ?? [], requiredLevel: body.requiredLevel ?? null,
      ownerUscc: owner.uscc,
    },
    body.limit,
  );
}

/**
 * Published needs an enterprise can see, ranked for it (its members, gov in scope, admins).
 * @throws not_found for everyone else, and for unknown enterprises.
 */
export async function matchedNeedsOf(deps: MatchingDeps, actor: Actor, uscc: string, limit: number): Promise<NeedMatch[]> {
  const enterprise = await repo.selectEnterpriseByUscc(deps.db, uscc.trim().toUpperCase());
  if (!enterprise || !(isOwner(actor, enterprise) || isGovInScope(actor, enterprise))) throw notFound('企业');
  const engine = await deps.index.get();
  await deps.index.ensureKnown([enterprise.uscc]);
  return engine.matchEnterprise(enterprise.uscc, limit, (need) => {
    const access = deps.index.accessOf(need.id);
    return Boolean(access) && isNeedVisibleTo(access!, enterprise);
  });
}

/** One offer (offers are public listings). @throws not_found. */
export async function getOffer(db: Db, id: string): Promise<repo.OfferRecord> {
  const offer = /^\d{1,18}$/.test(id) ? await repo.selectOffer(db, id) : undefined;
  if (!offer) throw notFound('供给');
  return offer;
}

/** A page of offers, newest first; `mine` restricts to the caller's own enterprise. */
export async function listOffers(db: Db, actor: Actor, query: ListOffersQuery): Promise<{ items: repo.OfferRecord[]; nextCursor: string | null }> {
  const filter: { enterpriseId?: string; q?: string; beforeId?: string } = { q: query.q || undefined, beforeId: decodeCursor(query.cursor) };
  const uscc = query.mine === 'true' ? actor.orgUscc ?? '' : query.uscc;
  if (uscc !== undefined) {
    filter.enterpriseId = (await repo.selectEnterpriseByUscc(db, uscc.trim().toUpperCase()))?.id ?? '0';
  }
  const rows = await repo.selectOffers(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

function offerWrite(body: UpdateOfferBody & Pick<CreateOfferBody, 'title' | 'description' | 'products'>): repo.OfferWrite {
  const unknown = (body.regionsServed ?? []).map((code, i) => ({ code, i })).filter(({ code }) => !findRegion(code));
  const errors: FieldError[] = unknown.map(({ code, i }) => ({ path: `regionsServed.${i}`, message: `未知的行政区划代码 ${code}` }));
  const crossBorder = crossBorderWrite(body, errors);
  if (errors.length > 0) throw invalid(errors);
  return {
    ...crossBorder,
    title: body.title.trim(), description: body.description.trim(), products: [...new Set(body.products)], capacity: body.capacity ?? '',
    leadTimeDays: body.leadTimeDays ?? null, certifications: [...new Set(body.certifications ?? [])], regionsServed: [...new Set(body.regionsServed ?? [])],
  };
}

/** List an offer for an enterprise. @throws validation_failed (fields, `uscc`); forbidden for experts. */
export async function createOffer(deps: MatchingDeps, context: WriteContext, body: CreateOfferBody): Promise<repo.OfferRecord> {
  const owner = await ownerFor(deps.db, context.actor, body.uscc);
  const write = offerWrite(body);
  const id = await deps.db.transaction().execute(async (tx) => {
    const offerId = await repo.insertOffer(tx, { ...write, enterpriseId: owner.id, regionCode: owner.regionCode, createdBy: actorId(context.actor) });
    await recordWrites(tx, context, [{ action: 'offer.create', entityType: OFFER_ENTITY, entityKey: offerId, regionCode: owner.regionCode, after: { ...write, uscc: owner.uscc } }]);
    return offerId;
  });
  await deps.index.refreshOffers([id]);
  return getOffer(deps.db, id);
}

/** Change an offer. @throws not_found; forbidden unless the owner or gov in scope. */
export async function updateOffer(deps: MatchingDeps, context: WriteContext, id: string, body: UpdateOfferBody): Promise<repo.OfferRecord> {
  const offer = await getOffer(deps.db, id);
  if (!canManage(context.actor, offer)) throw new AppError('forbidden', 'Not the owner', { userMessage: '只有发布企业或主管部门可以修改此供给' });
  const write = offerWrite({
    title: body.title ?? offer.title, description: body.description ?? offer.description, products: body.products ?? offer.products,
    capacity: body.capacity ?? offer.capacity, leadTimeDays: body.leadTimeDays ?? offer.leadTimeDays ?? undefined,
    certifications: body.certifications ?? offer.certifications, regionsServed: body.regionsServed ?? offer.regionsServed,
    ...mergeCrossBorder(body, offer),
  });
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateOfferRow(tx, offer.id, write);
    await recordWrites(tx, context, [{ action: 'offer.update', entityType: OFFER_ENTITY, entityKey: offer.id, regionCode: offer.regionCode, before: { title: offer.title, products: offer.products }, after: write }]);
  });
  await deps.index.refreshOffers([offer.id]);
  return getOffer(deps.db, id);
}

/** Delete an offer. @throws not_found; forbidden unless the owner or gov in scope. */
export async function deleteOffer(deps: MatchingDeps, context: WriteContext, id: string): Promise<void> {
  const offer = await getOffer(deps.db, id);
  if (!canManage(context.actor, offer)) throw new AppError('forbidden', 'Not the owner', { userMessage: '只有发布企业或主管部门可以删除此供给' });
  await deps.db.transaction().execute(async (tx) => {
    await repo.deleteOfferRow(tx, offer.id);
    await recordWrites(tx, context, [{ action: 'offer.delete', entityType: OFFER_ENTITY, entityKey: offer.id, regionCode: offer.regionCode, before: { title: offer.title, products: offer.products } }]);
  });
  await deps.index.refreshOffers([offer.id]);
}
