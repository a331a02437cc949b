/**
 * Demo chain maps: four regions' chains made from the templates, with the demo anchors placed
 * where they belong and the best suggestions among the generated enterprises accepted, so that
 * `npm start` shows realistic maps. The 苏州 battery chain keeps 锂钴镍资源 and 回收与梯次利用 empty
 * in 苏州: planted 断点 for the weak-link analysis.
 */
import type { MemberRole } from '../../../contracts/chains.js';
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { addChainMember, createChain, suggestChainMembers } from './chains.service.js';

/** One demo chain: template, region, anchors by segment, and segments left empty on purpose. */
interface DemoChain {
  templateKey: string;
  name: string;
  regionCode: string;
  anchors: Array<{ anchor: string; segmentKey: string; role: MemberRole }>;
  emptySegments: string[];
}

const DEMO_CHAINS: readonly DemoChain[] = [
  {
    templateKey: 'ev-battery',
    name: '苏州市新能源汽车动力电池产业链',
    regionCode: '320500',
    anchors: [
      { anchor: 'batteryLeader', segmentKey: 'cell', role: 'leader' },
      { anchor: 'batteryLeader', segmentKey: 'module-pack', role: 'leader' },
      { anchor: 'precisionPartsSme', segmentKey: 'structural-parts', role: 'specialized' },
      { anchor: 'batteryHousingSme', segmentKey: 'structural-parts', role: 'specialized' },
      { anchor: 'bmsSme', segmentKey: 'bms', role: 'little_giant' },
      { anchor: 'pcbMedium', segmentKey: 'bms', role: 'supplier' },
      { anchor: 'electrolyteSme', segmentKey: 'electrolyte', role: 'supplier' },
    ],
    emptySegments: ['minerals', 'recycling'],
  },
  {
    templateKey: 'integrated-circuit',
    name: '无锡市集成电路产业链',
    regionCode: '320200',
    anchors: [
      { anchor: 'semiLeader', segmentKey: 'equipment', role: 'leader' },
      { anchor: 'vacuumSupplierWuxi', segmentKey: 'equipment-parts', role: 'specialized' },
    ],
    emptySegments: [],
  },
  {
    templateKey: 'industrial-robot',
    name: '江苏省工业机器人产业链',
    regionCode: '320000',
    anchors: [
      { anchor: 'servoMicro', segmentKey: 'servo', role: 'supplier' },
      { anchor: 'precisionPartsSme', segmentKey: 'parts', role: 'specialized' },
      { anchor: 'mesSoftwareSme', segmentKey: 'software', role: 'supplier' },
    ],
    emptySegments: [],
  },
  { templateKey: 'photovoltaic', name: '浙江省光伏产业链', regionCode: '330000', anchors: [], emptySegments: [] },
];

/** Suggestions accepted per segment, and the least confidence accepted. */
const ACCEPT_PER_SEGMENT = 3;
const ACCEPT_MIN_SCORE = 0.5;

/** Seed the demo chains (skips any that exists already, by name and region). */
export async function seedChainsDemo(db: Db): Promise<void> {
  const context = { actor: SYSTEM_ACTOR };
  const anchors = new Map(DEMO_ANCHORS.map((a) => [a.key, a]));
  for (const demo of DEMO_CHAINS) {
    const existing = await db.selectFrom('chains').select('id').where('name', '=', demo.name).where('region_code', '=', demo.regionCode).executeTakeFirst();
    if (existing) {
      continue;
    }
    const id = await createChain(db, context, { name: demo.name, regionCode: demo.regionCode, templateKey: demo.templateKey });
    for (const placement of demo.anchors) {
      const anchor = anchors.get(placement.anchor);
      const isRegistered = anchor && (await db.selectFrom('enterprises').select('id').where('uscc', '=', anchor.uscc).executeTakeFirst());
      if (isRegistered) {
        await addChainMember(db, context, id, { uscc: anchor.uscc, segmentKey: placement.segmentKey, role: placement.role });
      }
    }
    const segments = await db.selectFrom('chain_segments').select('key').where('chain_id', '=', id).execute();
    for (const { key } of segments) {
      if (demo.emptySegments.includes(key)) {
        continue;
      }
      const suggestions = await suggestChainMembers(db, SYSTEM_ACTOR, id, { segmentKey: key, limit: ACCEPT_PER_SEGMENT });
      for (const s of suggestions.filter((x) => x.score >= ACCEPT_MIN_SCORE)) {
        await addChainMember(db, context, id, { uscc: s.uscc, segmentKey: key, role: s.suggestedRole, source: 'suggestion', confidence: s.score });
      }
    }
  }
}
