import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import { createTestApp } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
type Firm = Awaited<ReturnType<typeof makeEnterprise>>;
let app: App;
let db: Db;
let leader: Firm; // large, 苏州工业园区
let leader2: Firm; // large
let smes: Firm[]; // small, 吴中
let wuxiSme: Firm;
let leaderUser: Headers;
let leader2User: Headers;
let smeUsers: Headers[];
let wuxiMember: Headers;
let suzhou: Headers; // gov 320500
let wuxi: Headers; // gov 320200
let expert: Headers;

const LARGE = { industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000 };

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试动力电池'), products: ['磷酸铁锂电芯'], ...LARGE });
  leader2 = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试储能'), products: ['储能系统'], ...LARGE });
  smes = [];
  for (const [i, products] of [['锂电隔膜', '涂覆隔膜'], ['电解液'], ['正极材料'], ['铜箔']].entries()) {
    smes.push(await makeEnterprise(db, { regionCode: '320506', name: uniqueName(`苏州测试配套${i}`), industryCode: 'C2922', products, capabilities: `${products.join('、')}的研发与生产` }));
  }
  wuxiSme = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡测试隔膜'), industryCode: 'C2922', products: ['干法隔膜'] });
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  leader2User = (await loginAs(app, db, { role: 'member', orgUscc: leader2.uscc })).headers;
  smeUsers = [];
  for (const sme of smes) smeUsers.push((await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers);
  wuxiMember = (await loginAs(app, db, { role: 'member', orgUscc: wuxiSme.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const put = (url: string, headers: Headers, payload: object) => app.inject({ method: 'PUT', url, headers, payload });
const FAIR = {
  title: '动力电池产业链供需对接洽谈会', venue: '苏州国际博览中心', largeCapacity: 2, smeCapacity: 3,
  sessions: [{ date: '2099-03-15', startTime: '09:00', slotMinutes: 20, slotCount: 3, tables: 2 }],
};

async function openFair(extra: object = {}): Promise<string> {
  const created = await post('/api/v1/fairs', suzhou, { ...FAIR, ...extra });
  expect(created.statusCode).toBe(201);
  const { id } = created.json();
  expect((await post(`/api/v1/fairs/${id}/open`, suzhou)).json().status).toBe('open');
  return id;
}

async function registerAs(fairId: string, headers: Headers) {
  const r = await post(`/api/v1/fairs/${fairId}/registrations`, headers);
  expect(r.statusCode).toBe(201);
  return r.json() as { id: string; status: string; kind: string; waitlistPosition: number | null };
}

describe('POST /api/v1/fairs', () => {
  it('creates a draft in the gov user’s region with its sessions, and audits it', async () => {
    const r = await post('/api/v1/fairs', suzhou, FAIR);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'draft', regionCode: '320500', isOrganiser: true, sessions: [{ date: '2099-03-15', startTime: '09:00', slotCount: 3, tables: 2 }] });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'fair').where('entity_key', '=', r.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['fair.create']);
  });

  it('refuses members and experts, and regions outside the scope or dates in the past with the field named', async () => {
    expect((await post('/api/v1/fairs', leaderUser, FAIR)).statusCode).toBe(403);
    expect((await post('/api/v1/fairs', expert, FAIR)).statusCode).toBe(403);
    const outside = await post('/api/v1/fairs', suzhou, { ...FAIR, regionCode: '320200' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([{ path: 'regionCode', message: expect.any(String) }]);
    const past = await post('/api/v1/fairs', suzhou, { ...FAIR, sessions: [{ ...FAIR.sessions[0], date: '2020-01-01' }] });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].path).toBe('sessions.0.date');
    const bad = await post('/api/v1/fairs', suzhou, { ...FAIR, title: 'x', sessions: [{ ...FAIR.sessions[0], startTime: '25:00' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['sessions.0.startTime', 'title']);
  });
});

describe('registration with capacity and waitlist', () => {
  it('waitlists beyond capacity and promotes in order when a registered SME cancels', async () => {
    const id = await openFair({ smeCapacity: 1 });
    const first = await registerAs(id, smeUsers[0]);
    const second = await registerAs(id, smeUsers[1]);
    const third = await registerAs(id, smeUsers[2]);
    expect([first.status, second.status, third.status]).toEqual(['registered', 'waitlisted', 'waitlisted']);
    expect([second.waitlistPosition, third.waitlistPosition]).toEqual([1, 2]);
    expect((await registerAs(id, leaderUser)).status).toBe('registered'); // large firms have their own capacity

    const cancel = await post(`/api/v1/fairs/${id}/registrations/${first.id}/cancel`, smeUsers[0]);
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().promoted).toMatchObject({ id: second.id, status: 'registered' });
    const rows = await db.selectFrom('fair_registrations').select(['id', 'status']).where('fair_id', '=', id).orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'registered', 'waitlisted', 'registered']);
    const view = (await get(`/api/v1/fairs/${id}`, smeUsers[2])).json();
    expect(view.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect([view.smeRegistered, view.largeRegistered, view.waitlisted]).toEqual([1, 1, 1]);
  });

  it('refuses a fair that is not open, a second registration, and another member’s cancellation (404)', async () => {
    const draft = (await post('/api/v1/fairs', suzhou, FAIR)).json().id;
    expect((await post(`/api/v1/fairs/${draft}/registrations`, smeUsers[0])).statusCode).toBe(409);
    const id = await openFair();
    const mine = await registerAs(id, smeUsers[0]);
    expect((await post(`/api/v1/fairs/${id}/registrations`, smeUsers[0])).statusCode).toBe(409);
    expect((await post(`/api/v1/fairs/${id}/registrations/${mine.id}/cancel`, smeUsers[1])).statusCode).toBe(404);
    const other = await post(`/api/v1/fairs/${id}/registrations`, smeUsers[1], { uscc: smes[2].uscc });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].path).toBe('uscc');
  });
});

describe('scope', () => {
  it('hides a region fair from another region’s gov user and members (404 everywhere)', async () => {
    const id = await openFair({ visibility: 'region' });
    for (const url of [`/api/v1/fairs/${id}`, `/api/v1/fairs/${id}/grid`, `/api/v1/fairs/${id}/schedule`, `/api/v1/fairs/${id}/participants`, `/api/v1/fairs/${id}/grid/export`]) {
      expect((await get(url, wuxi)).statusCode, url).toBe(404);
    }
    expect((await post(`/api/v1/fairs/${id}/schedule`, wuxi)).statusCode).toBe(404);
    expect((await post(`/api/v1/fairs/${id}/registrations`, wuxiMember)).statusCode).toBe(404);
    expect((await get('/api/v1/fairs?limit=500', wuxi)).json().items.map((f: { id: string }) => f.id)).not.toContain(id);
    expect((await get(`/api/v1/fairs/${id}`, smeUsers[0])).statusCode).toBe(200);
  });

  it('shows a public fair to everyone but its organiser views only to organisers (403)', async () => {
    const id = await openFair();
    expect((await get(`/api/v1/fairs/${id}`, wuxi)).json().isOrganiser).toBe(false);
    expect((await get(`/api/v1/fairs/${id}/grid`, wuxi)).statusCode).toBe(403);
    expect((await post(`/api/v1/fairs/${id}/close`, wuxi)).statusCode).toBe(403);
    expect((await get(`/api/v1/fairs/${id}/participants`, wuxiMember)).statusCode).toBe(403);
  });
});

describe('wishes, schedule, timetables and outcomes', () => {
  let id: string;
  let regs: Record<string, { id: string }>;

  beforeAll(async () => {
    id = await openFair({ smeCapacity: 4 });
    regs = { leader: await registerAs(id, leaderUser), leader2: await registerAs(id, leader2User) };
    for (const [i, headers] of smeUsers.entries()) regs[`sme${i}`] = await registerAs(id, headers);
  });

  it('suggests the large firm whose published need matches the SME', async () => {
    const need = await post('/api/v1/needs', leaderUser, { title: '湿法涂覆隔膜采购', description: '9μm湿法基膜加陶瓷涂覆隔膜，年需求1亿平方米', kind: 'procurement', products: ['锂电隔膜', '涂覆隔膜'] });
    expect(need.statusCode).toBe(201);
    await post(`/api/v1/needs/${need.json().id}/submit`, leaderUser);
    expect((await post(`/api/v1/needs/${need.json().id}/publish`, suzhou)).statusCode).toBe(200);
    const r = await get(`/api/v1/fairs/${id}/suggestions`, smeUsers[0]);
    expect(r.statusCode).toBe(200);
    expect(r.json().items[0]).toMatchObject({ registrationId: regs.leader.id, uscc: leader.uscc, kind: 'large', isWished: false });
    expect(r.json().items[0].reasons[0]).toContain('湿法涂覆隔膜采购');
    const back = await get(`/api/v1/fairs/${id}/suggestions`, leaderUser);
    expect(back.json().items.map((s: { uscc: string }) => s.uscc)).toContain(smes[0].uscc);
  });

  it('keeps wishes to the other side, naming a bad target', async () => {
    const same = await put(`/api/v1/fairs/${id}/wishes`, smeUsers[0], { targets: [regs.leader.id, regs.sme1.id] });
    expect(same.statusCode).toBe(422);
    expect(same.json().errors).toEqual([{ path: 'targets.1', message: expect.any(String) }]);
    const ok = await put(`/api/v1/fairs/${id}/wishes`, smeUsers[0], { targets: [regs.leader.id, regs.leader2.id] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((w: { isMutual: boolean }) => w.isMutual)).toEqual([false, false]);
    await put(`/api/v1/fairs/${id}/wishes`, leaderUser, { targets: [regs.sme0.id, regs.sme1.id, regs.sme2.id] });
    const mine = (await get(`/api/v1/fairs/${id}/wishes`, smeUsers[0])).json();
    expect(mine.items.find((w: { registrationId: string }) => w.registrationId === regs.leader.id).isMutual).toBe(true);
    expect(mine.incoming.map((w: { uscc: string }) => w.uscc)).toEqual([leader.uscc]);
    for (const [i, headers] of smeUsers.entries()) if (i > 0) await put(`/api/v1/fairs/${id}/wishes`, headers, { targets: [regs.leader.id, regs.leader2.id] });
  });

  it('schedules more wishes than slots without double-booking, reports the gap, and replaces on re-run', async () => {
    const r = await post(`/api/v1/fairs/${id}/schedule`, suzhou, {});
    expect(r.statusCode).toBe(200);
    const s = r.json();
    // 3 slots × 2 tables; the two large firms can each meet 3 of the 4 SMEs.
    expect(s.meetings).toBe(6);
    expect(s.candidatePairs).toBe(8);
    expect(s.gap).toBeGreaterThanOrEqual(0);
    expect(s.objective).toBeLessThanOrEqual(s.bound + 1e-6);
    expect(s.minSmeMeetings).toBeGreaterThanOrEqual(1); // every SME that wished meets someone
    const meetings = await db.selectFrom('fair_meetings').select(['id', 'slot_index', 'table_no', 'large_registration_id', 'sme_registration_id']).where('fair_id', '=', id).execute();
    const keys = meetings.flatMap((m) => [`${m.slot_index}/t${m.table_no}`, `${m.slot_index}/${m.large_registration_id}`, `${m.slot_index}/${m.sme_registration_id}`]);
    expect(new Set(keys).size).toBe(keys.length);
    const again = await post(`/api/v1/fairs/${id}/schedule`, suzhou, { mutualWeight: 5 });
    expect(again.json().options.mutualWeight).toBe(5);
    const after = await db.selectFrom('fair_meetings').select('id').where('fair_id', '=', id).execute();
    expect(after).toHaveLength(6);
    expect(after.map((m) => m.id)).not.toContain(meetings[0].id);
    expect((await db.selectFrom('fair_schedules').select('fair_id').where('fair_id', '=', id).execute())).toHaveLength(1);
  });

  it('shows each participant only its own timetable', async () => {
    const mine = await get(`/api/v1/fairs/${id}/timetable`, smeUsers[0]);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().uscc).toBe(smes[0].uscc);
    expect(mine.json().meetings.every((m: { sme: { uscc: string } }) => m.sme.uscc === smes[0].uscc)).toBe(true);
    expect((await get(`/api/v1/fairs/${id}/timetable?uscc=${smes[1].uscc}`, smeUsers[0])).statusCode).toBe(404);
    expect((await get(`/api/v1/fairs/${id}/timetable`, wuxiMember)).statusCode).toBe(404);
    const organiser = await get(`/api/v1/fairs/${id}/timetable?uscc=${leader.uscc}`, suzhou);
    expect(organiser.json().meetings.length).toBeGreaterThan(0);
    const xlsx = await get(`/api/v1/fairs/${id}/timetable/export`, smeUsers[0]);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].name).toBe('个人日程');
  });

  it('gives organisers the whole grid and its workbook', async () => {
    const grid = await get(`/api/v1/fairs/${id}/grid`, suzhou);
    expect(grid.statusCode).toBe(200);
    expect(grid.json().slots).toHaveLength(3);
    expect(grid.json().meetings).toHaveLength(6);
    expect(grid.json().slots[0].startsAt).toBe('2099-03-15T01:00:00.000Z'); // 09:00 Asia/Shanghai
    expect((await get(`/api/v1/fairs/${id}/grid`, smeUsers[0])).statusCode).toBe(403);
    const xlsx = await get(`/api/v1/fairs/${id}/grid/export`, suzhou);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['排期总表', '洽谈清单']);
  });

  it('records a deal on a meeting for its sides only', async () => {
    const [meeting] = (await get(`/api/v1/fairs/${id}/timetable`, leaderUser)).json().meetings;
    const other = smeUsers[smes.findIndex((s) => s.uscc !== meeting.sme.uscc)];
    expect((await post(`/api/v1/fairs/${id}/meetings/${meeting.id}/outcome`, other, { outcome: 'deal' })).statusCode).toBe(404);
    const bad = await post(`/api/v1/fairs/${id}/meetings/${meeting.id}/outcome`, leaderUser, { outcome: 'no_interest', amountFen: 100 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('amountFen');
    const ok = await post(`/api/v1/fairs/${id}/meetings/${meeting.id}/outcome`, leaderUser, { outcome: 'deal', amountFen: 1_250_000_00, note: '首批试订单' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: 'deal', amountFen: '125000000' });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'fair_meeting').where('entity_key', '=', meeting.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['fair.outcome']);
  });
});

describe('OpenAPI', () => {
  it('documents every fairs route with its tag, a bilingual summary and a description', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; summary?: string; description?: string }>> };
    const operations = Object.entries(spec.paths).filter(([path]) => path.startsWith('/api/v1/fairs')).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, ...op })));
    expect(operations.length).toBeGreaterThanOrEqual(16);
    for (const op of operations) {
      expect(op.tags, `${op.method} ${op.path}`).toEqual(['fairs']);
      expect(op.summary, `${op.method} ${op.path}`).toMatch(/[A-Za-z].*[\u4e00-\u9fff]/);
      expect(op.description, `${op.method} ${op.path}`).toBeTruthy();
    }
  });
});
