/**
 * The registry of platform metrics (平台数据自动统计) that fill a task's `done`: a task tied to a
 * metric counts what the platform recorded in the task's region from its start date on, instead of
 * a typed figure. Modules add their own (fairs held, deals, complaints handled) with
 * {@link registerTaskMetric} from their `index.ts`; the built-in ones below count rows of the
 * registry, chains, risk and matching modules. See ADR 0014.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Where and when a metric counts: the region subtree (SQL LIKE prefix, '' = the country) and business dates (inclusive). */
export interface MetricWindow {
  regionPrefix: string;
  fromDate: string;
  toDate: string;
}

/** A platform metric. */
export interface TaskMetric {
  key: string;
  labelZh: string;
  labelEn: string;
  unitZh: string;
  unitEn: string;
  /** Module that owns the counted rows. */
  module: string;
  count: (db: Db, window: MetricWindow) => Promise<number>;
}

const METRICS = new Map<string, TaskMetric>();

/** Add a metric (a module calls this once at import). @throws Error on a duplicate key. */
export function registerTaskMetric(metric: TaskMetric): void {
  if (METRICS.has(metric.key)) throw new Error(`task metric ${metric.key} registered twice`);
  METRICS.set(metric.key, metric);
}

/** The metric of this key, or undefined. */
export function findTaskMetric(key: string): TaskMetric | undefined {
  return METRICS.get(key);
}

/** Every registered metric, in registration order. */
export function listTaskMetrics(): TaskMetric[] {
  return [...METRICS.values()];
}

/** `created_at`-style instant within the window's business dates (Asia/Shanghai). */
function instantWithin(column: string, window: MetricWindow) {
  return sql`${sql.ref(column)} >= (${window.fromDate}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
    AND ${sql.ref(column)} < ((${window.toDate}::date + 1))::timestamp AT TIME ZONE 'Asia/Shanghai'`;
}

async function countRows(db: Db, table: 'enterprises' | 'needs' | 'chains' | 'risk_events', column: string, window: MetricWindow): Promise<number> {
  const row = await sql<{ n: string }>`SELECT count(*)::bigint AS n FROM ${sql.table(table)}
    WHERE region_code LIKE ${`${window.regionPrefix}%`} AND ${instantWithin(column, window)}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

registerTaskMetric({
  key: 'enterprises_registered', labelZh: '入库企业数', labelEn: 'Enterprises registered', unitZh: '家', unitEn: 'enterprises', module: 'enterprises',
  count: (db, w) => countRows(db, 'enterprises', 'created_at', w),
});
registerTaskMetric({
  key: 'needs_published', labelZh: '发布需求数', labelEn: 'Needs published', unitZh: '项', unitEn: 'needs', module: 'matching',
  count: (db, w) => countRows(db, 'needs', 'published_at', w),
});
registerTaskMetric({
  key: 'chains_mapped', labelZh: '绘制产业链图谱数', labelEn: 'Chains mapped', unitZh: '条', unitEn: 'chains', module: 'chains',
  count: (db, w) => countRows(db, 'chains', 'created_at', w),
});
registerTaskMetric({
  key: 'risk_events', labelZh: '登记风险事件数', labelEn: 'Risk events recorded', unitZh: '起', unitEn: 'events', module: 'chains',
  count: (db, w) => countRows(db, 'risk_events', 'created_at', w),
});
