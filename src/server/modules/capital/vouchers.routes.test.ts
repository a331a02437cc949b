import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let buyerUser: Headers;
let supplierUser: Headers;
let upstreamUser: Headers;
let strangerUser: Headers;
let bankUser: Headers;
let otherBankUser: Headers;
let wuxi: Headers;
let buyerUscc: string;
let supplierUscc: string;
let upstreamUscc: string;
let bankUscc: string;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试主机厂'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
  const supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试一级供应商') });
  const upstream = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试二级供应商') });
  const stranger = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试无关企业') });
  const bank = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试农商银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  const otherBank = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试城商银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  [buyerUscc, supplierUscc, upstreamUscc, bankUscc] = [buyer.uscc, supplier.uscc, upstream.uscc, bank.uscc];
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  supplierUser = (await loginAs(app, db, { role: 'member', orgUscc: supplier.uscc })).headers;
  upstreamUser = (await loginAs(app, db, { role: 'member', orgUscc: upstream.uscc })).headers;
  strangerUser = (await loginAs(app, db, { role: 'member', orgUscc: stranger.uscc })).headers;
  bankUser = (await loginAs(app, db, { role: 'member', orgUscc: bank.uscc, orgKind: 'bank' })).headers;
  otherBankUser = (await loginAs(app, db, { role: 'member', orgUscc: otherBank.uscc, orgKind: 'bank' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });

async function confirmed(amountFen = 1_000_000): Promise<{ id: string; deliveryId: string }> {
  const c = await post('/api/v1/contracts', supplierUser, { buyerUscc, supplierUscc, amountFen, termDays: 60, signedOn: '2025-07-01' });
  const d = await post(`/api/v1/contracts/${c.json().id}/deliveries`, supplierUser, { deliveredOn: '2025-07-05', amountFen });
  const v = await post('/api/v1/vouchers', buyerUser, { deliveryId: d.json().id });
  expect(v.statusCode, v.body).toBe(201);
  return { id: v.json().id, deliveryId: d.json().id };
}

describe('POST /api/v1/vouchers', () => {
  it('lets the buyer confirm the unpaid amount once, due on the legal due date', async () => {
    const c = await post('/api/v1/contracts', buyerUser, { buyerUscc, supplierUscc, amountFen: 1_000_000, termDays: 60, signedOn: '2025-07-01' });
    const d = (await post(`/api/v1/contracts/${c.json().id}/deliveries`, buyerUser, { deliveredOn: '2025-07-05', amountFen: 1_000_000 })).json().id;
    await post(`/api/v1/deliveries/${d}/payments`, buyerUser, { paidOn: '2025-07-10', amountFen: 250_000 });
    expect((await post('/api/v1/vouchers', supplierUser, { deliveryId: d })).statusCode).toBe(403);
    const v = await post('/api/v1/vouchers', buyerUser, { deliveryId: d });
    expect(v.statusCode).toBe(201);
    expect(v.json()).toMatchObject({ id: expect.any(String), amountFen: 750_000, dueOn: '2025-09-03', status: 'held', holder: { uscc: supplierUscc }, obligor: { uscc: buyerUscc } });
    expect((await post('/api/v1/vouchers', buyerUser, { deliveryId: d })).statusCode).toBe(409);
    expect((await post('/api/v1/vouchers', strangerUser, { deliveryId: d })).statusCode).toBe(404);
  });
});

describe('split, transfer, finance', () => {
  it('splits into parts that sum to the amount, and refuses other sums and bad amounts with 422', async () => {
    const { id } = await confirmed();
    for (const parts of [[600_000, 300_000], [1_000_000, 0], [500_000.5, 499_999.5], [1_000_000]]) {
      const r = await post(`/api/v1/vouchers/${id}/split`, supplierUser, { parts });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors[0].path).toMatch(/^parts/);
    }
    const r = await post(`/api/v1/vouchers/${id}/split`, supplierUser, { parts: [600_000, 400_000] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ parts: [{ id: expect.any(String), amountFen: 600_000 }, { id: expect.any(String), amountFen: 400_000 }] });
    expect((await post(`/api/v1/vouchers/${id}/split`, supplierUser, { parts: [500_000, 500_000] })).statusCode).toBe(409);
  });

  it('transfers a part up the chain once; transferring or financing it again is 409', async () => {
    const { id } = await confirmed();
    const [a, b] = (await post(`/api/v1/vouchers/${id}/split`, supplierUser, { parts: [700_000, 300_000] })).json().parts;
    const moved = await post(`/api/v1/vouchers/${a.id}/transfer`, supplierUser, { toUscc: upstreamUscc });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ amountFen: 700_000, holder: { uscc: upstreamUscc }, origin: 'transfer', parentId: a.id });
    expect((await post(`/api/v1/vouchers/${a.id}/transfer`, supplierUser, { toUscc: upstreamUscc })).statusCode).toBe(409);
    expect((await post(`/api/v1/vouchers/${a.id}/finance`, supplierUser, { bankUscc })).statusCode).toBe(409);
    // the receiver may pass its part on or finance it
    expect((await post(`/api/v1/vouchers/${moved.json().id}/finance`, upstreamUser, { bankUscc })).json()).toMatchObject({ status: 'financed', bank: { uscc: bankUscc } });
    // the old holder no longer holds it: it sees the parent, not the new part
    expect((await post(`/api/v1/vouchers/${moved.json().id}/transfer`, supplierUser, { toUscc: supplierUscc })).statusCode).toBe(404);
    expect((await post(`/api/v1/vouchers/${b.id}/finance`, supplierUser, { bankUscc: upstreamUscc })).statusCode).toBe(422);
    expect((await post(`/api/v1/vouchers/${b.id}/transfer`, supplierUser, { toUscc: supplierUscc })).statusCode).toBe(422);
    expect((await post(`/api/v1/vouchers/${b.id}/transfer`, buyerUser, { toUscc: upstreamUscc })).statusCode).toBe(403);
    const history = (await get(`/api/v1/vouchers/${a.id}/history`, supplierUser)).json().items.map((e: { action: string }) => e.action);
    expect(history).toEqual(['voucher.transfer', 'voucher.create']);
  });
});

describe('scope', () => {
  it('a bank sees only parts financed at it; strangers and other regions get 404', async () => {
    const { id } = await confirmed();
    expect((await get(`/api/v1/vouchers/${id}`, bankUser)).statusCode).toBe(404);
    await post(`/api/v1/vouchers/${id}/finance`, supplierUser, { bankUscc });
    expect((await get(`/api/v1/vouchers/${id}`, bankUser)).json().status).toBe('financed');
    expect((await get(`/api/v1/vouchers/${id}`, otherBankUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/vouchers/${id}`, strangerUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/vouchers/${id}`, wuxi)).statusCode).toBe(404);
    expect((await get('/api/v1/vouchers?limit=500', otherBankUser)).json().items.map((v: { id: string }) => v.id)).not.toContain(id);
    expect((await get('/api/v1/vouchers?limit=500', buyerUser)).json().items.map((v: { id: string }) => v.id)).toContain(id);
  });
});
