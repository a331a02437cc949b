import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueUscc } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

let app: App;
let db: Db;
type Headers = { authorization: string };
let admin: Headers;
let govSuzhou: Headers;
let govShenzhen: Headers;
let expert: Headers;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  govSuzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  govShenzhen = (await loginAs(app, db, { role: 'gov', regionCode: '440300' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

async function upload(headers: Headers, csv: string, options: { dryRun: boolean; isPrivate?: boolean }) {
  const body = multipartBody(Buffer.from(csv), 'suppliers.csv', options.isPrivate ? { isPrivate: 'true' } : {});
  return app.inject({ method: 'POST', url: `/api/v1/supply-edges/import?dryRun=${options.dryRun}`, headers: { ...headers, ...body.headers }, payload: body.payload });
}

async function edgeCount(customerId: string): Promise<number> {
  const row = await db.selectFrom('supply_edges').select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /api/v1/supply-edges/import', () => {
  it('names each bad row and column in a dry run, refuses the commit, then writes the fixed list in full', async () => {
    const customer = await makeEnterprise(db, { regionCode: '320505' });
    const supplierA = await makeEnterprise(db, { regionCode: '320506' });
    const supplierB = await makeEnterprise(db, { regionCode: '440305' });
    const unknown = uniqueUscc('320505');
    const malformed = `${customer.uscc.slice(0, 17)}${customer.uscc[17] === '0' ? '1' : '0'}`;
    const header = 'supplier_uscc,customer_uscc,product,share,since,source,supplier_name,supplier_country';
    const broken = [
      header,
      `${supplierA.uscc},${customer.uscc},正极材料,0.6,2023-05-01,年报,,`,
      `${unknown},${customer.uscc},负极材料,0.2,,,,`,
      `${customer.uscc},${customer.uscc},电芯,0.5,,,,`,
      `${supplierB.uscc},${customer.uscc},隔膜,1.5,,,,`,
      `${malformed},${customer.uscc},电解液,,,,,`,
      `,${customer.uscc},光刻胶,70%,,,JSR株式会社,JP`,
    ].join('\n');
    const dry = await upload(govSuzhou, broken, { dryRun: true });
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ rows: 6, valid: 2, committed: false, created: 2 });
    const at = (row: number) => report.errors.filter((e: { row: number }) => e.row === row).map((e: { field: string }) => e.field);
    expect(at(3)).toEqual(['supplier_uscc']); // unknown enterprise
    expect(at(4)).toEqual(['supplier_uscc']); // self-loop
    expect(at(5)).toEqual(['share']); // outside 0–1
    expect(at(6)).toEqual(['supplier_uscc']); // malformed USCC
    expect(report.errors.find((e: { row: number }) => e.row === 5).message).toContain('0–1');
    expect(report.preview.map((p: { product: string }) => p.product)).toEqual(['正极材料', '光刻胶']);

    const refused = await upload(govSuzhou, broken, { dryRun: false });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().report.errors.length).toBe(4);
    expect(await edgeCount(customer.id)).toBe(0); // all or nothing

    const fixed = [header, `${supplierA.uscc},${customer.uscc},正极材料,0.6,2023-05-01,年报,,`, `${supplierB.uscc},${customer.uscc},隔膜,1,,,,`, `,${customer.uscc},光刻胶,70%,,,JSR株式会社,JP`].join('\n');
    const committed = await upload(govSuzhou, fixed, { dryRun: false });
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toMatchObject({ committed: true, created: 3, updated: 0 });
    expect(await edgeCount(customer.id)).toBe(3);
    const foreign = await db.selectFrom('off_platform_suppliers').select(['name', 'country_code']).where('name', '=', 'JSR株式会社').executeTakeFirstOrThrow();
    expect(foreign.country_code).toBe('JP');

    // Uploading again updates the same edges instead of duplicating them.
    const again = await upload(govSuzhou, fixed.replace(',0.6,', ',0.5,'), { dryRun: false });
    expect(again.json()).toMatchObject({ created: 0, updated: 3 });
    expect(await edgeCount(customer.id)).toBe(3);
    const list = await app.inject({ method: 'GET', url: `/api/v1/supply-edges?customer=${customer.uscc}&product=正极`, headers: govSuzhou });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ share: 0.5, since: '2023-05-01', supplier: { uscc: supplierA.uscc }, isPrivate: false });
    // The change is in the graph right after the commit.
    const snap = await app.inject({ method: 'GET', url: `/api/v1/enterprises/${customer.uscc}/supply-summary`, headers: expert });
    expect(snap.json()).toMatchObject({ suppliers: 3, foreignSuppliers: 1, edges: 3 });
  });

  it('refuses a gov user’s rows for customers outside their region, as if unknown', async () => {
    const customer = await makeEnterprise(db, { regionCode: '320505' });
    const supplier = await makeEnterprise(db, { regionCode: '440305' });
    const dry = await upload(govShenzhen, `supplier_uscc,customer_uscc,product,share\n${supplier.uscc},${customer.uscc},隔膜,0.5`, { dryRun: true });
    expect(dry.json().errors).toEqual([expect.objectContaining({ row: 2, field: 'customer_uscc', message: expect.stringContaining('不存在或不在您的管辖范围内') })]);
  });

  it('rejects a file without the required columns, naming them', async () => {
    const response = await upload(govSuzhou, 'supplier_uscc,share\nX,0.5', { dryRun: true });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['columns.customer_uscc', 'columns.product']);
  });
});

describe('private supplier lists', () => {
  let leader: Awaited<ReturnType<typeof makeEnterprise>>;
  let supplier: Awaited<ReturnType<typeof makeEnterprise>>;
  let leaderMember: Headers;
  let otherMember: Headers;
  let privateId: string;

  beforeAll(async () => {
    leader = await makeEnterprise(db, { regionCode: '320505', name: '苏州隐私链主电池有限公司' });
    supplier = await makeEnterprise(db, { regionCode: '320506' });
    const other = await makeEnterprise(db, { regionCode: '320505' });
    leaderMember = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
    otherMember = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
    const csv = `supplier_uscc,customer_uscc,product,share,private\n${supplier.uscc},${leader.uscc},极耳,0.8,\n,${leader.uscc},铝塑膜,0.5,是`;
    const dry = await upload(leaderMember, csv, { dryRun: true, isPrivate: true });
    // The off-platform row lacks a name: a row error; fix it and commit privately.
    expect(dry.json().errors).toEqual([expect.objectContaining({ row: 3, field: 'supplier_uscc' })]);
    const fixed = `supplier_uscc,customer_uscc,product,share,supplier_name,supplier_country\n${supplier.uscc},${leader.uscc},极耳,0.8,,\n,${leader.uscc},铝塑膜,0.5,昭和电工,JP`;
    const committed = await upload(leaderMember, fixed, { dryRun: false, isPrivate: true });
    expect(committed.json()).toMatchObject({ committed: true, created: 2 });
    const rows = await db.selectFrom('supply_edges').select(['id', 'is_private']).where('customer_id', '=', leader.id).execute();
    expect(rows.every((r) => r.is_private)).toBe(true);
    privateId = rows[0].id;
  });

  it('a member uploads only for its own enterprise', async () => {
    const dry = await upload(otherMember, `supplier_uscc,customer_uscc,product,share\n${supplier.uscc},${leader.uscc},极耳,0.1`, { dryRun: true });
    expect(dry.json().errors).toEqual([expect.objectContaining({ row: 2, field: 'customer_uscc', message: expect.stringContaining('本企业') })]);
  });

  it('shows private edges to the owner and to gov users of the region', async () => {
    for (const headers of [leaderMember, govSuzhou, admin]) {
      const list = await app.inject({ method: 'GET', url: `/api/v1/supply-edges?customer=${leader.uscc}`, headers });
      expect(list.json().items.map((i: { product: string }) => i.product).sort()).toEqual(['极耳', '铝塑膜']);
    }
  });

  it('never shows them to another member, a gov user of another region or an expert, not even by id or in the export', async () => {
    for (const headers of [otherMember, govShenzhen, expert]) {
      const list = await app.inject({ method: 'GET', url: `/api/v1/supply-edges?customer=${leader.uscc}`, headers });
      expect(list.json().items).toEqual([]);
      const all = await app.inject({ method: 'GET', url: '/api/v1/supply-edges?limit=500', headers });
      expect(all.json().items.some((i: { customer: { uscc: string } }) => i.customer.uscc === leader.uscc)).toBe(false);
      const removal = await app.inject({ method: 'DELETE', url: `/api/v1/supply-edges/${privateId}`, headers });
      expect(removal.statusCode).toBe(404);
      const exported = await app.inject({ method: 'GET', url: `/api/v1/supply-edges/export?customer=${leader.uscc}`, headers });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets[0].actualRowCount).toBe(1); // the header only
    }
  });

  it('counts them in the public summary', async () => {
    const summary = await app.inject({ method: 'GET', url: `/api/v1/enterprises/${leader.uscc}/supply-summary`, headers: expert });
    expect(summary.json()).toMatchObject({ suppliers: 2, customers: 0, foreignSuppliers: 1, edges: 2, privateEdges: 2 });
  });

  it('lets only members mark edges private', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/supply-edges', headers: govSuzhou, payload: { supplierUscc: supplier.uscc, customerUscc: leader.uscc, product: '电芯壳体', isPrivate: true } });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ path: 'isPrivate' })]);
  });
});

describe('POST and DELETE /api/v1/supply-edges', () => {
  it('records one edge, rejects a self-loop and a share above 1, and deletes it with its change_log rows', async () => {
    const customer = await makeEnterprise(db, { regionCode: '320505' });
    const supplier = await makeEnterprise(db, { regionCode: '320505' });
    const selfLoop = await app.inject({ method: 'POST', url: '/api/v1/supply-edges', headers: govSuzhou, payload: { supplierUscc: customer.uscc, customerUscc: customer.uscc, product: '电芯' } });
    expect(selfLoop.statusCode).toBe(422);
    expect(selfLoop.json().errors[0].path).toBe('supplierUscc');
    const tooMuch = await app.inject({ method: 'POST', url: '/api/v1/supply-edges', headers: govSuzhou, payload: { supplierUscc: supplier.uscc, customerUscc: customer.uscc, product: '电芯', share: 1.2 } });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].path).toBe('share');
    const created = await app.inject({ method: 'POST', url: '/api/v1/supply-edges', headers: govSuzhou, payload: { supplierUscc: supplier.uscc, customerUscc: customer.uscc, product: '电芯', share: 0.4 } });
    expect(created.statusCode).toBe(201);
    const edge = created.json();
    expect(edge).toMatchObject({ product: '电芯', share: 0.4, supplier: { uscc: supplier.uscc }, customer: { uscc: customer.uscc } });
    const outsider = await app.inject({ method: 'DELETE', url: `/api/v1/supply-edges/${edge.id}`, headers: govShenzhen });
    expect(outsider.statusCode).toBe(404);
    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/supply-edges/${edge.id}`, headers: govSuzhou });
    expect(removed.statusCode).toBe(204);
    expect(await edgeCount(customer.id)).toBe(0);
    const history = await db.selectFrom('change_log').select(['op']).where('entity_type', '=', 'supply_edge').where('entity_key', '=', edge.id).orderBy('id').execute();
    expect(history.map((h) => h.op)).toEqual(['insert', 'delete']);
  });
});
