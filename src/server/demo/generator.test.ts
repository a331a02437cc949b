import { describe, expect, it } from 'vitest';
import { CreateEnterpriseBody, type EnterpriseTag } from '../../contracts/enterprises.js';
import { classifyEnterpriseSize, type EnterpriseSize } from '../platform/enterprise-size.js';
import { findIndustry } from '../platform/industries.js';
import { findRegion, isRegionWithin, regionChildren } from '../platform/regions.js';
import { normaliseName } from '../platform/text.js';
import { makeUscc, validateUscc } from '../platform/uscc.js';
import { DEMO_ANCHORS, generateEnterprises, iterateEnterprises, iterateSizedEnterprises, type DemoEnterprise } from './generator.js';

const GRADIENT: readonly EnterpriseTag[] = ['innovative', 'specialized', 'little_giant'];

/** A region an enterprise can be registered in: a county-level unit, or a city without counties (东莞). */
function isLeafRegion(code: string): boolean {
  return findRegion(code) !== undefined && regionChildren(code).length === 0;
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}

describe(generateEnterprises.name, () => {
  const rows = generateEnterprises({ seed: 42, count: 2000 });

  it('returns identical rows for the same seed', () => {
    expect(generateEnterprises({ seed: 42, count: 300 })).toEqual(rows.slice(0, 300));
  });

  it('returns different rows for a different seed', () => {
    const other = generateEnterprises({ seed: 43, count: 300 });
    expect(other.map((e) => e.uscc)).not.toEqual(rows.slice(0, 300).map((e) => e.uscc));
    expect(other.map((e) => e.name)).not.toEqual(rows.slice(0, 300).map((e) => e.name));
  });

  it('streams the same rows as the array form', () => {
    expect([...iterateEnterprises({ seed: 42, count: 50 })]).toEqual(rows.slice(0, 50));
  });

  it('makes valid, unique USCCs carrying the region code in positions 3–8', () => {
    for (const e of rows) {
      expect(validateUscc(e.uscc), e.uscc).toMatchObject({ valid: true });
      expect(e.uscc.slice(0, 2)).toBe('91');
      expect(e.uscc.slice(2, 8)).toBe(e.regionCode);
    }
    expect(new Set(rows.map((e) => e.uscc)).size).toBe(rows.length);
  });

  it('uses real county-level regions and level-4 industries', () => {
    for (const e of rows) {
      expect(isLeafRegion(e.regionCode), e.regionCode).toBe(true);
      expect(findIndustry(e.industryCode)?.level, e.industryCode).toBe(4);
    }
  });

  it('weights towards manufacturing and the 长三角/珠三角 regions', () => {
    const manufacturing = rows.filter((e) => e.industryCode.startsWith('C')).length;
    const suzhou = rows.filter((e) => e.regionCode.startsWith('3205')).length;
    expect(manufacturing / rows.length).toBeGreaterThan(0.75);
    expect(suzhou / rows.length).toBeGreaterThan(0.08);
    expect(new Set(rows.map((e) => e.regionCode.slice(0, 2))).size).toBeGreaterThan(10);
  });

  it('makes names unique by their normalised form', () => {
    expect(new Set(rows.map((e) => normaliseName(e.name))).size).toBe(rows.length);
    for (const e of rows) {
      expect(e.name).toMatch(/(有限公司|股份有限公司)$/);
    }
  });

  it('produces rows the create-enterprise contract accepts', () => {
    for (const e of rows.slice(0, 300)) {
      const { employees, revenue, assets, ...rest } = e;
      expect(() => CreateEnterpriseBody.parse({ ...rest, employees, revenue, assets })).not.toThrow();
      expect(hasAtMostTwoDecimals(revenue) && hasAtMostTwoDecimals(assets), `${revenue} ${assets}`).toBe(true);
      expect(e.products.length).toBeGreaterThan(0);
      expect(e.capabilities).toMatch(/。$/);
    }
  });

  it('gives gradient tags only to SMEs and 链主 only to large firms, tiers nested', () => {
    for (const { enterprise, size } of iterateSizedEnterprises({ seed: 42, count: 2000 })) {
      const tags = new Set(enterprise.tags);
      if (size === 'large') {
        expect(GRADIENT.some((tag) => tags.has(tag))).toBe(false);
      } else {
        expect(tags.has('leader')).toBe(false);
      }
      if (tags.has('little_giant')) {
        expect(tags.has('specialized')).toBe(true);
      }
      if (tags.has('specialized')) {
        expect(tags.has('innovative')).toBe(true);
      }
    }
  });

  it('restricts rows to the given regions', () => {
    const inSuzhou = generateEnterprises({ seed: 1, count: 200, regionCodes: ['320500'] });
    expect(inSuzhou.every((e) => e.regionCode.startsWith('3205') && isLeafRegion(e.regionCode))).toBe(true);
    const mixed = generateEnterprises({ seed: 1, count: 200, regionCodes: ['441900', '320583'] });
    expect(new Set(mixed.map((e) => e.regionCode))).toEqual(new Set(['441900', '320583']));
  });

  it('rejects an unknown region code and a bad count', () => {
    expect(() => generateEnterprises({ seed: 1, count: 1, regionCodes: ['329999'] })).toThrow(/unknown region/);
    expect(() => generateEnterprises({ seed: 1, count: -1 })).toThrow(/count/);
  });

  it('never reuses an anchor’s USCC or name', () => {
    const usccs = new Set(DEMO_ANCHORS.map((a) => a.uscc));
    const names = new Set(DEMO_ANCHORS.map((a) => normaliseName(a.name)));
    expect(rows.some((e) => usccs.has(e.uscc) || names.has(normaliseName(e.name)))).toBe(false);
  });
});

describe(iterateSizedEnterprises.name, () => {
  it('draws figures whose derived size class is the intended one', () => {
    const counts: Record<EnterpriseSize, number> = { large: 0, medium: 0, small: 0, micro: 0 };
    for (const { enterprise: e, size } of iterateSizedEnterprises({ seed: 7, count: 2000 })) {
      const derived = classifyEnterpriseSize({ industryCode: e.industryCode, employees: e.employees, revenue: e.revenue, assets: e.assets });
      expect(derived.size, `${e.name} ${e.industryCode} ${e.employees}人 ${e.revenue}万元`).toBe(size);
      counts[size] += 1;
    }
    expect(counts.large).toBeGreaterThan(10);
    expect(counts.medium).toBeGreaterThan(150);
    expect(counts.small).toBeGreaterThan(counts.micro);
  });
});

describe('DEMO_ANCHORS', () => {
  const sizeOf = (e: DemoEnterprise) => classifyEnterpriseSize({ industryCode: e.industryCode, employees: e.employees, revenue: e.revenue, assets: e.assets }).size;

  it('has valid USCCs made from their region code', () => {
    for (const anchor of DEMO_ANCHORS) {
      expect(validateUscc(anchor.uscc)).toEqual({ code: anchor.uscc, valid: true });
      expect(makeUscc({ regionCode: anchor.regionCode, body8: anchor.uscc.slice(8, 16) })).toBe(anchor.uscc);
    }
  });

  it('has unique keys, USCCs and names, real regions and level-4 industries', () => {
    expect(DEMO_ANCHORS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(DEMO_ANCHORS.map((a) => a.key)).size).toBe(DEMO_ANCHORS.length);
    expect(new Set(DEMO_ANCHORS.map((a) => a.uscc)).size).toBe(DEMO_ANCHORS.length);
    expect(new Set(DEMO_ANCHORS.map((a) => normaliseName(a.name))).size).toBe(DEMO_ANCHORS.length);
    for (const anchor of DEMO_ANCHORS) {
      expect(isLeafRegion(anchor.regionCode), anchor.regionCode).toBe(true);
      expect(findIndustry(anchor.industryCode)?.level, anchor.industryCode).toBe(4);
      expect(() => CreateEnterpriseBody.parse({ ...anchor, key: undefined, note: undefined })).not.toThrow();
    }
  });

  it('tags match the size classes their figures give', () => {
    for (const anchor of DEMO_ANCHORS) {
      const size = sizeOf(anchor);
      expect(size, anchor.key).not.toBeNull();
      if (anchor.tags.includes('leader')) {
        expect(size, anchor.key).toBe('large');
      }
      if (anchor.tags.some((tag) => GRADIENT.includes(tag))) {
        expect(size, anchor.key).not.toBe('large');
        expect(anchor.tags, anchor.key).toContain('innovative');
      }
      if (anchor.tags.includes('little_giant')) {
        expect(anchor.tags, anchor.key).toContain('specialized');
      }
    }
  });

  it('tells the 苏州 battery-chain story with firms outside 苏州 as well', () => {
    const byKey = new Map(DEMO_ANCHORS.map((a) => [a.key, a]));
    expect(byKey.get('batteryLeader')).toMatchObject({ regionCode: '320571', industryCode: 'C3841' });
    expect(sizeOf(byKey.get('batteryLeader')!)).toBe('large');
    expect(isRegionWithin(byKey.get('precisionPartsSme')!.regionCode, '320500')).toBe(true);
    expect(isRegionWithin(byKey.get('bmsSme')!.regionCode, '320500')).toBe(true);
    expect(isRegionWithin(byKey.get('semiLeader')!.regionCode, '320500')).toBe(false);
    expect(isRegionWithin(byKey.get('semiLeader')!.regionCode, '320200')).toBe(true);
  });
});
