import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { addDays } from './ledger.rules.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let bankA: Headers;
let bankB: Headers;
let tierSme: Headers;
let plainSme: Headers;
let hangzhouSme: Headers;
let govSz: Headers;
let govHz: Headers;
let buyer: Headers;
let tierUscc: string;
let buyerUscc: string;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PATCH', url: string, headers: Headers, payload: object) => app.inject({ method, url, headers, payload });

const product = (over: object = {}) => ({
  name: uniqueName('测试订单贷'), kind: 'order', minAmountFen: 100_000, maxAmountFen: 50_000_000, minRateBp: 300, maxRateBp: 450, minTermDays: 30, maxTermDays: 360,
  regionCodes: ['320500'], rules: { tierAtLeast: 'specialized', sizes: ['small', 'medium'] }, ...over,
});

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const bank = (n: string) => makeEnterprise(db, { regionCode: '320505', name: uniqueName(n), industryCode: 'J6621', employees: 3000, revenue: 900000, assets: 9000000 });
  const [a, b] = [await bank('苏州测试甲银行'), await bank('苏州测试乙银行')];
  const tiered = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试专精特新'), tags: ['specialized'] });
  const plain = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试普通企业') });
  const hz = await makeEnterprise(db, { regionCode: '330106', name: uniqueName('杭州测试企业'), tags: ['little_giant'] });
  const big = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试大企业'), employees: 5000, revenue: 900000, assets: 900000 });
  [tierUscc, buyerUscc] = [tiered.uscc, big.uscc];
  bankA = (await loginAs(app, db, { role: 'member', orgUscc: a.uscc, orgKind: 'bank' })).headers;
  bankB = (await loginAs(app, db, { role: 'member', orgUscc: b.uscc, orgKind: 'bank' })).headers;
  tierSme = (await loginAs(app, db, { role: 'member', orgUscc: tiered.uscc })).headers;
  plainSme = (await loginAs(app, db, { role: 'member', orgUscc: plain.uscc })).headers;
  hangzhouSme = (await loginAs(app, db, { role: 'member', orgUscc: hz.uscc })).headers;
  buyer = (await loginAs(app, db, { role: 'member', orgUscc: big.uscc })).headers;
  govSz = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  govHz = (await loginAs(app, db, { role: 'gov', regionCode: '330100' })).headers;
});

describe('bank products', () => {
  it('a bank publishes; SMEs of the region see it with their eligibility and reasons; others get 404', async () => {
    const created = await send('POST', '/api/v1/bank-products', bankA, product());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'active', eligibility: null, regionNames: ['江苏省苏州市'] });
    expect(created.json().ruleTexts).toHaveLength(3);

    const tiered = (await get(`/api/v1/bank-products/${id}`, tierSme)).json();
    expect(tiered.eligibility.isEligible).toBe(true);
    expect(tiered.eligibility.reasons.map((r: { key: string }) => r.key)).toEqual(['region', 'size', 'tier']);
    const plain = (await get(`/api/v1/bank-products/${id}`, plainSme)).json();
    expect(plain.eligibility.isEligible).toBe(false);
    expect(plain.eligibility.reasons.find((r: { key: string }) => r.key === 'tier')).toMatchObject({ passed: false, detail: '现有梯度：无' });

    const eligibleOnly = (await get('/api/v1/bank-products?isEligibleOnly=true&limit=200', plainSme)).json().items.map((p: { id: string }) => p.id);
    expect(eligibleOnly).not.toContain(id);
    expect((await get('/api/v1/bank-products?limit=200', plainSme)).json().items.map((p: { id: string }) => p.id)).toContain(id);

    // out of scope looks like not found
    expect((await get(`/api/v1/bank-products/${id}`, hangzhouSme)).statusCode).toBe(404);
    expect((await get(`/api/v1/bank-products/${id}`, bankB)).statusCode).toBe(404);
    expect((await get(`/api/v1/bank-products/${id}`, govHz)).statusCode).toBe(404);
    expect((await get(`/api/v1/bank-products/${id}`, govSz)).statusCode).toBe(200);
    expect((await send('PATCH', `/api/v1/bank-products/${id}`, bankB, { status: 'withdrawn' })).statusCode).toBe(404);
    expect((await get('/api/v1/bank-products?limit=200', bankB)).json().items.map((p: { id: string }) => p.id)).not.toContain(id);

    // withdrawn: SMEs no longer see it, the bank still does
    const withdrawn = await send('PATCH', `/api/v1/bank-products/${id}`, bankA, { status: 'withdrawn' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', name: created.json().name });
    expect((await get(`/api/v1/bank-products/${id}`, tierSme)).statusCode).toBe(404);
    expect((await get(`/api/v1/bank-products/${id}`, bankA)).statusCode).toBe(200);
  });

  it('a nationwide product serves every region; gov of any region sees it', async () => {
    const id = (await send('POST', '/api/v1/bank-products', bankA, product({ regionCodes: ['000000'], rules: {} }))).json().id;
    expect((await get(`/api/v1/bank-products/${id}`, hangzhouSme)).json().eligibility.isEligible).toBe(true);
    expect((await get(`/api/v1/bank-products/${id}`, govHz)).statusCode).toBe(200);
  });

  it('refuses non-banks, inverted ranges and unknown regions, naming the field; nothing is written', async () => {
    expect((await send('POST', '/api/v1/bank-products', tierSme, product())).statusCode).toBe(403);
    const inverted = await send('POST', '/api/v1/bank-products', bankA, product({ minAmountFen: 900, maxAmountFen: 100, regionCodes: ['329999'] }));
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['maxAmountFen', 'regionCodes.0']);
    expect((await send('POST', '/api/v1/bank-products', bankA, product({ minAmountFen: 1.5 }))).statusCode).toBe(422);
    const before = (await get('/api/v1/bank-products?limit=200', bankA)).json().items.length;
    const id = (await get('/api/v1/bank-products?limit=1', bankA)).json().items[0].id;
    expect((await send('PATCH', `/api/v1/bank-products/${id}`, bankA, { maxTermDays: 1 })).json().errors[0].path).toBe('maxTermDays');
    expect((await get('/api/v1/bank-products?limit=200', bankA)).json().items.length).toBe(before);
    expect((await get(`/api/v1/bank-products/${id}`, bankA)).json().maxTermDays).toBe(360);
  });

  it('an eligible SME applies into the financing flow addressed to the product’s bank; the bank offers; ineligible and out-of-range applications are 422', async () => {
    const id = (await send('POST', '/api/v1/bank-products', bankA, product())).json().id;
    const applied = await send('POST', `/api/v1/bank-products/${id}/apply`, tierSme, { amountFen: 2_000_000, termDays: 90, description: '订单备货' });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ kind: 'order', product: { id }, status: 'open', applicant: { uscc: tierUscc } });
    expect((await get(`/api/v1/financing-requests/${applied.json().id}`, bankB)).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/financing-requests/${applied.json().id}/offers`, bankA, { rateBp: 380, amountFen: 2_000_000, termDays: 90 })).statusCode).toBe(201);
    expect((await get(`/api/v1/bank-products/${id}`, bankA)).json().requestCount).toBe(1);

    const notEligible = await send('POST', `/api/v1/bank-products/${id}/apply`, plainSme, { amountFen: 2_000_000, termDays: 90 });
    expect(notEligible.statusCode).toBe(422);
    expect(notEligible.json().errors[0]).toMatchObject({ path: 'eligibility' });
    expect(notEligible.json().errors[0].message).toContain('专精特新');
    const outOfRange = await send('POST', `/api/v1/bank-products/${id}/apply`, tierSme, { amountFen: 99_000, termDays: 400 });
    expect(outOfRange.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['amountFen', 'termDays']);
    expect((await send('POST', `/api/v1/bank-products/${id}/apply`, hangzhouSme, { amountFen: 2_000_000, termDays: 90 })).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/bank-products/${id}/apply`, bankA, { amountFen: 2_000_000, termDays: 90 })).statusCode).toBe(403);
  });

  it('receivables and open complaints rules read the ledger: a voucher raises eligibility, an open complaint against a buyer fails it', async () => {
    const id = (await send('POST', '/api/v1/bank-products', bankA, product({ kind: 'receivable', rules: { minReceivablesFen: 500_000, isNoOpenComplaints: true } }))).json().id;
    const reason = async (h: Headers, key: string) => (await get(`/api/v1/bank-products/${id}`, h)).json().eligibility.reasons.find((r: { key: string }) => r.key === key);
    expect((await reason(tierSme, 'receivables')).passed).toBe(false);
    const c = (await send('POST', '/api/v1/contracts', tierSme, { buyerUscc, supplierUscc: tierUscc, amountFen: 1_000_000, termDays: 30, signedOn: '2025-07-01' })).json().id;
    const d = (await send('POST', `/api/v1/contracts/${c}/deliveries`, tierSme, { deliveredOn: addDays(businessDate(), -100), amountFen: 1_000_000 })).json().id;
    const v = (await send('POST', '/api/v1/vouchers', buyer, { deliveryId: d })).json().id;
    expect(await reason(tierSme, 'receivables')).toMatchObject({ passed: true, detail: '持有确权应收账款：1.00 万元' });
    // the receivable product needs a held voucher part
    expect((await send('POST', `/api/v1/bank-products/${id}/apply`, tierSme, { amountFen: 500_000, termDays: 60 })).json().errors[0].path).toBe('voucherId');
    expect((await send('POST', `/api/v1/bank-products/${id}/apply`, tierSme, { amountFen: 500_000, termDays: 60, voucherId: v })).statusCode).toBe(201);

    const complaint = await send('POST', '/api/v1/complaints', tierSme, { deliveryId: d, description: '逾期未付货款一百天' });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const buyerProduct = (await send('POST', '/api/v1/bank-products', bankA, product({ rules: { isNoOpenComplaints: true } }))).json().id;
    const buyerView = (await get(`/api/v1/bank-products/${buyerProduct}`, buyer)).json();
    expect(buyerView.eligibility.reasons.find((r: { key: string }) => r.key === 'complaints')).toMatchObject({ passed: false, detail: '未办结投诉：1 件' });
  });

  it('exports the catalogue with the SME’s eligibility and writes audit entries', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/bank-products/export', headers: plainSme });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('银行金融产品')!;
    expect(sheet.rowCount).toBeGreaterThan(1);
    expect(String(sheet.getRow(2).getCell(11).value)).toMatch(/符合/);
    const audit = await db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'bank_product').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['bank_product.create', 'bank_product.update']));
  });
});
