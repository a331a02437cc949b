import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let leader: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let other: Awaited<ReturnType<typeof makeEnterprise>>;
let leaderUser: Headers;
let smeUser: Headers;
let otherUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let engineer: Headers;
let stranger: Headers;
let engineerId: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主电池'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州小微') });
  other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡小微') });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  engineer = (await loginAs(app, db, { role: 'expert' })).headers;
  stranger = (await loginAs(app, db, { role: 'expert' })).headers;
  const profile = await app.inject({ method: 'PUT', url: '/api/v1/experts/me', headers: engineer, payload: { name: '周工', fields: ['激光焊接'], regionCode: '320500', maxLoad: 5 } });
  expect(profile.statusCode, profile.body).toBe(200);
  engineerId = profile.json().id;
});

const PLAN = {
  kind: 'part_time_guidance', field: '激光焊接', goals: ['焊缝一次合格率提升到98%', '建立焊接工艺窗口文件'],
};

async function propose(extra: object = {}) {
  const r = await post('/api/v1/secondments', leaderUser, {
    ...PLAN, hostUscc: sme.uscc, expertId: engineerId, periods: [{ startsOn: inDays(-20), endsOn: inDays(-11), plannedHours: 16 }, { startsOn: inDays(-10), endsOn: inDays(20), plannedHours: 24 }], ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('POST /api/v1/secondments', () => {
  it('proposes a plan for the sender; refuses bad input naming the field; experts 403', async () => {
    const s = await propose();
    expect(s).toMatchObject({ status: 'proposed', senderUscc: leader.uscc, hostUscc: sme.uscc, engineerName: '周工', regionCode: '320506', startsOn: inDays(-20), endsOn: inDays(20), canConfirm: false, canCancel: true });
    expect(s.periods.map((p: { seq: number }) => p.seq)).toEqual([1, 2]);
    const bad = (body: object) => post('/api/v1/secondments', leaderUser, { ...PLAN, hostUscc: sme.uscc, engineerName: '李工', periods: [{ startsOn: inDays(1), endsOn: inDays(5) }], ...body });
    expect((await bad({ hostUscc: leader.uscc })).json().errors[0].path).toBe('hostUscc');
    expect((await bad({ engineerName: undefined })).json().errors[0].path).toBe('engineerName');
    expect((await bad({ expertId: '999999999' })).json().errors[0].path).toBe('expertId');
    expect((await bad({ periods: [{ startsOn: inDays(1), endsOn: inDays(5) }, { startsOn: inDays(4), endsOn: inDays(8) }] })).json().errors[0].path).toBe('periods.1.startsOn');
    expect((await bad({ periods: [{ startsOn: inDays(5), endsOn: inDays(1) }] })).json().errors[0].path).toBe('periods.0.endsOn');
    expect((await bad({ kind: 'forever' })).statusCode).toBe(422);
    expect((await bad({ senderUscc: other.uscc })).json().errors[0].path).toBe('senderUscc');
    expect((await post('/api/v1/secondments', engineer, { ...PLAN, hostUscc: sme.uscc, engineerName: '李工', periods: [{ startsOn: inDays(1), endsOn: inDays(5) }] })).statusCode).toBe(403);
  });
});

describe('secondment flow', () => {
  it('host confirms; the engineer reports; the host confirms or returns reports; rating waits for the end; scope 404s; figures count confirmed time', async () => {
    const s = await propose();
    // Scope: the parties, the engineer and Suzhou's gov see it; another SME, another expert and Wuxi's gov get 404.
    for (const outsider of [otherUser, wuxi, stranger]) expect((await get(`/api/v1/secondments/${s.id}`, outsider)).statusCode).toBe(404);
    expect((await post(`/api/v1/secondments/${s.id}/confirm`, otherUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/secondments/${s.id}`, suzhou)).statusCode).toBe(200);
    expect((await get('/api/v1/secondments', otherUser)).json().items.map((i: { id: string }) => i.id)).not.toContain(s.id);
    expect((await get('/api/v1/secondments', engineer)).json().items.map((i: { id: string }) => i.id)).toContain(s.id);

    const early = await post(`/api/v1/secondments/${s.id}/reports`, engineer, { periodId: s.periods[0].id, hours: 8, summary: '现场调研焊接工位，梳理参数' });
    expect(early.statusCode).toBe(409);
    expect((await post(`/api/v1/secondments/${s.id}/confirm`, leaderUser)).statusCode).toBe(403);
    const confirmed = await post(`/api/v1/secondments/${s.id}/confirm`, smeUser);
    expect(confirmed.json()).toMatchObject({ status: 'active', canDecideReports: true, canRate: false });
    expect((await post(`/api/v1/secondments/${s.id}/confirm`, smeUser)).statusCode).toBe(409);

    expect((await post(`/api/v1/secondments/${s.id}/reports`, smeUser, { periodId: s.periods[0].id, hours: 8, summary: '主机企业不能代写' })).statusCode).toBe(403);
    expect((await post(`/api/v1/secondments/${s.id}/reports`, engineer, { periodId: '999999999', hours: 8, summary: '错误周期' })).json().errors[0].path).toBe('periodId');
    expect((await post(`/api/v1/secondments/${s.id}/reports`, engineer, { periodId: s.periods[0].id, summary: '没有时间' })).json().errors[0].path).toBe('hours');
    const first = await post(`/api/v1/secondments/${s.id}/reports`, engineer, { periodId: s.periods[0].id, hours: 12, summary: '现场调研焊接工位，梳理参数窗口' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await post(`/api/v1/secondments/${s.id}/reports`, leaderUser, { periodId: s.periods[1].id, hours: 6, days: 1, summary: '培训焊工两班次' });
    const [r1, r2] = second.json().reports;
    expect((await post(`/api/v1/secondment-reports/${r1.id}/decide`, engineer, { decision: 'confirm' })).statusCode).toBe(403);
    expect((await post(`/api/v1/secondment-reports/${r1.id}/decide`, otherUser, { decision: 'confirm' })).statusCode).toBe(404);
    expect((await post(`/api/v1/secondment-reports/${r1.id}/decide`, smeUser, { decision: 'confirm' })).json()).toMatchObject({ confirmedHours: 12, confirmedDays: 0 });
    expect((await post(`/api/v1/secondment-reports/${r1.id}/decide`, smeUser, { decision: 'return' })).statusCode).toBe(409);
    const returned = await post(`/api/v1/secondment-reports/${r2.id}/decide`, smeUser, { decision: 'return', comment: '请补充培训签到表' });
    expect(returned.json().reports[1]).toMatchObject({ status: 'returned', hostComment: '请补充培训签到表' });
    expect(returned.json().confirmedHours).toBe(12);

    const notYet = await post(`/api/v1/secondments/${s.id}/rate`, smeUser, { rating: 5 });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().detail).toContain(inDays(20));

    const figures = (await get('/api/v1/secondments/statistics', suzhou)).json();
    const district = figures.byRegion.find((r: { regionCode: string }) => r.regionCode === '320506');
    expect(district).toMatchObject({ regionName: '吴中区' });
    expect(district.confirmedHours).toBeGreaterThanOrEqual(12);
    expect((await get('/api/v1/secondments/statistics', wuxi)).json().byRegion.map((r: { regionCode: string }) => r.regionCode)).not.toContain('320506');
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'secondment').where('entity_key', '=', s.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['secondment.create', 'secondment.confirm']);
  });

  it('after the last period the host rates it and it completes; cancelled ones cannot be rated; exports to Excel', async () => {
    const s = await propose({ kind: 'resident', engineerName: '钱高工', expertId: undefined, periods: [{ startsOn: inDays(-40), endsOn: inDays(-2), plannedDays: 20 }] });
    await post(`/api/v1/secondments/${s.id}/confirm`, smeUser);
    const report = await post(`/api/v1/secondments/${s.id}/reports`, leaderUser, { periodId: s.periods[0].id, days: 18, summary: '驻厂18天，完成产线节拍优化' });
    await post(`/api/v1/secondment-reports/${report.json().reports[0].id}/decide`, smeUser, { decision: 'confirm' });
    expect((await get(`/api/v1/secondments/${s.id}`, smeUser)).json().canRate).toBe(true);
    expect((await post(`/api/v1/secondments/${s.id}/rate`, leaderUser, { rating: 5 })).statusCode).toBe(403);
    expect((await post(`/api/v1/secondments/${s.id}/rate`, smeUser, { rating: 6 })).statusCode).toBe(422);
    const rated = await post(`/api/v1/secondments/${s.id}/rate`, smeUser, { rating: 4, comment: '节拍提升明显' });
    expect(rated.json()).toMatchObject({ status: 'completed', rating: 4, confirmedDays: 18, canCancel: false });
    expect((await post(`/api/v1/secondments/${s.id}/cancel`, leaderUser)).statusCode).toBe(409);

    const cancelled = await propose();
    expect((await post(`/api/v1/secondments/${cancelled.id}/cancel`, otherUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/secondments/${cancelled.id}/cancel`, leaderUser)).json().status).toBe('cancelled');
    expect((await post(`/api/v1/secondments/${cancelled.id}/rate`, smeUser, { rating: 3 })).statusCode).toBe(409);

    const figures = (await get('/api/v1/secondments/statistics', smeUser)).json();
    expect(figures.byStatus.completed).toBeGreaterThanOrEqual(1);
    expect(figures.byKind.resident).toBeGreaterThanOrEqual(1);
    expect(figures.meanRating).toBe(4);
    const xlsx = await get('/api/v1/secondments/export?status=completed', suzhou);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await get('/api/v1/secondments?status=completed', leaderUser)).json().items.map((i: { id: string }) => i.id)).toEqual([s.id]);
  });
});
