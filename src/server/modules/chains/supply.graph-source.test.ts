import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import { makeEnterprise } from '../../../../test/factories.js';
import { createSupplyGraph } from './supply.graph-source.js';

describe('supply graph holder over the database', () => {
  it('loads edges with their attributes, then follows inserts, updates and deletes', async () => {
    const { db } = await createTestDb();
    const [leader, supplierA, supplierB] = [await makeEnterprise(db, { regionCode: '320505' }), await makeEnterprise(db, { regionCode: '440305' }), await makeEnterprise(db, { regionCode: '320506' })];
    const org = await db.insertInto('organisations').values({ name: '链主', kind: 'large_enterprise', region_code: '320505', uscc: leader.uscc }).returning('id').executeTakeFirstOrThrow();
    const foreign = await db.insertInto('off_platform_suppliers').values({ name: 'JSR Corporation', name_norm: 'jsr corporation', country_code: 'JP' }).returning('id').executeTakeFirstOrThrow();
    const inserted = await db.insertInto('supply_edges').values([
      { supplier_id: supplierA.id, customer_id: leader.id, product: '正极材料\t(高镍)', share: 0.6, region_code: '320505' },
      { off_platform_supplier_id: foreign.id, customer_id: leader.id, product: '光刻胶', share: null, region_code: '320505', is_private: true, owner_org_id: org.id },
    ]).returning('id').execute();

    const holder = createSupplyGraph(db);
    const snap = await holder.snapshot();
    expect(snap.graph.m).toBe(2);
    const vLeader = snap.nodeOfEnterprise(leader.id)!;
    const vA = snap.nodeOfEnterprise(supplierA.id)!;
    const vForeign = snap.nodeOfOffPlatform(foreign.id)!;
    expect(snap.nodeRegion[vA]).toBe(440305);
    expect(snap.nodeCountry[vForeign]).toBe('JP');
    expect(Number.isNaN(snap.nodeEnterpriseId[vForeign])).toBe(true);
    const inOfLeader = [...snap.graph.inSources.subarray(snap.graph.inOffsets[vLeader], snap.graph.inOffsets[vLeader + 1])];
    expect(inOfLeader.sort()).toEqual([vA, vForeign].sort());
    const eForeign = [...snap.edgeId].indexOf(Number(inserted[1].id));
    expect(snap.edgeIsPrivate[eForeign]).toBe(1);
    expect(snap.edgeOwnerOrgId[eForeign]).toBe(Number(org.id));
    expect(snap.products[snap.edgeProduct[eForeign]]).toBe('光刻胶');
    expect(snap.products).toContain('正极材料\t(高镍)');
    expect(Number.isNaN(snap.graph.inShares[snap.graph.inOffsets[vLeader] + [...snap.graph.inEdge.subarray(snap.graph.inOffsets[vLeader], snap.graph.inOffsets[vLeader + 1])].indexOf(eForeign)])).toBe(true);

    // A new edge, an update and a delete, applied after "commit".
    const added = await db.insertInto('supply_edges').values({ supplier_id: supplierB.id, customer_id: leader.id, product: '隔膜', share: 1, region_code: '320505' }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('supply_edges').set({ share: 0.25 }).where('id', '=', inserted[0].id).execute();
    await db.deleteFrom('supply_edges').where('id', '=', inserted[1].id).execute();
    await holder.refreshEdges([added.id, inserted[0].id, inserted[1].id]);
    const next = await holder.snapshot();
    expect(next.graph.m).toBe(2);
    expect([...next.edgeId].sort()).toEqual([Number(inserted[0].id), Number(added.id)].sort());
    const eA = [...next.edgeId].indexOf(Number(inserted[0].id));
    const slot = [...next.graph.outEdge].indexOf(eA);
    expect(next.graph.outShares[slot]).toBeCloseTo(0.25);
    expect(next.nodeOfEnterprise(leader.id)).toBe(vLeader); // node indexes are stable
    // The earlier snapshot is untouched.
    expect(snap.graph.m).toBe(2);
    expect(snap.edgeIsPrivate[eForeign]).toBe(1);
  });

  it('follows change_log rows of other processes through the feed', async () => {
    const { db } = await createTestDb();
    const [a, b] = [await makeEnterprise(db), await makeEnterprise(db)];
    const { ChangeFeed } = await import('../../db/change-feed.js');
    const feed = new ChangeFeed(db, 60_000);
    await feed.start();
    const holder = createSupplyGraph(db, feed);
    expect((await holder.snapshot()).graph.m).toBe(0);
    const edge = await db.insertInto('supply_edges').values({ supplier_id: a.id, customer_id: b.id, product: '电芯', region_code: '320505' }).returning('id').executeTakeFirstOrThrow();
    await sql`INSERT INTO change_log (entity_type, entity_key, op) VALUES ('supply_edge', ${edge.id}, 'insert')`.execute(db);
    await feed.poll();
    feed.stop();
    expect((await holder.snapshot()).graph.m).toBe(1);
  });

  it('reads the same graph over two id ranges in parallel as over one', async () => {
    const { db } = await createTestDb();
    const firms = [];
    for (let i = 0; i < 8; i++) firms.push(await makeEnterprise(db, { regionCode: i % 2 ? '320505' : '440305' }));
    const foreign = await db.insertInto('off_platform_suppliers').values({ name: 'Shin-Etsu', name_norm: 'shin-etsu', country_code: 'JP' }).returning('id').executeTakeFirstOrThrow();
    const org = await db.insertInto('organisations').values({ name: '链主', kind: 'large_enterprise', region_code: '320505', uscc: firms[1].uscc }).returning('id').executeTakeFirstOrThrow();
    const rows = [];
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        if (i !== j && (i + j) % 3 !== 0) rows.push({ supplier_id: firms[i].id, customer_id: firms[j].id, product: `产品${(i * j) % 5}`, share: j % 4 ? ((i + 1) * (j + 1)) % 10 / 10 : null, region_code: '320505', is_private: (i + j) % 7 === 0, owner_org_id: (i + j) % 7 === 0 ? org.id : null });
      }
      rows.push({ off_platform_supplier_id: foreign.id, customer_id: firms[i].id, product: '光刻胶', share: 0.5, region_code: '320505' });
    }
    await db.insertInto('supply_edges').values(rows).execute();

    const describeGraph = async (parallelMinId?: number) => {
      const snap = await createSupplyGraph(db, undefined, { parallelMinId }).snapshot();
      const edges: string[] = [];
      for (let v = 0; v < snap.graph.n; v++) {
        for (let k = snap.graph.outOffsets[v]; k < snap.graph.outOffsets[v + 1]; k++) {
          const e = snap.graph.outEdge[k];
          const to = snap.graph.outTargets[k];
          const end = (node: number) => (Number.isNaN(snap.nodeEnterpriseId[node]) ? `${snap.nodeCountry[node]}:${snap.nodeRegion[node]}` : String(snap.nodeEnterpriseId[node]));
          edges.push([snap.edgeId[e], end(v), end(to), snap.products[snap.edgeProduct[e]], snap.graph.outShares[k].toFixed(2), snap.edgeIsPrivate[e]].join('|'));
        }
      }
      return edges.sort();
    };
    const single = await describeGraph();
    const parallel = await describeGraph(0);
    expect(single).toHaveLength(rows.length);
    expect(parallel).toEqual(single);
  });
});
