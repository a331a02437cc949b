import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeActor, makeEnterprise } from '../../../../test/factories.js';
import type { App } from '../../http/context.js';
import type { Db } from '../../db/database.js';

let app: App;
let db: Db;

beforeAll(async () => {
  ({ app, db } = await createTestApp({ XIESHOU_LOGIN_MAX_PER_MINUTE: '3' }));
});

describe('POST /api/v1/auth/login', () => {
  it('returns a bearer token that authenticates later calls, and sets the session cookie', async () => {
    const actor = await makeActor(db, { role: 'gov', regionCode: '320500' });
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: actor.username, password: actor.password } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ username: actor.username, role: 'gov', regionCode: '320500', regionName: '江苏省苏州市' });
    expect(body.user.passwordHash).toBeUndefined();
    expect(response.headers['set-cookie']).toMatch(/xs_session=.+HttpOnly/i);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe(actor.username);
    const byCookie = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { xs_session: body.token } });
    expect(byCookie.json().username).toBe(actor.username);
    const audit = await db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_key', '=', actor.username).where('action', '=', 'session.login').execute();
    expect(audit).toHaveLength(1);
    // Only the token's hash is stored.
    const stored = await db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash.toString('base64url') === body.token)).toBe(false);
  });

  it('answers a wrong password and an unknown user alike, as problem+json', async () => {
    const actor = await makeActor(db, { role: 'expert' });
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: actor.username, password: 'nope-nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'no_such_user_x', password: 'nope-nope' } });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'unauthenticated', status: 401, detail: '用户名或密码错误' });
      expect(r.json().requestId).toBeTruthy();
    }
  });

  it('rate-limits repeated failures for one username', async () => {
    const actor = await makeActor(db, { role: 'expert' });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: actor.username, password: 'bad-password' }, remoteAddress: `10.9.0.${i}` });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even the right password is refused until the window passes.
    const right = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: actor.username, password: actor.password }, remoteAddress: '10.9.1.1' });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('rate_limited');
  });

  it('names each invalid field', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(r.statusCode).toBe(422);
    expect(r.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['password', 'username']);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('ends the session so the token no longer works', async () => {
    const { headers } = await loginAs(app, db, { role: 'expert' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });
});

describe('session expiry', () => {
  it('rejects a token after its session expired', async () => {
    const short = await createTestApp({ XIESHOU_SESSION_HOURS: '0.0001' }); // 0.36 s
    const { headers } = await loginAs(short.app, short.db, { role: 'expert' });
    expect((await short.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 600));
    expect((await short.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });
});

describe('POST /api/v1/users', () => {
  it('lets only platform admins create users', async () => {
    const gov = await loginAs(app, db, { role: 'gov', regionCode: '320000' });
    const r = await app.inject({ method: 'POST', url: '/api/v1/users', headers: gov.headers, payload: { username: 'x_by_gov', password: 'long-enough-1', role: 'expert' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('forbidden');
  });

  it('creates gov users with a region scope and member users from the registry', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const gov = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'gov_wuxi_t', password: 'long-enough-1', role: 'gov', regionCode: '320200' } });
    expect(gov.statusCode).toBe(201);
    expect(gov.json()).toMatchObject({ role: 'gov', regionCode: '320200', regionName: '江苏省无锡市' });

    const enterprise = await makeEnterprise(db, { revenue: 90000, employees: 3000, assets: 80000 });
    const member = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'buyer_t', password: 'long-enough-1', role: 'member', orgUscc: enterprise.uscc } });
    expect(member.statusCode).toBe(201);
    expect(member.json().org).toMatchObject({ uscc: enterprise.uscc, name: enterprise.name, kind: 'large_enterprise' });

    const list = await app.inject({ method: 'GET', url: '/api/v1/users?limit=500', headers: admin.headers });
    expect(list.json().items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['gov_wuxi_t', 'buyer_t']));
  });

  it('refuses bad input field by field, and taken usernames', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const noRegion = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'gov_no_region', password: 'long-enough-1', role: 'gov' } });
    expect(noRegion.statusCode).toBe(422);
    expect(noRegion.json().errors).toEqual([{ path: 'regionCode', message: expect.stringContaining('行政区划') }]);

    const badRegion = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'gov_bad_region', password: 'long-enough-1', role: 'gov', regionCode: '999999' } });
    expect(badRegion.json().errors[0].path).toBe('regionCode');

    const badOrg = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'm_bad_org', password: 'long-enough-1', role: 'member', orgUscc: '91320505MA1MXK7P0A' } });
    expect(badOrg.statusCode).toBe(422);
    expect(badOrg.json().errors[0].path).toBe('orgUscc');

    const shortPassword = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'short_pw', password: 'short', role: 'expert' } });
    expect(shortPassword.json().errors[0].path).toBe('password');

    await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'twice_t', password: 'long-enough-1', role: 'expert' } });
    const twice = await app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username: 'TWICE_T', password: 'long-enough-1', role: 'expert' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0].path).toBe('username');
  });

  it('enforces the password policy: two character classes, not a common password, not the username', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const create = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { username, password, role: 'expert' } });
    for (const [username, password, message] of [
      ['pw_letters', 'onlyletters', '至少两类'],
      ['pw_digits', '2718281828', '至少两类'],
      ['pw_common', 'Admin123', '常见'],
      ['zhangwei88', 'zhangwei88!', '用户名'],
    ]) {
      const r = await create(username, password);
      expect(r.statusCode, password).toBe(422);
      expect(r.json().errors, password).toEqual([{ path: 'password', message: expect.stringContaining(message) }]);
      expect(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined();
    }
    for (const [username, password] of [['pw_ok_1', 'tea-garden-lake'], ['pw_ok_2', '太湖碧螺春2026']]) {
      expect((await create(username, password)).statusCode, password).toBe(201);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).statusCode).toBe(200);
    }
  });
});
