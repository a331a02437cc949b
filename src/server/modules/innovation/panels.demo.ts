/**
 * Demo review panel (ADR 0032) on the open demo challenge: every expert already assigned plus a
 * few more solid-state experts, chaired by 李教授, scoring. Members declared no conflict, except
 * one who declared a conflict with 昆山智衡 (and so never reviews its application) and the
 * `expert` log-in, whose declaration is still pending (the e2e test and the demo tour make it).
 */
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { recordWrites } from '../audit/index.js';
import * as challengesRepo from './challenges.repo.js';
import * as repo from './panels.repo.js';
import { advancePanel, PANEL_ENTITY, savePanel } from './panels.service.js';
import * as reviewsRepo from './reviews.repo.js';

const CONTEXT = { actor: SYSTEM_ACTOR, requestId: 'demo' };
const EXTRA_MEMBERS = ['李教授', '陈研究员', '蒋博士'];

/** Form, fill and start the panel of a demo challenge; `conflictUscc` gets one member's declared conflict. */
export async function seedDemoPanel(db: Db, challengeId: string, options: { conflictUscc: string; pendingExpertId?: string }): Promise<void> {
  const assigned = await reviewsRepo.selectAssignmentsOfChallenge(db, challengeId);
  const pool = await reviewsRepo.selectExperts(db, {});
  const extra = pool.filter((x) => EXTRA_MEMBERS.includes(x.name)).map((x) => x.id);
  const memberIds = [...new Set([...assigned.map((a) => a.expertId), ...extra])];
  const chair = pool.find((x) => x.name === '李教授' && memberIds.includes(x.id))?.id ?? memberIds[0];
  if (!chair) return;
  await savePanel(db, CONTEXT, challengeId, { name: '固态电解质技术评审组', chairExpertId: chair, memberExpertIds: memberIds });
  const panel = (await repo.selectPanel(db, challengeId))!;
  const challenge = (await challengesRepo.selectChallenge(db, challengeId))!;
  const applicant = await challengesRepo.selectEnterpriseByUscc(db, options.conflictUscc);
  const application = applicant ? await challengesRepo.selectApplicationOf(db, challengeId, applicant.id) : undefined;
  // The conflicted member is one not assigned to that application, so no score is lost.
  const onIt = new Set(assigned.filter((a) => a.applicationId === application?.id).map((a) => a.expertId));
  const conflicted = memberIds.find((id) => id !== options.pendingExpertId && !onIt.has(id));
  await db.transaction().execute(async (tx) => {
    for (const expertId of memberIds) {
      if (expertId === options.pendingExpertId) continue;
      const conflicts = expertId === conflicted && applicant ? [{ enterpriseId: applicant.id, reason: '近三年曾为该公司提供有偿技术咨询' }] : [];
      await repo.replaceDeclaration(tx, panel.id, expertId, conflicts);
    }
    await recordWrites(tx, CONTEXT, [{ action: 'review_panel.declare', entityType: PANEL_ENTITY, entityKey: challenge.id, regionCode: challenge.regionCode, after: { conflictedExpertId: conflicted ?? null, uscc: options.conflictUscc } }]);
  });
  await advancePanel(db, CONTEXT, challengeId, 'start');
}
