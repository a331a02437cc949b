import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let jiangsu: Headers;
let suzhou: Headers;
let wuxi: Headers;
let member: Headers;
let firms: Awaited<ReturnType<typeof makeEnterprise>>[];

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Headers, payload: object = {}) => app.inject({ method: 'POST', url, headers, payload });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  firms = [
    await makeEnterprise(db, { regionCode: '320506', tags: ['specialized'] }),
    await makeEnterprise(db, { regionCode: '320571', tags: ['specialized', 'little_giant'] }),
    await makeEnterprise(db, { regionCode: '320571' }),
    await makeEnterprise(db, { regionCode: '320214', tags: ['specialized'] }),
  ];
  member = (await loginAs(app, db, { role: 'member', orgUscc: firms[0].uscc })).headers;
});

describe('/api/v1/key-lists', () => {
  it('builds a city list by hand and by filter, all from the city, and rolls it up to the province', async () => {
    const created = await post('/api/v1/key-lists', suzhou, { name: '苏州专精特新重点培育库', kind: 'specialized' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const outside = await post(`/api/v1/key-lists/${id}/members`, suzhou, { usccs: [firms[2].uscc, firms[3].uscc] });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors).toEqual([{ path: 'usccs.1', message: expect.any(String) }]);
    expect((await db.selectFrom('key_list_members').select('enterprise_id').where('list_id', '=', id).execute())).toEqual([]);
    expect((await post(`/api/v1/key-lists/${id}/members`, suzhou, { usccs: [firms[2].uscc] })).json()).toEqual({ added: 1, total: 1 });
    const byFilter = await post(`/api/v1/key-lists/${id}/members`, suzhou, { filter: { tag: 'specialized' } });
    const expected = await db.selectFrom('enterprises').select('id').where('region_code', 'like', '3205%').where((eb) => eb('tags', '@>', eb.val(['specialized']))).execute();
    expect(byFilter.json()).toEqual({ added: expected.length, total: expected.length + 1 });
    const members = (await get(`/api/v1/key-lists/${id}/members`, suzhou)).json();
    expect(members.total).toBe(expected.length + 1);
    expect(members.items.every((m: { regionCode: string }) => m.regionCode.startsWith('3205'))).toBe(true);

    const province = (await get('/api/v1/key-lists?kind=specialized', jiangsu)).json();
    expect(province.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, regionName: '苏州市', isOwn: false, memberCount: expected.length + 1 })]));
    // The province reads it but does not change it; 无锡 and members do not see it.
    expect((await post(`/api/v1/key-lists/${id}/members`, jiangsu, { usccs: [firms[0].uscc] })).statusCode).toBe(403);
    expect((await get(`/api/v1/key-lists/${id}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/key-lists/${id}/members`, member)).statusCode).toBe(404);
    expect((await get('/api/v1/key-lists', wuxi)).json().items.map((l: { id: string }) => l.id)).not.toContain(id);

    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/key-lists/${id}/members/${firms[2].uscc}`, headers: suzhou });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/key-lists/${id}/members/${firms[2].uscc}`, headers: suzhou })).statusCode).toBe(404);
    const history = (await get(`/api/v1/key-lists/${id}/history`, suzhou)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['key_list.remove', 'key_list.add', 'key_list.add', 'key_list.create']);
    const xlsx = await get(`/api/v1/key-lists/${id}/export`, jiangsu);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a duplicate name (409), a region outside the scope (404) and non-gov users (403)', async () => {
    expect((await post('/api/v1/key-lists', wuxi, { name: '无锡链主企业库', kind: 'leader' })).statusCode).toBe(201);
    const again = await post('/api/v1/key-lists', wuxi, { name: '无锡链主企业库', kind: 'leader' });
    expect(again.statusCode).toBe(409);
    expect((await post('/api/v1/key-lists', suzhou, { name: '无锡的名单', kind: 'leader', regionCode: '320200' })).statusCode).toBe(404);
    expect((await post('/api/v1/key-lists', member, { name: '企业名单', kind: 'custom' })).statusCode).toBe(403);
  });
});
