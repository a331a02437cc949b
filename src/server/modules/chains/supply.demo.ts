/**
 * Demo supply edges over the demo chains (chains.demo.ts): upstream segment members supply the
 * members of the segments they feed, the 苏州 battery leader has a supplier list (partly private,
 * with foreign suppliers of 隔膜, 锂精矿 and BMS chips, so that 卡点 appear) and buys all its
 * 电解液 from one local firm (a 堵点). Written through the supplier-list import, so the demo
 * exercises the same checks as an upload; idempotent (re-running updates the same edges).
 */
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import type { Sheet } from '../enterprises/index.js';
import { SupplyGraphHolder } from './graph/holder.js';
import { supplyEdgeSource } from './supply.graph-source.js';
import { importSupplySheet } from './supply.import.js';

const HEADER = ['supplier_uscc', 'customer_uscc', 'product', 'share', 'since', 'source', 'supplier_name', 'supplier_country'];

/**
 * Segment links left out of the generated edges for one customer: the 苏州 battery leader buys all
 * its 电解液 from one local firm (the planted 堵点), so no other electrolyte maker may supply it.
 */
const SINGLE_SOURCED: ReadonlyArray<{ anchor: string; segmentKey: string }> = [{ anchor: 'batteryLeader', segmentKey: 'electrolyte' }];

/** Members of a segment that supply the next one (more would make the demo graph a mesh). */
const SUPPLIERS_PER_SEGMENT = 3;

interface Row {
  supplierUscc?: string;
  supplierName?: string;
  country?: string;
  customerUscc: string;
  product: string;
  share: number | null;
  since: string;
  source: string;
}

function toSheet(rows: readonly Row[]): Sheet {
  return {
    header: HEADER,
    rows: rows.map((r) => [r.supplierUscc ?? '', r.customerUscc, r.product, r.share === null ? '' : String(r.share), r.since, r.source, r.supplierName ?? '', r.country ?? '']),
  };
}

/** A stable pseudo-random number in [0, 1) from a string (the demo must be the same every time). */
function unit(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return ((h >>> 0) % 10_000) / 10_000;
}

/** Keep the first row of each supplier–customer–product and drop self-loops. */
function distinct(rows: readonly Row[]): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.supplierUscc ?? r.supplierName}|${r.customerUscc}|${r.product}`;
    if (seen.has(key) || r.supplierUscc === r.customerUscc) return false;
    seen.add(key);
    return true;
  });
}

function anchor(key: string): string {
  const found = DEMO_ANCHORS.find((a) => a.key === key);
  if (!found) throw new Error(`demo anchor ${key} missing`);
  return found.uscc;
}

/** Edges along each demo chain's segment links: members of an upstream segment → members of the segment it feeds. */
async function chainRows(db: Db): Promise<Row[]> {
  const chains = await db.selectFrom('chains').select(['id', 'name']).where('template_key', 'is not', null).orderBy('id').execute();
  const rows: Row[] = [];
  for (const chain of chains) {
    const segments = await db.selectFrom('chain_segments').select(['key', 'upstream', 'products']).where('chain_id', '=', chain.id).execute();
    const members = await db.selectFrom('chain_members as m').innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
      .select(['m.segment_key', 'e.uscc']).where('m.chain_id', '=', chain.id).where('m.role', '<>', 'research').orderBy('e.uscc').execute();
    const bySegment = new Map<string, string[]>();
    for (const m of members) bySegment.set(m.segment_key, [...(bySegment.get(m.segment_key) ?? []), m.uscc]);
    for (const segment of segments) {
      const customers = bySegment.get(segment.key) ?? [];
      for (const upstreamKey of segment.upstream) {
        const upstream = segments.find((s) => s.key === upstreamKey);
        const suppliers = (bySegment.get(upstreamKey) ?? []).slice(0, SUPPLIERS_PER_SEGMENT);
        if (!upstream || upstream.products.length === 0) continue;
        for (const customer of customers) {
          if (SINGLE_SOURCED.some((p) => p.segmentKey === upstreamKey && anchor(p.anchor) === customer)) continue;
          suppliers.forEach((supplier, i) => {
            const product = upstream.products[Math.floor(unit(`${supplier}${customer}`) * Math.min(3, upstream.products.length))];
            rows.push({ supplierUscc: supplier, customerUscc: customer, product, share: Math.round((1 / suppliers.length) * 100) / 100, since: `20${19 + (i % 5)}-0${1 + (i % 9)}-01`, source: `${chain.name}调研` });
          });
        }
      }
    }
  }
  return rows;
}

/** An enterprise of this industry outside the region prefix (an out-of-region supplier), if the demo has one. */
async function outsideFirm(db: Db, industryPrefix: string, regionPrefix: string): Promise<string | undefined> {
  const row = await db.selectFrom('enterprises').select('uscc').where('industry_code', 'like', `${industryPrefix}%`).where('region_code', 'not like', `${regionPrefix}%`).orderBy('uscc').limit(1).executeTakeFirst();
  return row?.uscc;
}

/** Seed the demo supply edges (see the file comment). */
export async function seedSupplyDemo(db: Db): Promise<void> {
  const leader = anchor('batteryLeader');
  const semiLeader = anchor('semiLeader');
  // The anchors are loaded together: if the leader is there, all are.
  if (!(await db.selectFrom('enterprises').select('id').where('uscc', '=', leader).executeTakeFirst())) {
    return; // no demo enterprises loaded
  }
  const graph = new SupplyGraphHolder(supplyEdgeSource(db)); // never loaded: refreshes are no-ops
  const cathodeElsewhere = await outsideFirm(db, 'C3985', '3205');
  const lithiumElsewhere = await outsideFirm(db, 'C2613', '3205');
  const survey = '2025年链主企业配套调研';
  const publicRows: Row[] = [
    // 电解液: the leader's whole need from one local firm (堵点).
    { supplierUscc: anchor('electrolyteSme'), customerUscc: leader, product: '锂电池电解液', share: 1, since: '2021-03-01', source: survey },
    { supplierUscc: anchor('precisionPartsSme'), customerUscc: leader, product: '电池模组结构件', share: 0.55, since: '2020-06-01', source: survey },
    { supplierUscc: anchor('batteryHousingSme'), customerUscc: leader, product: '电池壳体', share: 0.45, since: '2022-01-01', source: survey },
    { supplierUscc: anchor('bmsSme'), customerUscc: leader, product: '电池管理系统(BMS)', share: 0.7, since: '2019-09-01', source: survey },
    { supplierUscc: anchor('pcbMedium'), customerUscc: anchor('bmsSme'), product: '汽车电子电路板', share: 0.6, since: '2020-01-01', source: survey },
    { supplierUscc: anchor('mesSoftwareSme'), customerUscc: leader, product: 'MES系统', share: 1, since: '2023-02-01', source: survey },
    { supplierUscc: anchor('vacuumSupplierWuxi'), customerUscc: semiLeader, product: '真空腔体', share: 0.4, since: '2021-05-01', source: '无锡市集成电路产业链调研' },
    // 设备零部件 of the 无锡 equipment leader: mostly from one Swiss supplier (卡点).
    { supplierName: 'VAT Group AG', country: 'CH', customerUscc: semiLeader, product: '真空阀门', share: 0.6, since: '2018-01-01', source: '无锡市集成电路产业链调研' },
    { supplierName: '信越化学工业株式会社', country: 'JP', customerUscc: semiLeader, product: '光刻胶配套试剂', share: 0.7, since: '2019-01-01', source: '无锡市集成电路产业链调研' },
    ...(cathodeElsewhere ? [{ supplierUscc: cathodeElsewhere, customerUscc: leader, product: '磷酸铁锂正极材料', share: 0.35, since: '2022-07-01', source: survey }] : []),
    ...(lithiumElsewhere ? [{ supplierUscc: lithiumElsewhere, customerUscc: leader, product: '碳酸锂', share: 0.3, since: '2022-07-01', source: survey }] : []),
    ...(await chainRows(db)),
  ];
  await importSupplySheet({ db, graph }, { actor: SYSTEM_ACTOR }, toSheet(distinct(publicRows)), { isDryRun: false });

  // The leader's own supplier list, uploaded privately: foreign inputs it would rather not publish.
  const org = await db.selectFrom('organisations').select('id').where('uscc', '=', leader).executeTakeFirst();
  const privateRows: Row[] = [
    { supplierName: '旭化成株式会社', country: 'JP', customerUscc: leader, product: '湿法隔膜', share: 0.6, since: '2018-04-01', source: '采购台账' },
    { supplierName: 'Pilbara Minerals', country: 'AU', customerUscc: leader, product: '锂精矿', share: 0.7, since: '2021-01-01', source: '采购台账' },
    { supplierName: 'Texas Instruments', country: 'US', customerUscc: leader, product: '电池管理芯片', share: 0.8, since: '2019-09-01', source: '采购台账' },
    { supplierName: 'SK ie technology', country: 'KR', customerUscc: leader, product: '涂覆隔膜', share: 0.3, since: '2022-03-01', source: '采购台账' },
  ];
  const owner: Actor = org
    ? { userId: '0', username: 'demo', label: 'demo seed (链主供应商清单)', role: 'member', regionCode: null, orgId: org.id, orgUscc: leader }
    : SYSTEM_ACTOR;
  await importSupplySheet({ db, graph }, { actor: owner }, toSheet(privateRows), { isDryRun: false, isPrivateByDefault: org !== undefined });
}
