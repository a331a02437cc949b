/**
 * Runs the authorisation matrix: every API route × every actor, against one app over one
 * database holding the demo data.
 */
import type { Db } from '../../src/server/db/database.js';
import type { App } from '../../src/server/http/context.js';
import type { ActorName, MatrixActor } from './actors.js';
import { ACTOR_NAMES } from './actors.js';
import { fillPath, type RouteInfo } from './routes.js';

/** What a cell observed, reduced to what authorisation decides. */
export type Outcome = 'ok' | 'rej' | '401' | '403' | '404' | '500';

/** 2xx/3xx → ok; 400/409/413/415/422/429 → rej (reached the route, refused the input or state). */
export function outcomeOf(status: number): Outcome {
  if (status < 400) return 'ok';
  if (status === 401 || status === 403 || status === 404) return String(status) as Outcome;
  if (status >= 500) return '500';
  return 'rej';
}

export interface CellResult {
  actor: ActorName;
  status: number;
  /** Status for the same request on ids that do not exist (routes with an object). */
  missingStatus?: number;
  body: string;
  /** Writes only: whether the request on the real object added a row to `audit_log`. */
  isAudited?: boolean;
}

export interface RouteResult {
  route: RouteInfo;
  /** The URL probed (real demo objects), or undefined when the demo data has no such object. */
  url?: string;
  cells: CellResult[];
}

function requestOf(route: RouteInfo) {
  const content = route.operation.requestBody?.content ?? {};
  if (content['application/json']) return { payload: {} as object };
  return {};
}

/** The newest `audit_log` id (writes are probed one at a time, so a change means this request wrote one). */
async function lastAuditId(db: Db): Promise<string> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return String(row?.id ?? '0');
}

/** Probe one route for every actor (in matrix order). */
export async function probeRoute(app: App, db: Db, actors: Map<ActorName, MatrixActor>, route: RouteInfo, demoUscc: string): Promise<RouteResult> {
  const fill = await fillPath(db, route.path, demoUscc);
  const cell = async (name: ActorName): Promise<CellResult> => {
    const actor = actors.get(name)!;
    const send = (url: string) => app.inject({ method: route.method as 'GET', url, headers: actor.headers, ...requestOf(route) });
    let missingStatus: number | undefined;
    if (fill.hasObject) missingStatus = (await send(fill.missing)).statusCode;
    const isWrite = route.method !== 'GET';
    const auditBefore = isWrite ? await lastAuditId(db) : undefined;
    const r = fill.real ? await send(fill.real) : undefined;
    const isAudited = isWrite && r ? (await lastAuditId(db)) !== auditBefore : undefined;
    return { actor: name, status: r?.statusCode ?? missingStatus!, missingStatus, body: r ? r.body.slice(0, 300) : '', isAudited };
  };
  // Reads run side by side; writes one actor after the other in matrix order (least privileged
  // first), so that what an allowed actor changes is seen only by the more privileged ones after it.
  const cells: CellResult[] = [];
  if (route.method === 'GET') {
    cells.push(...(await Promise.all(ACTOR_NAMES.map(cell))));
  } else {
    for (const name of ACTOR_NAMES) cells.push(await cell(name));
  }
  return { route, url: fill.real, cells };
}
