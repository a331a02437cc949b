/**
 * The screening's compact read (one delimited text per page) and its per-page COPY of the results
 * against the reads and evaluation they replaced: on a generated region with every kind of gap in
 * the data (no registry year, registry-only years, declared figures left empty, no profile,
 * certifications, digital assessments before, after and without submission, suppliers of a chain
 * leader), the same facts per enterprise and the same stored rows as evaluating each enterprise
 * one by one with the explained engine over the old reads.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { supplyEdgeSource } from '../chains/supply.graph-source.js';
import { SupplyGraphHolder } from '../chains/graph/holder.js';
import { generateGradientInputs } from './gradient.generate.js';
import type { GradientFacts } from './gradient.metrics.js';
import { selectEnterprisePage, selectRawFacts, selectScreeningPage, selectScreeningRanges } from './gradient.repo.js';
import { classifyTier, createScreening, evaluateRegion, verdictOf } from './gradient.screening.js';
import { evaluateFacts, factsOf, lastYearOf, leadersSuppliedBy, loadRuleSettings, type AssessmentDeps } from './gradient.service.js';
import { gradientRuleSetOn } from './rules/index.js';

let db: Db;
let deps: AssessmentDeps;
const AS_OF = '2026-11-01';
const LAST_YEAR = lastYearOf(AS_OF);
const PREFIX = '3205';
const GAP = 10;

beforeAll(async () => {
  ({ db } = await createTestApp());
  deps = { db, graph: new SupplyGraphHolder(supplyEdgeSource(db)) };
  await sql`
    INSERT INTO enterprises (uscc, name, name_norm, name_initials, region_code, industry_code, size, tags, certifications)
    SELECT 'Q' || lpad(i::text, 17, '0'), '路径对照' || i, 'ljdz' || i, 'ljdz', CASE WHEN i % 25 = 0 THEN '320214' WHEN i % 2 = 0 THEN '320505' ELSE '320506' END, 'C3484',
           CASE WHEN i % 50 = 0 THEN 'large' WHEN i % 31 = 0 THEN NULL WHEN i % 7 = 0 THEN 'medium' WHEN i % 3 = 0 THEN 'micro' ELSE 'small' END,
           CASE WHEN i = 50 THEN ARRAY['leader'] WHEN i % 40 = 1 THEN ARRAY['innovative','specialized'] WHEN i % 9 = 1 THEN ARRAY['innovative'] WHEN i % 23 = 0 THEN ARRAY['high_tech'] ELSE '{}'::text[] END,
           CASE WHEN i % 11 = 0 THEN '[{"name":"ISO9001"},{"name":"ISO14001"}]'::jsonb WHEN i % 5 = 0 THEN '[{"name":"ISO9001"}]'::jsonb ELSE '[]'::jsonb END
    FROM generate_series(1, 400) AS i`.execute(db);
  const n = sql`substr(e.uscc, 2)::int`;
  await sql`
    INSERT INTO enterprise_financials (enterprise_id, year, employees, revenue_fen, assets_fen, rd_spend_fen)
    SELECT e.id, ${LAST_YEAR}, 20 + (hashtext(e.uscc) & 511), (500 + (hashtext(e.uscc || 'r') & 65535)) * 1000000::bigint, (400 + (hashtext(e.uscc || 's') & 32767)) * 1000000::bigint,
           CASE WHEN ${n} % 6 = 0 THEN (hashtext(e.uscc || 'd') & 4095) * 1000000::bigint END
    FROM enterprises e WHERE e.uscc LIKE 'Q%' AND ${n} % 13 <> 0`.execute(db);
  await generateGradientInputs(db, '', LAST_YEAR);
  // Registry figures for the oldest year too: registry-only where the declared year is removed, mixed elsewhere.
  await sql`
    INSERT INTO enterprise_financials (enterprise_id, year, employees, revenue_fen)
    SELECT e.id, ${LAST_YEAR - 2}, 33, 777000000 FROM enterprises e WHERE e.uscc LIKE 'Q%' AND ${n} % 4 = 0`.execute(db);
  await sql`DELETE FROM gradient_yearly y USING enterprises e WHERE e.id = y.enterprise_id AND ${n} % 6 = 0 AND y.year = ${LAST_YEAR - 2}`.execute(db);
  await sql`UPDATE gradient_yearly y SET employees = NULL, revenue_fen = NULL, rd_staff = NULL FROM enterprises e WHERE e.id = y.enterprise_id AND ${n} % 8 = 0 AND y.year = ${LAST_YEAR}`.execute(db);
  await sql`DELETE FROM gradient_profiles g USING enterprises e WHERE e.id = g.enterprise_id AND ${n} % 10 = 3`.execute(db);
  // Digital assessments: submitted before the date (the newest counts), after it (ignored), drafts (ignored).
  await sql`
    INSERT INTO digital_assessments (enterprise_id, region_code, form, status, level, submitted_at)
    SELECT e.id, e.region_code, 'manufacturing-2024', s.status, s.level, s.at
    FROM enterprises e CROSS JOIN (VALUES ('submitted', 1, timestamptz '2025-03-01T00:00:00Z'), ('submitted', 3, timestamptz '2026-10-31T15:30:00Z'),
                                          ('submitted', 4, timestamptz '2026-11-01T16:30:00Z'), ('draft', NULL, NULL)) AS s(status, level, at)
    WHERE e.uscc LIKE 'Q%' AND ${n} % 9 = 0`.execute(db);
  // IC-3: every twelfth enterprise supplies the leader.
  await sql`
    INSERT INTO supply_edges (supplier_id, customer_id, product, region_code)
    SELECT e.id, (SELECT id FROM enterprises WHERE uscc = ${'Q' + '50'.padStart(17, '0')}), '结构件', '320505'
    FROM enterprises e WHERE e.uscc LIKE 'Q%' AND ${n} % 12 = 0`.execute(db);
}, 120_000);

/** The metrics read only how many certifications there are (the compact read carries no names). */
const comparable = (facts: GradientFacts) => ({ ...facts, certifications: facts.certifications.length });

describe('screening reads and stores as before', () => {
  it('reads the same facts per enterprise as the page and raw-facts reads', async () => {
    const ranges = await selectScreeningRanges(db, PREFIX, 37);
    expect(ranges).toHaveLength(11); // 384 = 10 × 37 + 14: the last range is open
    let seen = 0;
    for (const range of ranges) {
      const compact = await selectScreeningPage(db, PREFIX, range, LAST_YEAR - 2, LAST_YEAR, AS_OF);
      const page = await selectEnterprisePage(db, PREFIX, range.afterId, 37);
      expect(compact.map((e) => e.id)).toEqual(page.map((e) => e.id));
      expect(compact.length).toBe(range.uptoId === null ? 14 : 37);
      const raw = await selectRawFacts(db, page.map((e) => e.id), LAST_YEAR - 2, LAST_YEAR, AS_OF);
      for (let i = 0; i < page.length; i++) {
        expect(compact[i].regionCode).toBe(page[i].regionCode);
        expect(comparable(factsOf(compact[i], compact[i].raw, 0))).toEqual(comparable(factsOf(page[i], raw.get(page[i].id), 0)));
      }
      seen += page.length;
    }
    expect(seen).toBe(384); // 400 less the sixteen of 320214
    // The data does have every kind of gap the comparison is about.
    const all = await selectScreeningPage(db, PREFIX, { afterId: '0', uptoId: null }, LAST_YEAR - 2, LAST_YEAR, AS_OF);
    const sources = new Set(all.flatMap((e) => [...e.raw.years.values()].map((y) => y.source)));
    expect([...sources].sort()).toEqual(['declared', 'mixed', 'registry']);
    expect(new Set(all.map((e) => e.raw.assessedDigitalLevel))).toEqual(new Set([null, 3]));
    expect(all.some((e) => e.size === null) && all.some((e) => e.certifications.length === 2) && all.some((e) => Object.keys(e.raw.profile).length === 0)).toBe(true);
  });

  it('stores exactly the rows that evaluating each enterprise one by one gives', async () => {
    const view = await createScreening(deps, { actor: SYSTEM_ACTOR }, { region: '320500', asOf: AS_OF, nearMissGap: GAP }, 50);
    expect(view.enterprises).toBe(384);
    const stored = await sql<{ enterprise_id: string; tier: string; kind: string; region_code: string; score: number | null; route: string | null; failed: string[]; failed_count: number; leaders_supplied: number }>`
      SELECT enterprise_id::text, tier, kind, region_code, score, route, failed, failed_count, leaders_supplied
      FROM gradient_screening_results WHERE screening_id = ${view.id}`.execute(db);

    // The reference: the old reads, the explained evaluation of each enterprise, its classification.
    const ruleSet = gradientRuleSetOn(AS_OF);
    const [settings, leaders] = await Promise.all([loadRuleSettings(db), leadersSuppliedBy(deps, SYSTEM_ACTOR)]);
    const page = await selectEnterprisePage(db, PREFIX, '0', 1000);
    const raw = await selectRawFacts(db, page.map((e) => e.id), LAST_YEAR - 2, LAST_YEAR, AS_OF);
    const expected: string[] = [];
    for (const e of page) {
      const supplied = leaders.get(e.id)?.size ?? 0;
      for (const t of evaluateFacts(ruleSet, settings, factsOf(e, raw.get(e.id), supplied), LAST_YEAR).tiers) {
        const kind = classifyTier(verdictOf(t), GAP);
        if (kind !== 'candidate' && kind !== 'near_miss') continue;
        const failed = t.failed.map((f) => f.key);
        expected.push(JSON.stringify([e.id, t.tier, kind, e.regionCode, t.score === null ? null : Math.fround(t.score), t.route, failed, failed.length, supplied]));
      }
    }
    const actual = stored.rows.map((r) => JSON.stringify([r.enterprise_id, r.tier, r.kind, r.region_code, r.score === null ? null : Math.fround(r.score), r.route, r.failed, r.failed_count, r.leaders_supplied]));
    expect(expected.length).toBeGreaterThan(100);
    expect(actual.sort()).toEqual(expected.sort());
    expect(new Set(stored.rows.map((r) => r.kind))).toEqual(new Set(['candidate', 'near_miss']));
    expect(stored.rows.some((r) => r.leaders_supplied > 0)).toBe(true);

    // The counts agree with the rows, and the evaluation without a store keeps the same rows.
    const candidates = Object.values(view.tiers).reduce((sum, c) => sum + c.candidates + c.nearMisses, 0);
    expect(candidates).toBe(stored.rows.length);
    const kept = await evaluateRegion(deps, SYSTEM_ACTOR, '320500', AS_OF, GAP, { pageSize: 64 });
    expect(kept.rows.length).toBe(stored.rows.length);
    expect(kept.counts).toEqual(view.tiers);
  });
});
