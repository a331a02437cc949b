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
let expert: Headers;

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
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

async function makeCourse(body: object = {}) {
  const r = await post('/api/v1/courses', leaderUser, { title: '动力电池质量管理与IATF 16949实务', field: '质量管理', baseName: '澜沣培训学院', startsOn: inDays(10), endsOn: inDays(12), hours: 24, feeYuan: 0, capacity: 3, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('POST /api/v1/courses', () => {
  it('lists a course for the member’s own enterprise; refuses bad dates, another’s uscc and experts', async () => {
    const c = await makeCourse({ feeYuan: 800 });
    expect(c).toMatchObject({ providerUscc: leader.uscc, capacity: 3, seatsLeft: 3, isOpen: true, canManage: true, feeFen: 80000 });
    expect((await get(`/api/v1/courses/${c.id}`, smeUser)).json().canManage).toBe(false);
    const past = await post('/api/v1/courses', leaderUser, { title: '课程', startsOn: inDays(0), endsOn: inDays(1), capacity: 5 });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].path).toBe('startsOn');
    const backwards = await post('/api/v1/courses', leaderUser, { title: '课程', startsOn: inDays(5), endsOn: inDays(4), capacity: 5 });
    expect(backwards.json().errors[0].path).toBe('endsOn');
    expect((await post('/api/v1/courses', leaderUser, { title: '课程', startsOn: inDays(5), endsOn: inDays(6), capacity: 0 })).statusCode).toBe(422);
    expect((await post('/api/v1/courses', smeUser, { title: '课程', startsOn: inDays(5), endsOn: inDays(6), capacity: 5, providerUscc: leader.uscc })).json().errors[0].path).toBe('providerUscc');
    expect((await post('/api/v1/courses', expert, { title: '课程', startsOn: inDays(5), endsOn: inDays(6), capacity: 5 })).statusCode).toBe(403);
  });
});

describe('enrolment', () => {
  it('takes seats up to the capacity, refuses the next (409) and a duplicate, frees a seat on cancellation, records completion', async () => {
    const c = await makeCourse({ capacity: 2 });
    const first = await post(`/api/v1/courses/${c.id}/enrolments`, smeUser, { traineeName: '张工' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'enrolled', enterpriseUscc: sme.uscc });
    expect((await post(`/api/v1/courses/${c.id}/enrolments`, smeUser, { traineeName: '张工' })).statusCode).toBe(409);
    expect((await post(`/api/v1/courses/${c.id}/enrolments`, otherUser, { traineeName: '李工' })).statusCode).toBe(201);
    const full = await post(`/api/v1/courses/${c.id}/enrolments`, smeUser, { traineeName: '王工' });
    expect(full.statusCode).toBe(409);
    expect((await get(`/api/v1/courses/${c.id}`, smeUser)).json()).toMatchObject({ seatsLeft: 0, isOpen: false, myEnrolments: 1 });

    // Scope: the enterprise and the course's managers; 404 for everyone else.
    const id = first.json().id;
    expect((await post(`/api/v1/enrolments/${id}/cancel`, otherUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/enrolments/${id}/complete`, wuxi, {})).statusCode).toBe(404);
    expect((await post(`/api/v1/enrolments/${id}/complete`, smeUser, {})).statusCode).toBe(403);
    expect((await get(`/api/v1/courses/${c.id}/enrolments`, leaderUser)).json().items).toHaveLength(2);
    expect((await get(`/api/v1/courses/${c.id}/enrolments`, smeUser)).json().items.map((e: { traineeName: string }) => e.traineeName)).toEqual(['张工']);
    expect((await get(`/api/v1/courses/${c.id}/enrolments`, wuxi)).json().items).toEqual([]);
    expect((await get(`/api/v1/courses/${c.id}/enrolments/export`, smeUser)).statusCode).toBe(404);
    const xlsx = await get(`/api/v1/courses/${c.id}/enrolments/export`, suzhou);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    const cancelled = await post(`/api/v1/enrolments/${id}/cancel`, smeUser);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await post(`/api/v1/enrolments/${id}/cancel`, smeUser)).statusCode).toBe(409);
    expect((await get(`/api/v1/courses/${c.id}`, smeUser)).json().seatsLeft).toBe(1);
    const again = await post(`/api/v1/courses/${c.id}/enrolments`, smeUser, { traineeName: '张工' });
    expect(again.statusCode, again.body).toBe(201);
    const done = await post(`/api/v1/enrolments/${again.json().id}/complete`, leaderUser, { certificateNo: 'LF-2026-001' });
    expect(done.json()).toMatchObject({ status: 'completed', certificateNo: 'LF-2026-001' });
    expect((await get('/api/v1/enrolments/mine', smeUser)).json().items.map((e: { status: string }) => e.status)).toEqual(['completed', 'cancelled']);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'course_enrolment').where('entity_key', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['enrolment.create', 'enrolment.cancel']);
  });

  it('100 concurrent enrolments on 5 seats: exactly 5 win, the count never exceeds the capacity', async () => {
    const c = await makeCourse({ capacity: 5 });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => post(`/api/v1/courses/${c.id}/enrolments`, i % 2 ? smeUser : otherUser, { traineeName: `学员${i}` })));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 201)).toHaveLength(5);
    expect(codes.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const row = await db.selectFrom('training_courses').select(['enrolled_count', 'capacity']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.enrolled_count).toBe(5);
    const live = await db.selectFrom('course_enrolments').select('id').where('course_id', '=', c.id).where('status', '<>', 'cancelled').execute();
    expect(live).toHaveLength(5);
  });

  it('the database refuses a seat count above the capacity even when written directly', async () => {
    const c = await makeCourse({ capacity: 1 });
    await expect(db.updateTable('training_courses').set({ enrolled_count: 2 }).where('id', '=', c.id).execute()).rejects.toThrow(/training_courses_capacity/);
  });

  it('a chain course admits only the chain’s enterprises (422 naming uscc)', async () => {
    const chain = await db.insertInto('chains').values({ name: uniqueName('苏州动力电池链'), region_code: '320500' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('chain_segments').values({ chain_id: chain.id, key: 'parts', name: '结构件', stage: 'midstream' }).execute();
    await db.insertInto('chain_members').values({ chain_id: chain.id, segment_key: 'parts', enterprise_id: sme.id, role: 'supplier' }).execute();
    const c = await makeCourse({ chainId: chain.id });
    expect(c.chainName).toContain('苏州动力电池链');
    expect((await post(`/api/v1/courses/${c.id}/enrolments`, smeUser, { traineeName: '张工' })).statusCode).toBe(201);
    const outside = await post(`/api/v1/courses/${c.id}/enrolments`, otherUser, { traineeName: '李工' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('uscc');
    expect((await post('/api/v1/courses', leaderUser, { title: '课程', startsOn: inDays(5), endsOn: inDays(6), capacity: 5, chainId: '999999999' })).json().errors[0].path).toBe('chainId');
  });
});
