import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let buyerUser: Headers; // 苏州工业园区 large firm
let supplierUser: Headers; // 吴中 SME, industry C2922
let wuxiUser: Headers;
let suzhou: Headers;
let supplierUscc: string;
let publicNeed: string;
let regionNeed: string;
let draftNeed: string;
let offerTh: string;
let plainOffer: string;

const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const NEED = { title: '出口德国储能柜配套结构件', description: '储能柜钣金结构件，需符合 CE 与 EN 1090', kind: 'procurement', products: ['钣金结构件'] };

async function publish(headers: Headers, body: object): Promise<string> {
  const created = await post('/api/v1/needs', headers, { ...NEED, ...body });
  expect(created.statusCode).toBe(201);
  const { id } = created.json();
  expect((await post(`/api/v1/needs/${id}/submit`, headers)).statusCode).toBe(200);
  expect((await post(`/api/v1/needs/${id}/publish`, suzhou)).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  let db;
  ({ app, db } = await createTestApp());
  const buyer = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州跨境储能'), industryCode: 'C3841', employees: 5000, revenue: 900000, assets: 900000 });
  const supplier = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州跨境隔膜'), industryCode: 'C2922', products: ['锂电隔膜'] });
  const wuxiFirm = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡跨境'), industryCode: 'C3130' });
  supplierUscc = supplier.uscc;
  buyerUser = (await loginAs(app, db, { role: 'member', orgUscc: buyer.uscc })).headers;
  supplierUser = (await loginAs(app, db, { role: 'member', orgUscc: supplier.uscc })).headers;
  wuxiUser = (await loginAs(app, db, { role: 'member', orgUscc: wuxiFirm.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  publicNeed = await publish(buyerUser, { crossBorder: true, targetCountries: ['de', 'VN'], titleEn: 'Sheet-metal parts for ESS cabinets exported to Germany', descriptionEn: 'CE and EN 1090 compliant' });
  regionNeed = await publish(buyerUser, { crossBorder: true, targetCountries: ['SA'], visibility: 'region', regionCode: '320500' });
  const draft = await post('/api/v1/needs', buyerUser, { ...NEED, crossBorder: true, targetCountries: ['TH'] });
  draftNeed = draft.json().id;
  const offer = await post('/api/v1/offers', supplierUser, { uscc: supplier.uscc, title: '湿法隔膜泰国本地供货', description: '罗勇工业园仓库直发', products: ['锂电隔膜'], crossBorder: true, targetCountries: ['TH'], titleEn: 'Wet-process separators, delivered from Rayong' });
  expect(offer.statusCode).toBe(201);
  offerTh = offer.json().id;
  plainOffer = (await post('/api/v1/offers', supplierUser, { uscc: supplier.uscc, title: '干法隔膜国内供货', description: '华东地区', products: ['干法隔膜'] })).json().id;
});

function keys(items: { kind: string; id: string }[]): string[] {
  return items.map((l) => `${l.kind}:${l.id}`);
}

describe('needs and offers: bilingual and cross-border fields', () => {
  it('presents the new fields on a need and an offer, keeping the existing ones', async () => {
    const need = (await get(`/api/v1/needs/${publicNeed}`, wuxiUser)).json();
    expect(need).toMatchObject({ title: NEED.title, kind: 'procurement', crossBorder: true, targetCountries: ['DE', 'VN'], titleEn: 'Sheet-metal parts for ESS cabinets exported to Germany' });
    const offer = (await get(`/api/v1/offers/${plainOffer}`, wuxiUser)).json();
    expect(offer).toMatchObject({ crossBorder: false, targetCountries: [], titleEn: null, descriptionEn: null, products: ['干法隔膜'] });
  });

  it('refuses a flag without countries, unknown codes and CN, naming the fields', async () => {
    const noCountry = await post('/api/v1/needs', buyerUser, { ...NEED, crossBorder: true });
    expect(noCountry.statusCode).toBe(422);
    expect(noCountry.json().errors.map((e: { path: string }) => e.path)).toContain('targetCountries');
    const bad = await post('/api/v1/offers', supplierUser, { uscc: supplierUscc, title: '隔膜', description: '隔膜供货', products: ['隔膜'], crossBorder: true, targetCountries: ['DE', 'XX', 'CN'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining([expect.stringMatching(/targetCountries\.1$/), expect.stringMatching(/targetCountries\.2$/)]));
  });

  it('keeps the flag and English text when an offer edit leaves them out, and clears English text with an empty string', async () => {
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/offers/${offerTh}`, headers: supplierUser, payload: { capacity: '年产5000万平方米' } });
    expect(patched.json()).toMatchObject({ crossBorder: true, targetCountries: ['TH'], titleEn: 'Wet-process separators, delivered from Rayong', capacity: '年产5000万平方米' });
    const cleared = await app.inject({ method: 'PATCH', url: `/api/v1/offers/${offerTh}`, headers: supplierUser, payload: { descriptionEn: '' } });
    expect(cleared.json().descriptionEn).toBeNull();
  });
});

describe('GET /api/v1/cross-border/listings', () => {
  it('lists flagged published needs by visibility and flagged offers, never drafts or unflagged ones', async () => {
    const wuxi = keys((await get('/api/v1/cross-border/listings', wuxiUser)).json().items);
    expect(wuxi).toEqual(expect.arrayContaining([`need:${publicNeed}`, `offer:${offerTh}`]));
    expect(wuxi).not.toContain(`need:${regionNeed}`);
    expect(wuxi).not.toContain(`need:${draftNeed}`);
    expect(wuxi).not.toContain(`offer:${plainOffer}`);
    const suzhouFirm = keys((await get('/api/v1/cross-border/listings', supplierUser)).json().items);
    expect(suzhouFirm).toContain(`need:${regionNeed}`);
  });

  it('filters by kind, country and industry prefix', async () => {
    expect(keys((await get('/api/v1/cross-border/listings?kind=offer', suzhou)).json().items)).toEqual([`offer:${offerTh}`]);
    expect(keys((await get('/api/v1/cross-border/listings?country=th', suzhou)).json().items)).toEqual([`offer:${offerTh}`]);
    expect(keys((await get('/api/v1/cross-border/listings?country=SA', suzhou)).json().items)).toEqual([`need:${regionNeed}`]);
    expect(keys((await get('/api/v1/cross-border/listings?industry=C29', suzhou)).json().items)).toEqual([`offer:${offerTh}`]);
  });

  it('walks cursor pages without repeats or gaps', async () => {
    const all = keys((await get('/api/v1/cross-border/listings', suzhou)).json().items);
    expect(all.length).toBe(3);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { kind: string; id: string }[]; nextCursor: string | null } = (await get(`/api/v1/cross-border/listings?limit=1${cursor ? `&cursor=${cursor}` : ''}`, suzhou)).json();
      walked.push(...keys(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
  });

  it('refuses a bad cursor and an unknown country with 422 naming the field, and anonymous callers with 401', async () => {
    const badCursor = await get(`/api/v1/cross-border/listings?cursor=${Buffer.from('x:2026-13-45 00:00:00+00|need|1').toString('base64url')}`, suzhou);
    expect(badCursor.statusCode).toBe(422);
    expect(badCursor.json().errors[0].path).toMatch(/cursor/);
    const badCountry = await get('/api/v1/cross-border/listings?country=ZZ', suzhou);
    expect(badCountry.statusCode).toBe(422);
    expect(badCountry.json().errors[0].path).toMatch(/country/);
    expect((await get('/api/v1/cross-border/listings')).statusCode).toBe(401);
  });

  it('exports both languages to Excel', async () => {
    const r = await get('/api/v1/cross-border/listings/export?kind=need', wuxiUser);
    expect(r.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(3).value).toBe(NEED.title);
    expect(sheet.getRow(2).getCell(4).value).toBe('Sheet-metal parts for ESS cabinets exported to Germany');
    expect(String(sheet.getRow(2).getCell(11).value)).toContain('DE 德国');
  });
});
