import ExcelJS from 'exceljs';
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
let leaderUser: Headers;
let smeUser: Headers;
let otherUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let expert: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主电池'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州小微') });
  const other = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡小微') });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
  expect((await app.inject({ method: 'PUT', url: '/api/v1/experts/me', headers: expert, payload: { name: '吴教授', fields: ['储能'], regionCode: '320500', maxLoad: 5 } })).statusCode).toBe(200);
});

async function makeEvent(headers: Headers, body: object = {}) {
  const r = await post('/api/v1/talent-events', headers, { kind: 'exchange_meeting', title: '动力电池产业链工程师交流会', startsOn: inDays(7), endsOn: inDays(7), capacity: 3, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('talent events', () => {
  it('a firm or a gov body lists events; bad dates name the field; experts 403', async () => {
    const e = await makeEvent(leaderUser);
    expect(e).toMatchObject({ organiserName: leader.name, regionCode: '320571', canManage: true, isOpen: true, seatsLeft: 3 });
    const programme = await makeEvent(suzhou, { kind: 'programme', title: '卓越工程师培养计划（苏州）', organiserName: '苏州市工业和信息化局', capacity: 50, endsOn: inDays(200) });
    expect(programme).toMatchObject({ organiserName: '苏州市工业和信息化局', regionCode: '320500', canManage: true });
    expect((await get(`/api/v1/talent-events/${programme.id}`, wuxi)).json().canManage).toBe(false);
    expect((await post('/api/v1/talent-events', leaderUser, { kind: 'site_visit', title: '观摩', startsOn: inDays(0), endsOn: inDays(1), capacity: 5 })).json().errors[0].path).toBe('startsOn');
    expect((await post('/api/v1/talent-events', leaderUser, { kind: 'site_visit', title: '观摩', startsOn: inDays(5), endsOn: inDays(4), capacity: 5 })).json().errors[0].path).toBe('endsOn');
    expect((await post('/api/v1/talent-events', expert, { kind: 'site_visit', title: '观摩', startsOn: inDays(5), endsOn: inDays(6), capacity: 5 })).statusCode).toBe(403);
    expect((await get('/api/v1/talent-events?mine=true', suzhou)).json().items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([e.id, programme.id]));
    expect((await get('/api/v1/talent-events?mine=true', wuxi)).json().items.map((i: { id: string }) => i.id)).not.toContain(e.id);

    // The list exports to Excel with the same filters.
    const exported = async (url: string, headers: Headers) => {
      const r = await get(url, headers);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const ids: number[] = [];
      workbook.worksheets[0].eachRow((row, n) => n > 1 && ids.push(Number(row.getCell(1).value)));
      return ids;
    };
    expect(await exported('/api/v1/talent-events/export?mine=true', suzhou)).toEqual(expect.arrayContaining([Number(e.id), Number(programme.id)]));
    const programmes = await exported('/api/v1/talent-events/export?mine=true&kind=programme', suzhou);
    expect(programmes).toContain(Number(programme.id));
    expect(programmes).not.toContain(Number(e.id));
    expect(await exported('/api/v1/talent-events/export?mine=true', wuxi)).not.toContain(Number(e.id));
    expect((await get('/api/v1/talent-events/export?kind=party', suzhou)).json().errors[0].path).toBe('querystring.kind');
  });

  it('registers persons and experts up to the capacity, refuses duplicates, scopes registrations, records attendance after the start, exports', async () => {
    const e = await makeEvent(leaderUser, { capacity: 3 });
    const first = await post(`/api/v1/talent-events/${e.id}/registrations`, smeUser, { personName: '张工', personTitle: '工艺主管' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'registered', enterpriseUscc: sme.uscc, personName: '张工' });
    expect((await post(`/api/v1/talent-events/${e.id}/registrations`, smeUser, { personName: '张工' })).statusCode).toBe(409);
    expect((await post(`/api/v1/talent-events/${e.id}/registrations`, smeUser, {})).json().errors[0].path).toBe('personName');
    const byExpert = await post(`/api/v1/talent-events/${e.id}/registrations`, expert, {});
    expect(byExpert.json()).toMatchObject({ personName: '吴教授', enterpriseUscc: null });
    expect((await post(`/api/v1/talent-events/${e.id}/registrations`, otherUser, { personName: '李工' })).statusCode).toBe(201);
    expect((await post(`/api/v1/talent-events/${e.id}/registrations`, otherUser, { personName: '王工' })).statusCode).toBe(409);

    const id = first.json().id;
    expect((await post(`/api/v1/event-registrations/${id}/cancel`, otherUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/event-registrations/${id}/attendance`, wuxi, { attended: true })).statusCode).toBe(404);
    expect((await get(`/api/v1/talent-events/${e.id}/registrations`, smeUser)).json().items.map((r: { personName: string }) => r.personName)).toEqual(['张工']);
    expect((await get(`/api/v1/talent-events/${e.id}/registrations`, leaderUser)).json().items).toHaveLength(3);
    expect((await get(`/api/v1/talent-events/${e.id}/registrations/export`, smeUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/event-registrations/${id}/attendance`, leaderUser, { attended: true })).statusCode).toBe(409); // not started

    expect((await post(`/api/v1/event-registrations/${byExpert.json().id}/cancel`, expert)).json().status).toBe('cancelled');
    expect((await get(`/api/v1/talent-events/${e.id}`, smeUser)).json()).toMatchObject({ seatsLeft: 1, myRegistrations: 1 });

    // The event starts: registration closes, the organiser records attendance.
    await db.updateTable('talent_events').set({ starts_on: inDays(0), ends_on: inDays(0) }).where('id', '=', e.id).execute();
    expect((await post(`/api/v1/talent-events/${e.id}/registrations`, smeUser, { personName: '赵工' })).statusCode).toBe(409);
    expect((await post(`/api/v1/event-registrations/${id}/attendance`, smeUser, { attended: true })).statusCode).toBe(403);
    expect((await post(`/api/v1/event-registrations/${id}/attendance`, suzhou, { attended: true })).json().status).toBe('attended');
    expect((await post(`/api/v1/event-registrations/${byExpert.json().id}/attendance`, leaderUser, { attended: true })).statusCode).toBe(409); // cancelled
    expect((await post(`/api/v1/event-registrations/${id}/cancel`, smeUser)).statusCode).toBe(409); // started
    // The event's figures: one attended of one recorded; the other live registration not yet recorded.
    expect((await get(`/api/v1/talent-events/${e.id}`, leaderUser)).json()).toMatchObject({ registeredCount: 2, attendedCount: 1, absentCount: 0, attendanceRate: 1 });
    const other = (await get(`/api/v1/talent-events/${e.id}/registrations`, leaderUser)).json().items.find((r: { id: string; status: string }) => r.id !== id && r.status === 'registered');
    expect((await post(`/api/v1/event-registrations/${other.id}/attendance`, leaderUser, { attended: false })).json().status).toBe('absent');
    expect((await get(`/api/v1/talent-events/${e.id}`, smeUser)).json()).toMatchObject({ attendedCount: 1, absentCount: 1, attendanceRate: 0.5 });
    const xlsx = await get(`/api/v1/talent-events/${e.id}/registrations/export`, leaderUser);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'event_registration').where('entity_key', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['event_registration.create', 'event_registration.attendance']);
  });

  it('100 concurrent registrations for 5 places: exactly 5 win; the database refuses more even when written directly', async () => {
    const e = await makeEvent(leaderUser, { capacity: 5 });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => post(`/api/v1/talent-events/${e.id}/registrations`, i % 2 ? smeUser : otherUser, { personName: `学员${i}` })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 201)).toHaveLength(5);
    expect(codes.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const live = await db.selectFrom('event_registrations').select('id').where('event_id', '=', e.id).where('status', '<>', 'cancelled').execute();
    expect(live).toHaveLength(5);
    await expect(db.updateTable('talent_events').set({ registered_count: 6 }).where('id', '=', e.id).execute()).rejects.toThrow(/talent_events_capacity/);
  });
});
