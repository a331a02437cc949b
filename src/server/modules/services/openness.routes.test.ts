import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = Record<string, string>;
let app: App;
let db: Db;
let soe: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let sme2: Awaited<ReturnType<typeof makeEnterprise>>;
let soeUser: Headers;
let soeOrgId: string;
let smeUser: Headers;
let sme2User: Headers;
let expertUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let openingId: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const later = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));
const paths = (body: { errors: { path: string }[] }) => body.errors.map((e) => e.path).sort();

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  soe = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州国资能源集团'), employees: 8000, revenue: 2_000_000, assets: 3_000_000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州配套传感') });
  sme2 = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州工业软件') });
  const soeLogin = await loginAs(app, db, { role: 'member', orgUscc: soe.uscc });
  soeUser = soeLogin.headers;
  soeOrgId = soeLogin.actor.orgId!;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  sme2User = (await loginAs(app, db, { role: 'member', orgUscc: sme2.uscc })).headers;
  expertUser = (await loginAs(app, db, { role: 'expert' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
});

const opening = (extra: object = {}) => ({ ownership: 'local', kind: 'scenario', title: '智慧电厂巡检机器人应用场景开放', description: '开放两座电厂的巡检场景，供中小企业验证产品。', budgetYuan: 1_500_000, applyBy: later(30), ...extra });

describe('POST /api/v1/soe-openings', () => {
  it('publishes the firm’s own opening, budget in fen, audited, listed for everyone', async () => {
    const r = await post('/api/v1/soe-openings', soeUser, opening());
    expect(r.statusCode, r.body).toBe(201);
    openingId = r.json().id;
    expect(r.json()).toMatchObject({ enterpriseUscc: soe.uscc, regionCode: '320571', ownership: 'local', budgetFen: 150_000_000, isOpen: true, canManage: true, applicationCount: 0, applications: [] });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'soe_opening').where('entity_key', '=', openingId).execute();
    expect(audit.map((a) => a.action)).toEqual(['soe_opening.create']);
    const listed = (await get('/api/v1/soe-openings?kind=scenario&region=320500&isOpen=true&limit=200', expertUser)).json().items;
    expect(listed.find((o: { id: string }) => o.id === openingId)).toMatchObject({ canManage: false, enterpriseName: soe.name });
    expect((await get('/api/v1/soe-openings?isOpen=false&limit=200', expertUser)).json().items.map((o: { id: string }) => o.id)).not.toContain(openingId);
  });

  it('refuses an SME, a firm out of the gov user’s scope, an unknown chain, a past apply-by date and experts', async () => {
    expect(paths((await post('/api/v1/soe-openings', smeUser, opening())).json())).toEqual(['enterpriseUscc']);
    expect(paths((await post('/api/v1/soe-openings', wuxi, opening({ enterpriseUscc: soe.uscc }))).json())).toEqual(['enterpriseUscc']);
    const bad = await post('/api/v1/soe-openings', soeUser, opening({ chainId: '999999999', applyBy: '2020-01-01' }));
    expect(bad.statusCode).toBe(422);
    expect(paths(bad.json())).toEqual(['applyBy', 'chainId']);
    expect((await post('/api/v1/soe-openings', soeUser, opening({ kind: 'party' }))).statusCode).toBe(422);
    expect((await post('/api/v1/soe-openings', expertUser, opening())).statusCode).toBe(403);
    const byGov = await post('/api/v1/soe-openings', suzhou, opening({ enterpriseUscc: soe.uscc, kind: 'procurement', title: '配电设备年度框架采购向中小企业开放', budgetYuan: undefined }));
    expect(byGov.statusCode, byGov.body).toBe(201);
    expect(byGov.json()).toMatchObject({ enterpriseUscc: soe.uscc, kind: 'procurement', budgetFen: null });
  });
});

describe('applications', () => {
  it('SMEs apply once; each sees only its own application; the firm and 苏州 see all and decide; others get 404', async () => {
    const applied = await post(`/api/v1/soe-openings/${openingId}/applications`, smeUser, { note: '我司巡检机器人已在两家电厂试用。' });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json().applications.map((a: { enterpriseUscc: string }) => a.enterpriseUscc)).toEqual([sme.uscc]);
    expect((await post(`/api/v1/soe-openings/${openingId}/applications`, smeUser, {})).statusCode).toBe(409);
    expect(paths((await post(`/api/v1/soe-openings/${openingId}/applications`, soeUser, {})).json())).toEqual(['enterprise']);
    expect((await post(`/api/v1/soe-openings/${openingId}/applications`, expertUser, {})).statusCode).toBe(403);
    expect((await post('/api/v1/soe-openings/999999999/applications', smeUser, {})).statusCode).toBe(404);
    await post(`/api/v1/soe-openings/${openingId}/applications`, sme2User, { note: '提供巡检数据分析软件。' });

    expect((await get(`/api/v1/soe-openings/${openingId}`, sme2User)).json().applications.map((a: { enterpriseUscc: string }) => a.enterpriseUscc)).toEqual([sme2.uscc]);
    expect((await get(`/api/v1/soe-openings/${openingId}`, wuxi)).json().applications).toEqual([]);
    expect((await get(`/api/v1/soe-openings/${openingId}`, soeUser)).json().applications).toHaveLength(2);

    const decide = (headers: Headers, uscc: string, status: string) => post(`/api/v1/soe-openings/${openingId}/applications/${uscc}/decision`, headers, { status });
    for (const outsider of [wuxi, smeUser, sme2User, expertUser]) expect((await decide(outsider, sme.uscc, 'accepted')).statusCode).toBe(404);
    expect((await decide(soeUser, soe.uscc, 'accepted')).statusCode).toBe(404);
    const accepted = await decide(soeUser, sme.uscc, 'accepted');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ applicationCount: 2, acceptedCount: 1 });
    expect((await decide(suzhou, sme2.uscc, 'declined')).json().applications.map((a: { status: string }) => a.status)).toEqual(['accepted', 'declined']);
    expect((await get(`/api/v1/soe-openings/${openingId}`, smeUser)).json().applications[0]).toMatchObject({ status: 'accepted' });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'soe_opening').where('entity_key', '=', openingId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['soe_opening.create', 'soe_opening.apply', 'soe_opening.apply', 'soe_opening.accept', 'soe_opening.decline']);
  });

  it('closes after the apply-by date', async () => {
    const closed = await db.insertInto('soe_openings').values({ enterprise_id: soe.id, region_code: soe.regionCode, ownership: 'local', kind: 'resource', title: '已截止的实验室开放', apply_by: '2024-01-01' }).returning('id').executeTakeFirstOrThrow();
    expect((await post(`/api/v1/soe-openings/${closed.id}/applications`, smeUser, {})).statusCode).toBe(409);
    expect((await get(`/api/v1/soe-openings/${closed.id}`, smeUser)).json()).toMatchObject({ isOpen: false, applications: [] });
  });
});

describe('GET /api/v1/soe-openness', () => {
  it('gives each firm’s figures as SQL counts them, to gov in scope and to the firm itself; 404 for a region outside scope', async () => {
    await db.insertInto('supply_edges').values([{ supplier_id: sme.id, customer_id: soe.id, product: '巡检传感器', region_code: soe.regionCode }, { supplier_id: sme2.id, customer_id: soe.id, product: '运维软件', region_code: soe.regionCode, is_private: true, owner_org_id: soeOrgId }]).execute();
    const rows = (await get('/api/v1/soe-openness', suzhou)).json().items;
    const row = rows.find((r: { enterpriseUscc: string }) => r.enterpriseUscc === soe.uscc);
    const direct = await db.selectFrom('soe_openings').select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('budget_fen').as('fen')]).where('enterprise_id', '=', soe.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ownership: 'local', openingCount: Number(direct.n), openCount: Number(direct.n) - 1, budgetFen: Number(direct.fen), applicationCount: 2, acceptedSmeCount: 1, smeSupplierCount: 1 });
    expect((await get('/api/v1/soe-openness', soeUser)).json().items.map((r: { enterpriseUscc: string }) => r.enterpriseUscc)).toEqual([soe.uscc]);
    expect((await get('/api/v1/soe-openness', smeUser)).json().items).toEqual([]);
    expect((await get('/api/v1/soe-openness', wuxi)).json().items.map((r: { enterpriseUscc: string }) => r.enterpriseUscc)).not.toContain(soe.uscc);
    expect((await get('/api/v1/soe-openness?region=320500', wuxi)).statusCode).toBe(404);
    const file = await get('/api/v1/soe-openness/export', suzhou);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});
