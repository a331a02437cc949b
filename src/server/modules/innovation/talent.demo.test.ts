import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo, seedModuleDemos } from '../../demo/seed.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: 300, seed: 7 });
  await seedModuleDemos(db);
}, 300_000);

describe('seedTalentDemo', () => {
  it('gives `sme` a rated, an answered and an open consultation, `expert` an inbox and chairs 苏州’s committee', async () => {
    const rows = await db
      .selectFrom('consultations as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select(['c.id', 'c.status', 'c.rating', 'e.uscc'])
      .execute();
    const sme = rows.filter((r) => r.uscc === '91320506MA1M2G8K8W');
    expect(sme.map((r) => r.status).sort()).toEqual(['answered', 'closed', 'open']);
    expect(sme.find((r) => r.status === 'closed')?.rating).toBe(5);
    const inbox = await db
      .selectFrom('consultation_routes as r')
      .innerJoin('experts as x', 'x.id', 'r.expert_id')
      .innerJoin('users as u', 'u.id', 'x.user_id')
      .select(['r.answer'])
      .where('u.username', '=', 'expert')
      .execute();
    expect(inbox.filter((r) => r.answer !== null)).toHaveLength(1); // answered, waiting for `sme`'s rating
    expect(inbox.filter((r) => r.answer === null).length).toBeGreaterThanOrEqual(2); // sme's open one and the committee's
    const chair = await db
      .selectFrom('committee_members as m')
      .innerJoin('experts as x', 'x.id', 'm.expert_id')
      .innerJoin('expert_committees as k', 'k.id', 'm.committee_id')
      .select(['x.name', 'k.region_code'])
      .where('m.role', '=', 'chair')
      .execute();
    expect(chair).toEqual([{ name: '王工', region_code: '320500' }]);
    // No demo consultation went to an expert employed by, or declared conflicted with, the requester.
    const conflicted = await db
      .selectFrom('consultation_routes as r')
      .innerJoin('consultations as c', 'c.id', 'r.consultation_id')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .innerJoin('experts as x', 'x.id', 'r.expert_id')
      .select('r.id')
      .whereRef('x.affiliation_uscc', '=', 'e.uscc')
      .execute();
    expect(conflicted).toEqual([]);
    const courses = await db.selectFrom('training_courses').select(['title', 'capacity', 'enrolled_count']).orderBy('id').execute();
    expect(courses.map((c) => [c.capacity, c.enrolled_count])).toEqual([[4, 3], [20, 0]]);
  });
});

describe('seedSecondmentsDemo', () => {
  it('gives `sme` an active secondment of 王工 with a report to confirm and a plan to confirm, 溶川 a rated one; records investments', async () => {
    const rows = await db
      .selectFrom('secondments as s')
      .innerJoin('enterprises as h', 'h.id', 's.host_id')
      .leftJoin('experts as x', 'x.id', 's.expert_id')
      .select(['s.id', 's.status', 's.rating', 'h.uscc', 'x.name as expertName'])
      .orderBy('s.id')
      .execute();
    expect(rows.map((r) => [r.uscc, r.status, r.rating])).toEqual([['91320506MA1M2G8K8W', 'active', null], ['91320506MA1M2G8K8W', 'proposed', null], ['91320507MA1T9F5A90', 'completed', 5]]);
    expect(rows[0].expertName).toBe('王工');
    const reports = await db.selectFrom('secondment_reports').select(['secondment_id', 'status']).where('secondment_id', '=', rows[0].id).orderBy('id').execute();
    expect(reports.map((r) => r.status)).toEqual(['confirmed', 'submitted']);
    const investments = await db.selectFrom('investments').select(['investee_uscc', 'share_bp']).orderBy('id').execute();
    expect(investments).toEqual([{ investee_uscc: '91320506MA1M2G8K8W', share_bp: 1500 }, { investee_uscc: '91320507MA1T9F5A90', share_bp: 500 }]);
    const events = await db.selectFrom('talent_events').select(['kind', 'registered_count']).orderBy('id').execute();
    expect(events).toEqual([{ kind: 'exchange_meeting', registered_count: 2 }, { kind: 'programme', registered_count: 0 }, { kind: 'site_visit', registered_count: 3 }]);
  });
});
