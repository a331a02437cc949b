/**
 * Review panels (评审组, ADR 0032): a challenge's named panel with a chair and members from the
 * expert pool, the members' conflict-of-interest declarations, and its state forming → scoring →
 * concluded. While a challenge has a panel, reviewer assignment draws only from its members
 * (`reviews.service.ts` asks {@link panelGate}); a declared conflict excludes the member from that
 * applicant's scoring (also through `selectConflicts`).
 */
import type { DeclareConflictsBody, PanelView, SavePanelBody } from '../../../contracts/panels.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { CHALLENGE_ENTITY, getChallenge, requireManage, userIdOf } from './challenges.service.js';
import * as challengesRepo from './challenges.repo.js';
import { canManage } from './innovation.policy.js';
import * as repo from './panels.repo.js';
import * as reviewsRepo from './reviews.repo.js';

/** Audit entity type of panels (keyed by the challenge: one panel each). */
export const PANEL_ENTITY = 'review_panel';

const STATE_LABEL: Record<repo.PanelRecord['state'], string> = { forming: '组建中', scoring: '评审中', concluded: '已结束' };

/** The calling expert's pool id, if the caller is an expert with a profile. */
async function ownExpertId(db: Db, actor: Actor): Promise<string | null> {
  if (actor.role !== 'expert') return null;
  return (await reviewsRepo.selectExpertByUser(db, actor.userId))?.id ?? null;
}

/**
 * The panel of a challenge as the caller may see it: its managers and its members.
 * @throws not_found for everyone else, and when the challenge has no panel.
 */
export async function getPanel(db: Db, actor: Actor, challengeId: string): Promise<PanelView> {
  const challenge = await getChallenge(db, challengeId);
  const panel = await repo.selectPanel(db, challenge.id);
  const isManager = canManage(actor, challenge);
  const expertId = await ownExpertId(db, actor);
  const isMember = panel !== undefined && expertId !== null && (await repo.isMember(db, panel.id, expertId));
  if (!panel || !(isManager || isMember)) throw notFound('评审组');
  const [members, conflicts, applicants] = await Promise.all([repo.selectMembers(db, panel.id, challenge.id), repo.selectPanelConflicts(db, panel.id), repo.selectApplicants(db, challenge.id)]);
  return {
    id: panel.id, challengeId: challenge.id, name: panel.name, state: panel.state, chairExpertId: panel.chairExpertId, chairName: panel.chairName,
    members: members.map((m) => {
      const own = conflicts.filter((c) => c.expertId === m.expertId).map((c) => ({ uscc: c.uscc, applicantName: c.applicantName, reason: c.reason }));
      return {
        expertId: m.expertId, name: m.name, affiliation: m.affiliation, fields: m.fields, isChair: m.expertId === panel.chairExpertId,
        declaration: m.declaredAt === null ? 'pending' : own.length > 0 ? 'declared' : 'none', conflicts: own, assigned: m.assigned, submitted: m.submitted,
      };
    }),
    applicants: [...new Map(applicants.map((a) => [a.uscc, { uscc: a.uscc, name: a.name }])).values()],
    canManage: isManager, myExpertId: isMember ? expertId : null, createdAt: panel.createdAt.toISOString(), concludedAt: panel.concludedAt?.toISOString() ?? null,
  };
}

/**
 * Form the panel of a challenge, or change its name, chair and members while it is forming. The
 * chair is always a member; experts already assigned to the challenge's applications must stay.
 * @throws not_found; forbidden unless a manager; validation_failed naming `chairExpertId` or
 *   `memberExpertIds.N`; invalid_state (409) once scoring began or the challenge is closed.
 */
export async function savePanel(db: Db, context: WriteContext, challengeId: string, body: SavePanelBody): Promise<{ isNew: boolean }> {
  const challenge = await getChallenge(db, challengeId);
  requireManage(context.actor, challenge);
  if (challenge.status === 'awarded' || challenge.status === 'cancelled') throw new AppError('invalid_state', 'Challenge closed', { userMessage: '榜单已揭榜或取消，不能再组建评审组' });
  const memberIds = [...new Set([body.chairExpertId, ...body.memberExpertIds])];
  const existing = await repo.selectExistingExperts(db, memberIds);
  const errors: FieldError[] = [];
  if (!existing.has(body.chairExpertId)) errors.push({ path: 'chairExpertId', message: '专家不存在' });
  body.memberExpertIds.forEach((id, i) => {
    if (!existing.has(id)) errors.push({ path: `memberExpertIds.${i}`, message: '专家不存在' });
  });
  const assigned = await reviewsRepo.selectAssignmentsOfChallenge(db, challenge.id);
  const missing = [...new Map(assigned.filter((a) => !memberIds.includes(a.expertId)).map((a) => [a.expertId, a.expertName])).values()];
  if (missing.length > 0) errors.push({ path: 'memberExpertIds', message: `已有评审任务的专家须在评审组中：${missing.join('、')}` });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    await challengesRepo.selectChallenge(tx, challenge.id, { isForUpdate: true });
    const panel = await repo.selectPanel(tx, challenge.id, { isForUpdate: true });
    if (panel && panel.state !== 'forming') throw new AppError('invalid_state', `Panel is ${panel.state}`, { userMessage: `评审组${STATE_LABEL[panel.state]}，成员不能再调整` });
    const panelId = panel?.id ?? (await repo.insertPanel(tx, { challengeId: challenge.id, regionCode: challenge.regionCode, name: body.name, chairExpertId: body.chairExpertId, createdBy: userIdOf(context.actor) }));
    if (panel) await repo.updatePanel(tx, panel.id, { name: body.name, chairExpertId: body.chairExpertId });
    await repo.replaceMembers(tx, panelId, memberIds);
    await recordWrites(tx, context, [{
      action: panel ? 'review_panel.update' : 'review_panel.create', entityType: PANEL_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode,
      before: panel ? { name: panel.name, chairExpertId: panel.chairExpertId } : undefined, after: { name: body.name, chairExpertId: body.chairExpertId, memberExpertIds: memberIds },
    }]);
    return { isNew: !panel };
  });
}

/** State changes of a panel and from which state each is allowed. */
const TRANSITIONS = {
  start: { from: 'forming', to: 'scoring', label: '开始评审' },
  conclude: { from: 'scoring', to: 'concluded', label: '结束评审' },
} as const;

/** A state change of {@link TRANSITIONS}. */
export type PanelTransition = keyof typeof TRANSITIONS;

/**
 * `start`: forming → scoring (members are fixed, assignment may begin); `conclude`: scoring →
 * concluded (no more assignment or scores). The challenge's managers (owner, gov in scope).
 * @throws not_found without a panel and for those who may not read it; forbidden for members who
 *   do not manage; invalid_state from another state.
 */
export async function advancePanel(db: Db, context: WriteContext, challengeId: string, transition: PanelTransition): Promise<{ state: repo.PanelRecord['state'] }> {
  const challenge = await getChallenge(db, challengeId);
  const current = await repo.selectPanel(db, challenge.id);
  if (!current) throw notFound('评审组');
  // Only those who may read the panel learn that it exists: a member who does not manage gets 403.
  if (!canManage(context.actor, challenge)) {
    const expertId = await ownExpertId(db, context.actor);
    if (!expertId || !(await repo.isMember(db, current.id, expertId))) throw notFound('评审组');
  }
  requireManage(context.actor, challenge);
  const rule = TRANSITIONS[transition];
  return db.transaction().execute(async (tx) => {
    const panel = (await repo.selectPanel(tx, challenge.id, { isForUpdate: true }))!;
    if (panel.state !== rule.from) throw new AppError('invalid_state', `Panel is ${panel.state}`, { userMessage: `评审组${STATE_LABEL[panel.state]}，不能${rule.label}` });
    await repo.updatePanel(tx, panel.id, { state: rule.to, concludedAt: rule.to === 'concluded' ? new Date() : undefined });
    await recordWrites(tx, context, [{ action: `review_panel.${transition}`, entityType: PANEL_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, before: { state: panel.state }, after: { state: rule.to } }]);
    return { state: rule.to };
  });
}

/**
 * The calling member declares their conflicts of interest (replacing an earlier declaration): an
 * empty list declares none. A conflict removes the member's reviews of that applicant's application
 * (open or scored: the score no longer counts) and keeps them from being assigned to it.
 * @throws not_found unless the caller is a member; validation_failed naming `conflicts.N.uscc` for
 *   a non-applicant; invalid_state (409) once the panel concluded.
 */
export async function declareConflicts(db: Db, context: WriteContext, challengeId: string, body: DeclareConflictsBody): Promise<{ removedReviews: number }> {
  const challenge = await getChallenge(db, challengeId);
  const panel = await repo.selectPanel(db, challenge.id);
  const expertId = await ownExpertId(db, context.actor);
  if (!panel || !expertId || !(await repo.isMember(db, panel.id, expertId))) throw notFound('评审组');
  if (panel.state === 'concluded') throw new AppError('invalid_state', 'Panel concluded', { userMessage: '评审组已结束评审，不能再申报利益冲突' });
  const applicants = await repo.selectApplicants(db, challenge.id);
  const byUscc = new Map(applicants.map((a) => [a.uscc, a]));
  const errors: FieldError[] = [];
  body.conflicts.forEach((c, i) => {
    if (!byUscc.has(c.uscc.toUpperCase())) errors.push({ path: `conflicts.${i}.uscc`, message: '不是本榜单的揭榜单位' });
  });
  if (errors.length > 0) throw invalid(errors);
  const conflicts = [...new Map(body.conflicts.map((c) => [c.uscc.toUpperCase(), c])).values()].map((c) => ({ applicant: byUscc.get(c.uscc.toUpperCase())!, reason: c.reason }));
  return db.transaction().execute(async (tx) => {
    const locked = await repo.selectPanel(tx, challenge.id, { isForUpdate: true });
    if (!locked || locked.state === 'concluded') throw new AppError('invalid_state', 'Panel concluded', { userMessage: '评审组已结束评审，不能再申报利益冲突' });
    await repo.replaceDeclaration(tx, panel.id, expertId, conflicts.map((c) => ({ enterpriseId: c.applicant.enterpriseId, reason: c.reason })));
    const removed = await repo.deleteAssignments(tx, expertId, conflicts.map((c) => c.applicant.applicationId));
    await recordWrites(tx, context, [{
      action: 'review_panel.declare', entityType: PANEL_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode,
      after: { expertId, conflicts: conflicts.map((c) => ({ uscc: c.applicant.uscc, reason: c.reason })), removedAssignments: removed },
    }]);
    return { removedReviews: removed.length };
  });
}

/**
 * What a challenge's panel allows for reviewer assignment: no panel → the whole pool; a panel →
 * only its members, and only while it is scoring.
 * @throws invalid_state (409) when the panel is forming or concluded.
 */
export async function panelGate(db: Db, challengeId: string): Promise<{ memberIds: Set<string> } | undefined> {
  const panel = await repo.selectPanel(db, challengeId);
  if (!panel) return undefined;
  if (panel.state === 'forming') throw new AppError('invalid_state', 'Panel forming', { userMessage: '评审组尚在组建，请先开始评审再分配评审专家' });
  if (panel.state === 'concluded') throw new AppError('invalid_state', 'Panel concluded', { userMessage: '评审组已结束评审' });
  const members = await repo.selectMembers(db, panel.id, challengeId);
  return { memberIds: new Set(members.map((m) => m.expertId)) };
}

/** Whether the challenge's panel (if any) has concluded: scores are then final. */
export async function isPanelConcluded(db: Db, challengeId: string): Promise<boolean> {
  return (await repo.selectPanel(db, challengeId))?.state === 'concluded';
}
