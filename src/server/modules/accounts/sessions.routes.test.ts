import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeActor } from '../../../../test/factories.js';
import type { App } from '../../http/context.js';
import type { Db } from '../../db/database.js';

let app: App;
let db: Db;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
});

/** Logs `username` in from a given browser and address; returns its bearer header. */
async function openSession(username: string, password: string, userAgent: string, remoteAddress: string): Promise<{ authorization: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { 'user-agent': userAgent }, remoteAddress });
  expect(response.statusCode).toBe(200);
  return { authorization: `Bearer ${response.json().token}` };
}

function me(headers: { authorization: string }) {
  return app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
}

function auditOf(username: string) {
  return db.selectFrom('audit_log').select(['action', 'actor_label', 'after']).where('entity_key', '=', username).where('action', '=', 'session.revoke_all').execute();
}

describe('the client address of a session', () => {
  async function addressSeenFor(remoteAddress: string, forwardedFor: string): Promise<string> {
    const user = await makeActor(db, { role: 'expert' });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: user.password }, headers: { 'x-forwarded-for': forwardedFor }, remoteAddress });
    expect(login.statusCode).toBe(200);
    const sessions = await app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { authorization: `Bearer ${login.json().token}` } });
    return sessions.json().items[0].clientIp;
  }

  it('takes X-Forwarded-For from a trusted proxy (loopback by default) and ignores it from anyone else', async () => {
    expect(await addressSeenFor('127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    // A client that sends the header itself cannot choose its address (and so escape the log-in limiter).
    expect(await addressSeenFor('203.0.113.9', '198.51.100.8')).toBe('203.0.113.9');
    // Behind the trusted proxy, a forged entry the client put first is not the address either.
    expect(await addressSeenFor('127.0.0.1', '1.2.3.4, 203.0.113.10')).toBe('203.0.113.10');
  });
});

describe('GET /api/v1/auth/sessions', () => {
  it('lists the caller’s own live sessions, newest first, marks the current one and never shows a token', async () => {
    const user = await makeActor(db, { role: 'expert' });
    const phone = await openSession(user.username, user.password, 'Phone/1.0', '10.1.0.1');
    const laptop = await openSession(user.username, user.password, 'Laptop/2.0', '10.1.0.2');
    const other = await makeActor(db, { role: 'expert' });
    await openSession(other.username, other.password, 'Other/1.0', '10.1.0.3');

    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: laptop });
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((s: { userAgent: string }) => s.userAgent)).toEqual(['Laptop/2.0', 'Phone/1.0']);
    expect(items.map((s: { isCurrent: boolean }) => s.isCurrent)).toEqual([true, false]);
    expect(items[1]).toMatchObject({ clientIp: '10.1.0.1' });
    expect(Object.keys(items[0]).sort()).toEqual(['clientIp', 'createdAt', 'expiresAt', 'id', 'isCurrent', 'lastSeenAt', 'userAgent']);
    expect(response.body).not.toContain(phone.authorization.slice(7));

    const paged = await app.inject({ method: 'GET', url: '/api/v1/auth/sessions?limit=1', headers: laptop });
    expect(paged.json().items).toHaveLength(1);
    const next = await app.inject({ method: 'GET', url: `/api/v1/auth/sessions?limit=1&cursor=${paged.json().nextCursor}`, headers: laptop });
    expect(next.json().items[0].userAgent).toBe('Phone/1.0');
    expect(next.json().nextCursor).toBeNull();
  });

  it('answers an anonymous caller 401', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/sessions' });
    expect(response.statusCode).toBe(401);
  });
});

describe('POST /api/v1/auth/sessions/revoke-all', () => {
  it('ends every other session (their tokens answer 401) and keeps the current one, with an audit entry', async () => {
    const user = await makeActor(db, { role: 'gov', regionCode: '320500' });
    const a = await openSession(user.username, user.password, 'A', '10.2.0.1');
    const b = await openSession(user.username, user.password, 'B', '10.2.0.2');
    const c = await openSession(user.username, user.password, 'C', '10.2.0.3');
    // Warm the session cache of this node for the tokens about to be revoked.
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(200);

    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sessions/revoke-all', headers: c, payload: {} });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revoked: 2 });
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(c)).statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: c });
    expect(list.json().items).toHaveLength(1);
    const audit = await auditOf(user.username);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ revoked: 2, keptCurrent: true });
  });

  it('with includeCurrent ends the current session too and clears the cookie', async () => {
    const user = await makeActor(db, { role: 'expert' });
    const a = await openSession(user.username, user.password, 'A', '10.3.0.1');
    const b = await openSession(user.username, user.password, 'B', '10.3.0.2');
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sessions/revoke-all', headers: b, payload: { includeCurrent: true } });
    expect(response.json()).toEqual({ revoked: 2 });
    expect(response.headers['set-cookie']).toMatch(/xs_session=;/);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
  });

  it('refuses a malformed body as problem+json naming the field, and revokes nothing', async () => {
    const user = await makeActor(db, { role: 'expert' });
    const a = await openSession(user.username, user.password, 'A', '10.4.0.1');
    const b = await openSession(user.username, user.password, 'B', '10.4.0.2');
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sessions/revoke-all', headers: b, payload: { includeCurrent: 'yes' } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json().errors)).toContain('includeCurrent');
    expect((await me(a)).statusCode).toBe(200);
    expect(await auditOf(user.username)).toHaveLength(0);
  });
});

describe('admin: /api/v1/users/:id/sessions', () => {
  it('a platform admin lists and revokes all sessions of another user, with an audit entry naming the admin', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const user = await makeActor(db, { role: 'gov', regionCode: '320500' });
    const a = await openSession(user.username, user.password, 'A', '10.5.0.1');
    const b = await openSession(user.username, user.password, 'B', '10.5.0.2');
    expect((await me(a)).statusCode).toBe(200);

    const list = await app.inject({ method: 'GET', url: `/api/v1/users/${user.userId}/sessions`, headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().items.every((s: { isCurrent: boolean }) => !s.isCurrent)).toBe(true);

    const response = await app.inject({ method: 'POST', url: `/api/v1/users/${user.userId}/sessions/revoke-all`, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revoked: 2 });
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    expect((await me(admin.headers)).statusCode).toBe(200);
    const audit = await auditOf(user.username);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_label).toContain(admin.actor.username);
    // The user can log in again afterwards.
    await openSession(user.username, user.password, 'C', '10.5.0.3');
  });

  it('another user’s sessions are 404 for anyone but a platform admin, exactly like an unknown user', async () => {
    const victim = await makeActor(db, { role: 'expert' });
    const victimSession = await openSession(victim.username, victim.password, 'V', '10.6.0.1');
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    for (const role of [{ role: 'gov' as const, regionCode: '000000' }, { role: 'expert' as const }]) {
      const caller = await loginAs(app, db, role);
      for (const request of [
        { method: 'GET' as const, url: `/api/v1/users/${victim.userId}/sessions` },
        { method: 'POST' as const, url: `/api/v1/users/${victim.userId}/sessions/revoke-all` },
      ]) {
        const response = await app.inject({ ...request, headers: caller.headers });
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('not_found');
      }
    }
    // Their own id through the admin route is 404 too: the self-service routes are /auth/sessions.
    const expert = await loginAs(app, db, { role: 'expert' });
    expect((await app.inject({ method: 'GET', url: `/api/v1/users/${expert.actor.userId}/sessions`, headers: expert.headers })).statusCode).toBe(404);
    for (const id of ['999999999', 'abc']) {
      const unknown = await app.inject({ method: 'GET', url: `/api/v1/users/${id}/sessions`, headers: admin.headers });
      expect(unknown.statusCode).toBe(404);
    }
    expect((await me(victimSession)).statusCode).toBe(200);
    expect(await auditOf(victim.username)).toHaveLength(0);
  });
});
