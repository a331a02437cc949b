import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo, seedModuleDemos } from '../../demo/seed.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 300, seed: 7 });
  await seedModuleDemos(db);
}, 180_000);

describe('seedInnovationDemo', () => {
  it('gives every role something to see: challenges in every stage, an open review for `expert`, bookings and usage', async () => {
    const challenges = await db.selectFrom('challenges').select(['title', 'status']).execute();
    expect(challenges.map((c) => c.status).sort()).toEqual(['awarded', 'cancelled', 'open', 'open']);
    const cancelled = await db.selectFrom('challenges').select(['cancel_reason']).where('status', '=', 'cancelled').executeTakeFirstOrThrow();
    expect(cancelled.cancel_reason).toContain('本榜单取消');
    const solid = await db.selectFrom('challenges').select('disagreement_threshold').where('title', '=', '硫化物固态电解质量产工艺揭榜').executeTakeFirstOrThrow();
    expect(solid.disagreement_threshold).toBe(25);
    const expert = await db.selectFrom('experts as x').innerJoin('users as u', 'u.id', 'x.user_id').select('x.id').where('u.username', '=', 'expert').executeTakeFirstOrThrow();
    const queue = await db.selectFrom('review_assignments').select('status').where('expert_id', '=', expert.id).execute();
    expect(queue.some((r) => r.status === 'assigned')).toBe(true);
    // No demo assignment is conflicted: 吴博士 (invested in 昆山智衡) never reviews it.
    const conflicted = await db
      .selectFrom('review_assignments as r')
      .innerJoin('challenge_applications as a', 'a.id', 'r.application_id')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .innerJoin('expert_conflicts as c', (join) => join.onRef('c.expert_id', '=', 'r.expert_id').onRef('c.uscc', '=', 'e.uscc'))
      .select('r.id')
      .execute();
    expect(conflicted).toEqual([]);
    const usages = await db.selectFrom('resource_usages').select('id').execute();
    expect(usages.length).toBeGreaterThan(0);
    const pending = await db.selectFrom('resource_bookings').select('id').where('status', '=', 'pending').execute();
    expect(pending.length).toBeGreaterThan(0);
  });

  it('puts the open challenge under a scoring review panel holding every assigned expert, `expert` still to declare', async () => {
    const panel = await db.selectFrom('review_panels as p').innerJoin('challenges as c', 'c.id', 'p.challenge_id').select(['p.id', 'p.state', 'c.id as challengeId']).where('c.title', '=', '硫化物固态电解质量产工艺揭榜').executeTakeFirstOrThrow();
    expect(panel.state).toBe('scoring');
    const members = await db.selectFrom('review_panel_members').select(['expert_id', 'declared_at']).where('panel_id', '=', panel.id).execute();
    const assigned = await db.selectFrom('review_assignments').select('expert_id').where('challenge_id', '=', panel.challengeId).execute();
    const memberIds = new Set(members.map((m) => m.expert_id));
    expect(assigned.every((a) => memberIds.has(a.expert_id))).toBe(true);
    const expert = await db.selectFrom('experts as x').innerJoin('users as u', 'u.id', 'x.user_id').select('x.id').where('u.username', '=', 'expert').executeTakeFirstOrThrow();
    expect(members.find((m) => m.expert_id === expert.id)?.declared_at).toBeNull();
    // The declared conflict never meets an assignment of that applicant's application.
    const clashes = await db
      .selectFrom('review_panel_conflicts as pc')
      .innerJoin('challenge_applications as a', (join) => join.onRef('a.enterprise_id', '=', 'pc.enterprise_id').on('a.challenge_id', '=', panel.challengeId))
      .innerJoin('review_assignments as r', (join) => join.onRef('r.application_id', '=', 'a.id').onRef('r.expert_id', '=', 'pc.expert_id'))
      .select('r.id')
      .where('pc.panel_id', '=', panel.id)
      .execute();
    const declared = await db.selectFrom('review_panel_conflicts').select('expert_id').where('panel_id', '=', panel.id).execute();
    expect(declared).toHaveLength(1);
    expect(clashes).toEqual([]);
  });

  it('seeds achievements with interest and feedback, and first-use records in and outside 苏州', async () => {
    const achievements = await db.selectFrom('achievements').select(['trl', 'transfer_mode']).execute();
    expect(achievements.length).toBeGreaterThanOrEqual(5);
    expect(new Set(achievements.map((a) => a.transfer_mode))).toEqual(new Set(['transfer', 'license', 'equity', 'joint_development']));
    const interests = await db.selectFrom('achievement_interests').select(['status', 'feedback_category']).execute();
    expect(interests.map((i) => i.status).sort()).toEqual(['answered', 'pending']);
    const regions = await db.selectFrom('first_uses').select('region_code').execute();
    expect(regions.some((r) => r.region_code.startsWith('3205'))).toBe(true);
    expect(regions.some((r) => !r.region_code.startsWith('3205'))).toBe(true);
  });
});
