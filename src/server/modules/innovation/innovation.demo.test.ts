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
    expect(challenges.map((c) => c.status).sort()).toEqual(['awarded', 'open', 'open']);
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
