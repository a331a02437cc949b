import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import { makeActor } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { seedWorkbenchDemo } from './workbench.demo.js';
import { listNotifications } from './notifications.service.js';
import { listTasks, rollupOf } from './tasks.service.js';

let db: Db;
const actors = new Map<string, Actor>();

beforeAll(async () => {
  ({ db } = await createTestDb());
  for (const [username, regionCode] of [['gov_miit', '000000'], ['gov_js', '320000'], ['gov_sz', '320500'], ['gov_wx', '320200'], ['gov_wz', '320506']] as const) {
    actors.set(username, await makeActor(db, { username, role: 'gov', regionCode }));
  }
});

describe(seedWorkbenchDemo.name, () => {
  it('builds the ministry → province → city → county tree with progress, once', async () => {
    await seedWorkbenchDemo(db);
    await seedWorkbenchDemo(db);
    const miit = actors.get('gov_miit')!;
    const roots = await listTasks(db, miit, { rootsOnly: 'true', limit: 50 });
    const fairs = roots.items.find((t) => t.title.includes('百场万企'))!;
    expect(roots.items.filter((t) => t.title.includes('百场万企'))).toHaveLength(1);
    const rollup = await rollupOf(db, miit, fairs.id);
    // 江苏 = 无锡 9 + 南京 4 + 苏州 (吴中 3 + 园区 8); 浙江 27; 广东 24.
    expect(rollup.done).toBe(9 + 4 + 3 + 8 + 27 + 24);
    expect(rollup.children.find((ch) => ch.regionCode === '320000')).toMatchObject({ done: 24, childCount: 4, overdueCount: 1 });
    expect(rollup.overdue.map((o) => o.regionCode)).toEqual(['320400']);
    const sz = actors.get('gov_sz')!;
    const inbox = await listTasks(db, sz, { mine: 'true', status: 'dispatched', limit: 50 });
    expect(inbox.items.map((t) => t.title)).toContain('专精特新“小巨人”后备企业梳理');
    const wz = actors.get('gov_wz')!;
    const mine = await listTasks(db, wz, { limit: 50 });
    expect(mine.items.every((t) => t.regionCode === '320506')).toBe(true);
    // 苏州 sees the park's report attachment in its roll-up (attached once, though seeded twice).
    const szFairs = (await listTasks(db, sz, { mine: 'true', q: '百场万企', limit: 50 })).items[0];
    const park = (await rollupOf(db, sz, szFairs.id)).children.find((ch) => ch.regionCode === '320571')!;
    expect(park.files.map((f) => f.name)).toEqual(['苏州工业园区百场万企活动汇总.csv']);
    // The demo's events left notifications: 吴中 was dispatched the fairs task; 苏州 heard of 吴中's report.
    const wzInbox = await listNotifications(db, wz, { limit: 50 });
    expect(wzInbox.items).toContainEqual(expect.objectContaining({ kind: 'task.dispatched', params: expect.objectContaining({ title: '2026年“百场万企”大中小企业融通对接活动', from: '苏州市' }) }));
    const szInbox = await listNotifications(db, sz, { limit: 50 });
    expect(szInbox.items.filter((n) => n.kind === 'task.reported').map((n) => n.params.region).sort()).toEqual(['吴中区', '苏州工业园区']);
  });
});
