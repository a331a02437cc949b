import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = Record<string, string>;
let app: App;
let db: Db;
let operator: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let operatorUser: Headers;
let smeUser: Headers;
let otherSmeUser: Headers;
let expertUser: Headers;
let suzhou: Headers;
let wuxi: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  operator = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州检测服务') });
  sme = await makeEnterprise(db, { regionCode: '320507', name: uniqueName('苏州配套小微') });
  const otherSme = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡配套小微') });
  operatorUser = (await loginAs(app, db, { role: 'member', orgUscc: operator.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  otherSmeUser = (await loginAs(app, db, { role: 'member', orgUscc: otherSme.uscc })).headers;
  expertUser = (await loginAs(app, db, { role: 'expert' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
});

async function provider(headers: Headers = suzhou, body: object = {}): Promise<string> {
  const r = await post('/api/v1/service-providers', headers, { name: uniqueName('苏州中小企业公共服务平台'), kind: 'platform', operatorUscc: operator.uscc, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function product(providerId: string, headers: Headers = operatorUser): Promise<string> {
  const r = await post(`/api/v1/service-providers/${providerId}/products`, headers, { title: '电池安全检测（针刺、挤压、过充）', category: 'testing', priceYuan: 3500.5 });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('POST /api/v1/service-providers', () => {
  it('lists a provider in scope with its operator; refuses another region, an operator out of scope and experts', async () => {
    const id = await provider();
    const view = (await get(`/api/v1/service-providers/${id}`, wuxi)).json();
    expect(view).toMatchObject({ kind: 'platform', regionCode: '320500', operatorUscc: operator.uscc, operatorName: operator.name, productCount: 0, ratingAverage: null, canManage: false });
    expect((await get(`/api/v1/service-providers/${id}`, operatorUser)).json().canManage).toBe(true);
    const outside = await post('/api/v1/service-providers', suzhou, { name: '跨区登记的园区', kind: 'park', regionCode: '320200' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors.map((e: { path: string }) => e.path)).toEqual(['regionCode']);
    const foreignOperator = await post('/api/v1/service-providers', wuxi, { name: '无锡园区', kind: 'park', operatorUscc: operator.uscc });
    expect(foreignOperator.json().errors.map((e: { path: string }) => e.path)).toEqual(['operatorUscc']);
    expect((await post('/api/v1/service-providers', expertUser, { name: '专家机构', kind: 'other' })).statusCode).toBe(403);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'service_provider').where('entity_key', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['service_provider.create']);
  });

  it('lets a member list its own enterprise’s provider in its region, whatever it names', async () => {
    const id = await provider(smeUser, { regionCode: '110101', operatorUscc: operator.uscc });
    expect((await get(`/api/v1/service-providers/${id}`, smeUser)).json()).toMatchObject({ regionCode: '320507', operatorUscc: sme.uscc, canManage: true });
  });

  it('filters the directory by kind and region and exports it', async () => {
    const name = uniqueName('相城众创空间');
    await provider(suzhou, { name, kind: 'maker_space', regionCode: '320507', operatorUscc: undefined });
    const list = (await get(`/api/v1/service-providers?kind=maker_space&region=320507&q=${encodeURIComponent(name.slice(0, 8))}`, otherSmeUser)).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual([name]);
    expect((await get('/api/v1/service-providers?kind=maker_space&region=320200', otherSmeUser)).json().items.some((p: { name: string }) => p.name === name)).toBe(false);
    const file = await get('/api/v1/service-providers/export?kind=maker_space', suzhou);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('POST /api/v1/service-providers/{id}/products', () => {
  it('takes products from the provider’s managers only, price in fen, 404 for an unknown provider', async () => {
    const providerId = await provider();
    const productId = await product(providerId);
    expect((await get(`/api/v1/service-products/${productId}`, smeUser)).json()).toMatchObject({ priceFen: 350_050, providerId, category: 'testing', ratingAverage: null });
    await product(providerId, suzhou);
    expect((await post(`/api/v1/service-providers/${providerId}/products`, wuxi, { title: '越权发布', category: 'other' })).statusCode).toBe(403);
    expect((await post(`/api/v1/service-providers/${providerId}/products`, smeUser, { title: '越权发布', category: 'other' })).statusCode).toBe(403);
    expect((await post('/api/v1/service-providers/999999999/products', suzhou, { title: '不存在', category: 'other' })).statusCode).toBe(404);
    const bad = await post(`/api/v1/service-providers/${providerId}/products`, operatorUser, { title: 'x', category: 'nope', priceYuan: -1 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['category', 'priceYuan', 'title']);
    const listed = (await get(`/api/v1/service-products?providerId=${providerId}`, smeUser)).json().items;
    expect(listed).toHaveLength(2);
  });
});

describe('service requests', () => {
  it('go requested → accepted → completed → rated, and the rating reaches the product and the provider', async () => {
    const providerId = await provider();
    const productId = await product(providerId);
    const created = await post(`/api/v1/service-products/${productId}/requests`, smeUser, { note: '需在两周内完成20只电芯的针刺测试' });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({ status: 'requested', uscc: sme.uscc, canHandle: false, canRate: false });
    expect((await post(`/api/v1/service-requests/${request.id}/rate`, smeUser, { rating: 5 })).statusCode).toBe(409);
    expect((await post(`/api/v1/service-requests/${request.id}/complete`, operatorUser)).statusCode).toBe(409);
    expect((await post(`/api/v1/service-requests/${request.id}/accept`, smeUser)).statusCode).toBe(403);
    expect((await post(`/api/v1/service-requests/${request.id}/accept`, operatorUser, { reply: '已排期，下周一送样' })).json()).toMatchObject({ status: 'accepted', reply: '已排期，下周一送样', canHandle: true });
    expect((await post(`/api/v1/service-requests/${request.id}/complete`, suzhou)).json().status).toBe('completed');
    expect((await post(`/api/v1/service-requests/${request.id}/rate`, operatorUser, { rating: 5 })).statusCode).toBe(403);
    expect((await post(`/api/v1/service-requests/${request.id}/rate`, smeUser, { rating: 6 })).json().errors[0].path).toBe('rating');
    const rated = await post(`/api/v1/service-requests/${request.id}/rate`, smeUser, { rating: 4, review: '报告规范，周期略长' });
    expect(rated.json()).toMatchObject({ rating: 4, review: '报告规范，周期略长', canRate: false });
    expect((await post(`/api/v1/service-requests/${request.id}/rate`, smeUser, { rating: 1 })).statusCode).toBe(409);
    const second = (await post(`/api/v1/service-products/${productId}/requests`, smeUser, {})).json();
    await post(`/api/v1/service-requests/${second.id}/accept`, operatorUser);
    await post(`/api/v1/service-requests/${second.id}/complete`, operatorUser);
    await post(`/api/v1/service-requests/${second.id}/rate`, smeUser, { rating: 5 });
    expect((await get(`/api/v1/service-products/${productId}`, otherSmeUser)).json()).toMatchObject({ requestCount: 2, ratingAverage: 4.5, ratingCount: 2 });
    expect((await get(`/api/v1/service-providers/${providerId}`, otherSmeUser)).json()).toMatchObject({ ratingAverage: 4.5, ratingCount: 2, productCount: 1 });
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'service_request').where('entity_key', '=', request.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['service_request.create', 'service_request.accept', 'service_request.complete', 'service_request.rate']);
  });

  it('are seen only by the enterprise and the provider’s managers (404 for everyone else)', async () => {
    const providerId = await provider();
    const productId = await product(providerId);
    const id = (await post(`/api/v1/service-products/${productId}/requests`, smeUser, {})).json().id;
    for (const outsider of [otherSmeUser, wuxi, expertUser]) {
      expect((await get(`/api/v1/service-requests/${id}`, outsider)).statusCode).toBe(404);
      expect((await post(`/api/v1/service-requests/${id}/accept`, outsider)).statusCode).toBe(404);
      expect((await post(`/api/v1/service-requests/${id}/rate`, outsider, { rating: 3 })).statusCode).toBe(404);
    }
    expect((await get(`/api/v1/service-requests/${id}`, operatorUser)).statusCode).toBe(200);
    const ids = (side: string, headers: Headers) => get(`/api/v1/service-requests?side=${side}&limit=500`, headers).then((r) => r.json().items.map((i: { id: string }) => i.id));
    expect(await ids('mine', smeUser)).toContain(id);
    expect(await ids('incoming', operatorUser)).toContain(id);
    expect(await ids('incoming', suzhou)).toContain(id);
    expect(await ids('incoming', wuxi)).not.toContain(id);
    expect(await ids('mine', otherSmeUser)).not.toContain(id);
    expect(await ids('incoming', smeUser)).not.toContain(id);
  });

  it('refuses the operator requesting its own service and a gov naming an enterprise out of scope', async () => {
    const providerId = await provider();
    const productId = await product(providerId);
    expect((await post(`/api/v1/service-products/${productId}/requests`, operatorUser, {})).json().errors[0].path).toBe('uscc');
    expect((await post(`/api/v1/service-products/${productId}/requests`, wuxi, { uscc: sme.uscc })).json().errors[0].path).toBe('uscc');
    expect((await post(`/api/v1/service-products/${productId}/requests`, suzhou, { uscc: sme.uscc })).statusCode).toBe(201);
    expect((await post('/api/v1/service-products/abc/requests', smeUser, {})).statusCode).toBe(404);
  });
});
