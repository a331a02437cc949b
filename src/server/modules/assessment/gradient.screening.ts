/**
 * Regional batch screening (梯度培育 批量筛查) for government users: every enterprise of a region is
 * evaluated with the same code as the single evaluation (`evaluateFacts`), page by page; the
 * candidates (qualify, not yet recognised) and near-misses of each tier are stored with the IC-3
 * priority (chain leaders supplied), and the summary counts.
 */
import { ruleKeyLabel } from './rules/labels.js';
import { sql } from 'kysely';
import type { CreateScreeningBody, GradientTier, ScreeningResult, ScreeningResultsQuery, ScreeningView } from '../../../contracts/assessment.js';
import { GRADIENT_TIERS } from '../../../contracts/assessment.js';
import { copyNumber, copyText, copyTextArray, sendCopy, transactionWithCopy } from '../../db/copy.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { findRegion, regionFullName, regionPrefix, REGION_ROOT } from '../../platform/regions.js';
import { isInRegionScope } from '../../platform/scope.js';
import { writeWorkbook, type SheetColumn, type SheetSpec } from '../../platform/workbook.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './gradient.repo.js';
import { factsOf, lastYearOf, leadersSuppliedBy, loadRuleSettings, screenFacts, type AssessmentDeps } from './gradient.service.js';
import { gradientRuleSetOn, type TierResult } from './rules/index.js';

/** Enterprises read and evaluated per round trip. */
export const SCREENING_PAGE = 5000;
/** Pages being read at once while one is evaluated (PostgreSQL reads on two cores while Node evaluates). */
const READ_AHEAD = 2;
export const SCREENING_ENTITY = 'gradient_screening';

/** What a screening says of one enterprise in one tier. */
export type Classification = 'recognised' | 'candidate' | 'near_miss' | null;

/** What classification reads of a tier: a {@link TierVerdict} or a full result via {@link verdictOf}. */
export interface Classifiable {
  isRecognised: boolean;
  qualified: boolean;
  failed: readonly string[];
  scoreGap: number;
}

/** The classifiable part of a full (explained) tier result. */
export function verdictOf(result: TierResult & { isRecognised: boolean }): Classifiable {
  const gaps = result.failed.filter((f) => f.key === 'score' || f.key.startsWith('group:')).map((f) => f.shortfalls[0]?.gap ?? Infinity);
  return { isRecognised: result.isRecognised, qualified: result.qualified, failed: result.failed.map((f) => f.key), scoreGap: gaps.length > 0 ? Math.max(...gaps) : 0 };
}

/**
 * Classify a tier: recognised (already tagged), candidate (qualifies), near-miss (only the score
 * is short, by at most `gap` points, or exactly one condition fails), or nothing. Large
 * enterprises are never near-misses.
 */
export function classifyTier(result: Classifiable, gap: number): Classification {
  if (result.isRecognised) return 'recognised';
  if (result.qualified) return 'candidate';
  const conditions = result.failed.filter((k) => k !== 'score' && !k.startsWith('group:'));
  if (conditions.includes('is_sme')) return null;
  const isScoreShort = conditions.length < result.failed.length;
  if (conditions.length === 0 && result.scoreGap <= gap) return 'near_miss';
  if (conditions.length === 1 && !isScoreShort) return 'near_miss';
  return null;
}

interface ResultRow {
  enterpriseId: string;
  regionCode: string;
  tier: GradientTier;
  kind: 'candidate' | 'near_miss';
  score: number | null;
  route: string | null;
  failed: string[];
  leadersSupplied: number;
}

function emptyCounts() {
  return Object.fromEntries(GRADIENT_TIERS.map((t) => [t, { evaluated: 0, qualified: 0, recognised: 0, candidates: 0, nearMisses: 0, priority: 0 }])) as ScreeningView['tiers'];
}

function checkRegion(actor: Actor, region: string | undefined): string {
  if (actor.role !== 'gov' && actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only government users screen regions', { userMessage: '仅政府主管部门可进行区域筛查' });
  const code = region ?? actor.regionCode ?? REGION_ROOT;
  if (code !== REGION_ROOT && !findRegion(code)) throw invalid([{ path: 'region', message: `未知的行政区划代码 ${code}` }]);
  if (!isInRegionScope(actor, code) || (code === REGION_ROOT && actor.role === 'gov' && actor.regionCode !== REGION_ROOT)) {
    throw invalid([{ path: 'region', message: '该地区不在您的管辖范围内' }]);
  }
  return code;
}

/** Where {@link evaluateRegion} sends each page's result rows instead of keeping them. */
export type StoreRows = (rows: ResultRow[]) => Promise<void>;

/**
 * Evaluate every enterprise of the region and keep the candidates and near-misses per tier.
 * `pageSize` enterprises are read per round trip. Without `store`, returns the rows it would store
 * (the demo's and tests' entry point); with it, hands each page's rows to `store` and returns none.
 * The next pages are read while this one is evaluated, and a page's rows are stored while the
 * next is evaluated (one store in flight at a time).
 */
export async function evaluateRegion(deps: AssessmentDeps, actor: Actor, regionCode: string, asOf: string, gap: number, options: { store?: StoreRows; pageSize?: number } = {}) {
  const { store, pageSize = SCREENING_PAGE } = options;
  const lastYear = lastYearOf(asOf);
  const ruleSet = gradientRuleSetOn(asOf);
  const [settings, leaders] = await Promise.all([loadRuleSettings(deps.db), leadersSuppliedBy(deps, actor)]);
  const prefix = regionPrefix(regionCode);
  const counts = emptyCounts();
  const kept: ResultRow[] = [];
  let enterprises = 0;
  /** Wall time waiting for the database, evaluating in JS and waiting for a page to be stored (the benchmark reports them). */
  const phases = { readMs: 0, evaluateMs: 0, storeWaitMs: 0 };
  const ranges = await repo.selectScreeningRanges(deps.db, prefix, pageSize);
  const read = (range: repo.IdRange) => {
    const page = repo.selectScreeningPage(deps.db, prefix, range, lastYear - 2, lastYear, asOf);
    // A failure is reported when the page's turn comes (or dropped after an earlier error).
    page.catch(() => undefined);
    return page;
  };
  // Pages are read READ_AHEAD at a time (each on its own connection) while this one is evaluated.
  const reading = ranges.slice(0, READ_AHEAD).map(read);
  let storing: Promise<void> = Promise.resolve();
  for (let i = 0; i < ranges.length; i++) {
    const t0 = performance.now();
    const page = await reading.shift()!;
    if (i + READ_AHEAD < ranges.length) reading.push(read(ranges[i + READ_AHEAD]));
    const t1 = performance.now();
    phases.readMs += t1 - t0;
    const rows = store ? [] : kept;
    for (const e of page) {
      const supplied = leaders.get(e.id)?.size ?? 0;
      const tiers = screenFacts(ruleSet, settings, factsOf(e, e.raw, supplied), lastYear);
      for (const t of tiers) {
        const c = counts[t.tier];
        c.evaluated++;
        if (t.qualified) c.qualified++;
        const kind = classifyTier(t, gap);
        if (kind === 'recognised') c.recognised++;
        if (kind !== 'candidate' && kind !== 'near_miss') continue;
        if (kind === 'candidate') c.candidates++;
        else c.nearMisses++;
        if (supplied > 0) c.priority++;
        rows.push({ enterpriseId: e.id, regionCode: e.regionCode, tier: t.tier, kind, score: t.score, route: t.route, failed: t.failed, leadersSupplied: supplied });
      }
    }
    enterprises += page.length;
    const t2 = performance.now();
    phases.evaluateMs += t2 - t1;
    if (store) {
      await storing;
      storing = store(rows);
      storing.catch(() => undefined); // awaited above or below; a failure is reported there
      phases.storeWaitMs += performance.now() - t2;
    }
  }
  const t3 = performance.now();
  await storing;
  phases.storeWaitMs += performance.now() - t3;
  return { ruleVersion: ruleSet.version, counts, rows: kept, enterprises, phases };
}

const RESULT_COLUMNS = ['screening_id', 'enterprise_id', 'tier', 'kind', 'region_code', 'score', 'route', 'failed_count', 'failed', 'leaders_supplied'];

/** A page's result rows as one `COPY … FROM STDIN` inside the screening's transaction (keys and codes need no escaping). */
async function copyResults(tx: Tx, screeningId: string, rows: readonly ResultRow[]): Promise<void> {
  let text = '';
  for (const r of rows) {
    text += `${screeningId}\t${r.enterpriseId}\t${r.tier}\t${r.kind}\t${r.regionCode}\t${copyNumber(r.score)}\t${copyText(r.route)}\t${r.failed.length}\t${copyTextArray(r.failed)}\t${r.leadersSupplied}\n`;
  }
  await sendCopy(tx, { table: 'gradient_screening_results', columns: RESULT_COLUMNS, pieces: [text], rowCount: rows.length });
}

function viewOf(row: { id: string; region_code: string; as_of: string; rule_version: string; created_at: Date; summary: Record<string, unknown> }): ScreeningView {
  const summary = row.summary as { enterprises: number; durationMs: number; tiers: ScreeningView['tiers'] };
  return { id: row.id, regionCode: row.region_code, asOf: row.as_of, ruleVersion: row.rule_version, createdAt: row.created_at.toISOString(), enterprises: summary.enterprises, durationMs: summary.durationMs, tiers: summary.tiers };
}

/**
 * Run a screening of a region (default the caller's scope) and store it (`pageSize`: tests page small regions).
 * @throws forbidden for non-gov users; validation_failed naming `region` when unknown or outside the scope.
 */
export async function createScreening(deps: AssessmentDeps, context: WriteContext, body: CreateScreeningBody, pageSize = SCREENING_PAGE): Promise<ScreeningView> {
  const regionCode = checkRegion(context.actor, body.region);
  const asOf = body.asOf ?? businessDate();
  const started = performance.now();
  const ruleVersion = gradientRuleSetOn(asOf).version;
  const row = await transactionWithCopy(deps.db, async (tx) => {
    // The screening's row first (its id keys the results), its summary once the counts are known;
    // nobody sees either before the commit.
    const inserted = await tx
      .insertInto('gradient_screenings')
      .values({ region_code: regionCode, as_of: asOf, rule_version: ruleVersion, summary: '{}', created_by: context.actor.userId === '0' ? null : context.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result = await evaluateRegion(deps, context.actor, regionCode, asOf, body.nearMissGap, { store: (rows) => copyResults(tx, inserted.id, rows), pageSize });
    const phases = { readMs: Math.round(result.phases.readMs), evaluateMs: Math.round(result.phases.evaluateMs), storeWaitMs: Math.round(result.phases.storeWaitMs) };
    const summary = { enterprises: result.enterprises, durationMs: Math.round(performance.now() - started), tiers: result.counts, nearMissGap: body.nearMissGap, phases };
    const updated = await tx
      .updateTable('gradient_screenings')
      .set({ summary: JSON.stringify(summary) })
      .where('id', '=', inserted.id)
      .returning(['id', 'region_code', 'as_of', 'rule_version', 'created_at', 'summary'])
      .executeTakeFirstOrThrow();
    await recordWrites(tx, context, [{ action: 'gradient_screening.create', entityType: SCREENING_ENTITY, entityKey: inserted.id, regionCode, after: { asOf, ruleVersion, ...summary } }]);
    return updated;
  });
  return viewOf({ ...row, as_of: String(row.as_of) });
}

function canSee(actor: Actor, regionCode: string): boolean {
  return (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, regionCode) && !(regionCode === REGION_ROOT && actor.role === 'gov' && actor.regionCode !== REGION_ROOT);
}

/** One screening. @throws not_found when missing or outside the caller's scope. */
export async function getScreening(db: Db, actor: Actor, id: string): Promise<ScreeningView> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('筛查');
  const row = await db.selectFrom('gradient_screenings').select(['id', 'region_code', sql<string>`as_of::text`.as('as_of'), 'rule_version', 'created_at', 'summary']).where('id', '=', id).executeTakeFirst();
  if (!row || !canSee(actor, row.region_code)) throw notFound('筛查');
  return viewOf(row);
}

/** The caller's screenings (its scope), newest first. */
export async function listScreenings(db: Db, actor: Actor, page: { cursor?: string; limit: number }): Promise<{ items: ScreeningView[]; nextCursor: string | null }> {
  if (actor.role !== 'gov' && actor.role !== 'platform_admin') return { items: [], nextCursor: null };
  const before = decodeCursor(page.cursor);
  const prefix = actor.role === 'gov' && actor.regionCode ? regionPrefix(actor.regionCode) : '';
  const rows = await db
    .selectFrom('gradient_screenings')
    .select(['id', 'region_code', sql<string>`as_of::text`.as('as_of'), 'rule_version', 'created_at', 'summary'])
    .$if(prefix !== '', (q) => q.where('region_code', 'like', `${prefix}%`))
    .$if(before !== undefined, (q) => q.where('id', '<', before!))
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).filter((r) => canSee(actor, r.region_code)).map(viewOf);
  return { items, nextCursor: rows.length > page.limit ? encodeCursor(rows[page.limit - 1].id) : null };
}

/** A page of a screening's list for one tier and kind, IC-3 priority first. The cursor is an offset. */
export async function listScreeningResults(db: Db, actor: Actor, id: string, query: ScreeningResultsQuery): Promise<{ items: ScreeningResult[]; nextCursor: string | null; total: number }> {
  await getScreening(db, actor, id);
  const offset = Number(decodeCursor(query.cursor) ?? '0');
  const base = db
    .selectFrom('gradient_screening_results as r')
    .where('r.screening_id', '=', id)
    .where('r.tier', '=', query.tier)
    .where('r.kind', '=', query.kind)
    .$if(query.priorityOnly === 'true', (q) => q.where('r.leaders_supplied', '>', 0));
  const [rows, total] = await Promise.all([
    base
      .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
      .select(['e.uscc', 'e.name', 'r.region_code', 'r.tier', 'r.kind', 'r.score', 'r.route', 'r.failed', 'r.leaders_supplied'])
      .orderBy('r.leaders_supplied', 'desc')
      .orderBy('r.failed_count')
      .orderBy('r.score', (ob) => ob.desc().nullsLast())
      .orderBy('r.enterprise_id')
      .offset(offset)
      .limit(query.limit + 1)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = rows.slice(0, query.limit).map((r) => ({
    uscc: r.uscc, name: r.name, regionCode: r.region_code, tier: r.tier as GradientTier, kind: r.kind as 'candidate' | 'near_miss', score: r.score, route: r.route,
    failed: r.failed, leadersSupplied: r.leaders_supplied, isPriority: r.leaders_supplied > 0,
    failedLabels: r.failed.map(ruleKeyLabel), routeLabel: r.route ? ruleKeyLabel(r.route) : null,
  }));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(offset + query.limit) : null, total: Number(total.n) };
}

const TIER_LABELS: Record<GradientTier, string> = { innovative: '创新型中小企业', specialized: '专精特新中小企业', little_giant: '专精特新“小巨人”' };

/** Most rows per sheet of an export. */
export const SCREENING_EXPORT_MAX = 20_000;

const SCREENING_COLUMNS: SheetColumn[] = [
  { header: '企业名称', key: 'name', width: 36 }, { header: '统一社会信用代码', key: 'uscc', width: 22 }, { header: '所在地', key: 'region', width: 26 },
  { header: '得分', key: 'score', width: 8 }, { header: '达标方式', key: 'route', width: 30 }, { header: '未满足条件', key: 'failed', width: 60 },
  { header: 'Route', key: 'routeEn', width: 30 }, { header: 'Unmet conditions', key: 'failedEn', width: 50 }, { header: '条件代码 Keys', key: 'keys', width: 30 },
  { header: '配套链主数（优先）', key: 'leaders', width: 16 },
];

/** The screening's lists as an Excel workbook: one sheet per tier and kind. @throws not_found. */
export async function exportScreening(db: Db, actor: Actor, id: string): Promise<{ buffer: Buffer; regionCode: string }> {
  const screening = await getScreening(db, actor, id);
  const sheets: SheetSpec[] = [];
  for (const tier of GRADIENT_TIERS) {
    for (const kind of ['candidate', 'near_miss'] as const) {
      const page = await listScreeningResults(db, actor, id, { tier, kind, limit: SCREENING_EXPORT_MAX } as ScreeningResultsQuery);
      sheets.push({
        name: `${TIER_LABELS[tier].replace(/[“”]/g, '')}-${kind === 'candidate' ? '候选' : '差一点'}`,
        columns: SCREENING_COLUMNS,
        rows: page.items.map((r) => ({
          name: r.name, uscc: r.uscc, region: regionFullName(r.regionCode) ?? r.regionCode, score: r.score, route: r.routeLabel?.zh ?? null, failed: r.failedLabels.map((l) => l.zh).join('；'),
          routeEn: r.routeLabel?.en ?? null, failedEn: r.failedLabels.map((l) => l.en).join('; '), keys: [r.route, ...r.failed].filter(Boolean).join(', '), leaders: r.leadersSupplied,
        })),
      });
    }
  }
  return { buffer: await writeWorkbook(...sheets), regionCode: screening.regionCode };
}
