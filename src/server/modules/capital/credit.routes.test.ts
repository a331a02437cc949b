import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { addDays } from './ledger.rules.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let sme: Headers;
let otherSme: Headers;
let buyer: Headers;
let suzhou: Headers;
let wuxi: Headers;
let admin: Headers;
let bankA: Headers;
let bankB: Headers;
let smeUscc: string;
let buyerUscc: string;
let bankAUscc: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT', url: string, headers: Headers, payload: object) => app.inject({ method, url, headers, payload });

beforeAll(async () => {
  const created = await createTestApp();
  app = created.app;
  db = created.db;
  const s = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试评分企业'), tags: ['specialized'], certifications: [{ name: 'ISO 9001', expiresOn: '2099-12-31' }, { name: 'IATF 16949', expiresOn: '2020-01-01' }] });
  const o = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试无关企业') });
  const b = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试采购大企业'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
  const a = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试甲银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  const bb = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试乙银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  [smeUscc, buyerUscc, bankAUscc] = [s.uscc, b.uscc, a.uscc];
  sme = (await loginAs(app, db, { role: 'member', orgUscc: s.uscc })).headers;
  otherSme = (await loginAs(app, db, { role: 'member', orgUscc: o.uscc })).headers;
  buyer = (await loginAs(app, db, { role: 'member', orgUscc: b.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  bankA = (await loginAs(app, db, { role: 'member', orgUscc: a.uscc, orgKind: 'bank' })).headers;
  bankB = (await loginAs(app, db, { role: 'member', orgUscc: bb.uscc, orgKind: 'bank' })).headers;
});

type Factor = { factor: string; points: number; maxPoints: number; value: string };
const points = (body: { factors: Factor[] }, factor: string) => body.factors.find((f) => f.factor === factor)!;

describe('GET /api/v1/credit-scores/{uscc}', () => {
  it('shows the SME its own scorecard with each factor’s fact and points', async () => {
    const r = await get(`/api/v1/credit-scores/${smeUscc}`, sme);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.factors).toHaveLength(8);
    expect(points(body, 'tier')).toMatchObject({ value: '专精特新中小企业', points: 10, maxPoints: 15 });
    expect(points(body, 'certifications')).toMatchObject({ value: '1 项有效认证', points: 2 }); // the expired one does not count
    expect(body.score).toBeCloseTo(body.factors.reduce((s: number, f: Factor) => s + f.points, 0), 5);
    expect(body.isWeightsOurs).toBe(true);
  });

  it('confirmed receivables raise the score; the buyer’s late payment lowers its own', async () => {
    const before = (await get(`/api/v1/credit-scores/${smeUscc}`, sme)).json();
    const buyerBefore = (await get(`/api/v1/credit-scores/${buyerUscc}`, buyer)).json();
    const c = (await send('POST', '/api/v1/contracts', sme, { buyerUscc, supplierUscc: smeUscc, amountFen: 50_000_000, termDays: 30, signedOn: '2025-07-01' })).json().id;
    const d = (await send('POST', `/api/v1/contracts/${c}/deliveries`, sme, { deliveredOn: addDays(businessDate(), -100), amountFen: 50_000_000 })).json().id;
    expect((await send('POST', '/api/v1/vouchers', buyer, { deliveryId: d })).statusCode).toBe(201);
    const after = (await get(`/api/v1/credit-scores/${smeUscc}`, sme)).json();
    expect(points(after, 'receivables').points).toBe(7.5);
    expect(after.score).toBeGreaterThan(before.score);
    const buyerAfter = (await get(`/api/v1/credit-scores/${buyerUscc}`, buyer)).json();
    expect(points(buyerBefore, 'payment').points).toBe(7.5);
    expect(points(buyerAfter, 'payment')).toMatchObject({ points: 0, value: '逾期 1/1 笔（100%）' });
  });

  it('is 404 for other members, gov users of other regions and banks without a request; gov of the region and admins see it', async () => {
    expect((await get(`/api/v1/credit-scores/${smeUscc}`, otherSme)).statusCode).toBe(404);
    expect((await get(`/api/v1/credit-scores/${smeUscc}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/credit-scores/${smeUscc}`, bankA)).statusCode).toBe(404);
    expect((await get(`/api/v1/credit-scores/${smeUscc}`, suzhou)).statusCode).toBe(200);
    expect((await get(`/api/v1/credit-scores/${smeUscc}`, admin)).statusCode).toBe(200);
    expect((await get('/api/v1/credit-scores/91320506MA1M2G8K8X', admin)).statusCode).toBe(404);
  });

  it('a bank sees the applicant’s score on a request addressed to it, another bank does not', async () => {
    const r = await send('POST', '/api/v1/financing-requests', sme, { kind: 'order', amountFen: 300_000, termDays: 60, bankUscc: bankAUscc });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().applicantScore).toMatchObject({ grade: expect.stringMatching(/^[ABCD]$/) });
    const seen = (await get(`/api/v1/financing-requests/${r.json().id}`, bankA)).json();
    const card = (await get(`/api/v1/credit-scores/${smeUscc}`, bankA)).json();
    expect(seen.applicantScore.score).toBe(card.score);
    expect((await get(`/api/v1/credit-scores/${smeUscc}`, bankB)).statusCode).toBe(404);
  });
});

describe('/api/v1/credit-weights', () => {
  const weights = { age: 10, size: 10, certifications: 10, tier: 30, deals: 10, complaints: 10, payment: 10, receivables: 10 };

  it('only admins set weights, they must sum to 100, the change is audited and applies to scores', async () => {
    expect((await send('PUT', '/api/v1/credit-weights', sme, { weights })).statusCode).toBe(403);
    const bad = await send('PUT', '/api/v1/credit-weights', admin, { weights: { ...weights, tier: 31 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('weights');
    expect((await get('/api/v1/credit-weights', sme)).json().weights.tier).toBe(15);
    const ok = await send('PUT', '/api/v1/credit-weights', admin, { weights });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().weights.tier).toBe(30);
    expect(points((await get(`/api/v1/credit-scores/${smeUscc}`, sme)).json(), 'tier')).toMatchObject({ maxPoints: 30, points: 20 });
    const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'credit.weights').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ tier: 30 });
  });
});
