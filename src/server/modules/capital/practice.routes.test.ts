import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let buyerUscc: string;
let supplierUscc: string;
let buyerUser: Headers;
let strangerUser: Headers;
let suzhou: Headers;
let wuxi: Headers;

beforeAll(async () => {
  const created = await createTestApp();
  app = created.app;
  db = created.db;
  const buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试链主'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
  const supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试配套') });
  const stranger = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试其他') });
  [buyerUscc, supplierUscc] = [buyer.uscc, supplier.uscc];
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  strangerUser = (await loginAs(app, db, { role: 'member', orgUscc: stranger.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: buyerUser, payload });
  const c = (await post('/api/v1/contracts', { buyerUscc, supplierUscc, amountFen: 3_000, termDays: 60, signedOn: '2025-07-01' })).json().id;
  const d1 = (await post(`/api/v1/contracts/${c}/deliveries`, { deliveredOn: '2025-07-10', amountFen: 1_000 })).json().id;
  const d2 = (await post(`/api/v1/contracts/${c}/deliveries`, { deliveredOn: '2025-07-10', amountFen: 1_000 })).json().id;
  await post(`/api/v1/contracts/${c}/deliveries`, { deliveredOn: '2025-08-01', amountFen: 1_000 });
  await post(`/api/v1/deliveries/${d1}/payments`, { paidOn: '2025-07-30', amountFen: 1_000 }); // 20 days, on time
  await post(`/api/v1/deliveries/${d2}/payments`, { paidOn: '2025-10-20', amountFen: 1_000 }); // 102 days, due 09-08: late
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });

describe('GET /api/v1/enterprises/{uscc}/payment-practice', () => {
  it('discloses the half-year aggregates of a large buyer to any signed-in user', async () => {
    const r = await get(`/api/v1/enterprises/${buyerUscc}/payment-practice?half=2025H2`, strangerUser);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      buyer: expect.objectContaining({ uscc: buyerUscc }), half: '2025H2', from: '2025-07-01', to: '2026-01-01', deliveries: 3, paid: 2, avgDaysToPay: 61,
      sharePaidWithin30: 0.5, sharePaid31To60: 0, sharePaidOver60: 0.5, shareLate: 0.667, complaints: 0,
      conductScore: 53, // 100 − 60 × 0.667 − 20 × (61 − 30) / 90
    });
    expect((await get(`/api/v1/enterprises/${buyerUscc}/payment-practice?half=2025H1`, strangerUser)).json()).toMatchObject({ deliveries: 0, avgDaysToPay: null, shareLate: null, conductScore: null });
  });

  it('counts days to pay from the invoice date when one was recorded, else from delivery', async () => {
    const buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试开票链主'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
    const headers = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers, payload });
    const c = (await post('/api/v1/contracts', { buyerUscc: buyer.uscc, supplierUscc, amountFen: 2_000, termDays: 60, signedOn: '2025-07-01' })).json().id;
    const invoiced = (await post(`/api/v1/contracts/${c}/deliveries`, { deliveredOn: '2025-07-10', invoicedOn: '2025-07-20', amountFen: 1_000 })).json().id;
    const plain = (await post(`/api/v1/contracts/${c}/deliveries`, { deliveredOn: '2025-07-10', amountFen: 1_000 })).json().id;
    await post(`/api/v1/deliveries/${invoiced}/payments`, { paidOn: '2025-08-09', amountFen: 1_000 }); // 20 days from the invoice (30 from delivery)
    await post(`/api/v1/deliveries/${plain}/payments`, { paidOn: '2025-08-19', amountFen: 1_000 }); // 40 days from delivery
    expect((await get(`/api/v1/enterprises/${buyer.uscc}/payment-practice?half=2025H2`, strangerUser)).json()).toMatchObject({ deliveries: 2, paid: 2, avgDaysToPay: 30, sharePaidWithin30: 0.5, sharePaid31To60: 0.5 });
  });

  it('is 404 for an SME and 422 for a bad half-year', async () => {
    expect((await get(`/api/v1/enterprises/${supplierUscc}/payment-practice?half=2025H2`, strangerUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/enterprises/${buyerUscc}/payment-practice?half=2025H3`, strangerUser)).statusCode).toBe(422);
  });
});

describe('GET /api/v1/payment-practice', () => {
  it('ranks the region’s buyers for gov users only', async () => {
    const sz = (await get('/api/v1/payment-practice?half=2025H2', suzhou)).json().items.map((i: { buyer: { uscc: string } }) => i.buyer.uscc);
    expect(sz).toContain(buyerUscc);
    expect((await get('/api/v1/payment-practice?half=2025H2', wuxi)).json().items.map((i: { buyer: { uscc: string } }) => i.buyer.uscc)).not.toContain(buyerUscc);
    expect((await get('/api/v1/payment-practice?half=2025H2&region=320500', wuxi)).statusCode).toBe(422);
    expect((await get('/api/v1/payment-practice?half=2025H2', buyerUser)).statusCode).toBe(403);
  });
});
