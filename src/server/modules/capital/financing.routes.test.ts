import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { addDays } from './ledger.rules.js';

type Headers = { authorization: string };
let app: App;
let buyerUser: Headers;
let smeUser: Headers;
let otherSmeUser: Headers;
let bankA: Headers;
let bankB: Headers;
let buyerUscc: string;
let smeUscc: string;
let bankAUscc: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });

beforeAll(async () => {
  const created = await createTestApp();
  app = created.app;
  const db = created.db;
  const buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试慢付大企业'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
  const sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试融资企业') });
  const otherSme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试另一企业') });
  const a = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试甲银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  const b = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州测试乙银行'), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  [buyerUscc, smeUscc, bankAUscc] = [buyer.uscc, sme.uscc, a.uscc];
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherSmeUser = (await loginAs(app, db, { role: 'member', orgUscc: otherSme.uscc })).headers;
  bankA = (await loginAs(app, db, { role: 'member', orgUscc: a.uscc, orgKind: 'bank' })).headers;
  bankB = (await loginAs(app, db, { role: 'member', orgUscc: b.uscc, orgKind: 'bank' })).headers;
});

async function heldVoucher(): Promise<string> {
  const c = (await post('/api/v1/contracts', smeUser, { buyerUscc, supplierUscc: smeUscc, amountFen: 1_000_000, termDays: 30, signedOn: '2025-07-01' })).json().id;
  const d = (await post(`/api/v1/contracts/${c}/deliveries`, smeUser, { deliveredOn: addDays(businessDate(), -100), amountFen: 1_000_000 })).json().id;
  return (await post('/api/v1/vouchers', buyerUser, { deliveryId: d })).json().id;
}

describe('financing requests', () => {
  it('a bank sees only requests addressed to it or open to all banks', async () => {
    const v1 = await heldVoucher();
    const v2 = await heldVoucher();
    const addressed = await post('/api/v1/financing-requests', smeUser, { kind: 'receivable', voucherId: v1, amountFen: 900_000, termDays: 90, bankUscc: bankAUscc });
    expect(addressed.statusCode, addressed.body).toBe(201);
    const open = (await post('/api/v1/financing-requests', smeUser, { kind: 'receivable', voucherId: v2, amountFen: 1_000_000, termDays: 90 })).json();
    expect((await get(`/api/v1/financing-requests/${addressed.json().id}`, bankA)).statusCode).toBe(200);
    expect((await get(`/api/v1/financing-requests/${addressed.json().id}`, bankB)).statusCode).toBe(404);
    expect((await get(`/api/v1/financing-requests/${open.id}`, bankB)).statusCode).toBe(200);
    expect((await get(`/api/v1/financing-requests/${open.id}`, otherSmeUser)).statusCode).toBe(404);
    const listB = (await get('/api/v1/financing-requests?limit=500', bankB)).json().items.map((r: { id: string }) => r.id);
    expect(listB).toContain(open.id);
    expect(listB).not.toContain(addressed.json().id);
    expect((await post(`/api/v1/financing-requests/${addressed.json().id}/offers`, bankB, { rateBp: 380, amountFen: 900_000, termDays: 90 })).statusCode).toBe(404);
  });

  it('banks offer once each; the SME accepts one and the voucher part is financed at that bank; the obligor’s late record is flagged', async () => {
    const v = await heldVoucher();
    const r = (await post('/api/v1/financing-requests', smeUser, { kind: 'receivable', voucherId: v, amountFen: 1_000_000, termDays: 90 })).json();
    expect(r).toMatchObject({ obligor: { uscc: buyerUscc }, obligorShareLate: 1, isObligorFlagged: true });
    expect((await post(`/api/v1/financing-requests/${r.id}/offers`, bankA, { rateBp: 365, amountFen: 950_000, termDays: 90 })).statusCode).toBe(201);
    expect((await post(`/api/v1/financing-requests/${r.id}/offers`, bankA, { rateBp: 360, amountFen: 950_000, termDays: 90 })).statusCode).toBe(409);
    const both = (await post(`/api/v1/financing-requests/${r.id}/offers`, bankB, { rateBp: 420, amountFen: 1_000_000, termDays: 60 })).json();
    expect(both.offers.map((o: { bank: { uscc: string } }) => o.bank.uscc)).not.toContain(bankAUscc); // a bank sees only its own offer
    const mine = (await get(`/api/v1/financing-requests/${r.id}`, smeUser)).json();
    expect(mine.offers).toHaveLength(2);
    const offerA = mine.offers.find((o: { bank: { uscc: string } }) => o.bank.uscc === bankAUscc).id;
    expect((await post(`/api/v1/financing-requests/${r.id}/accept`, bankA, { offerId: offerA })).statusCode).toBe(403);
    const accepted = await post(`/api/v1/financing-requests/${r.id}/accept`, smeUser, { offerId: offerA });
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect(accepted.json().offers.map((o: { status: string }) => o.status).sort()).toEqual(['accepted', 'declined']);
    expect((await get(`/api/v1/vouchers/${v}`, bankA)).json()).toMatchObject({ status: 'financed', bank: { uscc: bankAUscc } });
    expect((await post(`/api/v1/financing-requests/${r.id}/offers`, bankB, { rateBp: 300, amountFen: 1, termDays: 1 })).statusCode).toBe(409);
  });

  it('refuses a part the applicant does not hold, an amount above the part, and banks as applicants', async () => {
    const v = await heldVoucher();
    expect((await post('/api/v1/financing-requests', otherSmeUser, { kind: 'receivable', voucherId: v, amountFen: 1, termDays: 30 })).json().errors[0].path).toBe('voucherId');
    expect((await post('/api/v1/financing-requests', smeUser, { kind: 'receivable', voucherId: v, amountFen: 1_000_001, termDays: 30 })).json().errors[0].path).toBe('amountFen');
    expect((await post('/api/v1/financing-requests', bankA, { kind: 'order', amountFen: 1, termDays: 30 })).statusCode).toBe(403);
    expect((await post('/api/v1/financing-requests', smeUser, { kind: 'order', amountFen: 500_000, termDays: 30, description: '订单融资' })).statusCode).toBe(201);
  });
});
