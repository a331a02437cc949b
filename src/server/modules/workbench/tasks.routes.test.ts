import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { rollUp } from './tasks.rollup.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let ministry: Headers;
let jiangsu: Headers; // 320000
let suzhou: Headers; // 320500
let wuxi: Headers; // 320200
let wuzhong: Headers; // 320506
let xiangcheng: Headers; // 320507
let member: Headers;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  ministry = (await loginAs(app, db, { role: 'gov', regionCode: '000000' })).headers;
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  wuzhong = (await loginAs(app, db, { role: 'gov', regionCode: '320506' })).headers;
  xiangcheng = (await loginAs(app, db, { role: 'gov', regionCode: '320507' })).headers;
  const firm = await makeEnterprise(db, { regionCode: '320506' });
  member = (await loginAs(app, db, { role: 'member', orgUscc: firm.uscc })).headers;
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));

async function created(headers: Headers, body: object): Promise<string> {
  const r = await post('/api/v1/tasks', headers, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function dispatched(id: string, headers: Headers, children: object[]): Promise<Record<string, string>> {
  const r = await post(`/api/v1/tasks/${id}/dispatch`, headers, { children });
  expect(r.statusCode, r.body).toBe(200);
  return Object.fromEntries(r.json().children.map((c: { id: string; regionCode: string }) => [c.regionCode, c.id]));
}

async function accepted(id: string, headers: Headers): Promise<void> {
  const r = await post(`/api/v1/tasks/${id}/accept`, headers);
  expect(r.statusCode, r.body).toBe(200);
}

/** 江苏 → 苏州 (→ 吴中, 相城) and 无锡: a three-level tree. */
async function threeLevelTree() {
  const root = await created(jiangsu, { title: '组织百场万企对接活动', regionCode: '320000', dueOn: inDays(60), target: 100 });
  const cities = await dispatched(root, jiangsu, [{ regionCode: '320500', target: 60, dueOn: inDays(50) }, { regionCode: '320200', target: 40, dueOn: inDays(50) }]);
  await accepted(cities['320500'], suzhou);
  await accepted(cities['320200'], wuxi);
  const counties = await dispatched(cities['320500'], suzhou, [{ regionCode: '320506', target: 30, dueOn: inDays(40) }, { regionCode: '320507', target: 30, dueOn: inDays(40) }]);
  await accepted(counties['320506'], wuzhong);
  await accepted(counties['320507'], xiangcheng);
  return { root, suzhouTask: cities['320500'], wuxiTask: cities['320200'], wuzhongTask: counties['320506'], xiangchengTask: counties['320507'] };
}

describe('GET /api/v1/tasks/{id}/rollup', () => {
  it('adds up children’s done over three levels and weights progress by target', async () => {
    const tree = await threeLevelTree();
    expect((await post(`/api/v1/tasks/${tree.wuzhongTask}/report`, wuzhong, { progress: 0.4, done: 12, note: '已举办12场' })).statusCode).toBe(200);
    expect((await post(`/api/v1/tasks/${tree.xiangchengTask}/report`, xiangcheng, { progress: 0.6, done: 18 })).statusCode).toBe(200);
    expect((await post(`/api/v1/tasks/${tree.wuxiTask}/report`, wuxi, { progress: 0.25, done: 10 })).statusCode).toBe(200);

    const city = (await get(`/api/v1/tasks/${tree.suzhouTask}/rollup`, suzhou)).json();
    expect(city).toMatchObject({ target: 60, done: 30, progress: 0.5 });
    expect(city.children.map((c: { regionCode: string; done: number; progress: number }) => [c.regionCode, c.done, c.progress])).toEqual([['320506', 12, 0.4], ['320507', 18, 0.6]]);

    const r = await get(`/api/v1/tasks/${tree.root}/rollup`, jiangsu);
    expect(r.statusCode).toBe(200);
    const province = r.json();
    expect(province.target).toBe(100);
    expect(province.done).toBe(40);
    // (0.5 × 60 + 0.25 × 40) / 100
    expect(province.progress).toBeCloseTo(0.4, 10);
    expect(province.children).toEqual([
      expect.objectContaining({ regionCode: '320500', regionName: '苏州市', target: 60, done: 30, progress: 0.5, childCount: 2, status: 'accepted' }),
      expect.objectContaining({ regionCode: '320200', regionName: '无锡市', target: 40, done: 10, progress: 0.25, childCount: 0 }),
    ]);
  });

  it('refuses a typed done on a decomposed task, and a report with progress 1 completes a leaf', async () => {
    const tree = await threeLevelTree();
    const typed = await post(`/api/v1/tasks/${tree.suzhouTask}/report`, suzhou, { progress: 0.5, done: 99 });
    expect(typed.statusCode).toBe(422);
    expect(typed.json().errors).toEqual([{ path: 'done', message: expect.any(String) }]);
    const done = await post(`/api/v1/tasks/${tree.wuzhongTask}/report`, wuzhong, { progress: 1, done: 30 });
    expect(done.json()).toMatchObject({ status: 'completed', done: 30 });
    expect((await post(`/api/v1/tasks/${tree.wuzhongTask}/report`, wuzhong, { progress: 1 })).statusCode).toBe(409);
    const row = await db.selectFrom('tasks').select(['status', 'reported_done']).where('id', '=', tree.wuzhongTask).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'completed', reported_done: 30 });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'task').where('entity_key', '=', tree.wuzhongTask).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['task.create', 'task.accept', 'task.report']);
  });

  it('counts done from platform data for a metric task, and refuses a typed figure', async () => {
    const root = await created(suzhou, { title: '新增入库企业', regionCode: '320500', dueOn: inDays(30), target: 10, metric: 'enterprises_registered' });
    const kids = await dispatched(root, suzhou, [{ regionCode: '320506', target: 5, dueOn: inDays(30) }]);
    await accepted(kids['320506'], wuzhong);
    const before = (await get(`/api/v1/tasks/${kids['320506']}/rollup`, wuzhong)).json().done;
    await makeEnterprise(db, { regionCode: '320506' });
    await makeEnterprise(db, { regionCode: '320506' });
    await makeEnterprise(db, { regionCode: '320507' });
    const after = (await get(`/api/v1/tasks/${kids['320506']}/rollup`, wuzhong)).json();
    expect(after).toMatchObject({ done: before + 2, isDoneCounted: true });
    const { n } = await db.selectFrom('enterprises').select((eb) => eb.fn.countAll<string>().as('n')).where('region_code', 'like', '320506%').executeTakeFirstOrThrow();
    // Every 320506 enterprise in this database was registered today, so the count is the table's.
    expect(after.done).toBe(Number(n));
    expect((await get(`/api/v1/tasks/${root}/rollup`, suzhou)).json().done).toBe(after.done);
    const typed = await post(`/api/v1/tasks/${kids['320506']}/report`, wuzhong, { progress: 0.5, done: 3 });
    expect(typed.statusCode).toBe(422);
    expect(typed.json().errors[0].path).toBe('done');
    const report = await post(`/api/v1/tasks/${kids['320506']}/report`, wuzhong, { progress: 0.5 });
    expect(report.json()).toMatchObject({ done: after.done });
  });

  it('lists overdue tasks of the subtree', async () => {
    const root = await created(jiangsu, { title: '梳理重点企业名单', regionCode: '320000', dueOn: inDays(10), target: 2 });
    const kids = await dispatched(root, jiangsu, [{ regionCode: '320500', target: 1, dueOn: inDays(5) }]);
    await db.updateTable('tasks').set({ due_on: inDays(-2), starts_on: inDays(-20) }).where('id', '=', kids['320500']).execute();
    const rollup = (await get(`/api/v1/tasks/${root}/rollup`, jiangsu)).json();
    expect(rollup.overdue).toEqual([expect.objectContaining({ id: kids['320500'], regionCode: '320500' })]);
    expect(rollup.children[0]).toMatchObject({ isOverdue: true, overdueCount: 1 });
    const list = (await get('/api/v1/tasks?overdue=true&mine=true', suzhou)).json();
    expect(list.items.map((t: { id: string }) => t.id)).toContain(kids['320500']);
    const remind = await post(`/api/v1/tasks/${kids['320500']}/remind`, jiangsu, {});
    expect(remind.statusCode).toBe(201);
    const detail = (await get(`/api/v1/tasks/${kids['320500']}`, suzhou)).json();
    expect(detail).toMatchObject({ isOverdue: true, reminderCount: 1, status: 'dispatched' });
    expect(detail.reminders[0].message).toContain('梳理重点企业名单');
    expect((await post(`/api/v1/tasks/${kids['320500']}/remind`, suzhou, {})).statusCode).toBe(409);
  });
});

describe('scope', () => {
  it('a county never sees a sibling county’s tasks', async () => {
    const tree = await threeLevelTree();
    expect((await get(`/api/v1/tasks/${tree.xiangchengTask}`, wuzhong)).statusCode).toBe(404);
    expect((await get(`/api/v1/tasks/${tree.xiangchengTask}/rollup`, wuzhong)).statusCode).toBe(404);
    expect((await get(`/api/v1/tasks/${tree.suzhouTask}`, wuzhong)).statusCode).toBe(404);
    const list = (await get('/api/v1/tasks?limit=500', wuzhong)).json();
    expect(list.items.every((t: { regionCode: string }) => t.regionCode === '320506')).toBe(true);
    expect(list.items.map((t: { id: string }) => t.id)).toContain(tree.wuzhongTask);
    const own = (await get(`/api/v1/tasks/${tree.wuzhongTask}`, wuzhong)).json();
    expect(own).toMatchObject({ isOwn: true, parentId: null, parentTitle: null });
    // 苏州 sees its counties and its own parent only as far as its scope reaches.
    expect((await get(`/api/v1/tasks/${tree.xiangchengTask}`, suzhou)).json()).toMatchObject({ isOwn: false, parentId: tree.suzhouTask });
    expect((await get(`/api/v1/tasks/${tree.root}`, suzhou)).statusCode).toBe(404);
    expect((await get(`/api/v1/tasks/${tree.suzhouTask}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/tasks/${tree.root}`, ministry)).statusCode).toBe(200);
  });

  it('dispatch outside the subtree is 404, a child due after its parent 422', async () => {
    const tree = await threeLevelTree();
    const outside = await post(`/api/v1/tasks/${tree.suzhouTask}/dispatch`, suzhou, { children: [{ regionCode: '320214', target: 1, dueOn: inDays(10) }] });
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect((await post(`/api/v1/tasks/${tree.root}/dispatch`, jiangsu, { children: [{ regionCode: '330100', target: 1, dueOn: inDays(10) }] })).statusCode).toBe(404);
    // Its own region is not below itself.
    expect((await post(`/api/v1/tasks/${tree.suzhouTask}/dispatch`, suzhou, { children: [{ regionCode: '320500', target: 1, dueOn: inDays(10) }] })).statusCode).toBe(404);
    const late = await post(`/api/v1/tasks/${tree.suzhouTask}/dispatch`, suzhou, { children: [{ regionCode: '320505', target: 1, dueOn: inDays(10) }, { regionCode: '320508', target: 1, dueOn: inDays(51) }] });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors).toEqual([{ path: 'children.1.dueOn', message: expect.stringContaining('不能晚于上级任务') }]);
    const again = await post(`/api/v1/tasks/${tree.suzhouTask}/dispatch`, suzhou, { children: [{ regionCode: '320506', target: 1, dueOn: inDays(10) }] });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].path).toBe('children.0.regionCode');
    // Nothing half-written.
    const kids = await db.selectFrom('tasks').select('region_code').where('parent_id', '=', tree.suzhouTask).orderBy('region_code').execute();
    expect(kids.map((k) => k.region_code)).toEqual(['320506', '320507']);
    // The province cannot decompose 苏州's task for it.
    expect((await post(`/api/v1/tasks/${tree.suzhouTask}/dispatch`, jiangsu, { children: [{ regionCode: '320505', target: 1, dueOn: inDays(10) }] })).statusCode).toBe(404);
  });

  it('reports on someone else’s task are 404', async () => {
    const tree = await threeLevelTree();
    expect((await post(`/api/v1/tasks/${tree.suzhouTask}/report`, wuxi, { progress: 0.5 })).statusCode).toBe(404);
    expect((await post(`/api/v1/tasks/${tree.suzhouTask}/report`, jiangsu, { progress: 0.5 })).statusCode).toBe(404);
    expect((await post(`/api/v1/tasks/${tree.xiangchengTask}/report`, wuzhong, { progress: 0.5, done: 1 })).statusCode).toBe(404);
    expect((await post(`/api/v1/tasks/${tree.xiangchengTask}/accept`, wuzhong)).statusCode).toBe(404);
    const reports = await db.selectFrom('task_reports').select('id').where('task_id', 'in', [tree.suzhouTask, tree.xiangchengTask]).execute();
    expect(reports).toEqual([]);
  });

  it('creating for a region outside the scope is 404; members may not create and see no tasks', async () => {
    expect((await post('/api/v1/tasks', suzhou, { title: '无锡的任务', regionCode: '320200', dueOn: inDays(5) })).statusCode).toBe(404);
    expect((await post('/api/v1/tasks', member, { title: '企业任务', regionCode: '320506', dueOn: inDays(5) })).statusCode).toBe(403);
    expect((await get('/api/v1/tasks', member)).json().items).toEqual([]);
    const past = await post('/api/v1/tasks', suzhou, { title: '过期任务', regionCode: '320500', dueOn: '2020-01-01', metric: 'nope' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['dueOn', 'metric']);
  });

  it('a dispatched task must be accepted before it is reported or decomposed', async () => {
    const root = await created(jiangsu, { title: '小巨人培育摸底', regionCode: '320000', dueOn: inDays(30), target: 5 });
    const kids = await dispatched(root, jiangsu, [{ regionCode: '320500', target: 5, dueOn: inDays(30) }]);
    expect((await post(`/api/v1/tasks/${kids['320500']}/report`, suzhou, { progress: 0.1 })).statusCode).toBe(409);
    expect((await post(`/api/v1/tasks/${kids['320500']}/dispatch`, suzhou, { children: [{ regionCode: '320506', target: 1, dueOn: inDays(5) }] })).statusCode).toBe(409);
    await accepted(kids['320500'], suzhou);
    expect((await post(`/api/v1/tasks/${kids['320500']}/accept`, suzhou)).statusCode).toBe(409);
  });
});

describe('exports', () => {
  it('exports the task list and a roll-up as xlsx', async () => {
    const tree = await threeLevelTree();
    const list = await get('/api/v1/tasks/export?mine=true', suzhou);
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('spreadsheetml');
    const rollup = await get(`/api/v1/tasks/${tree.root}/rollup/export`, jiangsu);
    expect(rollup.statusCode).toBe(200);
    expect(rollup.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await get(`/api/v1/tasks/${tree.root}/rollup/export`, suzhou)).statusCode).toBe(404);
  });
});

describe(rollUp.name, () => {
  it('uses a plain mean when no child has a target and counts nested overdue tasks', () => {
    const figures = rollUp([
      { id: '1', parentId: null, target: 0, status: 'accepted', dueOn: '2030-01-01', reportedProgress: null, reportedDone: null },
      { id: '2', parentId: '1', target: 0, status: 'accepted', dueOn: '2020-01-01', reportedProgress: 0.2, reportedDone: 3 },
      { id: '3', parentId: '1', target: 0, status: 'completed', dueOn: '2020-01-01', reportedProgress: 0.5, reportedDone: 4, countedDone: 7 },
    ], '2026-01-01');
    expect(figures.get('1')).toEqual({ done: 10, progress: 0.6, childCount: 2, isOverdue: false, overdueCount: 1 });
    expect(figures.get('3')).toMatchObject({ done: 7, progress: 1, isOverdue: false });
  });
});
