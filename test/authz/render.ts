/** Renders the observed matrix as the classification file and as docs/AUTHZ.md. */
import { ACTOR_LABELS, ACTOR_NAMES } from './actors.js';
import type { Outcome, RouteResult } from './probe.js';
import { outcomeOf } from './probe.js';

/** One route's row: the outcome per actor in {@link ACTOR_NAMES} order, space-separated. */
export function rowOf(result: RouteResult): string {
  return result.cells.map((c) => outcomeOf(c.status)).join(' ');
}

export function renderClassification(results: RouteResult[], notes: Record<string, string>): string {
  const lines = results.map((r) => `  '${r.route.key}': '${rowOf(r)}',`);
  return `/**
 * The authorisation matrix: for every API route, the expected outcome per actor, in the order of
 * \`ACTOR_NAMES\` (test/authz/actors.ts):
 *
 *   ${ACTOR_NAMES.join(' ')}
 *
 * Outcomes: ok (2xx), rej (reached the route; refused the input or the state: 400/409/413/415/422),
 * 401, 403, 404. Probes carry an empty JSON body, so a role allowed to write gets \`rej\` on routes
 * whose body has required fields. \`_out\` actors look at the demo objects from outside their region
 * or organisation. A route missing here fails test/authz/matrix.test.ts: classify it (review the
 * row printed by the failure, or regenerate with \`AUTHZ_WRITE=1 npx vitest run test/authz/matrix.test.ts\`
 * and review the diff).
 */
export const MATRIX: Record<string, string> = {
${lines.join('\n')}
};

/**
 * Routes whose object an actor may act on without being able to read it with the resource's own
 * \`GET\`, by design (each reviewed). Elsewhere an object an actor cannot read answers exactly as a
 * missing one.
 */
export const VISIBLE_BY_DESIGN: Record<string, string> = {
${Object.entries(notes).map(([k, v]) => `  '${k}': '${v.replace(/'/g, '’')}',`).join('\n')}
};
`;
}

/** The top of docs/AUTHZ.md: what to do when a new route fails the matrix. */
const HOW_TO_CLASSIFY = `## When your new route fails the matrix 新路由未通过权限矩阵时

\`test/authz/matrix.test.ts\` probes every route of the OpenAPI document as 17 actors (below) and
fails until each route has a row in \`MATRIX\` (\`test/authz/matrix.ts\`). To classify a route:

1. **Run the matrix alone:** \`npx vitest run test/authz/matrix.test.ts\` (several minutes: it loads
   the demo data and sends two requests per route and actor).
2. **If it stops in \`beforeAll\` with \`no demo table for /api/v1/<prefix>/{id}\`:** add the prefix
   and its table to \`TABLE_OF\` in \`test/authz/routes.ts\` (a second path parameter of a child
   object: \`CHILD_OF\`; a \`{fileId}\`: \`FILE_OWNER_KIND\`; a \`{code}\` or \`{key}\` of a new kind:
   \`fillPath\`). The probe takes the first row of that table (\`ORDER BY id\`), so the module's demo
   data must create one, in the demo region (Suzhou, 3205xx), or the row is marked † and only
   shows what a missing id gets.
3. **Read the failure of “classifies every route”:** it prints the observed row of each unclassified
   route, one outcome per actor in \`ACTOR_NAMES\` order (anonymous, the seven \`_out\` actors, then
   expert sme bank large gov_county gov_city gov_province gov_ministry platform_admin).
4. **Check every cell against the route’s code** (its \`requireActor\`, role checks and the
   service’s scope query), not against what seems plausible. The row records what happens; you
   confirm it is what *should* happen:
   - \`401\` for \`anonymous\`, unless the path is public (\`isPublicRoute\` in
     \`src/server/http/auth.ts\`: login, logout, \`/reference/*\`, \`/public/*\`).
   - \`404\` for an object the actor may not read (every \`_out\` actor on a Suzhou demo object) —
     never \`403\`, which would tell them it exists.
   - \`403\` where the actor can see the object (or the route names none) but their role may not do
     this (an SME on a gov-only list, a bank member on an SME action).
   - \`ok\` (2xx) where allowed; \`rej\` where allowed but the probe’s empty JSON body or the
     object’s state is refused (400/409/415/422) — the usual answer of an allowed write.
   - Writes are probed one actor after the other, least privileged first; a write that succeeded
     earlier in the row can make later cells \`rej\` (409) — that is expected.
5. **A wrong cell is a bug in the route:** fix the route or its service (scope query, role check,
   404 instead of 403), not the matrix; add a case to the module’s \`*.routes.test.ts\`.
6. **Record the rows:** \`AUTHZ_WRITE=1 npx vitest run test/authz/matrix.test.ts\` rewrites
   \`test/authz/matrix.ts\` and this file from the observed run. Then \`git diff test/authz/matrix.ts\`:
   only your routes’ rows may be new or changed. A changed row of another route means your change
   altered someone else’s authorisation (or their demo object): find out which before committing.
   (Pasting the printed rows into \`MATRIX\` by hand also works, but this file then is stale: the
   last test fails until it is regenerated.)
7. **“answers for an object the caller cannot read exactly as for a missing one” fails:** an actor
   who gets a non-2xx from the resource’s own \`GET …/{id}\` got something else for the real object
   than for a missing id (usually 403 vs 404, or 409/422 before the scope check). Check scope first
   in the service. Only when acting without reading is the design (e.g. counts about any registered
   enterprise), add the route to \`VISIBLE_BY_DESIGN\` in \`test/authz/matrix.ts\` with the reason.
8. **“leaves an audit entry for every write that succeeded” fails:** a write answered 2xx without
   adding a row to \`audit_log\`. Call \`recordWrites\` in the write's transaction. Only writes that
   change nothing anyone else sees (a preview computed from the body, the caller's own read marks)
   go in \`NOT_AUDITED\` in \`test/authz/matrix.test.ts\`, with the reason.
9. **Merging:** \`test/authz/matrix.ts\` and this file are generated. On a conflict take either
   side, rerun step 6 on the merged tree, and review the diff against both parents.

`;

const SHORT: Record<Outcome, string> = { ok: '✅', rej: '↩️', '401': '401', '403': '403', '404': '404', '500': '💥500' };

export function renderDoc(results: RouteResult[]): string {
  const header = `| Route | ${ACTOR_NAMES.map((a) => a).join(' | ')} |`;
  const rule = `|---|${ACTOR_NAMES.map(() => ':-:').join('|')}|`;
  const rows = results.map((r) => `| \`${r.route.key}\`${r.url ? '' : ' †'} | ${r.cells.map((c) => SHORT[outcomeOf(c.status)]).join(' | ')} |`);
  return `# Authorisation matrix 权限矩阵

${HOW_TO_CLASSIFY}
## The matrix

Generated by \`test/authz/matrix.test.ts\` (\`AUTHZ_WRITE=1 npx vitest run test/authz/matrix.test.ts\`
rewrites it and \`test/authz/matrix.ts\`); the test fails when this file differs from what the app does.

Every documented API route (${results.length}) × every actor, through \`app.inject\` on one app over one
database holding the demo data (Suzhou demo organisations and users). Path parameters name real demo
objects; \`_out\` actors are outside their scope (Guangdong government users, organisations of their
own, an expert on no committee). Each request is also sent with ids that do not exist: an actor who
cannot read an object must get exactly what a missing object gets (404, never 403).

Legend: ✅ allowed (2xx) · ↩️ reached the route, input or state refused (probes send an empty JSON
body: 400/409/415/422) · 401 not signed in · 403 role may not · 404 not found / out of scope ·
† no demo object of this kind: the cells show the answer for a missing id.

Actors:

${ACTOR_NAMES.map((a) => `- \`${a}\`: ${ACTOR_LABELS[a]}`).join('\n')}

${header}
${rule}
${rows.join('\n')}
`;
}
