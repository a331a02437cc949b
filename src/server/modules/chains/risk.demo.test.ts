import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { seedDemo } from '../../demo/seed.js';
import { seedChainsDemo } from './chains.demo.js';
import { seedRiskDemo } from './risk.demo.js';
import { seedSupplyDemo } from './supply.demo.js';

let db: Db;
const COUNT = Number(process.env.CHAINS_DEMO_COUNT ?? 600);

beforeAll(async () => {
  ({ db } = await createTestDb());
  await seedDemo(db, { count: COUNT });
  await seedChainsDemo(db);
  await seedSupplyDemo(db);
}, 180_000);

describe(seedRiskDemo.name, () => {
  it('records events at every status, with alerts for the leader and 苏州, once', async () => {
    await seedRiskDemo(db);
    const events = await db.selectFrom('risk_events').select(['id', 'kind', 'status', 'title']).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['shutdown', 'logistics', 'sanction', 'default', 'dishonest']);
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(['potential', 'confirmed', 'recovered', 'no_impact']));
    const inbox = async (username: string) =>
      db.selectFrom('risk_alerts').innerJoin('users', 'users.id', 'risk_alerts.user_id').innerJoin('risk_events', 'risk_events.id', 'risk_alerts.event_id').select(['risk_events.kind', 'risk_alerts.read_at', 'risk_alerts.hits']).where('users.username', '=', username).execute();
    const leader = await inbox('leader');
    const shutdown = leader.find((a) => a.kind === 'shutdown');
    expect(shutdown?.read_at).toBeNull();
    expect(shutdown?.hits).toEqual([expect.objectContaining({ kind: 'suppliers', name: '苏州溶川新材料有限公司', tier: 1, exposure: 1 })]);
    expect(leader.map((a) => a.kind)).toContain('logistics');
    expect((await inbox('gov_sz')).map((a) => a.kind)).toContain('shutdown');
    expect((await inbox('gov_wx')).map((a) => a.kind)).toContain('sanction');
    const notes = await db.selectFrom('risk_event_notes').select('id').execute();
    expect(notes.length).toBeGreaterThanOrEqual(7);

    await seedRiskDemo(db);
    expect((await db.selectFrom('risk_events').select('id').execute()).length).toBe(events.length);
  });
});
