/** Per-user notification subscriptions and the digests built from them. */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, uniqueName } from '../../../../test/factories.js';
import { NOTIFICATION_KINDS } from '../../../contracts/notifications.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { DIGEST_LOCK_KEY, buildDigests, digestWindow } from './notifications.digests.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let jiangsu: Headers; // gov 320000: dispatches to 320200
let wuxiA: Headers; // gov 320200: subscribes
let wuxiB: Headers; // gov 320200: defaults
let wuxiAId: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });
const put = (url: string, headers: Headers, payload: object) => app.inject({ method: 'PUT', url, headers, payload });
const DAY = 86_400_000;
const inDays = (days: number) => businessDate(new Date(Date.now() + days * DAY));
const TODAY = businessDate();
const YESTERDAY = inDays(-1);

/** A province task dispatched to 无锡 alone; its child's id. */
async function dispatchToWuxi(title: string): Promise<string> {
  const root = (await post('/api/v1/tasks', jiangsu, { title, regionCode: '320000', dueOn: inDays(60), target: 10 })).json().id;
  const d = await post(`/api/v1/tasks/${root}/dispatch`, jiangsu, { children: [{ regionCode: '320200', target: 10, dueOn: inDays(50) }] });
  expect(d.statusCode, d.body).toBe(200);
  return d.json().children[0].id;
}

/** Move the notifications naming `title` to an instant (time passes). */
async function backdate(title: string, at: Date): Promise<void> {
  await db.updateTable('notifications').set({ created_at: at }).where(sql`params->>'title'`, '=', title).execute();
}

/** Noon of a business date in Shanghai. */
const noonOf = (date: string) => new Date(`${date}T04:00:00Z`);

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  const a = await loginAs(app, db, { role: 'gov', regionCode: '320200' });
  wuxiA = a.headers;
  wuxiAId = a.actor.userId;
  wuxiB = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
});

describe('GET/PUT /api/v1/notifications/subscriptions', () => {
  it('lists every kind with the defaults: in-app on, digest none', async () => {
    const res = await get('/api/v1/notifications/subscriptions', wuxiB);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual(NOTIFICATION_KINDS.map((kind) => ({ kind, isInApp: true, digest: 'none' })));
  });

  it('refuses an unknown kind or a kind listed twice with 422 naming the field, changing nothing', async () => {
    const unknown = await put('/api/v1/notifications/subscriptions', wuxiA, { items: [{ kind: 'task.dispatched', isInApp: false, digest: 'none' }, { kind: 'task.exploded', isInApp: true, digest: 'daily' }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors.map((e: { path: string }) => e.path)).toEqual(['items.1.kind']);
    const twice = await put('/api/v1/notifications/subscriptions', wuxiA, { items: [{ kind: 'task.reminded', isInApp: false, digest: 'none' }, { kind: 'task.reminded', isInApp: true, digest: 'daily' }] });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors[0].path).toBe('items.1.kind');
    expect((await put('/api/v1/notifications/subscriptions', wuxiA, { items: [{ kind: 'task.reminded', isInApp: true, digest: 'hourly' }] })).json().errors[0].path).toBe('items.0.digest');
    expect((await get('/api/v1/notifications/subscriptions', wuxiA)).json().items.every((s: { isInApp: boolean; digest: string }) => s.isInApp && s.digest === 'none')).toBe(true);
  });

  it('in-app off: notify() writes nothing for that user and kind; others still get it; audited', async () => {
    const res = await put('/api/v1/notifications/subscriptions', wuxiA, { items: [{ kind: 'task.reminded', isInApp: false, digest: 'none' }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.find((s: { kind: string }) => s.kind === 'task.reminded')).toEqual({ kind: 'task.reminded', isInApp: false, digest: 'none' });
    const title = uniqueName('静默催办');
    const task = await dispatchToWuxi(title);
    expect((await post(`/api/v1/tasks/${task}/remind`, jiangsu, { message: '请尽快接收' })).statusCode).toBe(201);
    const kindsOf = async (h: Headers) => (await get('/api/v1/notifications?limit=100', h)).json().items.filter((n: { params: { title: string } }) => n.params.title === title).map((n: { kind: string }) => n.kind);
    expect(await kindsOf(wuxiA)).toEqual(['task.dispatched']);
    expect(await kindsOf(wuxiB)).toEqual(['task.reminded', 'task.dispatched']);
    const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'notification_subscription').where('entity_key', '=', `user:${wuxiAId}`).execute();
    expect(audit).toEqual([{ action: 'notification.subscribe', after: { items: [{ kind: 'task.reminded', isInApp: false, digest: 'none' }] } }]);
    // Back to the default: the row goes, reminders arrive again.
    await put('/api/v1/notifications/subscriptions', wuxiA, { items: [{ kind: 'task.reminded', isInApp: true, digest: 'none' }] });
    expect((await db.selectFrom('notification_subscriptions').select('kind').where('user_id', '=', wuxiAId).execute())).toEqual([]);
  });
});

describe('digests', () => {
  it('a period is the day before, or the Monday–Sunday week before', () => {
    expect(digestWindow('daily', '2026-11-28')).toEqual({ start: '2026-11-27', end: '2026-11-27' });
    expect(digestWindow('daily', '2026-03-01')).toEqual({ start: '2026-02-28', end: '2026-02-28' });
    expect(digestWindow('weekly', '2026-11-28')).toEqual({ start: '2026-11-16', end: '2026-11-22' }); // a Saturday
    expect(digestWindow('weekly', '2026-11-23')).toEqual({ start: '2026-11-16', end: '2026-11-22' }); // a Monday
    expect(digestWindow('weekly', '2026-11-22')).toEqual({ start: '2026-11-09', end: '2026-11-15' }); // a Sunday
  });

  let digestId: string;
  it('counts only the subscribed kinds of the previous business day, once however often it runs', async () => {
    const saved = await put('/api/v1/notifications/subscriptions', wuxiA, { items: [{ kind: 'task.dispatched', isInApp: true, digest: 'daily' }, { kind: 'task.reported', isInApp: true, digest: 'weekly' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const [t1, t2, t3, old, late] = ['摘要任务甲', '摘要任务乙', '摘要任务丙', '前天任务', '今天任务'].map(uniqueName);
    for (const t of [t1, t2, old, late]) await dispatchToWuxi(t);
    const reminded = await dispatchToWuxi(t3);
    expect((await post(`/api/v1/tasks/${reminded}/remind`, jiangsu, { message: '请尽快接收' })).statusCode).toBe(201);
    for (const t of [t1, t2, t3]) await backdate(t, noonOf(YESTERDAY));
    await backdate(old, noonOf(inDays(-2)));
    // Midnight in Shanghai belongs to today, not yesterday.
    await backdate(late, new Date(`${TODAY}T00:00:00+08:00`));

    const run = await buildDigests(db, 'daily', TODAY);
    expect(run).toMatchObject({ period: 'daily', periodStart: YESTERDAY, periodEnd: YESTERDAY, isBuilder: true, written: 1 });
    const again = await buildDigests(db, 'daily', TODAY);
    expect(again).toMatchObject({ isBuilder: true, written: 0 });

    const page = await get('/api/v1/notification-digests', wuxiA);
    expect(page.statusCode, page.body).toBe(200);
    const { items } = page.json();
    expect(items).toHaveLength(1);
    // Three dispatches yesterday (task.dispatched, daily); the reminder (not subscribed) is not counted.
    expect(items[0]).toMatchObject({ period: 'daily', periodStart: YESTERDAY, periodEnd: YESTERDAY, counts: { 'task.dispatched': 3 }, total: 3, deliveredAt: null });
    expect(items[0].text).toMatch(new RegExp(`^每日消息摘要（${YESTERDAY}）：共 3 条。\\n任务下发 3 条。\\n`));
    for (const t of [t1, t2, t3]) expect(items[0].text).toContain(t);
    expect(items[0].text).not.toContain(old);
    expect(items[0].text).not.toContain(late);
    digestId = items[0].id;
    // wuxiB subscribed to nothing: no digest.
    expect((await get('/api/v1/notification-digests', wuxiB)).json().items).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('after').where('entity_type', '=', 'notification_digest').where('entity_key', '=', `daily:${YESTERDAY}`).execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('a user sees only their own digests: another’s is 404 like a missing one', async () => {
    expect((await get(`/api/v1/notification-digests/${digestId}`, wuxiA)).json()).toMatchObject({ id: digestId, total: 3 });
    const other = await get(`/api/v1/notification-digests/${digestId}`, wuxiB);
    const missing = await get('/api/v1/notification-digests/999999999', wuxiB);
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.json().title).toBe(missing.json().title);
    expect((await get('/api/v1/notification-digests/abc', wuxiA)).statusCode).toBe(404);
    expect((await get('/api/v1/notification-digests?cursor=nonsense', wuxiA)).json().errors[0].path).toBe('cursor');
  });

  it('exports the caller’s digests as xlsx', async () => {
    const res = await get('/api/v1/notification-digests/export', wuxiA);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('消息摘要')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('每日');
    expect(String(sheet.getRow(2).getCell(5).value)).toMatch(/^每日消息摘要/);
  });

  it('while another node holds the lock, a run builds nothing', async () => {
    await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${DIGEST_LOCK_KEY}::bigint)`.execute(tx);
      expect(await buildDigests(db, 'weekly', TODAY)).toMatchObject({ isBuilder: false, written: 0 });
    });
  });

  it('refuses a future run date naming `on`', async () => {
    await expect(buildDigests(db, 'daily', inDays(2))).rejects.toMatchObject({ errors: [{ path: 'on' }] });
  });
});
