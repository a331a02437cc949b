import { describe, expect, it } from 'vitest';
import type { SegmentMetrics } from '../../../contracts/supply.js';
import { analyseWeakLinks, classifySegment, hhi, industryCloseness, linkWeights, segmentOfProduct, type AnalysisEnterprise, type AnalysisSegment, type LeaderSupplyLink } from './weak-links.analysis.js';

const REGION = '320500'; // 苏州市

let seq = 0;
function firm(regionCode: string, overrides: Partial<AnalysisEnterprise> = {}): AnalysisEnterprise {
  seq += 1;
  return { id: String(seq), uscc: `U${String(seq).padStart(17, '0')}`, name: `企业${seq}`, regionCode, industryCode: 'C3841', tags: [], ...overrides };
}

function metrics(overrides: Partial<SegmentMetrics>): SegmentMetrics {
  return {
    capableInRegion: 5, capableNationally: 20, leadersInRegion: 1, suppliersToLeaders: 3, localShare: 0.8, outsideShare: 0.2, foreignShare: 0,
    hhi: 0.34, singleSourceLeaders: 0, topOutsideSupplierShare: 0.2, capacity: null, demand: null, ...overrides,
  };
}

describe(hhi.name, () => {
  it('is 1 for one supplier, 1/n for n equal ones, and normalises shares', () => {
    expect(hhi([0.7])).toBe(1);
    expect(hhi([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(0.25);
    expect(hhi([3, 1])).toBeCloseTo(0.625);
    expect(hhi([])).toBeNull();
  });
});

describe(linkWeights.name, () => {
  it('splits the unknown rest of a need equally among links without a share', () => {
    expect(linkWeights([0.6, null, null])).toEqual([0.6, 0.2, 0.2]);
    expect(linkWeights([null, null])).toEqual([0.5, 0.5]);
    const over = linkWeights([0.9, 0.6]);
    expect(over[0] + over[1]).toBeCloseTo(1);
  });
});

describe(classifySegment.name, () => {
  it('calls a segment without a capable firm in the region a break', () => {
    expect(classifySegment(metrics({ capableInRegion: 0 }))).toContain('break');
    expect(classifySegment(metrics({}))).toEqual([]);
  });
  it('calls one capable firm, local concentration or short capacity a blockage', () => {
    expect(classifySegment(metrics({ capableInRegion: 1 }))).toEqual(['blockage']);
    expect(classifySegment(metrics({ hhi: 0.8, localShare: 0.9 }))).toEqual(['blockage']);
    expect(classifySegment(metrics({ capacity: 50, demand: 100 }))).toEqual(['blockage']);
    expect(classifySegment(metrics({ capacity: 90, demand: 100 }))).toEqual([]);
  });
  it('calls foreign dependence or one dominant outside supplier a choke (only foreign dependence on top of a break)', () => {
    expect(classifySegment(metrics({ capableInRegion: 0, localShare: 0, topOutsideSupplierShare: 1 }))).toEqual(['break']);
    expect(classifySegment(metrics({ capableInRegion: 0, localShare: 0, foreignShare: 0.6 }))).toEqual(['break', 'choke']);
    expect(classifySegment(metrics({ foreignShare: 0.4, localShare: 0.3 }))).toEqual(['choke']);
    expect(classifySegment(metrics({ topOutsideSupplierShare: 0.7, localShare: 0.3 }))).toEqual(['choke']);
    expect(classifySegment(metrics({ foreignShare: 0.1, topOutsideSupplierShare: 0.3 }))).toEqual([]);
  });
});

describe(segmentOfProduct.name, () => {
  const segments: AnalysisSegment[] = [
    { key: 'cathode', name: '正极材料', upstream: [], products: ['正极材料', '三元正极材料'], industryCodes: [] },
    { key: 'cell', name: '电芯', upstream: ['cathode'], products: ['电芯'], industryCodes: [] },
  ];
  it('maps a product to the segment naming it, longest match first, else the supplier’s placement', () => {
    expect(segmentOfProduct('高镍三元正极材料', [], segments)).toBe('cathode');
    expect(segmentOfProduct('方形电芯', [], segments)).toBe('cell');
    expect(segmentOfProduct('螺丝', ['cell'], segments)).toBe('cell');
    expect(segmentOfProduct('螺丝', [], segments)).toBeUndefined();
  });
});

describe(industryCloseness.name, () => {
  it('counts the shared digits after the section letter', () => {
    expect(industryCloseness('C3841', 'C3841')).toBe(4);
    expect(industryCloseness('C3849', 'C3841')).toBe(3);
    expect(industryCloseness('C3985', 'C3841')).toBe(1);
    expect(industryCloseness('B0913', 'C3841')).toBe(0);
  });
});

describe(analyseWeakLinks.name, () => {
  // A synthetic battery chain in 苏州 with planted gaps:
  //   separator: nobody in 苏州 can make it (断点);
  //   electrolyte: one firm in 苏州 (堵点);
  //   photoresist: leaders buy 80% from Japan (卡点);
  //   bms: one supplier in 深圳 holds 90% (卡点 by a single outside source);
  //   cathode, cell: healthy (several local firms, local supply).
  const segments: AnalysisSegment[] = [
    { key: 'cathode', name: '正极材料', upstream: [], products: ['正极材料'], industryCodes: ['C3985'] },
    { key: 'separator', name: '隔膜', upstream: [], products: ['隔膜'], industryCodes: ['C2922'] },
    { key: 'electrolyte', name: '电解液', upstream: [], products: ['电解液'], industryCodes: ['C2669'] },
    { key: 'photoresist', name: '光刻胶', upstream: [], products: ['光刻胶'], industryCodes: ['C2664'] },
    { key: 'bms', name: '电池管理系统', upstream: [], products: ['BMS'], industryCodes: ['C3972'] },
    { key: 'cell', name: '电芯', upstream: ['cathode', 'separator', 'electrolyte', 'photoresist', 'bms'], products: ['电芯'], industryCodes: ['C3841'] },
  ];
  const leader = firm('320505', { tags: ['leader'] });
  const localCathode = [firm('320505'), firm('320506'), firm('320507')];
  const elsewhereSeparator = [firm('440305', { industryCode: 'C2922' }), firm('320200', { industryCode: 'C2922', tags: ['little_giant'] }), firm('330100', { industryCode: 'C2922', tags: ['specialized'] })];
  const onlyElectrolyte = firm('320505', { industryCode: 'C2669' });
  const otherElectrolyte = firm('420100', { industryCode: 'C2669', tags: ['specialized'] });
  const localPhotoresist = [firm('320505', { industryCode: 'C2664' }), firm('320506', { industryCode: 'C2664' })];
  const localBms = [firm('320505'), firm('320506')];
  const shenzhenBms = firm('440305');
  const localCell = [leader, firm('320505'), firm('320583')];
  const capable = new Map<string, AnalysisEnterprise[]>([
    ['cathode', localCathode],
    ['separator', elsewhereSeparator],
    ['electrolyte', [onlyElectrolyte, otherElectrolyte]],
    ['photoresist', localPhotoresist],
    ['bms', [...localBms, shenzhenBms]],
    ['cell', localCell],
  ]);
  const link = (supplier: AnalysisEnterprise | { key: string; name: string; country: string }, product: string, share: number | null): LeaderSupplyLink =>
    'id' in supplier
      ? { leaderId: leader.id, supplierKey: supplier.id, supplierName: supplier.name, supplierRegion: supplier.regionCode, supplierCountry: 'CN', product, share, supplierSegments: [] }
      : { leaderId: leader.id, supplierKey: supplier.key, supplierName: supplier.name, supplierRegion: null, supplierCountry: supplier.country, product, share, supplierSegments: [] };
  const supply: LeaderSupplyLink[] = [
    link(localCathode[0], '正极材料', 0.4), link(localCathode[1], '正极材料', 0.35), link(localCathode[2], '正极材料', 0.25),
    link(elsewhereSeparator[0], '湿法隔膜', 1),
    link(onlyElectrolyte, '电解液', 1),
    link({ key: 'x1', name: 'JSR株式会社', country: 'JP' }, 'KrF光刻胶', 0.8), link(localPhotoresist[0], 'KrF光刻胶', 0.2),
    link(shenzhenBms, 'BMS', 0.9), link(localBms[0], 'BMS', 0.1),
  ];
  const adjacent = [firm('310000', { industryCode: 'C2929', tags: ['little_giant'] }), firm('110000', { industryCode: 'C1300' })];
  const result = analyseWeakLinks({ regionCode: REGION, segments, capable, leaders: [leader], supply, adjacent });
  const found = (key: string) => result.items.filter((i) => i.segmentKey === key).map((i) => i.kind).sort();

  it('finds every planted gap with its kind', () => {
    expect(found('separator')).toEqual(['break']);
    expect(found('electrolyte')).toContain('blockage');
    expect(found('photoresist')).toEqual(['choke']);
    expect(found('bms')).toEqual(['choke']);
  });

  it('reports no false 断点 and leaves healthy segments alone', () => {
    expect(result.items.filter((i) => i.kind === 'break').map((i) => i.segmentKey)).toEqual(['separator']);
    expect(found('cathode')).toEqual([]);
    expect(found('cell')).toEqual([]);
  });

  it('gives numbers and a Chinese sentence as evidence', () => {
    const choke = result.items.find((i) => i.segmentKey === 'photoresist')!;
    expect(choke.evidence.metrics.foreignShare).toBeCloseTo(0.8);
    expect(choke.evidence.text).toContain('80% 来自境外（JP）');
    const gap = result.items.find((i) => i.kind === 'break')!;
    expect(gap.evidence.metrics).toMatchObject({ capableInRegion: 0, capableNationally: 3, localShare: 0 });
    expect(gap.evidence.text).toContain('本地区没有能提供“隔膜”的企业');
  });

  it('ranks fill candidates from elsewhere, 小巨人 and 专精特新 first, with reasons', () => {
    const gap = result.items.find((i) => i.kind === 'break')!;
    const usccs = gap.candidates.map((c) => c.uscc);
    expect(usccs.slice(0, 2)).toEqual([elsewhereSeparator[1].uscc, elsewhereSeparator[2].uscc]); // 小巨人 in the province, then 专精特新
    expect(usccs).not.toContain(localCathode[0].uscc);
    // Existing suppliers are not proposed again; the adjacent-industry 小巨人 is.
    expect(usccs).not.toContain(elsewhereSeparator[0].uscc);
    expect(usccs).toContain(adjacent[0].uscc);
    expect(gap.candidates[0].reasons.join(' ')).toContain('小巨人');
    const blockage = result.items.find((i) => i.segmentKey === 'electrolyte')!;
    expect(blockage.candidates.map((c) => c.uscc)).toEqual([otherElectrolyte.uscc]);
  });

  it('ranks 断点 above 卡点 above 堵点', () => {
    expect(result.items.map((i) => `${i.segmentKey}:${i.kind}`)).toEqual(['separator:break', 'bms:choke', 'photoresist:choke', 'electrolyte:blockage']);
    expect(result.segments.map((s) => s.segmentKey)).toEqual(segments.map((s) => s.key));
  });
});
