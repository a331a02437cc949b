import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let buyer: Awaited<ReturnType<typeof makeEnterprise>>;
let agency: Awaited<ReturnType<typeof makeEnterprise>>;
let supplier: Awaited<ReturnType<typeof makeEnterprise>>;
let otherSupplier: Awaited<ReturnType<typeof makeEnterprise>>;
let buyerUser: Headers;
let agencyUser: Headers;
let supplierUser: Headers;
let otherSupplierUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let expert: Headers;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试整车'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
  agency = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试事业单位'), industryCode: 'M7320', employees: 80, revenue: 3000, assets: 5000 });
  supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试线束') });
  otherSupplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试冲压') });
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  agencyUser = (await loginAs(app, db, { role: 'member', orgUscc: agency.uscc, orgKind: 'government' })).headers;
  supplierUser = (await loginAs(app, db, { role: 'member', orgUscc: supplier.uscc })).headers;
  otherSupplierUser = (await loginAs(app, db, { role: 'member', orgUscc: otherSupplier.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });

async function contract(headers: Headers, extra: object = {}): Promise<string> {
  const r = await post('/api/v1/contracts', headers, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: 10_000_000, termDays: 0, signedOn: '2025-06-01', ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function delivery(contractId: string, headers: Headers, payload: object = { deliveredOn: '2025-06-10', amountFen: 10_000_000 }): Promise<string> {
  const r = await post(`/api/v1/contracts/${contractId}/deliveries`, headers, payload);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('POST /api/v1/contracts', () => {
  it('takes the buyer type from the registry and returns flags with the rule cited', async () => {
    const r = await post('/api/v1/contracts', buyerUser, {
      buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: 5_000_000, termDays: 120, signedOn: '2025-07-01', clauses: ['甲方收到业主付款后支付乙方货款'],
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({
      id: expect.any(String),
      flags: [
        expect.objectContaining({ code: 'term_over_max', rule: '《条例》（2025）第九条', message: expect.stringContaining('120') }),
        expect.objectContaining({ code: 'pay_when_paid', rule: '《条例》（2025）第九条第二款', severity: 'violation' }),
      ],
    });
    const view = (await get(`/api/v1/contracts/${r.json().id}`, supplierUser)).json();
    expect(view).toMatchObject({ buyerType: 'large', isSupplierSme: true, ruleVersion: '2025', flags: [{ code: 'term_over_max' }, { code: 'pay_when_paid' }] });
    const row = await db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_type', '=', 'payable_contract').where('entity_key', '=', r.json().id).executeTakeFirstOrThrow();
    expect(row.action).toBe('contract.create');
  });

  it('treats an organisation of kind government as a 机关/事业单位 buyer', async () => {
    const r = await post('/api/v1/contracts', agencyUser, { buyerUscc: agency.uscc, supplierUscc: supplier.uscc, amountFen: 1_000_000, termDays: 90, signedOn: '2025-07-01' });
    expect(r.json().flags).toEqual([expect.objectContaining({ code: 'term_over_max', severity: 'violation' })]);
    const d = await delivery(r.json().id, agencyUser, { deliveredOn: '2025-07-02', amountFen: 1_000_000 });
    const view = (await get(`/api/v1/deliveries/${d}`, agencyUser)).json();
    expect(view.dueOn).toBe('2025-08-31'); // capped at 60 days
    expect(view.dueBasis).toContain('机关、事业单位');
  });

  it('rejects amounts ≤ 0 or not integer fen, bad codes and one party twice, naming the fields', async () => {
    for (const amountFen of [0, -5, 10.5]) {
      const r = await post('/api/v1/contracts', buyerUser, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen, termDays: 30, signedOn: '2025-07-01' });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors[0].path).toBe('amountFen');
    }
    const bad = await post('/api/v1/contracts', buyerUser, { buyerUscc: 'X', supplierUscc: buyer.uscc, amountFen: 1, termDays: 30, signedOn: '2025-02-30' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('signedOn');
    const twice = await post('/api/v1/contracts', buyerUser, { buyerUscc: buyer.uscc, supplierUscc: buyer.uscc, amountFen: 1, termDays: 30, signedOn: '2025-07-01' });
    expect(twice.json().errors).toEqual([{ path: 'supplierUscc', message: expect.any(String) }]);
  });

  it('lets members enter only contracts of their own enterprise, gov only in region, experts never', async () => {
    const stranger = await post('/api/v1/contracts', otherSupplierUser, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: 1, termDays: 30, signedOn: '2025-07-01' });
    expect(stranger.statusCode).toBe(422);
    expect((await post('/api/v1/contracts', wuxi, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: 1, termDays: 30, signedOn: '2025-07-01' })).statusCode).toBe(422);
    expect((await post('/api/v1/contracts', suzhou, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: 1, termDays: 30, signedOn: '2025-07-01' })).statusCode).toBe(201);
    expect((await post('/api/v1/contracts', expert, { buyerUscc: buyer.uscc, supplierUscc: supplier.uscc, amountFen: 1, termDays: 30, signedOn: '2025-07-01' })).statusCode).toBe(403);
  });
});

describe('deliveries, acceptance and payments', () => {
  it('computes the legal due date, days late and interest as of a date', async () => {
    const c = await contract(supplierUser);
    const d = await delivery(c, supplierUser);
    const r = await get(`/api/v1/deliveries/${d}?asOf=2025-08-19`, buyerUser);
    expect(r.statusCode).toBe(200);
    // large buyer, 2025 §9: 60 days from delivery; 10 days late on 100,000 元 at 0.05%/day = 500 元.
    expect(r.json()).toMatchObject({ dueOn: '2025-08-09', daysLate: 10, interestFen: 50_000, owedFen: 10_000_000, isOverdue: true });
    expect(r.json().dueBasis).toContain('《条例》（2025）第九条');
  });

  it('takes partial payments, counts the late part, and refuses payments above what is owed', async () => {
    const c = await contract(buyerUser);
    const d = await delivery(c, buyerUser, { deliveredOn: '2025-06-10', amountFen: 1_000_000 });
    const paid = await post(`/api/v1/deliveries/${d}/payments`, buyerUser, { paidOn: '2025-08-19', amountFen: 400_000 });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().payments).toEqual([{ id: expect.any(String), paidOn: '2025-08-19', amountFen: 400_000, daysLate: 10 }]);
    const over = await post(`/api/v1/deliveries/${d}/payments`, buyerUser, { paidOn: '2025-08-20', amountFen: 600_001 });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors[0].path).toBe('amountFen');
    const view = (await get(`/api/v1/deliveries/${d}?asOf=2025-08-29`, supplierUser)).json();
    expect(view).toMatchObject({ daysLate: 20, interestFen: 8_000, owedFen: 600_000, paidFen: 400_000 });
    const rest = await post(`/api/v1/deliveries/${d}/payments`, supplierUser, { paidOn: '2025-08-29', amountFen: 600_000 });
    expect(rest.json()).toMatchObject({ owedFen: 0, daysLate: 20, interestFen: 8_000, isOverdue: false });
    const history = (await get(`/api/v1/deliveries/${d}/history`, buyerUser)).json().items.map((e: { action: string }) => e.action);
    expect(history).toEqual(['payment.create', 'payment.create', 'delivery.create']);
  });

  it('moves the due date to the acceptance date within the period, and only the buyer accepts', async () => {
    const c = await contract(buyerUser, { acceptanceDays: 15, termDays: 30 });
    const d = await delivery(c, supplierUser);
    expect((await get(`/api/v1/deliveries/${d}`, buyerUser)).json().dueOn).toBe('2025-07-25'); // 06-10 + 15 + 30
    expect((await post(`/api/v1/deliveries/${d}/accept`, supplierUser, { acceptedOn: '2025-06-15' })).statusCode).toBe(403);
    expect((await post(`/api/v1/deliveries/${d}/accept`, buyerUser, { acceptedOn: '2025-06-09' })).statusCode).toBe(422);
    const ok = await post(`/api/v1/deliveries/${d}/accept`, buyerUser, { acceptedOn: '2025-06-15' });
    expect(ok.json()).toMatchObject({ acceptedOn: '2025-06-15', dueOn: '2025-07-15' });
    expect((await post(`/api/v1/deliveries/${d}/accept`, buyerUser, { acceptedOn: '2025-06-16' })).statusCode).toBe(409);
  });

  it('records the invoice date of a delivery, and refuses one before the contract naming the field', async () => {
    const c = await contract(supplierUser);
    const d = await delivery(c, supplierUser, { deliveredOn: '2025-06-10', amountFen: 1_000_000, invoicedOn: '2025-06-12' });
    expect((await get(`/api/v1/deliveries/${d}`, buyerUser)).json()).toMatchObject({ deliveredOn: '2025-06-10', invoicedOn: '2025-06-12' });
    const early = await post(`/api/v1/contracts/${c}/deliveries`, supplierUser, { deliveredOn: '2025-06-10', amountFen: 1, invoicedOn: '2025-05-31' });
    expect(early.statusCode).toBe(422);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json().errors[0].path).toBe('invoicedOn');
  });

  it('refuses dates before the contract and deliveries beyond the contract amount', async () => {
    const c = await contract(buyerUser);
    const early = await post(`/api/v1/contracts/${c}/deliveries`, buyerUser, { deliveredOn: '2025-05-31', amountFen: 1 });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0].path).toBe('deliveredOn');
    const d = await delivery(c, buyerUser, { deliveredOn: '2025-06-10', amountFen: 9_000_000 });
    const beyond = await post(`/api/v1/contracts/${c}/deliveries`, buyerUser, { deliveredOn: '2025-06-11', amountFen: 1_000_001 });
    expect(beyond.json().errors[0].path).toBe('amountFen');
    const payEarly = await post(`/api/v1/deliveries/${d}/payments`, buyerUser, { paidOn: '2025-05-01', amountFen: 1 });
    expect(payEarly.statusCode).toBe(422);
    expect(payEarly.json().errors[0].path).toBe('paidOn');
    expect((await post(`/api/v1/deliveries/${d}/payments`, buyerUser, { paidOn: '2025-07-01', amountFen: 0 })).statusCode).toBe(422);
  });
});

describe('scope', () => {
  it('never shows a supplier another supplier’s ledger: 404 and absent from lists', async () => {
    const c = await contract(buyerUser);
    const d = await delivery(c, buyerUser);
    expect((await get(`/api/v1/contracts/${c}`, otherSupplierUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/deliveries/${d}`, otherSupplierUser)).statusCode).toBe(404);
    expect((await post(`/api/v1/deliveries/${d}/payments`, otherSupplierUser, { paidOn: '2025-07-01', amountFen: 1 })).statusCode).toBe(404);
    expect((await post(`/api/v1/contracts/${c}/deliveries`, otherSupplierUser, { deliveredOn: '2025-07-01', amountFen: 1 })).statusCode).toBe(404);
    const theirs = (await get('/api/v1/deliveries?limit=500', otherSupplierUser)).json().items.map((i: { id: string }) => i.id);
    expect(theirs).not.toContain(d);
    expect((await get('/api/v1/deliveries?limit=500', supplierUser)).json().items.map((i: { id: string }) => i.id)).toContain(d);
    expect((await get(`/api/v1/deliveries/${d}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/deliveries/${d}`, suzhou)).statusCode).toBe(200);
    expect((await get(`/api/v1/deliveries/${d}`, expert)).statusCode).toBe(404);
    expect((await get('/api/v1/deliveries/abc', buyerUser)).statusCode).toBe(404);
  });

  it('lists the buyer’s overdue rows and exports them to Excel', async () => {
    const c = await contract(buyerUser);
    const d = await delivery(c, buyerUser);
    const overdue = (await get('/api/v1/deliveries?side=buyer&status=overdue&limit=500', buyerUser)).json();
    expect(overdue.items.find((i: { id: string }) => i.id === d)).toMatchObject({ isOverdue: true, dueOn: '2025-08-09' });
    const file = await get('/api/v1/deliveries/export?side=buyer', buyerUser);
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ids = book.getWorksheet('应付账款台账')!.getColumn(1).values.map((v) => String(v));
    expect(ids).toContain(d);
  });
});
