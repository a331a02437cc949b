/**
 * Challenges (发榜/揭榜): posting, NDA-gated details, Q&A, applications with similar-item hints,
 * shortlist and award, milestones and statistics. Rules here; SQL in the repo; who-may-what in
 * the policy. Reviews and reviewer assignment are in `reviews.service.ts`.
 */
import { DEFAULT_CRITERIA, DEFAULT_DISAGREEMENT_THRESHOLD, type ChallengeStatistics, type CreateApplicationBody, type CreateChallengeBody, type Criterion, type ListChallengesQuery, type SimilarItem } from '../../../contracts/innovation.js';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { wanToFen } from '../../platform/money.js';
import { findRegion } from '../../platform/regions.js';
import { isInRegionScope } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { notify } from '../workbench/index.js';
import { checkedChain, checkedSegment } from './chain-link.js';
import * as repo from './challenges.repo.js';
import { jaccard, termsOf } from './innovation.text.js';
import { canManage, canReadConfidential, isPublisher } from './innovation.policy.js';
import * as panelsRepo from './panels.repo.js';

/** Audit entity types of this module. */
export const CHALLENGE_ENTITY = 'challenge';
export const APPLICATION_ENTITY = 'challenge_application';

const SIMILARITY_MIN = 0.15;
const SIMILAR_MAX = 5;

/** A user id for `created_by` columns (the CLI's system actor has none). */
export function userIdOf(actor: Actor): string | null {
  return actor.userId === '0' ? null : actor.userId;
}

/** The end of a business day (Asia/Shanghai) as an instant: applications close then. */
export function endOfBusinessDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000);
}

/** The business date whose end is `deadline`. */
export function deadlineDate(deadline: Date): string {
  return businessDate(new Date(deadline.getTime() - 1));
}

/**
 * The enterprise an actor acts for: a member's own (another `uscc` is refused), or for gov users
 * and admins an enterprise in their scope.
 * @throws validation_failed naming `path`; forbidden for experts.
 */
export async function enterpriseFor(db: Db, actor: Actor, uscc: string | undefined, path: string) {
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts act for no enterprise', { userMessage: '专家账号不能以企业身份操作' });
  const wanted = uscc?.trim().toUpperCase() ?? (actor.role === 'member' ? actor.orgUscc ?? undefined : undefined);
  if (!wanted) throw invalid([{ path, message: '请指定企业的统一社会信用代码' }]);
  const enterprise = await repo.selectEnterpriseByUscc(db, wanted);
  const isAllowed = enterprise && (actor.role === 'member' ? actor.orgUscc === enterprise.uscc : isInRegionScope(actor, enterprise.regionCode));
  if (!enterprise || !isAllowed) throw invalid([{ path, message: '企业不存在或不在您的权限范围内' }]);
  return enterprise;
}

/** A challenge with what the caller may see of it. */
export interface ChallengeForActor {
  challenge: repo.ChallengeRecord;
  canManage: boolean;
  /** The caller is the publisher (cancels, sets the disagreement threshold). */
  isPublisher: boolean;
  /** The publisher, while the review is open (not awarded or cancelled, the panel not concluded). */
  canSetThreshold: boolean;
  hasAcceptedNda: boolean;
  canReadConfidential: boolean;
  myApplicationId: string | null;
}

/** Challenges are public listings to everyone signed in. @throws not_found. */
export async function getChallenge(db: Db, id: string): Promise<repo.ChallengeRecord> {
  const challenge = /^\d{1,18}$/.test(id) ? await repo.selectChallenge(db, id) : undefined;
  if (!challenge) throw notFound('榜单');
  return challenge;
}

/** The challenge with the caller's rights on it. @throws not_found. */
export async function getChallengeFor(db: Db, actor: Actor, id: string): Promise<ChallengeForActor> {
  const challenge = await getChallenge(db, id);
  return withRights(db, actor, challenge);
}

async function withRights(db: Db, actor: Actor, challenge: repo.ChallengeRecord): Promise<ChallengeForActor> {
  const hasNda = await repo.hasAcceptedNda(db, challenge.id, actor.orgId);
  const own = actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
  const mine = own ? await repo.selectApplicationOf(db, challenge.id, own.id) : undefined;
  const publisher = isPublisher(actor, challenge);
  return {
    challenge,
    canManage: canManage(actor, challenge),
    isPublisher: publisher,
    canSetThreshold: publisher && (await isReviewOpen(db, challenge)),
    hasAcceptedNda: hasNda,
    canReadConfidential: canReadConfidential(actor, challenge, hasNda),
    myApplicationId: mine?.id ?? null,
  };
}

/** A page of challenges, newest first. */
export async function listChallenges(db: Db, actor: Actor, query: ListChallengesQuery): Promise<{ items: ChallengeForActor[]; nextCursor: string | null }> {
  const filter: repo.ChallengeFilter = { status: query.status, type: query.type, q: query.q || undefined, beforeId: decodeCursor(query.cursor) };
  if (query.mine === 'true') {
    const own = actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
    filter.mine = { orgId: actor.orgId, enterpriseId: own?.id ?? null };
  }
  const rows = await repo.selectChallenges(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return {
    items: await Promise.all(items.map((c) => withRights(db, actor, c))),
    nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null,
  };
}

/**
 * Post a challenge. Members post for their own enterprise; gov users for an enterprise in scope
 * or (without `uscc`) as their department; admins for an enterprise.
 * @throws forbidden for experts; validation_failed (deadline in the past, criteria weights, uscc, chainId, segmentKey).
 */
export async function createChallenge(db: Db, context: WriteContext, body: CreateChallengeBody): Promise<{ id: string; status: 'open' }> {
  const { actor } = context;
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts do not post challenges', { userMessage: '专家账号不能发榜' });
  const owner = actor.role === 'gov' && !body.uscc ? undefined : await enterpriseFor(db, actor, body.uscc, 'uscc');
  const errors: FieldError[] = [];
  if (body.deadline < businessDate()) errors.push({ path: 'deadline', message: '截止日期不能早于今天' });
  const criteria = body.criteria ?? DEFAULT_CRITERIA;
  if (criteria.reduce((s, c) => s + c.weight, 0) !== 100) errors.push({ path: 'criteria', message: '评审指标权重之和应为100' });
  if (new Set(criteria.map((c) => c.key)).size !== criteria.length) errors.push({ path: 'criteria', message: '评审指标的 key 不能重复' });
  const chainId = await checkedChain(db, body.chainId, errors);
  const segmentKey = await checkedSegment(db, chainId, body.segmentKey, errors);
  if (errors.length > 0) throw invalid(errors);
  const regionCode = owner?.regionCode ?? actor.regionCode ?? '000000';
  const row: repo.ChallengeInsert = {
    enterpriseId: owner?.id ?? null,
    ownerOrgId: owner ? owner.orgId ?? null : null,
    regionCode,
    title: body.title,
    type: body.type,
    problem: body.problem,
    targets: body.targets,
    fields: [...new Set(body.fields ?? [])],
    budgetFen: body.budget === undefined ? null : wanToFen(body.budget),
    deadline: endOfBusinessDay(body.deadline),
    ipTerms: body.ipTerms ?? '',
    isConfidential: body.confidential ?? false,
    confidentialDetails: body.confidentialDetails ?? '',
    ndaText: body.ndaText ?? (body.confidential ? '申请人承诺对榜单保密内容及附件严格保密，仅用于本次揭榜，不得向第三方披露。' : ''),
    criteria,
    reviewsPerApplication: body.reviewsPerApplication ?? 3,
    disagreementThreshold: body.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD,
    createdBy: userIdOf(actor),
    chainId,
    segmentKey,
  };
  const id = await db.transaction().execute(async (tx) => {
    const challengeId = await repo.insertChallenge(tx, row);
    await recordWrites(tx, context, [
      { action: 'challenge.create', entityType: CHALLENGE_ENTITY, entityKey: challengeId, regionCode, after: { title: row.title, type: row.type, deadline: body.deadline, isConfidential: row.isConfidential, uscc: owner?.uscc ?? null, chainId, segmentKey } },
    ]);
    return challengeId;
  });
  return { id, status: 'open' };
}

/** Accept the NDA of a confidential challenge for the caller's organisation. @throws not_found; forbidden without an organisation. */
export async function acceptNda(db: Db, context: WriteContext, id: string): Promise<void> {
  const challenge = await getChallenge(db, id);
  const { actor } = context;
  if (!actor.orgId || actor.role !== 'member') throw new AppError('forbidden', 'Only organisations accept NDAs', { userMessage: '只有企业或机构用户可以签署保密协议' });
  await db.transaction().execute(async (tx) => {
    const isNew = await repo.insertNdaAcceptance(tx, challenge.id, actor.orgId!, actor.userId);
    if (isNew) {
      await recordWrites(tx, context, [{ action: 'challenge.nda_accept', entityType: CHALLENGE_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, after: { orgId: actor.orgId } }]);
    }
  });
}

/** Questions and answers of a challenge (public to everyone signed in). */
export async function listQuestions(db: Db, id: string): Promise<repo.QuestionRecord[]> {
  const challenge = await getChallenge(db, id);
  return repo.selectQuestions(db, challenge.id);
}

/** Ask a question. @throws not_found. */
export async function askQuestion(db: Db, context: WriteContext, id: string, question: string): Promise<string> {
  const challenge = await getChallenge(db, id);
  if (context.actor.userId === '0') throw new AppError('forbidden', 'System cannot ask');
  return db.transaction().execute(async (tx) => {
    const questionId = await repo.insertQuestion(tx, challenge.id, context.actor.userId, question);
    await recordWrites(tx, context, [{ action: 'challenge.question', entityType: CHALLENGE_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, after: { questionId, question } }]);
    return questionId;
  });
}

/** Answer a question (the challenge's managers). @throws not_found (also for a question of another challenge); forbidden. */
export async function answerQuestion(db: Db, context: WriteContext, id: string, questionId: string, answer: string): Promise<repo.QuestionRecord> {
  const challenge = await getChallenge(db, id);
  requireManage(context.actor, challenge);
  if (!/^\d{1,18}$/.test(questionId)) throw notFound('问题');
  return db.transaction().execute(async (tx) => {
    const row = await repo.answerQuestion(tx, challenge.id, questionId, context.actor.userId, answer);
    if (!row) throw notFound('问题');
    await recordWrites(tx, context, [{ action: 'challenge.answer', entityType: CHALLENGE_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, before: { questionId }, after: { questionId, answer } }]);
    return row;
  });
}

/** @throws forbidden unless the actor manages the challenge. */
export function requireManage(actor: Actor, challenge: repo.ChallengeRecord): void {
  if (!canManage(actor, challenge)) throw new AppError('forbidden', 'Not the challenge owner', { userMessage: '只有发榜单位或主管部门可以操作' });
}

/**
 * Apply to a challenge (揭榜) for an enterprise, and get similar existing applications and challenges.
 * A confidential challenge needs the applicant's NDA first.
 * @throws not_found; invalid_state (409) after the deadline or when the challenge is not open;
 *   conflict (409) when the enterprise already applied; forbidden for the poster itself.
 */
export async function createApplication(db: Db, context: WriteContext, id: string, body: CreateApplicationBody): Promise<{ id: string; status: 'submitted'; similar: SimilarItem[] }> {
  const { actor } = context;
  const challenge = await getChallenge(db, id);
  const applicant = await enterpriseFor(db, actor, body.uscc, 'uscc');
  if (challenge.status === 'cancelled') throw new AppError('invalid_state', 'Challenge cancelled', { userMessage: `榜单已取消：${challenge.cancelReason ?? ''}` });
  if (challenge.status !== 'open' || challenge.deadline.getTime() <= Date.now()) {
    throw new AppError('invalid_state', 'Applications are closed', { userMessage: `揭榜已截止（截止日期 ${deadlineDate(challenge.deadline)}）` });
  }
  if (challenge.enterpriseId === applicant.id) throw new AppError('forbidden', 'Poster cannot apply', { userMessage: '发榜企业不能揭自己的榜' });
  if (challenge.isConfidential && actor.role === 'member' && !(await repo.hasAcceptedNda(db, challenge.id, actor.orgId))) {
    throw new AppError('invalid_state', 'NDA not accepted', { userMessage: '请先签署保密协议再揭榜' });
  }
  if (await repo.selectApplicationOf(db, challenge.id, applicant.id)) throw new AppError('conflict', 'Already applied', { userMessage: '该企业已揭榜此榜单' });
  const applicationId = await db.transaction().execute(async (tx) => {
    const newId = await repo.insertApplication(tx, {
      challengeId: challenge.id, enterpriseId: applicant.id, regionCode: applicant.regionCode, proposal: body.proposal, team: body.team ?? '', schedule: body.schedule ?? '', createdBy: userIdOf(actor),
    });
    await recordWrites(tx, context, [{ action: 'application.create', entityType: APPLICATION_ENTITY, entityKey: newId, regionCode: challenge.regionCode, after: { challengeId: challenge.id, uscc: applicant.uscc } }]);
    // The challenge's owner: its enterprise's members, or the gov users of its region when gov posted it.
    await notify(tx, actor, challenge.ownerOrgId ? { membersOfOrg: challenge.ownerOrgId } : { govOfRegion: challenge.regionCode }, {
      kind: 'challenge.applied', params: { title: challenge.title, applicant: applicant.name }, link: `/challenges/${challenge.id}`, entityType: APPLICATION_ENTITY, entityKey: newId,
    });
    return newId;
  });
  return { id: applicationId, status: 'submitted', similar: await similarTo(db, applicationId, applicant.id, challenge.id, body.proposal) };
}

/**
 * Existing applications and open challenges whose terms resemble the proposal. Other applicants'
 * applications are shown only as a similarity and their challenge's title, never their id.
 */
async function similarTo(db: Db, applicationId: string, enterpriseId: string, challengeId: string, proposal: string): Promise<SimilarItem[]> {
  const terms = termsOf(proposal);
  const corpus = await repo.selectSimilarityCorpus(db, applicationId);
  const items: SimilarItem[] = [];
  for (const a of corpus.applications) {
    const similarity = jaccard(terms, termsOf(a.proposal));
    if (similarity >= SIMILARITY_MIN) items.push({ kind: 'application', id: a.enterpriseId === enterpriseId ? a.id : null, title: a.title, similarity: round(similarity) });
  }
  for (const c of corpus.challenges) {
    if (c.id === challengeId) continue;
    const similarity = jaccard(terms, termsOf(`${c.title} ${c.problem}`));
    if (similarity >= SIMILARITY_MIN) items.push({ kind: 'challenge', id: c.id, title: c.title, similarity: round(similarity) });
  }
  return items.sort((x, y) => y.similarity - x.similarity).slice(0, SIMILAR_MAX);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Applications of a challenge the caller may see: all for its managers, the caller's own
 * enterprise's for an applicant, none for others.
 */
export async function listApplications(db: Db, actor: Actor, id: string, page: { cursor?: string; limit: number }) {
  const challenge = await getChallenge(db, id);
  const isManager = canManage(actor, challenge);
  let enterpriseId: string | undefined;
  if (!isManager) {
    const own = actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
    enterpriseId = own?.id ?? '0';
  }
  const rows = await repo.selectApplications(db, challenge.id, { enterpriseId, beforeId: decodeCursor(page.cursor), limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  return { challenge, isManager, items, nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * One application: the challenge's managers and the applicant's members.
 * @throws not_found for everyone else.
 */
export async function getApplication(db: Db, actor: Actor, challengeId: string, applicationId: string) {
  const challenge = await getChallenge(db, challengeId);
  const application = /^\d{1,18}$/.test(applicationId) ? await repo.selectApplication(db, challenge.id, applicationId) : undefined;
  const isManager = canManage(actor, challenge);
  if (!application || !(isManager || (actor.role === 'member' && actor.orgUscc === application.applicantUscc))) throw notFound('揭榜申报');
  return { challenge, application, isManager };
}

/** Decisions on an application, from which states. */
const DECISIONS = {
  shortlist: { from: ['submitted'], to: 'shortlisted', label: '入围' },
  award: { from: ['submitted', 'shortlisted'], to: 'awarded', label: '揭榜成功' },
  reject: { from: ['submitted', 'shortlisted'], to: 'rejected', label: '未入选' },
} as const;

/** A decision verb of {@link DECISIONS}. */
export type ApplicationDecision = keyof typeof DECISIONS;

/**
 * Shortlist, award (揭榜成功: the challenge becomes `awarded`) or reject an application.
 * @throws not_found; forbidden unless a manager; invalid_state (409) from another state.
 */
export async function decideApplication(db: Db, context: WriteContext, challengeId: string, applicationId: string, decision: ApplicationDecision) {
  const { challenge, application } = await getApplication(db, context.actor, challengeId, applicationId);
  requireManage(context.actor, challenge);
  const rule = DECISIONS[decision];
  await db.transaction().execute(async (tx) => {
    const locked = await repo.selectChallenge(tx, challenge.id, { isForUpdate: true });
    const current = await repo.selectApplication(tx, challenge.id, application.id);
    if (!locked || !current) throw notFound('揭榜申报');
    if (!(rule.from as readonly string[]).includes(current.status)) {
      throw new AppError('invalid_state', `Cannot ${decision} a ${current.status} application`, { userMessage: `当前状态不能标记为${rule.label}` });
    }
    await repo.setApplicationStatus(tx, application.id, rule.to);
    if (decision === 'award' && locked.status !== 'awarded') await repo.setChallengeStatus(tx, challenge.id, 'awarded');
    await recordWrites(tx, context, [{ action: `application.${decision}`, entityType: APPLICATION_ENTITY, entityKey: application.id, regionCode: challenge.regionCode, before: { status: current.status }, after: { status: rule.to } }]);
  });
  return { id: application.id, status: rule.to };
}

/**
 * The applicant withdraws its application (撤回): submitted/shortlisted → withdrawn. Its open
 * (unscored) reviews are dropped so that experts do not review it; submitted scores stay on record.
 * @throws not_found for everyone but the applicant's members and the managers; forbidden for
 *   managers who are not the applicant; invalid_state (409) from another state.
 */
export async function withdrawApplication(db: Db, context: WriteContext, challengeId: string, applicationId: string): Promise<{ id: string; status: 'withdrawn' }> {
  const { challenge, application } = await getApplication(db, context.actor, challengeId, applicationId);
  const { actor } = context;
  if (!(actor.role === 'member' && actor.orgUscc === application.applicantUscc)) throw new AppError('forbidden', 'Only the applicant withdraws', { userMessage: '只有揭榜单位可以撤回申报' });
  await db.transaction().execute(async (tx) => {
    await repo.selectChallenge(tx, challenge.id, { isForUpdate: true });
    const current = await repo.selectApplication(tx, challenge.id, application.id);
    if (!current || !['submitted', 'shortlisted'].includes(current.status)) {
      throw new AppError('invalid_state', `Cannot withdraw a ${current?.status} application`, { userMessage: '当前状态不能撤回' });
    }
    await repo.setApplicationStatus(tx, application.id, 'withdrawn');
    const dropped = await repo.deleteOpenReviews(tx, application.id);
    await recordWrites(tx, context, [{ action: 'application.withdraw', entityType: APPLICATION_ENTITY, entityKey: application.id, regionCode: challenge.regionCode, before: { status: current.status }, after: { status: 'withdrawn', droppedReviews: dropped } }]);
  });
  return { id: application.id, status: 'withdrawn' };
}

/** States from which the publisher may cancel a challenge (not after the award). */
export const CANCELLABLE: readonly repo.ChallengeRecord['status'][] = ['open', 'reviewing'];

/**
 * The publisher cancels a challenge (撤榜) with a reason: open/reviewing → cancelled. Open
 * (unscored) reviews are dropped; live applicants' members are notified. New applications,
 * scores and panel changes are refused afterwards.
 * @throws not_found; forbidden unless the publisher; invalid_state (409) once awarded or cancelled.
 */
export async function cancelChallenge(db: Db, context: WriteContext, id: string, reason: string): Promise<ChallengeForActor> {
  const challenge = await getChallenge(db, id);
  requirePublisher(context.actor, challenge);
  return db.transaction().execute(async (tx) => {
    const locked = await repo.selectChallenge(tx, challenge.id, { isForUpdate: true });
    if (!locked) throw notFound('榜单');
    if (!CANCELLABLE.includes(locked.status)) {
      throw new AppError('invalid_state', `Cannot cancel a ${locked.status} challenge`, { userMessage: locked.status === 'awarded' ? '榜单已揭榜成功，不能取消' : '榜单已取消' });
    }
    await repo.cancelChallenge(tx, challenge.id, reason, new Date());
    const dropped = await repo.deleteOpenReviewsOfChallenge(tx, challenge.id);
    await recordWrites(tx, context, [{ action: 'challenge.cancel', entityType: CHALLENGE_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, before: { status: locked.status }, after: { status: 'cancelled', reason, droppedReviews: dropped } }]);
    for (const uscc of await repo.selectLiveApplicantUsccs(tx, challenge.id)) {
      await notify(tx, context.actor, { membersOfUscc: uscc }, {
        kind: 'challenge.cancelled', params: { title: challenge.title, reason }, link: `/challenges/${challenge.id}`, entityType: CHALLENGE_ENTITY, entityKey: challenge.id,
      });
    }
  }).then(() => getChallengeFor(db, context.actor, challenge.id));
}

/** Whether the review of a challenge is still going (not awarded or cancelled, its panel not concluded). */
async function isReviewOpen(db: Db, challenge: repo.ChallengeRecord): Promise<boolean> {
  if (challenge.status === 'awarded' || challenge.status === 'cancelled') return false;
  return (await panelsRepo.selectPanel(db, challenge.id))?.state !== 'concluded';
}

/**
 * The publisher sets the disagreement threshold of the challenge's review; the flags of its
 * results follow at once (they are computed when read).
 * @throws not_found; forbidden unless the publisher; invalid_state (409) once the review concluded.
 */
export async function setDisagreementThreshold(db: Db, context: WriteContext, id: string, threshold: number): Promise<ChallengeForActor> {
  const challenge = await getChallenge(db, id);
  requirePublisher(context.actor, challenge);
  return db.transaction().execute(async (tx) => {
    const locked = (await repo.selectChallenge(tx, challenge.id, { isForUpdate: true }))!;
    if (!(await isReviewOpen(tx, locked))) throw new AppError('invalid_state', 'Review concluded', { userMessage: '评审已结束（已揭榜、已取消或评审组已结束），不能再调整分歧阈值' });
    if (locked.disagreementThreshold !== threshold) {
      await repo.setDisagreementThreshold(tx, challenge.id, threshold);
      await recordWrites(tx, context, [{ action: 'challenge.threshold', entityType: CHALLENGE_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, before: { disagreementThreshold: locked.disagreementThreshold }, after: { disagreementThreshold: threshold } }]);
    }
  }).then(() => getChallengeFor(db, context.actor, challenge.id));
}

/** @throws forbidden unless the actor published the challenge. */
function requirePublisher(actor: Actor, challenge: repo.ChallengeRecord): void {
  if (!isPublisher(actor, challenge)) throw new AppError('forbidden', 'Not the publisher', { userMessage: '只有发榜单位（或平台管理员）可以操作' });
}

/** Milestones of the challenge's awarded applications (managers and the awardee). @throws not_found. */
export async function listMilestones(db: Db, actor: Actor, challengeId: string): Promise<repo.MilestoneRecord[]> {
  const challenge = await getChallenge(db, challengeId);
  if (canManage(actor, challenge)) return repo.selectMilestones(db, challenge.id);
  const own = actor.orgUscc ? await repo.selectEnterpriseByUscc(db, actor.orgUscc) : undefined;
  const mine = own ? await repo.selectApplicationOf(db, challenge.id, own.id) : undefined;
  return mine ? repo.selectMilestones(db, challenge.id, mine.id) : [];
}

/** Plan a milestone of an awarded application. @throws not_found; forbidden; invalid_state unless awarded; validation_failed past 100 %. */
export async function createMilestone(db: Db, context: WriteContext, challengeId: string, body: { applicationId: string; title: string; dueDate: string; weightPct: number }): Promise<string> {
  const { challenge, application } = await getApplication(db, context.actor, challengeId, body.applicationId);
  requireManage(context.actor, challenge);
  if (application.status !== 'awarded') throw new AppError('invalid_state', 'Not awarded', { userMessage: '只有揭榜成功的申报可以设置里程碑' });
  return db.transaction().execute(async (tx) => {
    await repo.selectChallenge(tx, challenge.id, { isForUpdate: true });
    const existing = await repo.selectMilestones(tx, challenge.id, application.id);
    if (existing.reduce((s, m) => s + m.weightPct, 0) + body.weightPct > 100) throw invalid([{ path: 'weightPct', message: '里程碑权重之和不能超过100%' }]);
    const id = await repo.insertMilestone(tx, { challengeId: challenge.id, applicationId: application.id, title: body.title, dueDate: body.dueDate, weightPct: body.weightPct });
    await recordWrites(tx, context, [{ action: 'milestone.create', entityType: APPLICATION_ENTITY, entityKey: application.id, regionCode: challenge.regionCode, after: { milestoneId: id, ...body } }]);
    return id;
  });
}

/**
 * `deliver`: the awardee reports a milestone delivered; `accept`: a manager accepts it (验收).
 * @throws not_found; forbidden; invalid_state from the wrong state.
 */
export async function advanceMilestone(db: Db, context: WriteContext, challengeId: string, milestoneId: string, verb: 'deliver' | 'accept', report?: string): Promise<void> {
  const challenge = await getChallenge(db, challengeId);
  const visible = await listMilestones(db, context.actor, challenge.id);
  const milestone = visible.find((m) => m.id === milestoneId);
  if (!milestone) throw notFound('里程碑');
  const isManager = canManage(context.actor, challenge);
  if (verb === 'accept' && !isManager) throw new AppError('forbidden', 'Only managers accept', { userMessage: '只有发榜单位或主管部门可以验收' });
  if (verb === 'deliver' && isManager && context.actor.role === 'member') throw new AppError('forbidden', 'The awardee delivers', { userMessage: '由揭榜单位提交交付' });
  const from = verb === 'deliver' ? ['planned', 'delivered'] : ['delivered'];
  if (!from.includes(milestone.status)) throw new AppError('invalid_state', `Milestone is ${milestone.status}`, { userMessage: verb === 'accept' ? '只有已交付的里程碑可以验收' : '已验收的里程碑不能再提交' });
  await db.transaction().execute(async (tx) => {
    await repo.updateMilestone(tx, milestone.id, verb === 'deliver' ? { status: 'delivered', report } : { status: 'accepted', acceptedAt: new Date() });
    await recordWrites(tx, context, [{ action: `milestone.${verb}`, entityType: APPLICATION_ENTITY, entityKey: milestone.applicationId, regionCode: challenge.regionCode, before: { milestoneId, status: milestone.status }, after: { milestoneId, status: verb === 'deliver' ? 'delivered' : 'accepted' } }]);
  });
}

/** Progress of milestones: the accepted ones' weights (0–100). */
export function progressOf(milestones: readonly repo.MilestoneRecord[]): number {
  return Math.min(100, milestones.filter((m) => m.status === 'accepted').reduce((s, m) => s + m.weightPct, 0));
}

/** Statistics of a challenge for its managers. @throws not_found for others. */
export async function challengeStatistics(db: Db, actor: Actor, id: string): Promise<z.infer<typeof ChallengeStatistics>> {
  const challenge = await getChallenge(db, id);
  if (!canManage(actor, challenge)) throw notFound('榜单');
  const stats = await repo.selectApplicationStatistics(db, challenge.id);
  const milestones = await repo.selectMilestones(db, challenge.id);
  return {
    applicants: stats.byStatus.reduce((s, r) => s + r.count, 0),
    byRegion: stats.byRegion.map((r) => ({ regionCode: r.regionCode, regionName: findRegion(r.regionCode)?.name ?? r.regionCode, count: r.count })),
    trend: stats.trend,
    byStatus: Object.fromEntries(stats.byStatus.map((r) => [r.status, r.count])),
    progressPct: progressOf(milestones),
  };
}
