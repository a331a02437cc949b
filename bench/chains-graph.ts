/**
 * The supply graph at national scale: 1M enterprises, 10M supply edges, 50 chains (× `--scale`),
 * generated deterministically and loaded with COPY straight into the tables (not through the
 * import: this measures the engine, not the upload path). Then, each beside PostgreSQL doing the
 * same work in SQL on the same data:
 * - graph build from the database (holder: COPY out → typed arrays → CSR), target ≤ 30 s, and the
 *   memory it holds, target ≤ 1 GB;
 * - impact of one event over 4 tiers (C's `propagateImpact`), p95 target ≤ 10 ms, vs a recursive CTE;
 * - weak-link analysis of one chain in one province (`getWeakLinks`), target ≤ 500 ms, vs the
 *   SQL aggregates it replaces.
 *
 *   tsx bench/chains-graph.ts [--scale 0.01]
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from '../src/server/db/copy.js';
import { poolOf, type Db } from '../src/server/db/database.js';
import { openStore } from '../src/server/db/store.js';
import { chainTemplates } from '../src/server/modules/chains/chains.templates.js';
import { propagateImpact } from '../src/server/modules/chains/graph/propagate.js';
import { SupplyGraphHolder } from '../src/server/modules/chains/graph/holder.js';
import { edgePredicate } from '../src/server/modules/chains/risk.impact.js';
import { supplyEdgeSource } from '../src/server/modules/chains/supply.graph-source.js';
import { getWeakLinks } from '../src/server/modules/chains/weak-links.service.js';
import { SYSTEM_ACTOR, type Actor } from '../src/server/platform/actor.js';
import { regionChildren } from '../src/server/platform/regions.js';
import { makeUscc, USCC_ALPHABET } from '../src/server/platform/uscc.js';
import { benchConfig, formatNumber, isMain, resultsTable, withTempDir, type BenchResult } from './lib.js';

/** Targets of issue 3. */
export const GRAPH_BUILD_TARGET_S = 30;
export const GRAPH_MEMORY_TARGET_MB = 1024;
export const IMPACT_P95_TARGET_MS = 10;
export const WEAK_LINKS_TARGET_MS = 500;

/** Full-scale sizes (`--scale 1`). */
const FULL = { enterprises: 1_000_000, edges: 10_000_000, chains: 50 };
/** Provinces the generated enterprises and chains are spread over (manufacturing-heavy first). */
const PROVINCES = ['320000', '330000', '440000', '310000', '370000', '340000', '420000', '510000', '350000', '110000'];
const FOREIGN = ['JP', 'US', 'KR', 'DE', 'NL', 'CH', 'TW', 'FR'];
const FOREIGN_SUPPLIERS = 1000;
const IMPACT_SAMPLES = 300;
const CTE_SAMPLES = 20;
const WEAK_LINK_RUNS = 7;

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function counties(province: string): string[] {
  return regionChildren(province).flatMap((city) => {
    const below = regionChildren(city.code);
    return below.length > 0 ? below.map((c) => c.code) : [city.code];
  });
}

function body8(i: number): string {
  let out = '';
  for (let k = 0; k < 8; k++) {
    out = USCC_ALPHABET[i % 31] + out;
    i = Math.floor(i / 31);
  }
  return out;
}

/**
 * COPY `lines()` into `table (columns)` on one client with FK triggers off (data consistent by
 * construction). Secondary indexes are dropped first and built again after: building an index
 * once is far cheaper than maintaining it row by row for millions of rows.
 */
async function copyIn(db: Db, table: string, columns: string[], lines: () => Generator<string>): Promise<void> {
  const client = await poolOf(db)!.connect();
  const indexes = (await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = $1 AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass)`,
    [table],
  )).rows;
  try {
    for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
    await client.query('SET session_replication_role = replica');
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    async function* chunks() {
      let chunk = '';
      for (const line of lines()) {
        chunk += line;
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(chunks()), stream);
    await client.query('SET session_replication_role = DEFAULT');
    for (const index of indexes) await client.query(index.indexdef);
  } finally {
    client.release();
  }
}

interface Generated {
  enterprises: number;
  /** Province index of each enterprise id (1-based id → index id-1). */
  provinceOf: Uint8Array;
  byProvince: number[][];
  chains: Array<{ id: string; province: string; templateKey: string }>;
  loadSeconds: number;
}

/** Generate and COPY enterprises, chains with members, off-platform suppliers and supply edges. */
export async function generate(db: Db, scale: number, log: (m: string) => void): Promise<Generated> {
  const t0 = performance.now();
  const n = Math.round(FULL.enterprises * scale);
  const m = Math.round(FULL.edges * scale);
  const chainCount = Math.max(6, Math.round(FULL.chains * Math.min(1, scale * 10)));
  const random = prng(20261128);
  const countyLists = PROVINCES.map(counties);
  const templates = [...chainTemplates().values()];
  const industries = [...new Set(templates.flatMap((t) => t.segments.flatMap((s) => s.industryCodes ?? [])))];
  const products = [...new Set(templates.flatMap((t) => t.segments.flatMap((s) => s.products)))];
  const provinceOf = new Uint8Array(n);
  const regionOf: string[] = new Array(n);
  const byProvince: number[][] = PROVINCES.map(() => []);
  for (let i = 0; i < n; i++) {
    // Half the firms in the first three provinces, as manufacturing is concentrated.
    const p = random() < 0.5 ? Math.floor(random() * 3) : Math.floor(random() * PROVINCES.length);
    provinceOf[i] = p;
    byProvince[p].push(i + 1);
    const list = countyLists[p];
    regionOf[i] = list[Math.floor(random() * list.length)];
  }
  log(`enterprises: ${formatNumber(n)}…`);
  await copyIn(db, 'enterprises', ['id', 'uscc', 'name', 'name_norm', 'name_initials', 'region_code', 'industry_code', 'size', 'tags', 'products'], function* () {
    const r = prng(7);
    for (let i = 0; i < n; i++) {
      const x = r();
      const tags = x < 0.01 ? '{little_giant,specialized}' : x < 0.06 ? '{specialized}' : x < 0.065 ? '{leader}' : '{}';
      const size = x >= 0.06 && x < 0.065 ? 'large' : x < 0.5 ? 'small' : 'medium';
      const name = `基准企业${i + 1}号有限公司`;
      yield `${i + 1}\t${makeUscc({ regionCode: regionOf[i], body8: body8(i + 1) })}\t${name}\t${name}\tjzqy\t${regionOf[i]}\t${industries[Math.floor(r() * industries.length)]}\t${size}\t${tags}\t{${copyText(products[Math.floor(r() * products.length)])}}\n`;
    }
  });
  await sql`SELECT setval('enterprises_id_seq', ${n})`.execute(db);
  await sql`INSERT INTO organisations (name, kind, region_code) VALUES ('基准链主', 'large_enterprise', '320505')`.execute(db);
  const org = await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();

  log(`chains: ${chainCount}…`);
  const chains: Generated['chains'] = [];
  const memberLines: string[] = [];
  for (let c = 0; c < chainCount; c++) {
    const template = templates[c % templates.length];
    const province = PROVINCES[Math.floor(c / templates.length) % PROVINCES.length];
    const row = await db.insertInto('chains').values({ name: `${province}${template.name}${c}`, region_code: province, template_key: template.key }).returning('id').executeTakeFirstOrThrow();
    chains.push({ id: row.id, province, templateKey: template.key });
    await db.insertInto('chain_segments').values(template.segments.map((s, position) => ({
      chain_id: row.id, key: s.key, name: s.name, stage: s.stage, upstream: s.upstream, products: s.products, industry_codes: s.industryCodes ?? [], position,
    }))).execute();
    const pool = byProvince[PROVINCES.indexOf(province)];
    for (const s of template.segments) {
      const picked = new Set<number>();
      while (picked.size < Math.min(20, pool.length)) picked.add(pool[Math.floor(random() * pool.length)]);
      [...picked].forEach((id, k) => {
        const role = s.stage === 'midstream' && k < 2 ? 'leader' : k < 4 ? 'little_giant' : k < 8 ? 'specialized' : 'supplier';
        memberLines.push(`${row.id}\t${s.key}\t${id}\t${role}\tdemo\n`);
      });
    }
  }
  await copyIn(db, 'chain_members', ['chain_id', 'segment_key', 'enterprise_id', 'role', 'source'], function* () {
    yield* memberLines;
  });
  await copyIn(db, 'off_platform_suppliers', ['id', 'name', 'name_norm', 'country_code'], function* () {
    for (let k = 1; k <= FOREIGN_SUPPLIERS; k++) yield `${k}\tForeign Supplier ${k}\tforeignsupplier${k}\t${FOREIGN[k % FOREIGN.length]}\n`;
  });

  log(`supply edges: ${formatNumber(m)}…`);
  const perCustomer = Math.max(1, Math.round(m / n));
  await copyIn(db, 'supply_edges', ['id', 'supplier_id', 'off_platform_supplier_id', 'customer_id', 'product', 'share', 'is_private', 'owner_org_id', 'region_code'], function* () {
    const r = prng(11);
    let id = 0;
    for (let customer = 1; customer <= n && id < m; customer++) {
      const home = byProvince[provinceOf[customer - 1]];
      const seen = new Set<number>();
      for (let k = 0; k < perCustomer && id < m; k++) {
        const x = r();
        const isForeign = x < 0.02;
        const supplier = isForeign ? -(1 + Math.floor(r() * FOREIGN_SUPPLIERS)) : x < 0.62 ? home[Math.floor(r() * home.length)] : 1 + Math.floor(r() * n);
        if (supplier === customer || seen.has(supplier)) continue;
        seen.add(supplier);
        id += 1;
        const share = r() < 0.3 ? '\\N' : (0.05 + r() * 0.95).toFixed(3);
        const isPrivate = r() < 0.01;
        yield `${id}\t${isForeign ? '\\N' : supplier}\t${isForeign ? -supplier : '\\N'}\t${customer}\t${copyText(products[Math.floor(r() * products.length)])}\t${share}\t${isPrivate ? 't' : 'f'}\t${isPrivate ? org.id : '\\N'}\t${regionOf[customer - 1]}\n`;
      }
    }
  });
  await sql`SELECT setval('supply_edges_id_seq', (SELECT max(id) FROM supply_edges))`.execute(db);
  log('analyze…');
  await sql`ANALYZE`.execute(db);
  return { enterprises: n, provinceOf, byProvince, chains, loadSeconds: (performance.now() - t0) / 1000 };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** A full GC where the runtime allows it (for honest memory figures). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const IMPACT_CTE = `
  WITH RECURSIVE impact(node, tier, exposure) AS (
    SELECT customer_id, 1, coalesce(share, 0.3)::float8 FROM supply_edges WHERE supplier_id = $1
    UNION ALL
    SELECT e.customer_id, i.tier + 1, i.exposure * coalesce(e.share, 0.3) * 0.8
    FROM impact i JOIN supply_edges e ON e.supplier_id = i.node
    WHERE i.tier < 4 AND i.exposure * coalesce(e.share, 0.3) * 0.8 >= 0.005
  )
  SELECT node, min(tier) AS tier, max(exposure) AS exposure FROM impact GROUP BY node`;

/** Run the whole benchmark in a fresh data dir. */
export async function runChainsGraphBench(options: { scale?: number; log?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const scale = options.scale ?? 1;
  const log = options.log ?? ((m: string) => console.error(m));
  return withTempDir('chains', async (dataDir) => {
    const store = await openStore(benchConfig(dataDir), { poolMax: 4 });
    try {
      const db = store.db;
      const data = await generate(db, scale, log);
      const edgeCount = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM supply_edges`.execute(db)).rows[0].n);
      const label = `${formatNumber(data.enterprises)} enterprises, ${formatNumber(edgeCount)} edges`;
      const results: BenchResult[] = [{ metric: `chains: generate and COPY ${label}, ${data.chains.length} chains`, target: '—', measured: `${data.loadSeconds.toFixed(1)} s`, isPass: null }];

      log('graph build…');
      collectGarbage();
      const before = process.memoryUsage();
      const holder = new SupplyGraphHolder(supplyEdgeSource(db));
      const t0 = performance.now();
      const snap = await holder.snapshot();
      const buildS = (performance.now() - t0) / 1000;
      collectGarbage();
      const after = process.memoryUsage();
      const heldMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1048576;
      const rssMb = (after.rss - before.rss) / 1048576;
      const scanT0 = performance.now();
      await sql`SELECT count(*), avg(share) FROM supply_edges e LEFT JOIN enterprises s ON s.id = e.supplier_id`.execute(db);
      const scanS = (performance.now() - scanT0) / 1000;
      results.push(
        { metric: `graph build from the database (${label}; n = ${formatNumber(snap.graph.n)} nodes)`, target: `≤ ${GRAPH_BUILD_TARGET_S} s`, measured: `${buildS.toFixed(1)} s (PostgreSQL scanning the same rows with the same join: ${scanS.toFixed(1)} s)`, isPass: buildS <= GRAPH_BUILD_TARGET_S },
        { metric: 'graph memory held (heap + array buffers after GC; RSS growth in brackets)', target: `≤ ${formatNumber(GRAPH_MEMORY_TARGET_MB)} MB`, measured: `${formatNumber(heldMb)} MB (RSS +${formatNumber(rssMb)} MB)`, isPass: heldMb <= GRAPH_MEMORY_TARGET_MB },
      );

      log('impact…');
      const random = prng(99);
      const sources: number[] = [];
      while (sources.length < IMPACT_SAMPLES) {
        const id = 1 + Math.floor(random() * data.enterprises);
        const v = snap.nodeOfEnterprise(id);
        if (v !== undefined && snap.graph.outOffsets[v + 1] > snap.graph.outOffsets[v]) sources.push(v);
      }
      const times: number[] = [];
      let affected = 0;
      for (const v of sources) {
        const s = performance.now();
        const result = propagateImpact(snap.graph, [{ node: v, weight: 1 }], { maxTiers: 4 });
        times.push(performance.now() - s);
        affected += result.nodes.length;
      }
      times.sort((a, b) => a - b);
      // What a gov user's request pays: the same walk with the viewer's private-edge predicate.
      const viewer: Actor = { ...SYSTEM_ACTOR, role: 'gov', regionCode: PROVINCES[0] };
      const isEdgeVisible = edgePredicate(snap, viewer);
      const viewerTimes: number[] = [];
      for (const v of sources) {
        const s = performance.now();
        propagateImpact(snap.graph, [{ node: v, weight: 1 }], { maxTiers: 4, isEdgeVisible });
        viewerTimes.push(performance.now() - s);
      }
      viewerTimes.sort((a, b) => a - b);
      const cteTimes: number[] = [];
      const pool = poolOf(db)!;
      for (const v of sources.slice(0, CTE_SAMPLES)) {
        const s = performance.now();
        await pool.query(IMPACT_CTE, [snap.nodeEnterpriseId[v]]);
        cteTimes.push(performance.now() - s);
      }
      cteTimes.sort((a, b) => a - b);
      results.push({
        metric: `impact of one event over 4 tiers (propagateImpact, ${IMPACT_SAMPLES} random suppliers, mean ${formatNumber(affected / IMPACT_SAMPLES)} affected)`,
        target: `p95 ≤ ${IMPACT_P95_TARGET_MS} ms`,
        measured: `p50 ${percentile(times, 0.5).toFixed(2)} ms / p95 ${percentile(times, 0.95).toFixed(2)} ms; as a gov viewer (private-edge predicate): p50 ${percentile(viewerTimes, 0.5).toFixed(2)} ms / p95 ${percentile(viewerTimes, 0.95).toFixed(2)} ms; PostgreSQL recursive CTE (${CTE_SAMPLES} of them): p50 ${formatNumber(percentile(cteTimes, 0.5))} ms / p95 ${formatNumber(percentile(cteTimes, 0.95))} ms`,
        isPass: percentile(times, 0.95) <= IMPACT_P95_TARGET_MS,
      });

      log('weak links…');
      const chain = data.chains[0];
      const gov: Actor = { ...SYSTEM_ACTOR, role: 'gov', regionCode: chain.province };
      const deps = { db, graph: holder };
      await getWeakLinks(deps, gov, chain.id, { region: chain.province, candidates: 10 });
      const weakTimes: number[] = [];
      let findings = 0;
      for (let k = 0; k < WEAK_LINK_RUNS; k++) {
        const s = performance.now();
        findings = (await getWeakLinks(deps, gov, chain.id, { region: chain.province, candidates: 10 })).items.length;
        weakTimes.push(performance.now() - s);
      }
      weakTimes.sort((a, b) => a - b);
      const prefix = chain.province.slice(0, 2);
      const sqlTimes: number[] = [];
      for (let k = 0; k < WEAK_LINK_RUNS; k++) {
        const s = performance.now();
        await sql`
          WITH placed AS (
            SELECT m.segment_key, m.role, e.id, e.region_code FROM chain_members m JOIN chains c ON c.id = m.chain_id JOIN enterprises e ON e.id = m.enterprise_id
            WHERE c.id = ${chain.id} OR c.template_key = ${chain.templateKey}
          ), leaders AS (SELECT DISTINCT id FROM placed WHERE role = 'leader' AND region_code LIKE ${`${prefix}%`})
          SELECT p.segment_key, count(DISTINCT p.id) AS national, count(DISTINCT p.id) FILTER (WHERE p.region_code LIKE ${`${prefix}%`}) AS local,
                 (SELECT json_agg(x) FROM (
                    SELECT e.product, count(*) AS suppliers, sum(coalesce(e.share, 0)) FILTER (WHERE s.region_code LIKE ${`${prefix}%`}) AS local_share,
                           sum(coalesce(e.share, 0)) FILTER (WHERE o.country_code <> 'CN') AS foreign_share, sum(coalesce(e.share, 0) ^ 2) AS hhi_raw
                    FROM supply_edges e JOIN leaders l ON l.id = e.customer_id LEFT JOIN enterprises s ON s.id = e.supplier_id
                    LEFT JOIN off_platform_suppliers o ON o.id = e.off_platform_supplier_id GROUP BY e.product) x) AS supply
          FROM placed p GROUP BY p.segment_key`.execute(db);
        sqlTimes.push(performance.now() - s);
      }
      sqlTimes.sort((a, b) => a - b);
      results.push({
        metric: `weak-link analysis of one chain in one province (getWeakLinks with candidates; ${findings} findings)`,
        target: `≤ ${WEAK_LINKS_TARGET_MS} ms`,
        measured: `p50 ${formatNumber(percentile(weakTimes, 0.5))} ms / max ${formatNumber(weakTimes[weakTimes.length - 1])} ms; the same aggregates in one SQL query (no recursion needed): p50 ${formatNumber(percentile(sqlTimes, 0.5))} ms`,
        isPass: percentile(weakTimes, 0.5) <= WEAK_LINKS_TARGET_MS,
      });
      return results;
    } finally {
      await store.close();
    }
  });
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' } } });
  console.log(resultsTable(await runChainsGraphBench({ scale: Number(values.scale) })));
}
