import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';
import { addDays } from './ledger.rules.js';

type Headers = { authorization: string };
let app: App;
let buyerUscc: string;
let supplierUscc: string;
let buyerUser: Headers;
let supplierUser: Headers;
let strangerUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let contractId: string;

beforeAll(async () => {
  const created = await createTestApp();
  app = created.app;
  const db = created.db;
  const buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州测试欠款大企业'), industryCode: 'C3612', employees: 5000, revenue: 900000, assets: 900000 });
  const supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试被欠款企业') });
  const stranger = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州测试旁观企业') });
  [buyerUscc, supplierUscc] = [buyer.uscc, supplier.uscc];
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  supplierUser = (await loginAs(app, db, { role: 'member', orgUscc: supplier.uscc })).headers;
  strangerUser = (await loginAs(app, db, { role: 'member', orgUscc: stranger.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  contractId = (await post('/api/v1/contracts', supplierUser, { buyerUscc, supplierUscc, amountFen: 10_000_000, termDays: 0, signedOn: '2025-06-01' })).json().id;
});

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object) => app.inject({ method: 'POST', url, headers, payload });

async function delivery(deliveredOn: string): Promise<string> {
  return (await post(`/api/v1/contracts/${contractId}/deliveries`, supplierUser, { deliveredOn, amountFen: 1_000_000 })).json().id;
}

describe('POST /api/v1/complaints', () => {
  it('lets the supplier of a late delivery file once, with evidence, to the buyer’s region', async () => {
    const d = await delivery('2025-06-10');
    const r = await post('/api/v1/complaints', supplierUser, { deliveryId: d, description: '货款逾期一年以上未付，多次催告无果', evidence: ['送货单 2025-06-10', '催款函'] });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'submitted', filedOn: businessDate(), acceptDueOn: addDays(businessDate(), 7), evidence: ['送货单 2025-06-10', '催款函'], buyer: { uscc: buyerUscc } });
    expect(r.json().claimedFen).toBeGreaterThan(1_000_000);
    expect((await post('/api/v1/complaints', supplierUser, { deliveryId: d, description: '再次投诉同一笔款项' })).statusCode).toBe(409);
    expect((await post('/api/v1/complaints', buyerUser, { deliveryId: d, description: '买方不能投诉自己' })).statusCode).toBe(403);
    expect((await post('/api/v1/complaints', strangerUser, { deliveryId: d, description: '无关企业投诉他人' })).statusCode).toBe(404);
  });

  it('notifies the gov users of the buyer’s district and city and the buyer’s members in the same write; the SME when it is accepted', async () => {
    const d = await delivery('2025-06-12');
    const id = (await post('/api/v1/complaints', supplierUser, { deliveryId: d, description: '货款逾期，催告无果' })).json().id;
    const about = async (headers: Headers) => ((await get('/api/v1/notifications?limit=100', headers)).json().items as { kind: string; entityKey: string; params: Record<string, unknown>; link: string }[]).filter((n) => n.entityKey === id);
    expect(await about(suzhou)).toMatchObject([{ kind: 'complaint.filed', link: '/finance/complaints', params: { dueOn: addDays(businessDate(), 7) } }]);
    expect(await about(buyerUser)).toMatchObject([{ kind: 'complaint.named' }]);
    for (const headers of [wuxi, strangerUser, supplierUser]) expect(await about(headers)).toEqual([]);
    expect((await post(`/api/v1/complaints/${id}/accept`, suzhou, {})).statusCode).toBe(200);
    expect(await about(supplierUser)).toMatchObject([{ kind: 'complaint.decided', params: { status: 'accepted' } }]);
  });

  it('refuses a delivery that is not late', async () => {
    const d = await delivery(businessDate());
    const r = await post('/api/v1/complaints', supplierUser, { deliveryId: d, description: '尚未到期的款项' });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('deliveryId');
  });
});

describe('handling', () => {
  it('goes submitted → accepted (30 days) → buyer response → extended once (90 days) → resolved, each step audited', async () => {
    const d = await delivery('2025-07-01');
    const id = (await post('/api/v1/complaints', supplierUser, { deliveryId: d, description: '货款逾期未付，请求督促支付' })).json().id;
    expect((await post(`/api/v1/complaints/${id}/accept`, wuxi, {})).statusCode).toBe(404);
    expect((await post(`/api/v1/complaints/${id}/accept`, buyerUser, {})).statusCode).toBe(403);
    expect((await post(`/api/v1/complaints/${id}/resolve`, suzhou, { text: '未受理不能办结' })).statusCode).toBe(409);
    const accepted = await post(`/api/v1/complaints/${id}/accept`, suzhou, {});
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedOn: businessDate(), resultDueOn: addDays(businessDate(), 30) });
    expect((await post(`/api/v1/complaints/${id}/respond`, buyerUser, { text: '已安排本月底前付清' })).json().buyerResponse).toBe('已安排本月底前付清');
    expect((await post(`/api/v1/complaints/${id}/extend`, suzhou, {})).statusCode).toBe(422);
    expect((await post(`/api/v1/complaints/${id}/extend`, suzhou, { text: '需调取双方对账记录' })).json()).toMatchObject({ isExtended: true, resultDueOn: addDays(businessDate(), 90) });
    expect((await post(`/api/v1/complaints/${id}/extend`, suzhou, { text: '再次延期' })).statusCode).toBe(409);
    expect((await post(`/api/v1/complaints/${id}/resolve`, suzhou, { text: '经督促，买方已承诺付清并支付逾期利息' })).json()).toMatchObject({ status: 'resolved', closedOn: businessDate() });
    const history = (await get(`/api/v1/complaints/${id}/history`, supplierUser)).json().items.map((e: { action: string }) => e.action);
    expect(history).toEqual(['complaint.resolve', 'complaint.extend', 'complaint.respond', 'complaint.accept', 'complaint.file']);
  });

  it('shows complaints to the parties and the region only, and counts them in the buyer’s payment record', async () => {
    const d = await delivery('2025-08-01');
    const id = (await post('/api/v1/complaints', supplierUser, { deliveryId: d, description: '货款逾期未付' })).json().id;
    for (const [who, status] of [[supplierUser, 200], [buyerUser, 200], [suzhou, 200], [wuxi, 404], [strangerUser, 404]] as const) {
      expect((await get(`/api/v1/complaints/${id}`, who)).statusCode).toBe(status);
    }
    const half = `${businessDate().slice(0, 4)}H${Number(businessDate().slice(5, 7)) <= 6 ? 1 : 2}`;
    expect((await get(`/api/v1/enterprises/${buyerUscc}/payment-practice?half=${half}`, strangerUser)).json().complaints).toBeGreaterThanOrEqual(2);
  });
});

describe('/api/v1/complaints/{id}/files', () => {
  const upload = (id: string, headers: Headers, bytes: Buffer, name: string) => {
    const body = multipartBody(bytes, name);
    return app.inject({ method: 'POST', url: `/api/v1/complaints/${id}/files`, headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const pdf = Buffer.from('%PDF-1.4\n催款函 2025-09-01\n%%EOF\n');

  it('the complainant attaches evidence; gov of the region and the buyer (while it may respond) download it; others get 404', async () => {
    const d = await delivery('2025-06-12');
    const c = (await post('/api/v1/complaints', supplierUser, { deliveryId: d, description: '逾期未付，附催款函' })).json();
    const r = await upload(c.id, supplierUser, pdf, '催款函.pdf');
    expect(r.statusCode, r.body).toBe(201);
    const file = r.json();
    expect(file).toMatchObject({ name: '催款函.pdf', sizeBytes: pdf.length });
    for (const h of [supplierUser, suzhou, buyerUser]) {
      expect((await get(`/api/v1/complaints/${c.id}/files`, h)).json().items.map((f: { id: string }) => f.id)).toEqual([file.id]);
      const dl = await get(`/api/v1/complaints/${c.id}/files/${file.id}`, h);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(pdf)).toBe(true);
    }
    for (const h of [strangerUser, wuxi]) {
      expect((await get(`/api/v1/complaints/${c.id}/files`, h)).statusCode).toBe(404);
      expect((await get(`/api/v1/complaints/${c.id}/files/${file.id}`, h)).statusCode).toBe(404);
      expect((await upload(c.id, h, pdf, 'x.pdf')).statusCode).toBe(404);
    }
    expect((await upload(c.id, buyerUser, pdf, '答复.pdf')).statusCode).toBe(403);
    expect((await upload(c.id, supplierUser, Buffer.from('MZ not a pdf'), 'evil.pdf')).statusCode).toBe(415);
    const audit = await get(`/api/v1/complaints/${c.id}/history`, suzhou);
    expect(audit.json().items.map((i: { action: string }) => i.action)).toContain('complaint.file_add');

    // Once closed, the buyer no longer reads the evidence and nothing more is attached; the handler still does.
    await post(`/api/v1/complaints/${c.id}/reject`, suzhou, { text: '证据不足，不予受理' });
    expect((await get(`/api/v1/complaints/${c.id}/files/${file.id}`, buyerUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/complaints/${c.id}/files/${file.id}`, suzhou)).statusCode).toBe(200);
    expect((await upload(c.id, supplierUser, pdf, '补充.pdf')).statusCode).toBe(409);
  });

  it('a file of another complaint is 404', async () => {
    const a = (await post('/api/v1/complaints', supplierUser, { deliveryId: await delivery('2025-06-13'), description: '第一笔逾期款项' })).json();
    const b = (await post('/api/v1/complaints', supplierUser, { deliveryId: await delivery('2025-06-14'), description: '第二笔逾期款项' })).json();
    const file = (await upload(a.id, supplierUser, pdf, 'a.pdf')).json();
    expect((await get(`/api/v1/complaints/${b.id}/files/${file.id}`, supplierUser)).statusCode).toBe(404);
  });
});
