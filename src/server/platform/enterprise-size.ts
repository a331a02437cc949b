/**
 * 统计上大中小微型企业划分办法（2017）(国统字〔2017〕213号): enterprise size from industry,
 * employees (从业人员, 人), revenue (营业收入, 万元) and assets (资产总额, 万元).
 *
 * Implements shared/reference/policy-rules.md §1.1–1.3: every band includes its lower bound and
 * excludes its upper bound; each listed indicator gets a tier and the worst tier wins (§1.2).
 */
import { normaliseIndustryCode } from './industries.js';

/** Enterprise size class (企业规模). */
export type EnterpriseSize = 'large' | 'medium' | 'small' | 'micro';

/** Indicator used by the size rules: X employees, Y revenue, Z assets. */
export type SizeIndicator = 'employees' | 'revenue' | 'assets';

/** Chinese labels of the size classes. */
export const SIZE_LABELS: Readonly<Record<EnterpriseSize, string>> = {
  large: '大型',
  medium: '中型',
  small: '小型',
  micro: '微型',
};

/** The 16 industry rows of the 2017 table, as stable English keys. */
export type RatedSizeCategory =
  | 'agriculture'
  | 'industry'
  | 'construction'
  | 'wholesale'
  | 'retail'
  | 'transport'
  | 'warehousing'
  | 'postal'
  | 'accommodation'
  | 'catering'
  | 'information_transmission'
  | 'software_it'
  | 'real_estate_development'
  | 'property_management'
  | 'leasing_business'
  | 'other';

/**
 * Every category an industry code can map to: a rated row, 'finance' (金融业, separate standard),
 * 'not_covered' (自有房地产经营活动, excluded by the rules), or 'unknown' (no valid code).
 */
export type SizeCategory = RatedSizeCategory | 'finance' | 'not_covered' | 'unknown';

/** Lower bounds of the large, medium and small bands; anything below `small` is micro. */
export type SizeThresholds = { large: number; medium: number; small: number };

/** One row of the 2017 table: the category's Chinese name and its indicators in table order. */
export type SizeRule = {
  name: string;
  indicators: ReadonlyArray<{ indicator: SizeIndicator; thresholds: SizeThresholds }>;
};

/** The threshold table of policy-rules.md §1.1. Units: employees 人, revenue and assets 万元. */
export const SIZE_RULES: Readonly<Record<RatedSizeCategory, SizeRule>> = {
  agriculture: {
    name: '农、林、牧、渔业',
    indicators: [{ indicator: 'revenue', thresholds: { large: 20000, medium: 500, small: 50 } }],
  },
  industry: {
    name: '工业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 1000, medium: 300, small: 20 } },
      { indicator: 'revenue', thresholds: { large: 40000, medium: 2000, small: 300 } },
    ],
  },
  construction: {
    name: '建筑业',
    indicators: [
      { indicator: 'revenue', thresholds: { large: 80000, medium: 6000, small: 300 } },
      { indicator: 'assets', thresholds: { large: 80000, medium: 5000, small: 300 } },
    ],
  },
  wholesale: {
    name: '批发业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 200, medium: 20, small: 5 } },
      { indicator: 'revenue', thresholds: { large: 40000, medium: 5000, small: 1000 } },
    ],
  },
  retail: {
    name: '零售业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 300, medium: 50, small: 10 } },
      { indicator: 'revenue', thresholds: { large: 20000, medium: 500, small: 100 } },
    ],
  },
  transport: {
    name: '交通运输业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 1000, medium: 300, small: 20 } },
      { indicator: 'revenue', thresholds: { large: 30000, medium: 3000, small: 200 } },
    ],
  },
  warehousing: {
    name: '仓储业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 200, medium: 100, small: 20 } },
      { indicator: 'revenue', thresholds: { large: 30000, medium: 1000, small: 100 } },
    ],
  },
  postal: {
    name: '邮政业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 1000, medium: 300, small: 20 } },
      { indicator: 'revenue', thresholds: { large: 30000, medium: 2000, small: 100 } },
    ],
  },
  accommodation: {
    name: '住宿业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 300, medium: 100, small: 10 } },
      { indicator: 'revenue', thresholds: { large: 10000, medium: 2000, small: 100 } },
    ],
  },
  catering: {
    name: '餐饮业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 300, medium: 100, small: 10 } },
      { indicator: 'revenue', thresholds: { large: 10000, medium: 2000, small: 100 } },
    ],
  },
  information_transmission: {
    name: '信息传输业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 2000, medium: 100, small: 10 } },
      { indicator: 'revenue', thresholds: { large: 100000, medium: 1000, small: 100 } },
    ],
  },
  software_it: {
    name: '软件和信息技术服务业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 300, medium: 100, small: 10 } },
      { indicator: 'revenue', thresholds: { large: 10000, medium: 1000, small: 50 } },
    ],
  },
  real_estate_development: {
    name: '房地产开发经营',
    indicators: [
      { indicator: 'revenue', thresholds: { large: 200000, medium: 1000, small: 100 } },
      { indicator: 'assets', thresholds: { large: 10000, medium: 5000, small: 2000 } },
    ],
  },
  property_management: {
    name: '物业管理',
    indicators: [
      { indicator: 'employees', thresholds: { large: 1000, medium: 300, small: 100 } },
      { indicator: 'revenue', thresholds: { large: 5000, medium: 1000, small: 500 } },
    ],
  },
  leasing_business: {
    name: '租赁和商务服务业',
    indicators: [
      { indicator: 'employees', thresholds: { large: 300, medium: 100, small: 10 } },
      { indicator: 'assets', thresholds: { large: 120000, medium: 8000, small: 100 } },
    ],
  },
  other: {
    name: '其他未列明行业',
    indicators: [{ indicator: 'employees', thresholds: { large: 300, medium: 100, small: 10 } }],
  },
};

/**
 * ⚠️ Inferred, not stated by the rules: 装卸搬运 is class 591 inside division 59, and the rules put
 * 装卸搬运 under 交通运输业 while 仓储业 is "59 without 591". Change these two entries if NBS says
 * otherwise (policy-rules.md §1.3).
 */
export const WAREHOUSING_SPLIT: Readonly<Record<string, SizeCategory>> = {
  G591: 'transport',
  G59: 'warehousing',
};

/** How a GB/T 4754 code prefix maps to a size category; `assumption` marks a mapping the rules do not state. */
type ScopeEntry = { category: SizeCategory; assumption?: string };

const ASSUMED_OTHER = (what: string): ScopeEntry => ({
  category: 'other',
  assumption: `${what}未列入划分办法的行业范围，暂按其他未列明行业处理`,
});

/**
 * Scope of each category as GB/T 4754-2017 code prefixes (policy-rules.md §1.3); the longest
 * matching prefix wins.
 */
export const SIZE_CATEGORY_SCOPE: Readonly<Record<string, ScopeEntry>> = {
  A: { category: 'agriculture' },
  B: { category: 'industry' },
  C: { category: 'industry' },
  D: { category: 'industry' },
  E: { category: 'construction' },
  F51: { category: 'wholesale' },
  F52: { category: 'retail' },
  G53: ASSUMED_OTHER('铁路运输业（53）不属于交通运输业组合类别，'),
  G54: { category: 'transport' },
  G55: { category: 'transport' },
  G56: { category: 'transport' },
  G57: { category: 'transport' },
  G58: { category: 'transport' },
  G591: { category: WAREHOUSING_SPLIT.G591 },
  G59: { category: WAREHOUSING_SPLIT.G59 },
  G60: { category: 'postal' },
  H61: { category: 'accommodation' },
  H62: { category: 'catering' },
  I63: { category: 'information_transmission' },
  I64: { category: 'information_transmission' },
  I65: { category: 'software_it' },
  J: { category: 'finance' },
  K701: { category: 'real_estate_development' },
  K702: { category: 'property_management' },
  K703: { category: 'other' },
  // 7040 房地产租赁经营 was named 自有房地产经营活动 in GB/T 4754-2011; the rules exclude it.
  K704: { category: 'not_covered' },
  K709: { category: 'other' },
  L: { category: 'leasing_business' },
  M: { category: 'other' },
  N: { category: 'other' },
  O: { category: 'other' },
  P: ASSUMED_OTHER('教育（P）'),
  Q84: ASSUMED_OTHER('卫生（84）'),
  Q85: { category: 'other' },
  R: { category: 'other' },
  S: ASSUMED_OTHER('公共管理、社会保障和社会组织（S）'),
  T: ASSUMED_OTHER('国际组织（T）'),
};

const CATEGORY_NAMES: Readonly<Record<Exclude<SizeCategory, RatedSizeCategory>, string>> = {
  finance: '金融业',
  not_covered: '自有房地产经营活动',
  unknown: '未知行业',
};

/** Chinese name of a size category, e.g. 'industry' → 工业. */
export function sizeCategoryName(category: SizeCategory): string {
  return category in SIZE_RULES ? SIZE_RULES[category as RatedSizeCategory].name : CATEGORY_NAMES[category as keyof typeof CATEGORY_NAMES];
}

/** Result of {@link sizeCategoryOf}. */
export type SizeCategoryMatch = {
  /** Canonical industry code the mapping used. */
  industryCode: string;
  category: SizeCategory;
  categoryName: string;
  /** True when the rules do not name this industry and the category is our assumption. */
  isAssumed?: boolean;
  reason?: string;
};

/**
 * Maps a GB/T 4754-2017 code (any level; bare digits accepted) to its size category. Undefined
 * for an unknown code or one too coarse to decide (e.g. `G59`, which spans 装卸搬运 and 仓储).
 */
export function sizeCategoryOf(industryCode: string): SizeCategoryMatch | undefined {
  const code = normaliseIndustryCode(industryCode);
  if (!code) {
    return undefined;
  }
  let best: string | undefined;
  for (const prefix of Object.keys(SIZE_CATEGORY_SCOPE)) {
    if (code.startsWith(prefix) && (!best || prefix.length > best.length)) {
      best = prefix;
    }
  }
  if (!best) {
    return undefined;
  }
  const entry = SIZE_CATEGORY_SCOPE[best];
  const isAmbiguous = Object.entries(SIZE_CATEGORY_SCOPE).some(
    ([prefix, other]) => prefix.length > code.length && prefix.startsWith(code) && other.category !== entry.category,
  );
  if (isAmbiguous) {
    return undefined;
  }
  const match: SizeCategoryMatch = { industryCode: code, category: entry.category, categoryName: sizeCategoryName(entry.category) };
  if (entry.assumption) {
    match.isAssumed = true;
    match.reason = entry.assumption;
  }
  return match;
}

/** Input of {@link classifyEnterpriseSize}; money in 万元, employees in persons. */
export type ClassifySizeInput = {
  industryCode: string;
  employees?: number | null;
  revenue?: number | null;
  assets?: number | null;
};

/** How one indicator was rated. */
export type SizeBasis = {
  indicator: SizeIndicator;
  value: number | null;
  unit: '人' | '万元';
  /** Tier of this indicator alone; null when the value is missing or invalid. */
  size: EnterpriseSize | null;
  /** The band the value falls in, e.g. '300≤X<1000'; '—' when there is no value. */
  band: string;
  explanation: string;
};

/** Result of {@link classifyEnterpriseSize}. `size` is null when it cannot be determined. */
export type SizeClassification = {
  size: EnterpriseSize | null;
  category: SizeCategory;
  categoryName: string;
  basis: SizeBasis[];
  reason?: string;
  isAssumed?: boolean;
};

const INDICATOR_META: Readonly<Record<SizeIndicator, { letter: string; label: string; unit: '人' | '万元' }>> = {
  employees: { letter: 'X', label: '从业人员', unit: '人' },
  revenue: { letter: 'Y', label: '营业收入', unit: '万元' },
  assets: { letter: 'Z', label: '资产总额', unit: '万元' },
};

const TIER_ORDER: readonly EnterpriseSize[] = ['large', 'medium', 'small', 'micro'];

/** The size band one value falls in, with lower bounds inclusive and upper bounds exclusive. */
function rateValue(value: number, t: SizeThresholds): EnterpriseSize {
  if (value >= t.large) {
    return 'large';
  }
  if (value >= t.medium) {
    return 'medium';
  }
  return value >= t.small ? 'small' : 'micro';
}

/** Band text in the table's notation, e.g. '300≤X<1000'. */
function bandText(letter: string, size: EnterpriseSize, t: SizeThresholds): string {
  switch (size) {
    case 'large':
      return `${letter}≥${t.large}`;
    case 'medium':
      return `${t.medium}≤${letter}<${t.large}`;
    case 'small':
      return `${t.small}≤${letter}<${t.medium}`;
    case 'micro':
      return `${letter}<${t.small}`;
  }
}

function rateIndicator(
  indicator: SizeIndicator,
  thresholds: SizeThresholds,
  raw: number | null | undefined,
  categoryName: string,
): SizeBasis {
  const meta = INDICATOR_META[indicator];
  if (raw === undefined || raw === null) {
    return {
      indicator,
      value: null,
      unit: meta.unit,
      size: null,
      band: '—',
      explanation: `未提供${meta.label}（${meta.letter}），${categoryName}需要该指标。`,
    };
  }
  if (!Number.isFinite(raw) || raw < 0) {
    return {
      indicator,
      value: null,
      unit: meta.unit,
      size: null,
      band: '—',
      explanation: `${meta.label}（${meta.letter}）数值无效：${String(raw)}。`,
    };
  }
  const size = rateValue(raw, thresholds);
  const band = bandText(meta.letter, size, thresholds);
  return {
    indicator,
    value: raw,
    unit: meta.unit,
    size,
    band,
    explanation: `${meta.label}${raw}${meta.unit}，位于${band}区间，按${categoryName}标准为${SIZE_LABELS[size]}。`,
  };
}

/**
 * Classifies an enterprise by the 2017 rules. Each listed indicator is rated on its own and the
 * worst tier wins (large X + micro Y → micro). A missing indicator makes `size` null and is named
 * in `reason`; so do 金融业, excluded and unknown industries.
 */
export function classifyEnterpriseSize(input: ClassifySizeInput): SizeClassification {
  const match = sizeCategoryOf(input.industryCode);
  if (!match) {
    return {
      size: null,
      category: 'unknown',
      categoryName: CATEGORY_NAMES.unknown,
      basis: [],
      reason: `行业代码“${input.industryCode}”无效或不够具体，无法确定划型行业`,
    };
  }
  const { category, categoryName } = match;
  if (category === 'finance') {
    return { size: null, category, categoryName, basis: [], reason: '金融业企业适用《金融业企业划型标准规定》，不适用本办法' };
  }
  if (category === 'not_covered') {
    return { size: null, category, categoryName, basis: [], reason: '划分办法不包括自有房地产经营活动（房地产租赁经营），无法划型' };
  }
  if (category === 'unknown') {
    return { size: null, category, categoryName, basis: [], reason: '无法确定划型行业' };
  }
  const rule = SIZE_RULES[category];
  const basis = rule.indicators.map(({ indicator, thresholds }) =>
    rateIndicator(indicator, thresholds, input[indicator], rule.name),
  );
  const reasons: string[] = [];
  if (match.reason) {
    reasons.push(match.reason);
  }
  const unrated = basis.filter((item) => item.size === null);
  let size: EnterpriseSize | null = null;
  if (unrated.length > 0) {
    const names = unrated.map((item) => `${INDICATOR_META[item.indicator].label}（${INDICATOR_META[item.indicator].letter}）`);
    reasons.push(`缺少或无效的指标：${names.join('、')}，无法判定企业规模`);
  } else {
    // §1.2: large/medium/small need every indicator at that tier; one micro indicator is enough for micro.
    size = basis.reduce<EnterpriseSize>(
      (worst, item) => (TIER_ORDER.indexOf(item.size as EnterpriseSize) > TIER_ORDER.indexOf(worst) ? (item.size as EnterpriseSize) : worst),
      'large',
    );
  }
  const result: SizeClassification = { size, category, categoryName, basis };
  if (reasons.length > 0) {
    result.reason = reasons.join('；');
  }
  if (match.isAssumed) {
    result.isAssumed = true;
  }
  return result;
}

/** Result of {@link sizeClassOf}: the size class and category without the explanations. */
export type SizeClass = { size: EnterpriseSize | null; category: SizeCategory };

/** Size category by industry code as given, for {@link sizeClassOf}; bounded so odd input cannot grow it without end. */
const CATEGORY_BY_CODE = new Map<string, SizeCategory>();
const CATEGORY_BY_CODE_MAX = 10_000;

/**
 * Same `size` and `category` as {@link classifyEnterpriseSize}, from the same table, without
 * building the Chinese explanations and with the category of each industry code remembered: for
 * bulk work such as imports (tens of thousands of rows), where only the class is stored.
 */
export function sizeClassOf(input: ClassifySizeInput): SizeClass {
  let category = CATEGORY_BY_CODE.get(input.industryCode);
  if (category === undefined) {
    category = sizeCategoryOf(input.industryCode)?.category ?? 'unknown';
    if (CATEGORY_BY_CODE.size < CATEGORY_BY_CODE_MAX) {
      CATEGORY_BY_CODE.set(input.industryCode, category);
    }
  }
  if (category === 'finance' || category === 'not_covered' || category === 'unknown') {
    return { size: null, category };
  }
  // §1.2 as in classifyEnterpriseSize: every indicator must be valid; the worst tier wins.
  let worst = 0;
  for (const { indicator, thresholds } of SIZE_RULES[category].indicators) {
    const value = input[indicator];
    if (value === undefined || value === null || !Number.isFinite(value) || value < 0) {
      return { size: null, category };
    }
    worst = Math.max(worst, TIER_ORDER.indexOf(rateValue(value, thresholds)));
  }
  return { size: TIER_ORDER[worst], category };
}
