/**
 * Regional statistics of the digital-transformation level (gov users): the newest submitted
 * assessment of each enterprise of the region, broken down by level, sub-region, industry
 * division and recognised gradient tier, a quarterly trend of all submissions, drill-down lists
 * of the enterprises behind any figure, and an Excel export of both.
 */
import { sql } from 'kysely';
import type { DigitalStats, DigitalStatsEnterprisesQuery, DigitalStatsEnterprise } from '../../../contracts/assessment.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { findIndustry } from '../../platform/industries.js';
import { findRegion, regionChildren, regionFullName, regionPrefix, REGION_ROOT } from '../../platform/regions.js';
import { isInRegionScope } from '../../platform/scope.js';
import { writeWorkbook, type SheetSpec } from '../../platform/workbook.js';
import { DIGITAL_FORMS } from './digital.forms.js';
import { LEVEL_NAMES } from './digital.scoring.js';

const LEVELS = [0, 1, 2, 3, 4];
const TIERS = ['innovative', 'specialized', 'little_giant'] as const;
const round = (n: number) => Math.round(n * 100) / 100;

/** The region the caller asks for (default its scope). @throws forbidden for non-gov; validation_failed naming `region`. */
function statsRegion(actor: Actor, region: string | undefined): string {
  if (actor.role !== 'gov' && actor.role !== 'platform_admin') throw new AppError('forbidden', 'Gov only', { userMessage: '仅政府主管部门可查看区域统计' });
  const code = region ?? actor.regionCode ?? REGION_ROOT;
  if ((code !== REGION_ROOT && !findRegion(code)) || !isInRegionScope(actor, code) || (code === REGION_ROOT && actor.role === 'gov' && actor.regionCode !== REGION_ROOT)) {
    throw invalid([{ path: 'region', message: '未知的地区或不在您的管辖范围内' }]);
  }
  return code;
}

/** The newest submitted assessment per enterprise of the region, joined to the enterprise. */
function latestOf(prefix: string) {
  return sql`(SELECT DISTINCT ON (a.enterprise_id) a.id, a.enterprise_id, a.level, a.score, a.dimensions, a.submitted_at, a.region_code
      FROM digital_assessments a WHERE a.status = 'submitted' AND a.region_code LIKE ${`${prefix}%`}
      ORDER BY a.enterprise_id, a.submitted_at DESC, a.id DESC)`;
}

interface Cell { n: number; sum: number; byLevel: number[] }
const cell = (): Cell => ({ n: 0, sum: 0, byLevel: [0, 0, 0, 0, 0] });
const add = (c: Cell, level: number, n: number, sum: number) => {
  c.n += n;
  c.sum += sum;
  c.byLevel[level] += n;
};
const present = (c: Cell) => ({ count: c.n, averageScore: c.n > 0 ? round(c.sum / c.n) : null, byLevel: LEVELS.map((level) => ({ level, count: c.byLevel[level] })) });

/**
 * Regional statistics over the newest submitted assessment of each enterprise of the region.
 * @throws forbidden for non-gov users; validation_failed naming `region`.
 */
export async function digitalStats(db: Db, actor: Actor, region: string | undefined): Promise<DigitalStats> {
  const code = statsRegion(actor, region);
  const prefix = regionPrefix(code);
  const [groups, dims, trend] = await Promise.all([
    sql<{ region_code: string; division: string; level: number; little_giant: boolean; specialized: boolean; innovative: boolean; n: string; total: number }>`
      SELECT l.region_code, left(e.industry_code, 3) AS division, l.level,
             'little_giant' = ANY(e.tags) AS little_giant, 'specialized' = ANY(e.tags) AS specialized, 'innovative' = ANY(e.tags) AS innovative,
             count(*)::text AS n, sum(l.score)::float8 AS total
      FROM ${latestOf(prefix)} l JOIN enterprises e ON e.id = l.enterprise_id
      GROUP BY 1, 2, 3, 4, 5, 6`.execute(db),
    sql<{ key: string; avg: number | null }>`SELECT d->>'key' AS key, avg((d->>'percent')::float8) AS avg FROM ${latestOf(prefix)} l, jsonb_array_elements(l.dimensions) d GROUP BY 1`.execute(db),
    sql<{ quarter: string; level: number; n: string; total: number }>`
      SELECT to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY"Q"Q') AS quarter, level, count(*)::text AS n, sum(score)::float8 AS total
      FROM digital_assessments WHERE status = 'submitted' AND region_code LIKE ${`${prefix}%`} GROUP BY 1, 2 ORDER BY 1`.execute(db),
  ]);
  const all = cell();
  const children = regionChildren(code);
  const byRegion = new Map(children.map((c) => [c.code, cell()]));
  const byDivision = new Map<string, Cell>();
  const byTier = new Map(TIERS.map((t) => [t, cell()]));
  for (const g of groups.rows) {
    const n = Number(g.n);
    add(all, g.level, n, g.total);
    const child = children.find((c) => g.region_code.startsWith(regionPrefix(c.code)));
    if (child) add(byRegion.get(child.code)!, g.level, n, g.total);
    if (!byDivision.has(g.division)) byDivision.set(g.division, cell());
    add(byDivision.get(g.division)!, g.level, n, g.total);
    for (const t of TIERS) if (g[t]) add(byTier.get(t)!, g.level, n, g.total);
  }
  const quarters = new Map<string, Cell>();
  for (const r of trend.rows) {
    if (!quarters.has(r.quarter)) quarters.set(r.quarter, cell());
    add(quarters.get(r.quarter)!, r.level, Number(r.n), r.total);
  }
  const form = DIGITAL_FORMS[0];
  return {
    regionCode: code,
    enterprises: all.n,
    byLevel: present(all).byLevel,
    averageScore: present(all).averageScore,
    dimensions: form.dimensions.map((d) => {
      const avg = dims.rows.find((r) => r.key === d.key)?.avg;
      return { key: d.key, name: d.name, averagePercent: avg == null ? null : round(avg) };
    }),
    byRegion: children.map((c) => ({ regionCode: c.code, name: c.name, ...present(byRegion.get(c.code)!) })).filter((r) => r.count > 0),
    byIndustry: [...byDivision.entries()].map(([division, c]) => ({ industryCode: division, name: findIndustry(division)?.name ?? division, ...present(c) })).sort((a, b) => b.count - a.count),
    byTier: TIERS.map((tier) => ({ tier, ...present(byTier.get(tier)!) })),
    trend: [...quarters.entries()].map(([quarter, c]) => ({ quarter, ...present(c) })),
  };
}

/**
 * The enterprises behind a figure: newest result per enterprise of the region, filtered by level,
 * industry (code prefix) and recognised tier; highest score first. The cursor is an offset.
 * @throws forbidden for non-gov users; validation_failed naming `region`.
 */
export async function listDigitalStatsEnterprises(db: Db, actor: Actor, query: DigitalStatsEnterprisesQuery): Promise<{ items: DigitalStatsEnterprise[]; nextCursor: string | null; total: number }> {
  const code = statsRegion(actor, query.region);
  const offset = Number(decodeCursor(query.cursor) ?? '0');
  const where = sql.join([
    sql`TRUE`,
    ...(query.level !== undefined ? [sql`l.level = ${query.level}`] : []),
    ...(query.industry ? [sql`e.industry_code LIKE ${`${query.industry}%`}`] : []),
    ...(query.tier ? [sql`${query.tier} = ANY(e.tags)`] : []),
  ], sql` AND `);
  const from = sql`${latestOf(regionPrefix(code))} l JOIN enterprises e ON e.id = l.enterprise_id WHERE ${where}`;
  const [rows, total] = await Promise.all([
    sql<{ id: string; uscc: string; name: string; region_code: string; industry_code: string; tags: string[]; level: number; score: number; submitted_at: Date }>`
      SELECT l.id, e.uscc, e.name, l.region_code, e.industry_code, e.tags, l.level, l.score, l.submitted_at FROM ${from}
      ORDER BY l.score DESC, l.enterprise_id OFFSET ${offset} LIMIT ${query.limit + 1}`.execute(db),
    sql<{ n: string }>`SELECT count(*)::text AS n FROM ${from}`.execute(db),
  ]);
  const items = rows.rows.slice(0, query.limit).map((r) => ({
    assessmentId: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, regionName: regionFullName(r.region_code) ?? r.region_code,
    industryCode: r.industry_code, level: r.level, levelName: LEVEL_NAMES[r.level], score: Number(r.score),
    tiers: TIERS.filter((t) => r.tags.includes(t)), submittedAt: r.submitted_at.toISOString(),
  }));
  return { items, nextCursor: rows.rows.length > query.limit ? encodeCursor(offset + query.limit) : null, total: Number(total.rows[0].n) };
}

/** Most rows of the enterprise sheet of an export. */
export const STATS_EXPORT_MAX = 20_000;
const TIER_NAMES: Record<(typeof TIERS)[number], string> = { innovative: '创新型中小企业', specialized: '专精特新中小企业', little_giant: '专精特新小巨人' };

/** The statistics and the (filtered) enterprise list as a workbook. @throws as {@link listDigitalStatsEnterprises}. */
export async function exportDigitalStats(db: Db, actor: Actor, query: Omit<DigitalStatsEnterprisesQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const stats = await digitalStats(db, actor, query.region);
  const list = await listDigitalStatsEnterprises(db, actor, { ...query, limit: STATS_EXPORT_MAX });
  const levelColumns = LEVELS.map((l) => ({ header: LEVEL_NAMES[l], key: `l${l}`, width: 10 }));
  const levelCells = (byLevel: { level: number; count: number }[]) => Object.fromEntries(byLevel.map((b) => [`l${b.level}`, b.count]));
  const summary = (name: string, first: string, rows: { label: string; count: number; averageScore: number | null; byLevel: { level: number; count: number }[] }[]): SheetSpec => ({
    name,
    columns: [{ header: first, key: 'label', width: 28 }, { header: '企业数', key: 'count', width: 10 }, { header: '平均分', key: 'avg', width: 10 }, ...levelColumns],
    rows: rows.map((r) => ({ label: r.label, count: r.count, avg: r.averageScore, ...levelCells(r.byLevel) })),
  });
  return writeWorkbook(
    summary('按地区', '地区', [{ label: regionFullName(stats.regionCode) ?? '全国', count: stats.enterprises, averageScore: stats.averageScore, byLevel: stats.byLevel }, ...stats.byRegion.map((r) => ({ label: r.name, ...r }))]),
    summary('按行业', '行业（大类）', stats.byIndustry.map((r) => ({ label: `${r.industryCode} ${r.name}`, ...r }))),
    summary('按梯度', '梯度', stats.byTier.map((r) => ({ label: TIER_NAMES[r.tier], ...r }))),
    summary('趋势', '季度（全部提交）', stats.trend.map((r) => ({ label: r.quarter, ...r }))),
    {
      name: '企业名单',
      columns: [
        { header: '企业名称', key: 'name', width: 36 }, { header: '统一社会信用代码', key: 'uscc', width: 22 }, { header: '所在地', key: 'region', width: 26 },
        { header: '行业', key: 'industry', width: 10 }, { header: '等级', key: 'level', width: 10 }, { header: '得分', key: 'score', width: 8 },
        { header: '梯度', key: 'tiers', width: 30 }, { header: '评测时间', key: 'at', width: 12 },
      ],
      rows: list.items.map((r) => ({ name: r.name, uscc: r.uscc, region: r.regionName, industry: r.industryCode, level: r.levelName, score: r.score, tiers: r.tiers.map((t) => TIER_NAMES[t]).join('、'), at: r.submittedAt.slice(0, 10) })),
    },
  );
}
