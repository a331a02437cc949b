import crypto from 'node:crypto';
import type { Db } from '../src/server/db/database.js';
import type { App } from '../src/server/http/context.js';
import type { Actor } from '../src/server/platform/actor.js';
import { SYSTEM_ACTOR } from '../src/server/platform/actor.js';
import { makeUscc } from '../src/server/platform/uscc.js';
import { actorOf, createUser } from '../src/server/modules/accounts/index.js';
import { createEnterprise } from '../src/server/modules/enterprises/index.js';
import type { CreateEnterpriseBody } from '../src/contracts/enterprises.js';
import type { CreateUserBody } from '../src/contracts/auth.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh valid USCC registered in `regionCode` (random body, so tests never collide). */
export function uniqueUscc(regionCode = '320505'): string {
  const bytes = crypto.randomBytes(8);
  const body8 = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return makeUscc({ regionCode, body8 });
}

/** A unique name suffix. */
export function uniqueName(prefix: string): string {
  return `${prefix}${crypto.randomBytes(3).toString('hex')}有限公司`;
}

/** Register an enterprise as the system (platform admin). */
export async function makeEnterprise(db: Db, overrides: Partial<CreateEnterpriseBody> = {}) {
  const regionCode = overrides.regionCode ?? '320505';
  const view = await createEnterprise(db, { actor: SYSTEM_ACTOR }, {
    uscc: overrides.uscc ?? uniqueUscc(regionCode),
    name: overrides.name ?? uniqueName('苏州测试精密'),
    regionCode,
    industryCode: 'C3484',
    employees: 120,
    revenue: 8000,
    assets: 5000,
    ...overrides,
  });
  return view.record;
}

/** Create a user and return its actor (for service tests). */
export async function makeActor(db: Db, body: Omit<CreateUserBody, 'username' | 'password'> & { username?: string }): Promise<Actor & { password: string }> {
  const username = body.username ?? `u_${crypto.randomBytes(5).toString('hex')}`;
  const password = 'correct-horse-1';
  const user = await createUser(db, SYSTEM_ACTOR, { ...body, username, password });
  return { ...actorOf(user), password };
}

/** Create a user and log in through the API; returns its bearer header. */
export async function loginAs(app: App, db: Db, body: Omit<CreateUserBody, 'username' | 'password'>): Promise<{ headers: { authorization: string }; actor: Actor }> {
  const actor = await makeActor(db, body);
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: actor.username, password: actor.password } });
  if (response.statusCode !== 200) {
    throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  }
  return { headers: { authorization: `Bearer ${response.json().token}` }, actor };
}
