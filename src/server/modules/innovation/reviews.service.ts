/**
 * Reviews of challenge applications: the expert pool profile, conflicts of interest, automatic
 * reviewer assignment (HiGHS, ADR 0015) and assignment by hand, blind weighted scoring, and the
 * aggregation with disagreement flags.
 */
import type { ListExpertsQuery, SubmitReviewBody, UpdateExpertBody } from '../../../contracts/innovation.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { loadHighs } from '../../platform/highs.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { APPLICATION_ENTITY, CHALLENGE_ENTITY, getApplication, getChallenge, requireManage } from './challenges.service.js';
import * as challengesRepo from './challenges.repo.js';
import { termsOf } from './innovation.text.js';
import { isPanelConcluded, panelGate } from './panels.service.js';
import * as repo from './reviews.repo.js';
import { AssignmentInfeasible, fieldMatch, solveAssignment, type AssignmentResult } from './reviews.assignment.js';

/** Audit entity type of experts. */
export const EXPERT_ENTITY = 'expert';

/** Chinese reasons of conflicts (shown in 409 answers). */
export const CONFLICT_REASON: Record<repo.ConflictPair['reason'], string> = {
  same_organisation: '专家与申报单位为同一单位',
  supply_edge: '专家所在单位与申报单位存在供应关系',
  org_investment: '专家所在单位与申报单位存在股权投资关系',
  declared: '专家已申报与该单位存在利益冲突',
  panel_declared: '评审组成员已就该申报单位申报利益冲突',
  investment: '专家与申报单位存在投资关系',
  employment: '专家曾在申报单位任职',
  family: '专家与申报单位存在亲属关系',
};

/** The expert profile of the calling expert user, if made. */
export async function findOwnExpert(db: Db, actor: Actor): Promise<repo.ExpertRecord | undefined> {
  return actor.role === 'expert' ? repo.selectExpertByUser(db, actor.userId) : undefined;
}

/** An expert with their declared conflicts. */
export async function expertWithConflicts(db: Db, expert: repo.ExpertRecord) {
  return { ...expert, conflicts: await repo.selectConflictDeclarations(db, expert.id) };
}

/**
 * Create or update the calling expert's pool profile (fields, affiliation, load, declared conflicts).
 * @throws forbidden unless the caller is an expert; validation_failed on an unknown region.
 */
export async function saveOwnExpert(db: Db, context: WriteContext, body: UpdateExpertBody): Promise<repo.ExpertRecord> {
  const { actor } = context;
  if (actor.role !== 'expert') throw new AppError('forbidden', 'Only experts have a pool profile', { userMessage: '只有专家账号可以维护专家档案' });
  if (!findRegion(body.regionCode)) throw invalid([{ path: 'regionCode', message: `未知的行政区划代码 ${body.regionCode}` }]);
  const conflicts = [...new Map((body.conflicts ?? []).map((c) => [c.uscc.toUpperCase(), { uscc: c.uscc.toUpperCase(), kind: c.kind, note: c.note ?? '' }])).values()];
  const before = await repo.selectExpertByUser(db, actor.userId);
  const id = await db.transaction().execute(async (tx) => {
    const expertId = await repo.upsertExpert(
      tx,
      {
        userId: actor.userId, name: body.name, fields: [...new Set(body.fields)], affiliation: body.affiliation ?? '', affiliationUscc: body.affiliationUscc?.toUpperCase() ?? null,
        regionCode: body.regionCode, maxLoad: body.maxLoad ?? 10, isAvailable: body.isAvailable ?? true,
      },
      conflicts,
    );
    await recordWrites(tx, context, [{ action: before ? 'expert.update' : 'expert.create', entityType: EXPERT_ENTITY, entityKey: expertId, regionCode: body.regionCode, before: before ?? undefined, after: { ...body, conflicts } }]);
    return expertId;
  });
  return (await repo.selectExpert(db, id))!;
}

/** The pool for gov users and admins (assignment by hand picks from it). @throws forbidden for others. */
export async function listExperts(db: Db, actor: Actor, query: ListExpertsQuery) {
  if (actor.role !== 'gov' && actor.role !== 'platform_admin' && actor.role !== 'member') throw new AppError('forbidden', 'Not allowed', { userMessage: '无权查看专家库' });
  const rows = await repo.selectExperts(db, {
    q: query.q || undefined, field: query.field || undefined, regionPrefix: query.regionCode ? regionPrefix(query.regionCode) : undefined, affiliation: query.affiliation || undefined,
    isAvailableOnly: query.available === 'true', beforeId: query.cursor, limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
}

/** Terms of an application for field matching: the challenge's fields and texts and the proposal. */
function applicationTerms(challenge: challengesRepo.ChallengeRecord, proposal: string): string[] {
  const terms = termsOf(`${challenge.title} ${challenge.problem} ${challenge.targets.join(' ')} ${proposal}`);
  for (const field of challenge.fields) terms.add(field.toLowerCase());
  return [...terms];
}

/** An expert's fields, lower-cased as terms are. */
function expertFields(expert: repo.ExpertRecord): string[] {
  return expert.fields.map((f) => f.toLowerCase());
}

/**
 * Assign `perApplication` reviewers to every application of the challenge that has fewer, by
 * field match, within each expert's remaining load and a balanced per-round limit, never to a
 * conflicted expert (ADR 0015). With a review panel, only its members, and only while it is
 * scoring (ADR 0032).
 * @throws not_found; forbidden unless a manager; invalid_state (409) with the reason when no
 *   assignment exists or the panel is not scoring.
 */
export async function assignReviewers(db: Db, context: WriteContext, challengeId: string, body: { perApplication: number; loadLimit?: number }): Promise<AssignmentResult> {
  const challenge = await getChallenge(db, challengeId);
  requireManage(context.actor, challenge);
  const panel = await panelGate(db, challenge.id);
  const applications = (await challengesRepo.selectApplications(db, challenge.id, { limit: 100_000 })).filter((a) => a.status === 'submitted' || a.status === 'shortlisted');
  const existing = await repo.selectAssignmentsOfChallenge(db, challenge.id);
  const assignedTo = new Map<string, Set<string>>();
  for (const r of existing) {
    if (!assignedTo.has(r.applicationId)) assignedTo.set(r.applicationId, new Set());
    assignedTo.get(r.applicationId)!.add(r.expertId);
  }
  // Each application needs only what it lacks; an expert already on it is not offered again.
  const open = applications.filter((a) => (assignedTo.get(a.id)?.size ?? 0) < body.perApplication);
  if (open.length === 0) return { assignments: [], objective: 0, bound: 0, gap: 0, variables: 0, solveSeconds: 0 };
  const experts = (await repo.selectExperts(db, { isAvailableOnly: true })).filter((e) => !panel || panel.memberIds.has(e.id));
  const conflicts = await repo.selectConflicts(db, challenge.id);
  const conflicted = new Set(conflicts.map((c) => `${c.expertId}:${c.enterpriseId}`));
  const needed = open.reduce((s, a) => s + body.perApplication - (assignedTo.get(a.id)?.size ?? 0), 0);
  const balanced = body.loadLimit ?? Math.ceil(needed / Math.max(1, experts.length)) + 1;
  const lacking = open.map((a) => body.perApplication - (assignedTo.get(a.id)?.size ?? 0));
  // The solver takes one k; applications lacking fewer are solved in groups by how many they lack.
  const result: AssignmentResult = { assignments: [], objective: 0, bound: 0, gap: 0, variables: 0, solveSeconds: 0 };
  const capacity = new Map(experts.map((e) => [e.id, Math.max(0, Math.min(e.maxLoad - e.openReviews, balanced))]));
  const highs = await loadHighs();
  for (const k of [...new Set(lacking)].sort((x, y) => y - x)) {
    const group = open.filter((_, i) => lacking[i] === k);
    let solved: AssignmentResult;
    try {
      solved = solveAssignment(highs, {
        applications: group.map((a) => ({ id: a.id, terms: applicationTerms(challenge, a.proposal) })),
        experts: experts.map((e) => ({ id: e.id, fields: expertFields(e), capacity: capacity.get(e.id)! })),
        perApplication: k,
        isConflicted: (ai, ei) => conflicted.has(`${experts[ei].id}:${group[ai].enterpriseId}`) || (assignedTo.get(group[ai].id)?.has(experts[ei].id) ?? false),
      });
    } catch (err) {
      if (err instanceof AssignmentInfeasible) throw new AppError('invalid_state', err.reason, { userMessage: err.reason });
      throw err;
    }
    for (const a of solved.assignments) capacity.set(a.expertId, capacity.get(a.expertId)! - 1);
    result.assignments.push(...solved.assignments);
    result.objective += solved.objective;
    result.bound += solved.bound;
    result.variables += solved.variables;
    result.solveSeconds += solved.solveSeconds;
  }
  result.gap = result.bound > 0 ? Math.max(0, (result.bound - result.objective) / result.bound) : 0;
  if (result.gap < 1e-9) result.gap = 0;
  await db.transaction().execute(async (tx) => {
    await repo.insertAssignments(tx, result.assignments.map((a) => ({ challengeId: challenge.id, applicationId: a.applicationId, expertId: a.expertId, method: 'auto', matchScore: a.score })));
    if (challenge.status === 'open' && challenge.deadline.getTime() <= Date.now()) await challengesRepo.setChallengeStatus(tx, challenge.id, 'reviewing');
    await recordWrites(tx, context, [
      { action: 'challenge.assign_reviewers', entityType: CHALLENGE_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, after: { perApplication: body.perApplication, count: result.assignments.length, objective: result.objective, gap: result.gap } },
    ]);
  });
  return result;
}

/**
 * Assign one expert by hand. A conflicted expert is never assigned.
 * @throws not_found (application, expert); forbidden; conflict (409) with the reason of the conflict
 *   or when already assigned.
 */
export async function assignReviewerByHand(db: Db, context: WriteContext, challengeId: string, body: { applicationId: string; expertId: string }): Promise<{ id: string }> {
  const { challenge, application } = await getApplication(db, context.actor, challengeId, body.applicationId);
  requireManage(context.actor, challenge);
  const panel = await panelGate(db, challenge.id);
  const expert = await repo.selectExpert(db, body.expertId);
  if (!expert) throw notFound('专家');
  if (panel && !panel.memberIds.has(expert.id)) throw new AppError('conflict', 'Not a panel member', { userMessage: `${expert.name}不是本榜单评审组的成员`, extra: { reasons: ['not_panel_member'] } });
  const conflicts = await repo.selectConflicts(db, challenge.id, { applicationId: application.id, expertId: expert.id });
  if (conflicts.length > 0) {
    const reasons = [...new Set(conflicts.map((c) => CONFLICT_REASON[c.reason]))];
    throw new AppError('conflict', `Conflict of interest: ${conflicts.map((c) => c.reason).join(', ')}`, { userMessage: `存在利益冲突，不能指派：${reasons.join('；')}`, extra: { reasons: conflicts.map((c) => c.reason) } });
  }
  const existing = await repo.selectAssignmentsOfChallenge(db, challenge.id);
  if (existing.some((r) => r.applicationId === application.id && r.expertId === expert.id)) throw new AppError('conflict', 'Already assigned', { userMessage: '该专家已评审此申报' });
  return db.transaction().execute(async (tx) => {
    const score = fieldMatch(new Set(applicationTerms(challenge, application.proposal)), expertFields(expert));
    await repo.insertAssignments(tx, [{ challengeId: challenge.id, applicationId: application.id, expertId: expert.id, method: 'manual', matchScore: score }]);
    const row = await tx.selectFrom('review_assignments').select('id').where('application_id', '=', application.id).where('expert_id', '=', expert.id).executeTakeFirstOrThrow();
    await recordWrites(tx, context, [{ action: 'application.assign_reviewer', entityType: APPLICATION_ENTITY, entityKey: application.id, regionCode: challenge.regionCode, after: { expertId: expert.id, method: 'manual' } }]);
    return { id: row.id };
  });
}

/** The calling expert's review queue, open first. @throws forbidden for non-experts. */
export async function listOwnReviews(db: Db, actor: Actor, query: { status?: 'assigned' | 'submitted'; limit: number; offset: number }) {
  if (actor.role !== 'expert') throw new AppError('forbidden', 'Only experts review', { userMessage: '只有专家账号有评审任务' });
  const expert = await findOwnExpert(db, actor);
  if (!expert) return [];
  return repo.selectReviewsOfExpert(db, expert.id, query);
}

/** One review of the calling expert. @throws not_found for any other review. */
export async function getOwnReview(db: Db, actor: Actor, id: string): Promise<repo.ReviewRecord> {
  const expert = await findOwnExpert(db, actor);
  const review = expert && /^\d{1,18}$/.test(id) ? await repo.selectReview(db, id) : undefined;
  if (!review || review.expertId !== expert!.id) throw notFound('评审任务');
  return review;
}

/** The weighted total (0–100) of scores over the criteria. */
export function weightedTotal(criteria: readonly { key: string; weight: number }[], scores: Record<string, number>): number {
  const total = criteria.reduce((s, c) => s + (scores[c.key] ?? 0) * c.weight, 0) / 100;
  return Math.round(total * 100) / 100;
}

/**
 * Submit (or resubmit before the award) a blind score: every criterion 0–100.
 * @throws not_found; validation_failed naming the missing criteria; invalid_state after the award.
 */
export async function submitReview(db: Db, context: WriteContext, id: string, body: SubmitReviewBody): Promise<repo.ReviewRecord> {
  const review = await getOwnReview(db, context.actor, id);
  const missing = review.criteria.filter((c) => typeof body.scores[c.key] !== 'number');
  const unknown = Object.keys(body.scores).filter((key) => !review.criteria.some((c) => c.key === key));
  if (missing.length > 0 || unknown.length > 0) {
    throw invalid([...missing.map((c) => ({ path: `scores.${c.key}`, message: `请为「${c.name}」打分` })), ...unknown.map((key) => ({ path: `scores.${key}`, message: '不是本榜单的评审指标' }))]);
  }
  const challenge = await getChallenge(db, review.challengeId);
  if (challenge.status === 'awarded' || challenge.status === 'cancelled') throw new AppError('invalid_state', 'Challenge closed', { userMessage: '榜单已揭榜或取消，不能再评分' });
  if (await isPanelConcluded(db, challenge.id)) throw new AppError('invalid_state', 'Panel concluded', { userMessage: '评审组已结束评审，不能再评分' });
  const total = weightedTotal(review.criteria, body.scores);
  await db.transaction().execute(async (tx) => {
    await repo.updateReviewScores(tx, review.id, body.scores, total, body.comment ?? '');
    // The audit row carries no scores: they are sensitive until the result is published.
    await recordWrites(tx, context, [{ action: 'review.submit', entityType: 'review_assignment', entityKey: review.id, regionCode: review.regionCode, before: { status: review.status }, after: { status: 'submitted' } }]);
  });
  return (await repo.selectReview(db, review.id))!;
}

/** The aggregation of an application's reviews. */
export interface ReviewResult {
  reviews: number;
  submitted: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  isDisagreement: boolean;
  reviewers: { assignmentId: string; expertName: string; total: number | null; method: string }[];
}

/** Aggregate submitted totals: mean, min, max; a disagreement when max − min exceeds the threshold. */
export function aggregate(rows: readonly { id: string; expertName: string; total: number | null; method: string; status: string }[], threshold: number): ReviewResult {
  const totals = rows.filter((r) => r.status === 'submitted' && r.total !== null).map((r) => r.total!);
  const mean = totals.length ? Math.round((totals.reduce((s, x) => s + x, 0) / totals.length) * 100) / 100 : null;
  const min = totals.length ? Math.min(...totals) : null;
  const max = totals.length ? Math.max(...totals) : null;
  return {
    reviews: rows.length,
    submitted: totals.length,
    mean,
    min,
    max,
    isDisagreement: min !== null && max !== null && max - min > threshold,
    reviewers: rows.map((r) => ({ assignmentId: r.id, expertName: r.expertName, total: r.total, method: r.method })),
  };
}

/** Results per application of a challenge (managers only). */
export async function resultsOf(db: Db, challengeId: string, threshold: number): Promise<Map<string, ReviewResult>> {
  const rows = await repo.selectAssignmentsOfChallenge(db, challengeId);
  const byApplication = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!byApplication.has(r.applicationId)) byApplication.set(r.applicationId, []);
    byApplication.get(r.applicationId)!.push(r);
  }
  return new Map([...byApplication].map(([id, list]) => [id, aggregate(list, threshold)]));
}
