import { verify } from '@node-rs/argon2';
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

const NEW_PASSWORD = 'Fresh-secret-42';

function logIn(username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
}

async function openSession(username: string, password: string): Promise<{ authorization: string }> {
  const response = await logIn(username, password);
  expect(response.statusCode).toBe(200);
  return { authorization: `Bearer ${response.json().token}` };
}

function me(headers: { authorization: string }) {
  return app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
}

function auditOf(username: string, action: string) {
  return db.selectFrom('audit_log').select(['action', 'actor_label', 'before', 'after']).where('entity_key', '=', username).where('action', '=', action).execute();
}

async function passwordHashOf(userId: string): Promise<string> {
  return (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
}

describe('POST /api/v1/users/:id/disable and /enable', () => {
  it('disabling ends every session at once (even cached ones) and refuses log-in like a wrong password; enabling restores log-in', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const user = await makeActor(db, { role: 'gov', regionCode: '320500' });
    const a = await openSession(user.username, user.password);
    const b = await openSession(user.username, user.password);
    expect((await me(a)).statusCode).toBe(200); // warm this node's session cache

    const disabled = await app.inject({ method: 'POST', url: `/api/v1/users/${user.userId}/disable`, headers: admin.headers });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ revoked: 2, user: { username: user.username, isDisabled: true } });
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', user.userId).execute()).toEqual([]);

    const refused = await logIn(user.username, user.password);
    const wrong = await logIn(user.username, 'not-the-password-9');
    for (const r of [refused, wrong]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'unauthenticated', detail: '用户名或密码错误' });
    }
    const list = await app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: admin.headers });
    expect(list.json().items.find((u: { username: string }) => u.username === user.username).isDisabled).toBe(true);

    const enabled = await app.inject({ method: 'POST', url: `/api/v1/users/${user.userId}/enable`, headers: admin.headers });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ revoked: 0, user: { isDisabled: false } });
    const again = await openSession(user.username, user.password);
    expect((await me(again)).statusCode).toBe(200);
    expect((await me(a)).statusCode).toBe(401); // no old session comes back

    const disables = await auditOf(user.username, 'user.disable');
    expect(disables).toHaveLength(1);
    expect(disables[0]).toMatchObject({ before: { isDisabled: false }, after: { isDisabled: true, revokedSessions: 2 } });
    expect(disables[0].actor_label).toContain(admin.actor.username);
    expect(await auditOf(user.username, 'user.enable')).toHaveLength(1);
  });

  it('is idempotent: disabling a disabled user answers 200 and notes the unchanged state', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const user = await makeActor(db, { role: 'expert' });
    for (let i = 0; i < 2; i++) {
      const response = await app.inject({ method: 'POST', url: `/api/v1/users/${user.userId}/disable`, headers: admin.headers });
      expect(response.statusCode).toBe(200);
      expect(response.json().user.isDisabled).toBe(true);
    }
    const audit = await auditOf(user.username, 'user.disable');
    expect(audit.map((e) => e.before)).toEqual([{ isDisabled: false }, { isDisabled: true }]);
  });

  it('an admin cannot disable their own account (409), and stays signed in', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const response = await app.inject({ method: 'POST', url: `/api/v1/users/${admin.actor.userId}/disable`, headers: admin.headers });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect((await me(admin.headers)).statusCode).toBe(200);
    expect(await auditOf(admin.actor.username, 'user.disable')).toHaveLength(0);
  });
});

describe('POST /api/v1/users/:id/password', () => {
  it('sets a new password (argon2id), ends every session of the user, and audits without the password', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const user = await makeActor(db, { role: 'expert' });
    const a = await openSession(user.username, user.password);
    expect((await me(a)).statusCode).toBe(200);

    const response = await app.inject({ method: 'POST', url: `/api/v1/users/${user.userId}/password`, headers: admin.headers, payload: { password: NEW_PASSWORD } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ revoked: 1, user: { username: user.username, isDisabled: false } });
    expect((await me(a)).statusCode).toBe(401);
    expect((await logIn(user.username, user.password)).statusCode).toBe(401);
    expect((await logIn(user.username, NEW_PASSWORD)).statusCode).toBe(200);
    const hash = await passwordHashOf(user.userId);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verify(hash, NEW_PASSWORD)).toBe(true);

    const audit = await auditOf(user.username, 'user.password_reset');
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toEqual({ revokedSessions: 1, keptCurrent: false });
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(audit)).not.toContain(hash);
  });

  it('refuses a password against the rules with 422 naming `password`, and changes nothing', async () => {
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    const user = await makeActor(db, { role: 'expert', username: `pw_rules_${Date.now()}` });
    const session = await openSession(user.username, user.password);
    const before = await passwordHashOf(user.userId);
    for (const password of ['short1!', '12345678', 'lettersonly', `x-${user.username}-9`]) {
      const response = await app.inject({ method: 'POST', url: `/api/v1/users/${user.userId}/password`, headers: admin.headers, payload: { password } });
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain('password');
    }
    expect(await passwordHashOf(user.userId)).toBe(before);
    expect((await me(session)).statusCode).toBe(200);
    expect(await auditOf(user.username, 'user.password_reset')).toHaveLength(0);
  });
});

describe('admin user actions out of scope', () => {
  it('answer 404 for anyone but a platform admin, exactly like an unknown user, and change nothing', async () => {
    const victim = await makeActor(db, { role: 'gov', regionCode: '320200' });
    const victimSession = await openSession(victim.username, victim.password);
    const admin = await loginAs(app, db, { role: 'platform_admin' });
    // A gov user of the victim's own region does not manage users either (only platform admins do).
    for (const role of [{ role: 'gov' as const, regionCode: '000000' }, { role: 'gov' as const, regionCode: '320200' }, { role: 'expert' as const }]) {
      const caller = await loginAs(app, db, role);
      for (const action of ['disable', 'enable', 'password']) {
        const response = await app.inject({ method: 'POST', url: `/api/v1/users/${victim.userId}/${action}`, headers: caller.headers, payload: action === 'password' ? { password: NEW_PASSWORD } : undefined });
        expect(response.statusCode).toBe(404);
        expect(response.json().code).toBe('not_found');
      }
    }
    for (const id of ['999999999', 'abc']) {
      for (const action of ['disable', 'enable']) {
        expect((await app.inject({ method: 'POST', url: `/api/v1/users/${id}/${action}`, headers: admin.headers })).statusCode).toBe(404);
      }
      expect((await app.inject({ method: 'POST', url: `/api/v1/users/${id}/password`, headers: admin.headers, payload: { password: NEW_PASSWORD } })).statusCode).toBe(404);
    }
    expect((await me(victimSession)).statusCode).toBe(200);
    expect((await logIn(victim.username, victim.password)).statusCode).toBe(200);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_key', '=', victim.username).where('action', 'in', ['user.disable', 'user.enable', 'user.password_reset']).execute();
    expect(audit).toEqual([]);
  });

  it('answer an anonymous caller 401', async () => {
    const user = await makeActor(db, { role: 'expert' });
    for (const action of ['disable', 'enable', 'password']) {
      expect((await app.inject({ method: 'POST', url: `/api/v1/users/${user.userId}/${action}` })).statusCode).toBe(401);
    }
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'x', newPassword: NEW_PASSWORD } })).statusCode).toBe(401);
  });
});

describe('POST /api/v1/auth/password', () => {
  it('changes the caller’s password, keeps the current session and ends the others', async () => {
    const user = await makeActor(db, { role: 'expert' });
    const here = await openSession(user.username, user.password);
    const elsewhere = await openSession(user.username, user.password);
    expect((await me(elsewhere)).statusCode).toBe(200);

    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: here, payload: { currentPassword: user.password, newPassword: NEW_PASSWORD } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ revoked: 1 });
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await logIn(user.username, user.password)).statusCode).toBe(401);
    expect((await logIn(user.username, NEW_PASSWORD)).statusCode).toBe(200);
    const audit = await auditOf(user.username, 'user.password_change');
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toEqual({ revokedSessions: 1, keptCurrent: true });
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a wrong current password (422 naming currentPassword), a weak or unchanged new one (naming newPassword), and changes nothing', async () => {
    const user = await makeActor(db, { role: 'expert' });
    const here = await openSession(user.username, user.password);
    const elsewhere = await openSession(user.username, user.password);
    const before = await passwordHashOf(user.userId);
    const cases: [Record<string, unknown>, string][] = [
      [{ currentPassword: 'wrong-password-1', newPassword: NEW_PASSWORD }, 'currentPassword'],
      [{ currentPassword: user.password, newPassword: 'abcdefgh' }, 'newPassword'],
      [{ currentPassword: user.password, newPassword: `${user.username}-9` }, 'newPassword'],
      [{ currentPassword: user.password, newPassword: user.password }, 'newPassword'],
      [{ newPassword: NEW_PASSWORD }, 'currentPassword'],
    ];
    for (const [payload, field] of cases) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: here, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(422);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect(await passwordHashOf(user.userId)).toBe(before);
    expect((await me(elsewhere)).statusCode).toBe(200);
    expect(await auditOf(user.username, 'user.password_change')).toHaveLength(0);
  });

  it('rate-limits guessing the current password with a stolen session', async () => {
    const user = await makeActor(db, { role: 'expert' });
    const here = await openSession(user.username, user.password);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: here, payload: { currentPassword: `guess-${i}-x`, newPassword: NEW_PASSWORD } });
      statuses.push(response.statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429))).toEqual(statuses.slice(statuses.indexOf(429)).map(() => 429));
    const right = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: here, payload: { currentPassword: user.password, newPassword: NEW_PASSWORD } });
    expect(right.statusCode).toBe(429);
  });
});
