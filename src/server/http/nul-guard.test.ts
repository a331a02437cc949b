import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.js';
import { loginAs, makeEnterprise } from '../../../test/factories.js';
import type { Db } from '../db/database.js';
import type { App } from './context.js';

let app: App;
let db: Db;
let member: { authorization: string };
let uscc: string;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const firm = await makeEnterprise(db, { regionCode: '320506' });
  uscc = firm.uscc;
  member = (await loginAs(app, db, { role: 'member', orgUscc: firm.uscc })).headers;
});

describe('NUL characters (PostgreSQL text cannot hold U+0000; found by the fuzz test as a 500)', () => {
  it('are refused in a query parameter with 422 naming it, where the same request without one answers 200', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/chains?template=battery', headers: member })).statusCode).toBe(200);
    const r = await app.inject({ method: 'GET', url: '/api/v1/chains?template=%00', headers: member });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.json().errors).toEqual([{ path: 'querystring.template', message: expect.stringContaining('U+0000') }]);
  });

  it('are refused in a JSON body field with 422 naming it, and nothing is written', async () => {
    const before = await db.selectFrom('offers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await app.inject({ method: 'POST', url: '/api/v1/offers', headers: member, payload: { uscc, title: '精密\u0000加工', description: '数控加工', products: ['结构件', 'a\u0000b'] } });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['title', 'products.1']);
    const after = await db.selectFrom('offers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('are refused in a path parameter', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/enterprises/%00', headers: member });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('params.uscc');
  });
});

describe('the expert pool’s cursor (found by the fuzz test as a 422 without the field)', () => {
  it('refuses a cursor that is not an expert id with 422 naming querystring.cursor', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/experts?cursor=12', headers: member })).statusCode).toBe(200);
    const r = await app.inject({ method: 'GET', url: '/api/v1/experts?cursor=%EF%BB%BF', headers: member });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors[0].path).toBe('querystring.cursor');
  });
});
