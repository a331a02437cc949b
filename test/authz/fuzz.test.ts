/**
 * Fuzzing (issue 9 item 6): malformed requests generated with fast-check from the OpenAPI schemas
 * of every route with a JSON body or query parameters. No response may be a 500; every 4xx is
 * problem+json with a `detail`, and a 422 of validation names the field(s).
 *
 * `FUZZ_RUNS` sets the number of cases (default 1500 in `npm test`; `npm run fuzz` runs 10 000).
 * `npm test` runs one fixed seed, so that CI answers for the code and not for the draw; `npm run fuzz`
 * sets `FUZZ_SEED=random` and explores new cases (a failure prints the seed and path to replay it
 * with `FUZZ_SEED=<seed>`).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support.js';
import { loginAs, makeEnterprise } from '../factories.js';
import type { App } from '../../src/server/http/context.js';
import { apiRoutes, type JsonSchema, type RouteInfo } from './routes.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
/** The seed `npm test` runs; any value changes which 1500 cases CI sees, so change it only on purpose. */
const CI_SEED = 20261128;
const SEED = process.env.FUZZ_SEED === 'random' ? undefined : process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : CI_SEED;

let app: App;
let targets: RouteInfo[];
let identities: Record<string, string>[];

beforeAll(async () => {
  const { app: a, db } = await createTestApp();
  app = a;
  const sme = await makeEnterprise(db);
  identities = [
    (await loginAs(app, db, { role: 'platform_admin' })).headers,
    (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers,
    (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers,
  ];
  targets = apiRoutes(app).filter((r) => r.key !== 'POST /api/v1/auth/logout' && (bodySchemaOf(r) || queryOf(r).length > 0 || r.method !== 'GET'));
}, 300_000);

function bodySchemaOf(route: RouteInfo): JsonSchema | undefined {
  return route.operation.requestBody?.content?.['application/json']?.schema;
}

function queryOf(route: RouteInfo) {
  return (route.operation.parameters ?? []).filter((p) => p.in === 'query');
}

/** Values that break a schema: wrong types, huge and odd strings, extreme numbers, nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, 0, -2147483649, 2 ** 53 + 1, 1e308, -1e308, 1.5, -0.000001, 9_999_999_999_999),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', '\uFEFF', '‮', '𠮷𠮷', '🙂', '../../etc/passwd', "'; DROP TABLE users; --", '<script>alert(1)</script>', '=cmd|\' /C calc\'!A0', 'NaN', 'Infinity', '1e999', '2026-02-30', '9999-12-31', '0000-00-00', '-1', '91320505MA1X'),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
  fc.integer({ min: 1, max: 2000 }).map((n) => Array.from({ length: n }, () => 1)),
  fc.integer({ min: 50, max: 3000 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown),
);

function propertiesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const all = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  return [...new Set(all.flatMap((s) => Object.keys(s.properties ?? {})))];
}

/** A body mutated field by field: some properties hostile, some dropped, plus unknown ones. */
function hostileBody(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const props = propertiesOf(schema);
  const fields = props.length > 0 ? fc.dictionary(fc.constantFrom(...props), hostileValue, { maxKeys: Math.min(props.length, 6) }) : fc.constant({});
  return fc.oneof(
    { weight: 5, arbitrary: fields },
    { weight: 1, arbitrary: fc.tuple(fields, fc.string({ maxLength: 10 }), hostileValue).map(([b, k, v]) => ({ ...(b as object), [k]: v })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

type Case =
  | { kind: 'json'; route: number; who: number; body: unknown }
  | { kind: 'raw'; route: number; who: number; payload: string; contentType: string }
  | { kind: 'query'; route: number; who: number; query: Record<string, unknown> };

const rawPayloads = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', '{"a":1}}', 'null', '"x"', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', 'true', '1e999', '\uFEFF{}', '{"a":"\uD800"}'),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const contentTypes = fc.constantFrom('application/json', 'application/json; charset=gbk', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/octet-stream', 'image/png', '');

function caseArb(): fc.Arbitrary<Case> {
  return fc.integer({ min: 0, max: targets.length - 1 }).chain((route) => {
    const r = targets[route];
    const who = fc.integer({ min: 0, max: identities.length - 1 });
    const arbs: fc.Arbitrary<Case>[] = [];
    if (r.method !== 'GET') {
      arbs.push(fc.record({ kind: fc.constant('json' as const), route: fc.constant(route), who, body: hostileBody(bodySchemaOf(r)) }));
      arbs.push(fc.record({ kind: fc.constant('raw' as const), route: fc.constant(route), who, payload: rawPayloads, contentType: contentTypes }));
    }
    const params = queryOf(r).map((p) => p.name);
    if (params.length > 0) {
      const queryValue = fc.oneof(hostileValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')), fc.array(fc.string({ maxLength: 20 }), { minLength: 2, maxLength: 3 }));
      arbs.push(fc.record({ kind: fc.constant('query' as const), route: fc.constant(route), who, query: fc.dictionary(fc.constantFrom(...params, 'unknown'), queryValue, { minKeys: 1, maxKeys: 4 }) }));
    }
    return fc.oneof(...arbs);
  });
}

function urlOf(route: RouteInfo): string {
  return route.path.replace(/\{(\w+)\}/g, (_, p: string) => (p === 'uscc' || p === 'code' ? '91320505MA1XXXXX0X' : p === 'key' ? 'x' : '1'));
}

async function send(c: Case) {
  const route = targets[c.route];
  const headers: Record<string, string> = { ...identities[c.who] };
  const url = urlOf(route);
  if (c.kind === 'json') {
    return app.inject({ method: route.method as 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(c.body) ?? 'null' });
  }
  if (c.kind === 'raw') {
    if (c.contentType) headers['content-type'] = c.contentType;
    return app.inject({ method: route.method as 'POST', url, headers, payload: c.payload });
  }
  return app.inject({ method: route.method as 'GET', url, headers, query: c.query as Record<string, string | string[]> });
}

/** What is wrong with a response to a malformed request, or undefined when it is fine. */
function problemOf(status: number, contentType: string | undefined, body: string): string | undefined {
  if (status >= 500) return `status ${status}`;
  if (status < 400) return undefined;
  if (!String(contentType).startsWith('application/problem+json')) return `${status} with content-type ${contentType}`;
  const problem = JSON.parse(body) as { detail?: unknown; code?: string; errors?: { path?: unknown; message?: unknown }[] };
  if (typeof problem.detail !== 'string' || problem.detail.length === 0) return `${status} without detail`;
  if (status === 422 && problem.code === 'validation_failed') {
    if (!Array.isArray(problem.errors) || problem.errors.length === 0) return '422 without errors[]';
    if (problem.errors.some((e) => typeof e.path !== 'string' || typeof e.message !== 'string' || e.message.length === 0)) return '422 with an error that names no field';
  }
  return undefined;
}

describe('fuzzing the API from its OpenAPI schemas', () => {
  it(`answers ${RUNS} malformed requests without a 500, each 4xx naming the problem`, async () => {
    expect(targets.length).toBeGreaterThan(100);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(caseArb(), async (c) => {
        const r = await send(c);
        statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
        const problem = problemOf(r.statusCode, r.headers['content-type'] as string | undefined, r.body);
        if (problem) throw new Error(`${targets[c.route].key}: ${problem}: ${r.body.slice(0, 300)}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The fuzzer must mostly be refused, and reach the validators (not only the auth hook).
    expect(statuses.get(422) ?? 0).toBeGreaterThan(RUNS / 4);
  }, 900_000);
});
