import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeActor, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { listDigests } from './notifications.digests.js';
import { seedNotificationsDemo } from './notifications.demo.js';
import { getSubscriptions, listNotifications } from './notifications.service.js';

let app: App;
let db: Db;
let sme: Actor;
let leader: Actor;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const firm = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('吴中演示精密'), products: ['精密冲压件'] });
  const bank = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('演示银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  sme = await makeActor(db, { username: 'sme', role: 'member', orgUscc: firm.uscc });
  leader = await makeActor(db, { username: 'leader', role: 'member', orgUscc: (await makeEnterprise(db, { regionCode: '320571', name: uniqueName('演示链主') })).uscc });
  // The demo's own events, made by a colleague of `sme` (before notifications of these kinds existed, in the real demo).
  const colleague = (await loginAs(app, db, { role: 'member', orgUscc: firm.uscc })).headers;
  const banker = (await loginAs(app, db, { role: 'member', orgUscc: bank.uscc, orgKind: 'bank' })).headers;
  const suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  const post = (url: string, headers: { authorization: string }, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });
  const need = (await post('/api/v1/needs', colleague, { title: uniqueName('演示采购需求'), description: '年采购精密冲压件', kind: 'procurement', products: ['精密冲压件'] })).json().id;
  await post(`/api/v1/needs/${need}/submit`, colleague);
  await post(`/api/v1/needs/${need}/publish`, suzhou);
  for (const amountFen of [10_000_000, 20_000_000]) {
    const request = (await post('/api/v1/financing-requests', colleague, { kind: 'order', amountFen, termDays: 90 })).json().id;
    expect((await post(`/api/v1/financing-requests/${request}/offers`, banker, { rateBp: 400, amountFen, termDays: 90 })).statusCode).toBe(201);
  }
  await db.deleteFrom('notifications').where('user_id', '=', sme.userId).execute();
});

describe(seedNotificationsDemo.name, () => {
  it('gives sme unread notifications and yesterday’s digest, subscribes the demo users, once', async () => {
    await seedNotificationsDemo(db);
    await seedNotificationsDemo(db); // the marker keeps a real rerun away; the digest key keeps this one harmless
    const inbox = await listNotifications(db, sme, { limit: 50 });
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(3);
    expect(new Set(inbox.items.map((n) => n.kind))).toEqual(new Set(['need.published', 'financing.offered']));
    const digests = await listDigests(db, sme, { limit: 10 });
    expect(digests.items.map((d) => [d.period, d.periodStart])).toContainEqual(['daily', businessDate(new Date(Date.now() - 86_400_000))]);
    expect((await getSubscriptions(db, sme.userId)).every((s) => s.isInApp && s.digest === 'daily')).toBe(true);
    expect((await getSubscriptions(db, leader.userId)).find((s) => s.kind === 'booking.requested')).toEqual({ kind: 'booking.requested', isInApp: false, digest: 'none' });
  });
});
