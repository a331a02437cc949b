import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = { authorization: string };
type Item = { id: string; kind: string; params: Record<string, unknown>; link: string; entityKey: string; isRead: boolean; readAt: string | null };
let app: App;
let db: Db;
let jiangsu: Headers; // gov 320000
let suzhou: Headers; // gov 320500
let suzhou2: Headers; // a second gov user of 320500
let wuxi: Headers; // gov 320200
let firmUser: Headers; // member of an enterprise in 320506
let otherFirmUser: Headers; // member of another enterprise

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));
const inbox = async (headers: Headers, query = ''): Promise<{ items: Item[]; nextCursor: string | null; unreadCount: number }> => {
  const res = await get(`/api/v1/notifications${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  suzhou2 = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  const firm = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('吴中精密'), tags: ['specialized'] });
  const other = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('吴中其他') });
  firmUser = (await loginAs(app, db, { role: 'member', orgUscc: firm.uscc })).headers;
  otherFirmUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
});

/** A province task dispatched to 苏州 and 无锡; the children's ids by region. */
async function dispatchedTask(title: string): Promise<{ root: string; suzhouTask: string; wuxiTask: string }> {
  const root = (await post('/api/v1/tasks', jiangsu, { title, regionCode: '320000', dueOn: inDays(60), target: 100 })).json().id;
  const d = await post(`/api/v1/tasks/${root}/dispatch`, jiangsu, { children: [{ regionCode: '320500', target: 60, dueOn: inDays(50) }, { regionCode: '320200', target: 40, dueOn: inDays(40) }] });
  expect(d.statusCode, d.body).toBe(200);
  const byRegion = Object.fromEntries(d.json().children.map((c: { id: string; regionCode: string }) => [c.regionCode, c.id]));
  return { root, suzhouTask: byRegion['320500'], wuxiTask: byRegion['320200'] };
}

describe('notifications written with task events', () => {
  it('a dispatch tells every gov user of each child region, linking its own sub-task; not the dispatcher', async () => {
    const title = uniqueName('梳理小巨人后备企业');
    const { suzhouTask, wuxiTask } = await dispatchedTask(title);
    for (const headers of [suzhou, suzhou2]) {
      const mine = (await inbox(headers)).items.filter((n) => n.params.title === title);
      expect(mine).toEqual([expect.objectContaining({ kind: 'task.dispatched', link: `/dispatch/tasks/${suzhouTask}`, entityKey: suzhouTask, isRead: false, params: { title, from: '江苏省', dueOn: inDays(50), target: 60 } })]);
    }
    const wx = (await inbox(wuxi)).items.filter((n) => n.params.title === title);
    expect(wx.map((n) => [n.kind, n.entityKey])).toEqual([['task.dispatched', wuxiTask]]);
    expect((await inbox(jiangsu)).items.filter((n) => n.params.title === title)).toEqual([]);
  });

  it('a report tells the level above; a reminder tells the task’s level', async () => {
    const title = uniqueName('百场万企对接');
    const { suzhouTask, wuxiTask } = await dispatchedTask(title);
    expect((await post(`/api/v1/tasks/${suzhouTask}/accept`, suzhou)).statusCode).toBe(200);
    expect((await post(`/api/v1/tasks/${suzhouTask}/report`, suzhou, { progress: 0.4, done: 24 })).statusCode).toBe(200);
    const js = (await inbox(jiangsu)).items.filter((n) => n.params.title === title);
    expect(js).toEqual([expect.objectContaining({ kind: 'task.reported', link: `/dispatch/tasks/${suzhouTask}`, params: { title, region: '苏州市', progress: 0.4, done: 24 } })]);
    // The reporting level's other user is not told of its own level's report.
    expect((await inbox(suzhou2)).items.filter((n) => n.params.title === title).map((n) => n.kind)).toEqual(['task.dispatched']);

    expect((await post(`/api/v1/tasks/${wuxiTask}/remind`, jiangsu, { message: '请尽快接收' })).statusCode).toBe(201);
    const wx = (await inbox(wuxi)).items.filter((n) => n.params.title === title);
    expect(wx.map((n) => [n.kind, n.params.message])).toEqual([['task.reminded', '请尽快接收'], ['task.dispatched', undefined]]);
  });

  it('a refused dispatch writes no notification (same transaction)', async () => {
    const title = uniqueName('不应通知');
    const root = (await post('/api/v1/tasks', jiangsu, { title, regionCode: '320000', dueOn: inDays(30), target: 10 })).json().id;
    const bad = await post(`/api/v1/tasks/${root}/dispatch`, jiangsu, { children: [{ regionCode: '320500', target: 5, dueOn: inDays(20) }, { regionCode: '320200', target: 5, dueOn: inDays(40) }] });
    expect(bad.statusCode).toBe(422);
    const rows = await db.selectFrom('notifications').select('id').where(sql`params->>'title'`, '=', title).execute();
    expect(rows).toEqual([]);
  });
});

describe('notifications written with need and programme decisions', () => {
  it('the enterprise’s members hear that a need was returned, then published', async () => {
    const title = uniqueName('精密轴承采购');
    const id = (await post('/api/v1/needs', firmUser, { title, description: '年采购P4级精密角接触球轴承2万套', kind: 'procurement', products: ['精密轴承'] })).json().id;
    expect((await post(`/api/v1/needs/${id}/submit`, firmUser)).statusCode).toBe(200);
    expect((await post(`/api/v1/needs/${id}/return`, suzhou, { comment: '请补充规格' })).statusCode).toBe(200);
    expect((await post(`/api/v1/needs/${id}/submit`, firmUser)).statusCode).toBe(200);
    expect((await post(`/api/v1/needs/${id}/publish`, suzhou)).statusCode).toBe(200);
    const mine = (await inbox(firmUser)).items.filter((n) => n.params.title === title);
    expect(mine.map((n) => [n.kind, n.params.comment, n.link])).toEqual([
      ['need.published', null, `/matching/needs/${id}`],
      ['need.returned', '请补充规格', `/matching/needs/${id}`],
    ]);
    expect((await inbox(otherFirmUser)).items).toEqual([]);
  });

  it('the applicant’s members hear the programme decision with the amount', async () => {
    const programme = (await post('/api/v1/programmes', suzhou, { title: uniqueName('技术改造补助'), rules: { isSmeRequired: true, tagsAny: ['specialized'] }, maxAmountYuan: 500000, deadline: inDays(30) })).json().id;
    const application = (await post(`/api/v1/programmes/${programme}/applications`, firmUser, { requestedYuan: 300000 })).json().id;
    expect((await post(`/api/v1/programme-applications/${application}/decide`, suzhou, { decision: 'approve', approvedYuan: 250000.5 })).statusCode).toBe(200);
    const [latest] = (await inbox(firmUser)).items;
    expect(latest).toMatchObject({ kind: 'programme.approved', entityKey: application, link: `/programmes/${programme}`, params: { amountYuan: 250000.5 } });
  });
});

describe('GET/POST /api/v1/notifications', () => {
  let ids: string[];
  let fresh: Headers; // a 无锡 gov user created here: exactly the notifications of five dispatches

  beforeAll(async () => {
    fresh = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
    for (let i = 0; i < 5; i++) await dispatchedTask(uniqueName(`分页任务${i}`));
    ids = (await inbox(fresh)).items.map((n) => n.id);
    expect(ids).toHaveLength(5);
  });

  it('pages newest first by cursor, and filters unread', async () => {
    const first = await inbox(fresh, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual(ids.slice(0, 2));
    expect(first.unreadCount).toBe(5);
    const second = await inbox(fresh, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.id)).toEqual(ids.slice(2, 4));
    const third = await inbox(fresh, `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((n) => n.id)).toEqual(ids.slice(4));
    expect(third.nextCursor).toBeNull();
    expect((await get('/api/v1/notifications?cursor=nonsense', fresh)).json().errors[0].path).toBe('cursor');
    expect((await get('/api/v1/notifications?unread=maybe', fresh)).statusCode).toBe(422);
  });

  it('marks one read once, with an audit entry; the unread filter and count follow', async () => {
    const res = await post(`/api/v1/notifications/${ids[1]}/read`, fresh);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: ids[1], isRead: true });
    const again = await post(`/api/v1/notifications/${ids[1]}/read`, fresh);
    expect(again.json().readAt).toBe(res.json().readAt);
    const unread = await inbox(fresh, '?unread=true');
    expect(unread.items.map((n) => n.id)).toEqual([ids[0], ...ids.slice(2)]);
    expect(unread.unreadCount).toBe(4);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'notification').where('entity_key', '=', ids[1]).execute();
    expect(audit).toEqual([{ action: 'notification.read' }]);
  });

  it('another user’s notification looks exactly like a missing one (404), and stays unread', async () => {
    const other = await post(`/api/v1/notifications/${ids[0]}/read`, suzhou);
    const missing = await post('/api/v1/notifications/999999999/read', suzhou);
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(other.json().title).toBe(missing.json().title);
    expect((await post('/api/v1/notifications/abc/read', suzhou)).statusCode).toBe(404);
    expect((await inbox(fresh, '?unread=true')).items.map((n) => n.id)).toContain(ids[0]);
  });

  it('exports the inbox as xlsx with the Chinese text', async () => {
    const res = await get('/api/v1/notifications/export', fresh);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('站内消息')!;
    expect(sheet.rowCount).toBe(6);
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^江苏省下发任务“分页任务4.*”，截止.*，请接收$/);
    expect(sheet.getRow(2).getCell(3).value).toBe('未读');
    // Workbooks have no time zones: the time is written as Beijing time and the header says so.
    expect(sheet.getRow(1).getCell(1).value).toBe('时间（北京时间）');
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('marks all read for the caller only, once', async () => {
    const before = (await inbox(suzhou)).unreadCount;
    const res = await post('/api/v1/notifications/read-all', fresh);
    expect(res.json()).toEqual({ updated: 4 });
    expect((await inbox(fresh)).unreadCount).toBe(0);
    expect((await inbox(fresh, '?unread=true')).items).toEqual([]);
    expect((await post('/api/v1/notifications/read-all', fresh)).json()).toEqual({ updated: 0 });
    expect((await inbox(suzhou)).unreadCount).toBe(before);
  });

  it('needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});
