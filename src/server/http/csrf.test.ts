/**
 * CSRF protection of cookie sessions (issue 9 item 7): state-changing API requests a browser sends
 * from another origin are refused before they run; our own pages, bearer-token clients and
 * non-browser clients are not affected.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support.js';
import { makeActor } from '../../../test/factories.js';
import type { App } from './context.js';
import type { Db } from '../db/database.js';

let app: App;
let db: Db;
let token: string;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  const admin = await makeActor(db, { role: 'platform_admin' });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: admin.username, password: admin.password } });
  token = login.json().token;
});

/** A write the admin may make; an empty body is refused by validation (422) once it gets that far. */
const createUser = (headers: Record<string, string>, useCookie = true) =>
  app.inject({ method: 'POST', url: '/api/v1/users', headers: { host: 'xieshou.example.cn', ...headers }, ...(useCookie ? { cookies: { xs_session: token } } : {}), payload: {} });

describe('cross-site request forgery', () => {
  it('refuses a cookie-authenticated write sent from another site, as problem+json 403, without running it', async () => {
    const crossSite: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example.com' },
      { origin: 'http://xieshou.example.cn:8080' },
      { origin: 'null' },
    ];
    for (const headers of crossSite) {
      const r = await createUser(headers);
      expect(r.statusCode, JSON.stringify(headers)).toBe(403);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('跨站') });
    }
    // Logging a user out from another site is refused too; the session lives on.
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { 'sec-fetch-site': 'cross-site' }, cookies: { xs_session: token } });
    expect(logout.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { xs_session: token } })).statusCode).toBe(200);
  });

  it('refuses a cross-site log-in (it would sign the victim into the attacker’s account)', async () => {
    const user = await makeActor(db, { role: 'expert' });
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'https://evil.example.com' }, payload: { username: user.username, password: user.password } });
    expect(r.statusCode).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('lets our own pages, bearer-token clients and non-browser clients write', async () => {
    for (const [headers, useCookie] of [
      [{ 'sec-fetch-site': 'same-origin' }, true],
      [{ 'sec-fetch-site': 'same-origin', origin: 'https://xieshou.example.cn' }, true],
      [{ origin: 'https://xieshou.example.cn' }, true],
      [{ origin: 'https://xieshou.example.cn', 'x-forwarded-host': 'xieshou.example.cn', host: '127.0.0.1:3000' }, true],
      [{}, true],
      [{ 'sec-fetch-site': 'cross-site', authorization: `Bearer ${token}` }, false],
    ] as const) {
      const r = await createUser(headers, useCookie);
      expect(r.statusCode, JSON.stringify(headers)).toBe(422);
    }
  });

  it('lets other sites read (links to the platform keep working; reads change nothing)', async () => {
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'sec-fetch-site': 'cross-site' }, cookies: { xs_session: token } });
    expect(me.statusCode).toBe(200);
  });
});
