/**
 * The authorisation matrix (issue 9 item 5): every documented API route × every actor, in and out
 * of scope, against the classification in ./matrix.ts. New routes fail until classified.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support.js';
import type { Db } from '../../src/server/db/database.js';
import type { App } from '../../src/server/http/context.js';
import { isPublicRoute } from '../../src/server/http/auth.js';
import { DEMO_PASSWORD, seedDemo, seedModuleDemos } from '../../src/server/demo/seed.js';
import { DEMO_ANCHORS } from '../../src/server/demo/generator.js';
import { ACTOR_NAMES, matrixActors, type ActorName, type MatrixActor } from './actors.js';
import { apiRoutes, type RouteInfo } from './routes.js';
import { outcomeOf, probeRoute, type RouteResult } from './probe.js';
import { renderClassification, renderDoc, rowOf } from './render.js';
import { MATRIX, VISIBLE_BY_DESIGN } from './matrix.js';

const IS_WRITE = process.env.AUTHZ_WRITE === '1';
const DOC = path.resolve(import.meta.dirname, '../../docs/AUTHZ.md');
/** Logging out ends the prober's session: probed with sessions of its own below. */
const LOGOUT = 'POST /api/v1/auth/logout';
/** Writes that succeed without an audit entry, by design (each reviewed). */
const NOT_AUDITED: Record<string, string> = {
  'POST /api/v1/needs/preview-matches': 'a ranking computed from the body; nothing is stored',
  'POST /api/v1/alerts/read-all': 'the caller’s own read marks on their alerts',
  'POST /api/v1/alerts/{id}/read': 'the caller’s own read mark on their alert',
  'POST /api/v1/notifications/read-all': 'the caller’s own read marks on their notifications (audited when one changed)',
};

let app: App;
let db: Db;
let actors: Map<ActorName, MatrixActor>;
let routes: RouteInfo[];
const results: RouteResult[] = [];

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  await seedDemo(db, { count: 300 });
  await seedModuleDemos(db);
  actors = await matrixActors(app, db);
  routes = apiRoutes(app);
  const demoSme = DEMO_ANCHORS.find((a) => a.regionCode.startsWith('3205') && !a.tags.includes('leader'))!;
  for (const route of routes) {
    if (route.key === LOGOUT) continue;
    results.push(await probeRoute(app, db, actors, route, demoSme.uscc));
  }
}, 1_200_000);

/** The resource's own read route for an object route (`GET /api/v1/x/{id}` for `POST /api/v1/x/{id}/y`). */
function readRouteOf(key: string): string | undefined {
  const p = key.slice(key.indexOf(' ') + 1);
  const end = p.indexOf('}');
  return end < 0 ? undefined : `GET ${p.slice(0, end + 1)}`;
}

describe('authorisation matrix', () => {
  it('classifies every route of the app, and only those', () => {
    // Logging out is probed by a test of its own below (it would end the probing actors' sessions).
    const keys = routes.map((r) => r.key).filter((k) => k !== LOGOUT);
    const unclassified = keys.filter((k) => !(k in MATRIX));
    const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
    if (!IS_WRITE) {
      const rows = unclassified.map((k) => { const r = results.find((x) => x.route.key === k); return `  '${k}': '${r ? rowOf(r) : ''}',`; });
      expect(unclassified, `routes missing from test/authz/matrix.ts (observed rows, review before adding):\n${rows.join('\n')}`).toEqual([]);
      expect(stale, 'routes in test/authz/matrix.ts the app no longer has').toEqual([]);
    }
  });

  it('never answers 500', () => {
    const failures = results.flatMap((r) => r.cells.filter((c) => c.status >= 500).map((c) => `${r.route.key} as ${c.actor}: ${c.body}`));
    expect(failures).toEqual([]);
  });

  it('answers anonymous callers 401 on every route but the public ones, before looking at the input', () => {
    const wrong = results.filter((r) => {
      const status = r.cells.find((c) => c.actor === 'anonymous')!.status;
      return isPublicRoute(r.route.path.replace(/\{(\w+)\}/g, ':$1')) ? status === 401 : status !== 401;
    });
    expect(wrong.map((r) => `${r.route.key}: ${r.cells[0].status}`)).toEqual([]);
  });

  it('answers for an object the caller cannot read exactly as for a missing one (404, never 403)', () => {
    const byKey = new Map(results.map((r) => [r.route.key, r]));
    const leaks: string[] = [];
    for (const r of results) {
      if (!r.url || VISIBLE_BY_DESIGN[r.route.key]) continue;
      // The read route tells whether the actor can see the object only if it probed the same one
      // (a write probed earlier, e.g. a DELETE, may have removed the first demo row in between);
      // when it probed another, this cell cannot be judged.
      const read = byKey.get(readRouteOf(r.route.key) ?? '');
      if (read?.url && r.url !== read.url && !r.url.startsWith(`${read.url}/`)) continue;
      for (const c of r.cells) {
        if (c.missingStatus === undefined || c.status === c.missingStatus) continue;
        const canRead = read ? read.cells.find((x) => x.actor === c.actor)!.status < 300 : !actors.get(c.actor)!.isOutOfScope;
        if (!canRead) leaks.push(`${r.route.key} as ${c.actor}: ${c.status} for ${r.url}, ${c.missingStatus} for a missing id`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('keeps objects of other regions and organisations out of reach: out-of-scope actors never read a non-public object', () => {
    // Spot checks with objects that are private to their owners in the demo data.
    const private404 = ['GET /api/v1/enterprises/{uscc}', 'GET /api/v1/enterprises/{uscc}/history', 'GET /api/v1/contracts/{id}', 'GET /api/v1/vouchers/{id}', 'GET /api/v1/complaints/{id}', 'GET /api/v1/tasks/{id}'];
    for (const key of private404) {
      const r = results.find((x) => x.route.key === key);
      expect(r, key).toBeDefined();
      expect(r!.url, `${key} needs a demo object`).toBeDefined();
      for (const c of r!.cells.filter((x) => x.actor.endsWith('_out'))) expect(`${key} ${c.actor} ${c.status}`).toBe(`${key} ${c.actor} 404`);
    }
  });

  it('matches the classification in test/authz/matrix.ts cell by cell', () => {
    if (IS_WRITE) return;
    const diffs: string[] = [];
    for (const r of results) {
      const expected = MATRIX[r.route.key];
      if (expected === undefined) continue;
      const exp = expected.split(' ');
      r.cells.forEach((c, i) => {
        if (exp[i] !== outcomeOf(c.status)) diffs.push(`${r.route.key} as ${c.actor}: expected ${exp[i]}, got ${c.status} ${c.body.slice(0, 160)}`);
      });
    }
    expect(diffs).toEqual([]);
  });

  it('leaves an audit entry for every write that succeeded (issue 9 item 7: audit log completeness)', () => {
    const unaudited = results.flatMap((r) => r.cells.filter((c) => c.isAudited === false && c.status < 300 && !NOT_AUDITED[r.route.key]).map((c) => `${r.route.key} as ${c.actor}: ${c.status}`));
    expect(unaudited).toEqual([]);
    // Writes that succeeded somewhere in the matrix (the check above has something to check).
    expect(results.filter((r) => r.route.method !== 'GET' && r.cells.some((c) => c.isAudited)).length).toBeGreaterThan(20);
  });

  it('lets anyone log out, signed in or not, and ends only the caller’s session', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(anonymous.statusCode).toBeLessThan(300);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'sme', password: DEMO_PASSWORD } });
    const headers = { authorization: `Bearer ${login.json().token}` };
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBeLessThan(300);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: actors.get('sme')!.headers })).statusCode).toBe(200);
  });

  it('documents the result in docs/AUTHZ.md', () => {
    const doc = renderDoc(results);
    if (IS_WRITE) {
      fs.writeFileSync(DOC, doc);
      fs.writeFileSync(path.resolve(import.meta.dirname, 'matrix.ts'), renderClassification(results, VISIBLE_BY_DESIGN));
      return;
    }
    expect(fs.readFileSync(DOC, 'utf8'), 'docs/AUTHZ.md is stale: AUTHZ_WRITE=1 npx vitest run test/authz/matrix.test.ts').toBe(doc);
  });
});
