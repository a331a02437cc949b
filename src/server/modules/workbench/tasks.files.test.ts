import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let jiangsu: Headers; // 320000
let suzhou: Headers; // 320500
let wuxi: Headers; // 320200
let root: string;
let suzhouTask: string;
let wuxiTask: string;
let reportId: string;
let wuxiReportId: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });
const upload = (url: string, headers: Headers, bytes: Buffer, name: string) => {
  const body = multipartBody(bytes, name);
  return app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
};
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));
const MINUTES = Buffer.from('苏州市百场万企活动纪要：已举办 12 场，对接企业 340 家。\n', 'utf8');

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  const created = await post('/api/v1/tasks', jiangsu, { title: '组织百场万企对接活动', regionCode: '320000', dueOn: inDays(60), target: 100 });
  root = created.json().id;
  const d = await post(`/api/v1/tasks/${root}/dispatch`, jiangsu, { children: [{ regionCode: '320500', target: 60, dueOn: inDays(50) }, { regionCode: '320200', target: 40, dueOn: inDays(50) }] });
  const children = Object.fromEntries(d.json().children.map((c: { id: string; regionCode: string }) => [c.regionCode, c.id]));
  suzhouTask = children['320500'];
  wuxiTask = children['320200'];
  for (const [task, headers] of [[suzhouTask, suzhou], [wuxiTask, wuxi]] as const) {
    expect((await post(`/api/v1/tasks/${task}/accept`, headers)).statusCode).toBe(200);
    expect((await post(`/api/v1/tasks/${task}/report`, headers, { progress: 0.2, done: 12, note: '第一批活动' })).statusCode).toBe(200);
  }
  reportId = (await get(`/api/v1/tasks/${suzhouTask}`, suzhou)).json().reports[0].id;
  wuxiReportId = (await get(`/api/v1/tasks/${wuxiTask}`, wuxi)).json().reports[0].id;
});

describe('task-report attachments', () => {
  let fileId: string;

  it('the task’s own level attaches a file to its report, with an audit entry', async () => {
    const res = await upload(`/api/v1/tasks/${suzhouTask}/reports/${reportId}/files`, suzhou, MINUTES, '活动纪要.txt');
    expect(res.statusCode, res.body).toBe(201);
    fileId = res.json().id;
    expect(res.json()).toMatchObject({ name: '活动纪要.txt', sizeBytes: MINUTES.length });
    const audit = await db.selectFrom('audit_log').select(['action', 'entity_key']).where('action', '=', 'task.attach').execute();
    expect(audit).toEqual([{ action: 'task.attach', entity_key: suzhouTask }]);
  });

  it('the task detail lists the file under its report, for the task’s level and the parent', async () => {
    for (const headers of [suzhou, jiangsu]) {
      const detail = (await get(`/api/v1/tasks/${suzhouTask}`, headers)).json();
      expect(detail.reports[0].files.map((f: { id: string }) => f.id)).toEqual([fileId]);
    }
  });

  it('the parent sees the file in the roll-up, on the right child only', async () => {
    const rollup = (await get(`/api/v1/tasks/${root}/rollup`, jiangsu)).json();
    const byRegion = Object.fromEntries(rollup.children.map((c: { regionCode: string; files: { id: string; reportId: string }[] }) => [c.regionCode, c.files]));
    expect(byRegion['320500']).toEqual([expect.objectContaining({ id: fileId, reportId, name: '活动纪要.txt' })]);
    expect(byRegion['320200']).toEqual([]);
  });

  it('the task’s level and the parent download the bytes', async () => {
    for (const headers of [suzhou, jiangsu]) {
      const res = await get(`/api/v1/tasks/${suzhouTask}/reports/${reportId}/files/${fileId}`, headers);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(MINUTES)).toBe(true);
    }
  });

  it('out of scope looks like not found: a sibling city neither reads nor attaches', async () => {
    const read = await get(`/api/v1/tasks/${suzhouTask}/reports/${reportId}/files/${fileId}`, wuxi);
    expect(read.statusCode).toBe(404);
    const missing = await get(`/api/v1/tasks/${suzhouTask}/reports/${reportId}/files/999999`, suzhou);
    expect(read.json().title).toBe(missing.json().title);
    expect((await upload(`/api/v1/tasks/${suzhouTask}/reports/${reportId}/files`, wuxi, MINUTES, 'x.txt')).statusCode).toBe(404);
  });

  it('the parent cannot attach to a child’s report (someone else’s task: 404)', async () => {
    expect((await upload(`/api/v1/tasks/${suzhouTask}/reports/${reportId}/files`, jiangsu, MINUTES, 'x.txt')).statusCode).toBe(404);
  });

  it('another task’s report or file is 404, even within scope', async () => {
    expect((await upload(`/api/v1/tasks/${suzhouTask}/reports/${wuxiReportId}/files`, suzhou, MINUTES, 'x.txt')).statusCode).toBe(404);
    expect((await get(`/api/v1/tasks/${wuxiTask}/reports/${wuxiReportId}/files/${fileId}`, jiangsu)).statusCode).toBe(404);
    expect((await get(`/api/v1/tasks/${suzhouTask}/reports/abc/files/${fileId}`, jiangsu)).statusCode).toBe(404);
  });

  it('refuses a type outside the allow-list with 415 and writes nothing', async () => {
    const before = await db.selectFrom('files').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await upload(`/api/v1/tasks/${suzhouTask}/reports/${reportId}/files`, suzhou, Buffer.from('MZ\x90\x00'), 'tool.exe');
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const after = await db.selectFrom('files').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
