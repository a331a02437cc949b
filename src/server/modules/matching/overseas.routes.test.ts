import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeActor, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { applyToOverseasOffer } from './overseas.service.js';

type Headers = Record<string, string>;
let app: App;
let db: Db;
let firm: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let firmUser: Headers;
let smeUser: Headers;
let otherSmeUser: Headers;
let otherFirmUser: Headers;
let suzhou: Headers;
let wuxi: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));
const LARGE = { employees: 5000, revenue: 900000, assets: 900000 };

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  firm = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州电池龙头'), ...LARGE });
  const otherFirm = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡装备龙头'), ...LARGE });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州精密小微') });
  const otherSme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州另一小微') });
  firmUser = (await loginAs(app, db, { role: 'member', orgUscc: firm.uscc })).headers;
  otherFirmUser = (await loginAs(app, db, { role: 'member', orgUscc: otherFirm.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherSmeUser = (await loginAs(app, db, { role: 'member', orgUscc: otherSme.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
});

const BODY = {
  title: '德国储能项目联合出海', titleEn: 'Going to Germany together on ESS projects', description: '携中小企业联合投标德国工商业储能项目，提供本地渠道与售后网络。',
  descriptionEn: 'Joint bids with SMEs on commercial ESS projects in Germany, with our local channel and service network.', targetCountries: ['de', 'PL'], serviceKind: 'joint_bid', capacity: 3,
};

async function offer(overrides: object = {}): Promise<string> {
  const r = await post('/api/v1/overseas-offers', firmUser, { ...BODY, deadline: inDays(30), ...overrides });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('POST /api/v1/overseas-offers', () => {
  it('publishes a large firm’s offer in both languages with normalised countries, and audits it', async () => {
    const r = await post('/api/v1/overseas-offers', firmUser, { ...BODY, deadline: inDays(30) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ uscc: firm.uscc, titleEn: BODY.titleEn, targetCountries: ['DE', 'PL'], capacity: 3, remainingCapacity: 3, isOpen: true, canManage: true, figures: { applications: 0, remainingCapacity: 3 } });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'overseas_offer').where('entity_key', '=', r.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['overseas_offer.create']);
  });

  it('names every bad field: unknown and Chinese countries, past deadline, zero capacity, unknown kind', async () => {
    const r = await post('/api/v1/overseas-offers', firmUser, { ...BODY, targetCountries: ['XX', 'CN'], capacity: 0, serviceKind: 'ship', deadline: '2026-02-30' });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['capacity', 'deadline', 'serviceKind', 'targetCountries.0', 'targetCountries.1']);
    const past = await post('/api/v1/overseas-offers', firmUser, { ...BODY, deadline: inDays(-1) });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors.map((e: { path: string }) => e.path)).toEqual(['deadline']);
  });

  it('refuses SMEs (422 naming uscc) and gov (403), writing nothing', async () => {
    const before = await db.selectFrom('overseas_offers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const bySme = await post('/api/v1/overseas-offers', smeUser, { ...BODY, deadline: inDays(30) });
    expect(bySme.statusCode).toBe(422);
    expect(bySme.json().errors.map((e: { path: string }) => e.path)).toEqual(['uscc']);
    expect((await post('/api/v1/overseas-offers', suzhou, { ...BODY, deadline: inDays(30) })).statusCode).toBe(403);
    const after = await db.selectFrom('overseas_offers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('POST /api/v1/overseas-offers/{id}/applications', () => {
  it('takes an SME’s application, notifies the firm in the same transaction, and refuses a second one and large firms', async () => {
    const id = await offer();
    const r = await post(`/api/v1/overseas-offers/${id}/applications`, smeUser, { note: '已有CE认证，年产储能柜500台' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ offerId: id, uscc: sme.uscc, status: 'submitted', firmUscc: firm.uscc });
    const notes = await db.selectFrom('notifications').select(['kind', 'entity_key']).where('entity_type', '=', 'overseas_offer_application').where('entity_key', '=', r.json().id).execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.kind === 'overseas.applied')).toBe(true);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'overseas_offer_application').where('entity_key', '=', r.json().id).execute();
    expect(audit.map((a) => a.action)).toEqual(['overseas_offer.apply']);
    expect((await post(`/api/v1/overseas-offers/${id}/applications`, smeUser, {})).statusCode).toBe(409);
    expect((await post(`/api/v1/overseas-offers/${id}/applications`, otherFirmUser, {})).statusCode).toBe(403);
    expect((await post(`/api/v1/overseas-offers/${id}/applications`, suzhou, {})).statusCode).toBe(403);
    const offerView = (await get(`/api/v1/overseas-offers/${id}`, smeUser)).json();
    expect(offerView).toMatchObject({ myApplication: { id: r.json().id, status: 'submitted' }, figures: null, canManage: false });
  });

  it('refuses after the deadline', async () => {
    const id = await offer({ deadline: inDays(0) });
    await db.updateTable('overseas_offers').set({ deadline: inDays(-1) }).where('id', '=', id).execute();
    expect((await post(`/api/v1/overseas-offers/${id}/applications`, smeUser, {})).statusCode).toBe(409);
  });
});

describe('POST /api/v1/overseas-applications/{id}/accept', () => {
  it('never exceeds capacity: 20 parallel accepts against capacity 3 accept exactly 3', async () => {
    const id = await offer({ capacity: 3 });
    const applications: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const e = await makeEnterprise(db, { regionCode: '320506', name: uniqueName(`苏州小微${i}`) });
      const actor = await makeActor(db, { role: 'member', orgUscc: e.uscc });
      applications.push(await applyToOverseasOffer(db, { actor }, id, { note: `第${i}家` }));
    }
    const results = await Promise.all(applications.map((a) => post(`/api/v1/overseas-applications/${a}/accept`, firmUser, {})));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    expect(codes.filter((c) => c === 409)).toHaveLength(17);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'invalid_state')).toBe(true);
    const stored = await db.selectFrom('overseas_offers').select(['accepted_count', 'capacity']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ accepted_count: 3, capacity: 3 });
    const accepted = await db.selectFrom('overseas_offer_applications').select('id').where('offer_id', '=', id).where('status', '=', 'accepted').execute();
    expect(accepted).toHaveLength(3);
    const told = await db.selectFrom('notifications').select('entity_key').where('kind', '=', 'overseas.accepted').where('entity_type', '=', 'overseas_offer_application').where('entity_key', 'in', applications).execute();
    expect(told.map((n) => n.entity_key).sort()).toEqual(accepted.map((a) => a.id).sort());
    const view = (await get(`/api/v1/overseas-offers/${id}`, suzhou)).json();
    expect(view).toMatchObject({ isOpen: false, remainingCapacity: 0, figures: { applications: 20, accepted: 3, pending: 17, remainingCapacity: 0 } });
  });

  it('declines without taking a place, tells the SME, and refuses a second decision', async () => {
    const id = await offer();
    const a = (await post(`/api/v1/overseas-offers/${id}/applications`, smeUser, {})).json().id;
    const r = await post(`/api/v1/overseas-applications/${a}/decline`, firmUser, { note: '本期仅限储能类企业' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'declined', decisionNote: '本期仅限储能类企业' });
    expect((await post(`/api/v1/overseas-applications/${a}/accept`, firmUser, {})).statusCode).toBe(409);
    expect((await db.selectFrom('overseas_offers').select('accepted_count').where('id', '=', id).executeTakeFirstOrThrow()).accepted_count).toBe(0);
    const inbox = (await get('/api/v1/notifications', smeUser)).json().items;
    expect(inbox.find((n: { entityKey: string }) => n.entityKey === a)).toMatchObject({ kind: 'overseas.declined', params: { note: '本期仅限储能类企业' } });
  });
});

describe('scope of overseas applications', () => {
  it('shows an application to the SME, the firm and gov whose region covers the firm; 404 to everyone else', async () => {
    const id = await offer();
    const a = (await post(`/api/v1/overseas-offers/${id}/applications`, smeUser, { note: '想去德国' })).json().id;
    for (const who of [smeUser, firmUser, suzhou]) expect((await get(`/api/v1/overseas-applications/${a}`, who)).statusCode).toBe(200);
    for (const who of [otherSmeUser, otherFirmUser, wuxi]) {
      const r = await get(`/api/v1/overseas-applications/${a}`, who);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('not_found');
      expect((await get(`/api/v1/overseas-offers/${id}/applications`, who)).statusCode).toBe(404);
      expect((await post(`/api/v1/overseas-applications/${a}/accept`, who, {})).statusCode).toBe(404);
    }
    expect((await get(`/api/v1/overseas-offers/${id}/applications`, smeUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/overseas-applications/${a}/accept`, smeUser, {})).statusCode).toBe(403);
    expect((await post(`/api/v1/overseas-applications/${a}/accept`, suzhou, {})).statusCode).toBe(403);
    expect((await get('/api/v1/overseas-applications/99999999999', firmUser)).statusCode).toBe(404);
    const list = (await get(`/api/v1/overseas-offers/${id}/applications`, firmUser)).json().items;
    expect(list.map((x: { id: string }) => x.id)).toEqual([a]);
    expect((await get('/api/v1/overseas-applications/mine', smeUser)).json().items.map((x: { id: string }) => x.id)).toContain(a);
    expect((await get('/api/v1/overseas-applications/mine', otherSmeUser)).json().items.map((x: { id: string }) => x.id)).not.toContain(a);
  });
});

describe('GET /api/v1/overseas-offers', () => {
  it('gives gov of the firm’s region the offers with figures; another region’s gov does not see them', async () => {
    const id = await offer();
    await post(`/api/v1/overseas-offers/${id}/applications`, smeUser, {});
    const mine = (await get('/api/v1/overseas-offers?limit=100', suzhou)).json().items.find((o: { id: string }) => o.id === id);
    expect(mine).toMatchObject({ figures: { applications: 1, pending: 1, accepted: 0, remainingCapacity: 3 } });
    const other = (await get('/api/v1/overseas-offers?limit=100', wuxi)).json().items;
    expect(other.map((o: { id: string }) => o.id)).not.toContain(id);
    const forSme = (await get('/api/v1/overseas-offers?limit=100&country=PL', otherSmeUser)).json().items.find((o: { id: string }) => o.id === id);
    expect(forSme).toMatchObject({ figures: null, myApplication: null, remainingCapacity: 3 });
    expect((await get('/api/v1/overseas-offers?mine=true', firmUser)).json().items.every((o: { uscc: string }) => o.uscc === firm.uscc)).toBe(true);
  });

  it('exports the list to Excel with both languages and the figures', async () => {
    const id = await offer();
    const r = await get('/api/v1/overseas-offers/export', suzhou);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((x) => x.getCell(1).value === Number(id))!;
    expect(row.getCell(3).value).toBe(BODY.titleEn);
    expect(row.getCell(8).value).toBe(3);
  });
});
