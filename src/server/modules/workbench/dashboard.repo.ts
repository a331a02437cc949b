/**
 * Counts behind the dispatch dashboard (调度驾驶舱): read-only aggregates over the registry,
 * chains, matching, risk and task tables, each scoped by a region prefix (and a chain's members).
 * See ADR 0014 on why the workbench reads these tables directly.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import { chainMemberFilter } from '../../platform/figures.js';

/** Where the dashboard counts: a region prefix ('' = the country) and optionally a chain's members. */
export interface DashboardScope {
  prefix: string;
  chainId?: string;
}

const num = (v: string | number | null | undefined): number => Number(v ?? 0);

function memberFilter(column: string, scope: DashboardScope): RawBuilder<unknown> {
  return chainMemberFilter(column, { regionPrefix: scope.prefix, chainId: scope.chainId });
}

/** Enterprise counts: total, by size class, by tier tag. */
export async function countEnterprises(db: Db, scope: DashboardScope) {
  const { rows } = await sql<Record<string, string>>`
    SELECT count(*) AS total,
      count(*) FILTER (WHERE size = 'large') AS large, count(*) FILTER (WHERE size = 'medium') AS medium,
      count(*) FILTER (WHERE size = 'small') AS small, count(*) FILTER (WHERE size = 'micro') AS micro,
      count(*) FILTER (WHERE tags @> ARRAY['innovative']) AS innovative, count(*) FILTER (WHERE tags @> ARRAY['specialized']) AS specialized,
      count(*) FILTER (WHERE tags @> ARRAY['little_giant']) AS little_giant, count(*) FILTER (WHERE tags @> ARRAY['leader']) AS leader
    FROM enterprises e WHERE e.region_code LIKE ${`${scope.prefix}%`} ${memberFilter('e.id', scope)}`.execute(db);
  const r = rows[0];
  return {
    total: num(r.total), large: num(r.large), medium: num(r.medium), small: num(r.small), micro: num(r.micro),
    innovative: num(r.innovative), specialized: num(r.specialized), little_giant: num(r.little_giant), leader: num(r.leader),
  };
}

/** Needs: published (and after), fulfilled (对接成功), waiting for review. */
export async function countNeeds(db: Db, scope: DashboardScope) {
  const { rows } = await sql<Record<string, string>>`
    SELECT count(*) FILTER (WHERE status IN ('published','closed','fulfilled')) AS published, count(*) FILTER (WHERE status = 'fulfilled') AS fulfilled,
      count(*) FILTER (WHERE status = 'submitted') AS submitted
    FROM needs n WHERE n.region_code LIKE ${`${scope.prefix}%`} ${memberFilter('n.enterprise_id', scope)}`.execute(db);
  return { published: num(rows[0].published), fulfilled: num(rows[0].fulfilled), submitted: num(rows[0].submitted) };
}

/** Risk events: all, potential (潜在) and confirmed (确认). */
export async function countRiskEvents(db: Db, scope: DashboardScope) {
  const { rows } = await sql<Record<string, string>>`
    SELECT count(*) AS total, count(*) FILTER (WHERE status = 'potential') AS potential, count(*) FILTER (WHERE status = 'confirmed') AS confirmed
    FROM risk_events r WHERE r.region_code LIKE ${`${scope.prefix}%`} ${memberFilter('r.enterprise_id', scope)}`.execute(db);
  return { total: num(rows[0].total), potential: num(rows[0].potential), confirmed: num(rows[0].confirmed) };
}

/** Chain maps of the region, and enterprise placements in them. */
export async function countChains(db: Db, scope: DashboardScope) {
  const { rows } = await sql<Record<string, string>>`
    SELECT count(*) AS chains, (SELECT count(*) FROM chain_members m JOIN chains c2 ON c2.id = m.chain_id WHERE c2.region_code LIKE ${`${scope.prefix}%`}) AS placements
    FROM chains c WHERE c.region_code LIKE ${`${scope.prefix}%`}`.execute(db);
  return { chains: num(rows[0].chains), placements: num(rows[0].placements) };
}

/** Tasks of the region and below: all, not completed, overdue (as of `today`). */
export async function countTasks(db: Db, scope: DashboardScope, today: string) {
  const { rows } = await sql<Record<string, string>>`
    SELECT count(*) AS total, count(*) FILTER (WHERE status <> 'completed') AS open, count(*) FILTER (WHERE status <> 'completed' AND due_on < ${today}::date) AS overdue
    FROM tasks t WHERE t.region_code LIKE ${`${scope.prefix}%`}`.execute(db);
  return { total: num(rows[0].total), open: num(rows[0].open), overdue: num(rows[0].overdue) };
}

/** Per-subregion counts: one FILTER column per subregion prefix, one scan per table. */
export async function countBySubregion(db: Db, scope: DashboardScope, prefixes: string[]): Promise<{ enterprises: number[]; specialized: number[]; needs: number[]; risk: number[] }> {
  if (prefixes.length === 0) return { enterprises: [], specialized: [], needs: [], risk: [] };
  const columns = (condition: RawBuilder<unknown> | null) =>
    sql.join(prefixes.map((p, i) => sql`count(*) FILTER (WHERE region_code LIKE ${`${p}%`}${condition ? sql` AND ${condition}` : sql``}) AS ${sql.ref(`c${i}`)}`));
  const pick = (row: Record<string, string>) => prefixes.map((_, i) => num(row[`c${i}`]));
  const base = `${scope.prefix}%`;
  const [e, s, n, r] = await Promise.all([
    sql<Record<string, string>>`SELECT ${columns(null)} FROM enterprises e WHERE region_code LIKE ${base} ${memberFilter('e.id', scope)}`.execute(db),
    sql<Record<string, string>>`SELECT ${columns(sql`tags @> ARRAY['specialized']`)} FROM enterprises e WHERE region_code LIKE ${base} ${memberFilter('e.id', scope)}`.execute(db),
    sql<Record<string, string>>`SELECT ${columns(sql`status IN ('published','closed','fulfilled')`)} FROM needs n WHERE region_code LIKE ${base} ${memberFilter('n.enterprise_id', scope)}`.execute(db),
    sql<Record<string, string>>`SELECT ${columns(null)} FROM risk_events r WHERE region_code LIKE ${base} ${memberFilter('r.enterprise_id', scope)}`.execute(db),
  ]);
  return { enterprises: pick(e.rows[0]), specialized: pick(s.rows[0]), needs: pick(n.rows[0]), risk: pick(r.rows[0]) };
}
