import { describe, expect, it } from 'vitest';
import {
  SIZE_LABELS,
  SIZE_CATEGORY_SCOPE,
  classifyEnterpriseSize,
  sizeCategoryOf,
  sizeClassOf,
  type EnterpriseSize,
  type SizeIndicator,
} from './enterprise-size.js';

/**
 * The 2017 threshold table (policy-rules.md §1.1), written out here on purpose instead of reading
 * SIZE_RULES, so that a typo in the implementation fails these tests. Each indicator lists the
 * lower bounds of the large, medium and small bands; below `small` is micro.
 */
const EXPECTED_TABLE: ReadonlyArray<{
  category: string;
  categoryName: string;
  sampleCode: string;
  indicators: Partial<Record<SizeIndicator, readonly [large: number, medium: number, small: number]>>;
}> = [
  { category: 'agriculture', categoryName: '农、林、牧、渔业', sampleCode: 'A0111', indicators: { revenue: [20000, 500, 50] } },
  { category: 'industry', categoryName: '工业', sampleCode: 'C3841', indicators: { employees: [1000, 300, 20], revenue: [40000, 2000, 300] } },
  { category: 'construction', categoryName: '建筑业', sampleCode: 'E4710', indicators: { revenue: [80000, 6000, 300], assets: [80000, 5000, 300] } },
  { category: 'wholesale', categoryName: '批发业', sampleCode: 'F5111', indicators: { employees: [200, 20, 5], revenue: [40000, 5000, 1000] } },
  { category: 'retail', categoryName: '零售业', sampleCode: 'F5211', indicators: { employees: [300, 50, 10], revenue: [20000, 500, 100] } },
  { category: 'transport', categoryName: '交通运输业', sampleCode: 'G5411', indicators: { employees: [1000, 300, 20], revenue: [30000, 3000, 200] } },
  { category: 'warehousing', categoryName: '仓储业', sampleCode: 'G5920', indicators: { employees: [200, 100, 20], revenue: [30000, 1000, 100] } },
  { category: 'postal', categoryName: '邮政业', sampleCode: 'G6010', indicators: { employees: [1000, 300, 20], revenue: [30000, 2000, 100] } },
  { category: 'accommodation', categoryName: '住宿业', sampleCode: 'H6110', indicators: { employees: [300, 100, 10], revenue: [10000, 2000, 100] } },
  { category: 'catering', categoryName: '餐饮业', sampleCode: 'H6210', indicators: { employees: [300, 100, 10], revenue: [10000, 2000, 100] } },
  {
    category: 'information_transmission',
    categoryName: '信息传输业',
    sampleCode: 'I6311',
    indicators: { employees: [2000, 100, 10], revenue: [100000, 1000, 100] },
  },
  { category: 'software_it', categoryName: '软件和信息技术服务业', sampleCode: 'I6513', indicators: { employees: [300, 100, 10], revenue: [10000, 1000, 50] } },
  {
    category: 'real_estate_development',
    categoryName: '房地产开发经营',
    sampleCode: 'K7010',
    indicators: { revenue: [200000, 1000, 100], assets: [10000, 5000, 2000] },
  },
  { category: 'property_management', categoryName: '物业管理', sampleCode: 'K7020', indicators: { employees: [1000, 300, 100], revenue: [5000, 1000, 500] } },
  { category: 'leasing_business', categoryName: '租赁和商务服务业', sampleCode: 'L7211', indicators: { employees: [300, 100, 10], assets: [120000, 8000, 100] } },
  { category: 'other', categoryName: '其他未列明行业', sampleCode: 'M7310', indicators: { employees: [300, 100, 10] } },
];

const TIERS: readonly EnterpriseSize[] = ['large', 'medium', 'small', 'micro'];
const HUGE = 1e12;

/** One case per band bound: the bound itself, and one unit below it (which drops a tier). */
const boundaryCases = EXPECTED_TABLE.flatMap((row) =>
  Object.entries(row.indicators).flatMap(([indicator, bounds]) =>
    (bounds ?? []).flatMap((bound, i) => [
      { ...row, indicator: indicator as SizeIndicator, value: bound, expected: TIERS[i] },
      { ...row, indicator: indicator as SizeIndicator, value: bound - 1, expected: TIERS[i + 1] },
    ]),
  ),
);

describe(classifyEnterpriseSize.name, () => {
  it('covers all 16 rows, 30 indicators and 6 cases per indicator', () => {
    expect(EXPECTED_TABLE).toHaveLength(16);
    expect(EXPECTED_TABLE.flatMap((row) => Object.keys(row.indicators))).toHaveLength(30);
    expect(boundaryCases).toHaveLength(6 * 30);
  });

  it.each(boundaryCases)(
    '$category ($sampleCode): $indicator=$value is $expected',
    ({ sampleCode, category, categoryName, indicators, indicator, value, expected }) => {
      // Every other listed indicator is far into the large band, so the tested one decides.
      const input = { industryCode: sampleCode, employees: HUGE, revenue: HUGE, assets: HUGE, [indicator]: value };
      const result = classifyEnterpriseSize(input);
      expect(result.size).toBe(expected);
      expect(result.category).toBe(category);
      expect(result.categoryName).toBe(categoryName);
      expect(result.reason).toBeUndefined();
      expect(result.basis.map((item) => item.indicator)).toEqual(Object.keys(indicators));
      expect(result.basis.find((item) => item.indicator === indicator)?.size).toBe(expected);
    },
  );

  it('explains each indicator with its band and unit', () => {
    const result = classifyEnterpriseSize({ industryCode: 'C3841', employees: 350, revenue: 1500 });
    expect(result).toEqual({
      size: 'small',
      category: 'industry',
      categoryName: '工业',
      basis: [
        {
          indicator: 'employees',
          value: 350,
          unit: '人',
          size: 'medium',
          band: '300≤X<1000',
          explanation: '从业人员350人，位于300≤X<1000区间，按工业标准为中型。',
        },
        {
          indicator: 'revenue',
          value: 1500,
          unit: '万元',
          size: 'small',
          band: '300≤Y<2000',
          explanation: '营业收入1500万元，位于300≤Y<2000区间，按工业标准为小型。',
        },
      ],
    });
  });

  it.each([
    ['C3841', { employees: 1000 }, 'X≥1000'],
    ['C3841', { employees: 19 }, 'X<20'],
    ['E4710', { assets: 5000 }, '5000≤Z<80000'],
    ['L7211', { assets: 99 }, 'Z<100'],
  ])('formats the band for %s %j as %s', (industryCode, values, band) => {
    const result = classifyEnterpriseSize({ industryCode, employees: HUGE, revenue: HUGE, assets: HUGE, ...values });
    const indicator = Object.keys(values)[0];
    expect(result.basis.find((item) => item.indicator === indicator)?.band).toBe(band);
  });

  describe('worst-indicator rule', () => {
    it('gives micro for large employees and micro revenue', () => {
      expect(classifyEnterpriseSize({ industryCode: 'C3841', employees: 5000, revenue: 100 }).size).toBe('micro');
    });

    it('gives micro for micro employees and large revenue', () => {
      expect(classifyEnterpriseSize({ industryCode: 'F5211', employees: 3, revenue: 50000 }).size).toBe('micro');
    });

    it('gives small for medium and small indicators', () => {
      expect(classifyEnterpriseSize({ industryCode: 'E4710', revenue: 10000, assets: 1000 }).size).toBe('small');
    });

    it('gives large only when every indicator is large', () => {
      expect(classifyEnterpriseSize({ industryCode: 'K7010', revenue: 200000, assets: 10000 }).size).toBe('large');
      expect(classifyEnterpriseSize({ industryCode: 'K7010', revenue: 200000, assets: 9999 }).size).toBe('medium');
    });
  });

  describe('single-indicator industries', () => {
    it('rates agriculture on revenue alone and ignores other values', () => {
      const result = classifyEnterpriseSize({ industryCode: 'A0111', revenue: 600, employees: 1 });
      expect(result.size).toBe('medium');
      expect(result.basis.map((item) => item.indicator)).toEqual(['revenue']);
    });

    it('rates 其他未列明行业 on employees alone', () => {
      const result = classifyEnterpriseSize({ industryCode: 'M7320', employees: 99 });
      expect(result.size).toBe('small');
      expect(result.basis.map((item) => item.indicator)).toEqual(['employees']);
    });
  });

  describe('missing or invalid indicators', () => {
    it('returns size null and names the missing indicator', () => {
      const result = classifyEnterpriseSize({ industryCode: 'C3841', employees: 50 });
      expect(result.size).toBeNull();
      expect(result.reason).toBe('缺少或无效的指标：营业收入（Y），无法判定企业规模');
      expect(result.basis[0].size).toBe('small');
      expect(result.basis[1]).toMatchObject({ indicator: 'revenue', value: null, size: null, band: '—' });
    });

    it('treats null like a missing value and lists every missing indicator', () => {
      const result = classifyEnterpriseSize({ industryCode: 'E4710', revenue: null, assets: null });
      expect(result.size).toBeNull();
      expect(result.reason).toBe('缺少或无效的指标：营业收入（Y）、资产总额（Z），无法判定企业规模');
    });

    it('does not decide micro from one micro value when another is missing', () => {
      expect(classifyEnterpriseSize({ industryCode: 'C3841', employees: 3 }).size).toBeNull();
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects the value %s', (employees) => {
      const result = classifyEnterpriseSize({ industryCode: 'M7310', employees });
      expect(result.size).toBeNull();
      expect(result.basis[0]).toMatchObject({ value: null, size: null });
    });

    it('rates zero as micro', () => {
      expect(classifyEnterpriseSize({ industryCode: 'M7310', employees: 0 }).size).toBe('micro');
    });
  });

  describe('industries outside the table', () => {
    it('returns finance with size null for 金融业', () => {
      expect(classifyEnterpriseSize({ industryCode: 'J6621', employees: 10, revenue: 10 })).toEqual({
        size: null,
        category: 'finance',
        categoryName: '金融业',
        basis: [],
        reason: '金融业企业适用《金融业企业划型标准规定》，不适用本办法',
      });
    });

    it('returns size null for 自有房地产经营活动 (7040)', () => {
      const result = classifyEnterpriseSize({ industryCode: 'K7040', employees: 10 });
      expect(result).toMatchObject({ size: null, category: 'not_covered' });
      expect(result.reason).toContain('自有房地产经营活动');
    });

    it('marks assumed categories and still classifies', () => {
      const result = classifyEnterpriseSize({ industryCode: 'P8310', employees: 50 });
      expect(result.size).toBe('small');
      expect(result.category).toBe('other');
      expect(result.isAssumed).toBe(true);
      expect(result.reason).toBe('教育（P）未列入划分办法的行业范围，暂按其他未列明行业处理');
    });

    it('returns unknown for an unknown or too coarse code', () => {
      expect(classifyEnterpriseSize({ industryCode: 'C9999', employees: 10 })).toMatchObject({ size: null, category: 'unknown' });
      expect(classifyEnterpriseSize({ industryCode: 'G59', employees: 10 }).category).toBe('unknown');
    });
  });
});

describe(sizeCategoryOf.name, () => {
  it.each([
    ['C3841', 'industry'],
    ['3841', 'industry'],
    ['B0610', 'industry'],
    ['D4411', 'industry'],
    ['D46', 'industry'],
    ['E4710', 'construction'],
    ['F5111', 'wholesale'],
    ['F5211', 'retail'],
    ['G5411', 'transport'],
    ['G5523', 'transport'],
    ['G5611', 'transport'],
    ['G5720', 'transport'],
    ['G5821', 'transport'],
    ['G5910', 'transport'],
    ['G5920', 'warehousing'],
    ['G5941', 'warehousing'],
    ['G5990', 'warehousing'],
    ['G6010', 'postal'],
    ['G6020', 'postal'],
    ['H6110', 'accommodation'],
    ['H6210', 'catering'],
    ['I6311', 'information_transmission'],
    ['I6450', 'information_transmission'],
    ['I6510', 'software_it'],
    ['I6513', 'software_it'],
    ['I6520', 'software_it'],
    ['J6621', 'finance'],
    ['J6620', 'finance'],
    ['K7010', 'real_estate_development'],
    ['K7020', 'property_management'],
    ['K7030', 'other'],
    ['K7090', 'other'],
    ['K7040', 'not_covered'],
    ['L7211', 'leasing_business'],
    ['L7111', 'leasing_business'],
    ['M7310', 'other'],
    ['N7610', 'other'],
    ['O8010', 'other'],
    ['Q8511', 'other'],
    ['R8610', 'other'],
  ])('maps %s to %s as stated by the rules', (code, category) => {
    const match = sizeCategoryOf(code);
    expect(match?.category).toBe(category);
    expect(match?.isAssumed).toBeUndefined();
  });

  it.each([
    ['G5311', '铁路运输业'],
    ['G5320', '铁路运输业'],
    ['P8310', '教育'],
    ['Q8411', '卫生'],
    ['S9100', '公共管理'],
    ['T9700', '国际组织'],
  ])('maps %s to other, marked as assumed (%s)', (code, mention) => {
    const match = sizeCategoryOf(code);
    expect(match).toMatchObject({ category: 'other', isAssumed: true });
    expect(match?.reason).toContain(mention);
  });

  it('does not put railway (53) in 交通运输业', () => {
    expect(sizeCategoryOf('G5311')?.category).not.toBe('transport');
  });

  it('is undefined for unknown codes and codes that span several categories', () => {
    for (const code of ['C9999', '', 'G', 'G59', 'K70', 'F', 'I']) {
      expect(sizeCategoryOf(code), code).toBeUndefined();
    }
  });

  it('accepts a division or section when it lies inside one category', () => {
    expect(sizeCategoryOf('C')?.category).toBe('industry');
    expect(sizeCategoryOf('G54')?.category).toBe('transport');
    expect(sizeCategoryOf('I65')?.category).toBe('software_it');
  });
});

describe(sizeClassOf.name, () => {
  it('gives the size and category of classifyEnterpriseSize for every kind of input', () => {
    const codes = [
      ...EXPECTED_TABLE.map((row) => row.sampleCode),
      ...Object.keys(SIZE_CATEGORY_SCOPE),
      'G5910', 'G5920', 'G59', 'J6620', 'K7040', 'Q8411', 'C', '3841', ' c3841 ', 'Z99', '', 'nonsense',
    ];
    const values = [undefined, null, 0, 1, 4.99, 5, 9.5, 10, 19, 20, 99, 100, 299.99, 300, 1000, 5000, 20000, 80000, 120000, 200000, 1e9, -1, Number.NaN, Number.POSITIVE_INFINITY];
    let seed = 7;
    const pick = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return values[seed % values.length];
    };
    let compared = 0;
    for (const industryCode of codes) {
      for (let i = 0; i < 300; i++) {
        const input = { industryCode, employees: pick(), revenue: pick(), assets: pick() };
        const full = classifyEnterpriseSize(input);
        expect(sizeClassOf(input), JSON.stringify(input)).toEqual({ size: full.size, category: full.category });
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});

describe('SIZE_LABELS', () => {
  it('labels the four sizes in Chinese', () => {
    expect(SIZE_LABELS).toEqual({ large: '大型', medium: '中型', small: '小型', micro: '微型' });
  });
});
