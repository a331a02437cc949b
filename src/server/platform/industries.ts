/**
 * GB/T 4754-2017 国民经济行业分类 (with 第1号修改单, 2019): the four-level industry tree.
 *
 * Codes are written as the section letter followed by the digits: `C` (门类), `C38` (大类),
 * `C384` (中类), `C3841` (小类). The table is bundled in `data/industries-gbt4754-2017.json`
 * (provenance in `data/SOURCES.md`) and read once at import time.
 */
import rawIndustries from '../../../data/industries-gbt4754-2017.json' with { type: 'json' };
import { notFound } from '../errors.js';

/** Level of an industry code: 1 门类, 2 大类, 3 中类, 4 小类. */
export type IndustryLevel = 1 | 2 | 3 | 4;

/** One row of the GB/T 4754-2017 table. `parent` is null for a section. */
export type Industry = {
  /** Section letter plus digits, e.g. `C3841`. */
  code: string;
  /** Official Chinese name, e.g. 锂离子电池制造. */
  name: string;
  level: IndustryLevel;
  /** Code of the enclosing level, e.g. `C384`; null for a section. */
  parent: string | null;
};

/** A node shaped for an antd Cascader: `value` is the code, `label` the Chinese name. */
export type IndustryTreeNode = {
  value: string;
  label: string;
  children?: IndustryTreeNode[];
};

/** Syntax of an industry code: a section letter A–T, then 0, 2, 3 or 4 digits. */
export const INDUSTRY_CODE_PATTERN = /^[A-T](\d{2}(\d(\d)?)?)?$/;

/**
 * Which section each division (大类) belongs to, as inclusive ranges of the two-digit division.
 * Division codes are contiguous 01–97, so this is enough to turn a bare "3841" into "C3841".
 */
const DIVISION_SECTIONS: ReadonlyArray<readonly [from: number, to: number, section: string]> = [
  [1, 5, 'A'],
  [6, 12, 'B'],
  [13, 43, 'C'],
  [44, 46, 'D'],
  [47, 50, 'E'],
  [51, 52, 'F'],
  [53, 60, 'G'],
  [61, 62, 'H'],
  [63, 65, 'I'],
  [66, 69, 'J'],
  [70, 70, 'K'],
  [71, 72, 'L'],
  [73, 75, 'M'],
  [76, 79, 'N'],
  [80, 82, 'O'],
  [83, 83, 'P'],
  [84, 85, 'Q'],
  [86, 90, 'R'],
  [91, 96, 'S'],
  [97, 97, 'T'],
];

/**
 * Codes that existed in the original 2017 text but were replaced by the 2019 amendment (第1号修改单),
 * mapped to the current code that covers them. 6510 软件开发 became group 651 with classes 6511–6519.
 */
const SUPERSEDED_CODES: Readonly<Record<string, string>> = {
  I6510: 'I651',
};

const INDUSTRIES: readonly Industry[] = rawIndustries.map((row) => {
  if (!INDUSTRY_CODE_PATTERN.test(row.code) || ![1, 2, 3, 4].includes(row.level)) {
    throw new Error(`industries data: malformed row ${JSON.stringify(row)}`);
  }
  return Object.freeze({ code: row.code, name: row.name, level: row.level as IndustryLevel, parent: row.parent });
});

const BY_CODE = new Map<string, Industry>(INDUSTRIES.map((industry) => [industry.code, industry]));

const CHILDREN = new Map<string | null, Industry[]>();
for (const industry of INDUSTRIES) {
  if (industry.parent !== null && !BY_CODE.has(industry.parent)) {
    throw new Error(`industries data: ${industry.code} has unknown parent ${industry.parent}`);
  }
  const siblings = CHILDREN.get(industry.parent) ?? [];
  siblings.push(industry);
  CHILDREN.set(industry.parent, siblings);
}

/** The section letter (门类) of a two-digit division such as "38", or undefined outside 01–97. */
export function industrySectionOfDivision(division: string): string | undefined {
  if (!/^\d{2}$/.test(division)) {
    return undefined;
  }
  const n = Number(division);
  return DIVISION_SECTIONS.find(([from, to]) => n >= from && n <= to)?.[2];
}

/** Finds an industry by its exact code (e.g. `C3841`); undefined when unknown. */
export function findIndustry(code: string): Industry | undefined {
  return BY_CODE.get(code);
}

/**
 * Returns the industry with this exact code.
 * @throws not_found when the code is not in the table.
 */
export function getIndustry(code: string): Industry {
  const industry = BY_CODE.get(code);
  if (!industry) {
    throw notFound(`行业代码 ${code}`);
  }
  return industry;
}

/** True when `code` is well-formed (section letter + 0/2/3/4 digits) and exists in the table. */
export function isIndustryCode(code: string): boolean {
  return INDUSTRY_CODE_PATTERN.test(code) && BY_CODE.has(code);
}

/**
 * Turns user input into a canonical code that exists in the table, or undefined.
 * Accepts lower case, full-width characters, spaces, bare digits ("3841" → "C3841", section derived
 * from the division), codes superseded by the 2019 amendment ("I6510" → "I651") and a group written
 * as a 0-padded class ("J6620" → "J662", when no class 6620 exists).
 */
export function normaliseIndustryCode(input: string): string | undefined {
  const compact = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  let code = compact;
  if (/^\d{2,4}$/.test(compact)) {
    const section = industrySectionOfDivision(compact.slice(0, 2));
    if (!section) {
      return undefined;
    }
    code = section + compact;
  }
  code = SUPERSEDED_CODES[code] ?? code;
  if (isIndustryCode(code)) {
    return code;
  }
  // A class code padded with 0 from its group ("J6620" for group 662) is a common way of writing the group.
  const group = code.slice(0, 4);
  if (code.length === 5 && code.endsWith('0') && isIndustryCode(group)) {
    return group;
  }
  return undefined;
}

/** The proper ancestors of `code`, root (section) first; excludes the code itself. Empty when unknown. */
export function industryAncestors(code: string): Industry[] {
  const chain: Industry[] = [];
  let parent = BY_CODE.get(code)?.parent ?? null;
  while (parent !== null) {
    const industry = BY_CODE.get(parent);
    if (!industry) {
      break;
    }
    chain.unshift(industry);
    parent = industry.parent;
  }
  return chain;
}

/** Direct children of `code` in table order; with null, the 20 sections. Empty when unknown or a leaf. */
export function industryChildren(code: string | null): Industry[] {
  return [...(CHILDREN.get(code) ?? [])];
}

/** The whole subtree under `prefixCode`, including that node itself, in table order. Empty when unknown. */
export function industriesUnder(prefixCode: string): Industry[] {
  if (!BY_CODE.has(prefixCode)) {
    return [];
  }
  return INDUSTRIES.filter((industry) => industry.code.startsWith(prefixCode));
}

/** Names from the section down to `code`, joined as "制造业 / 电气机械和器材制造业 / …"; undefined when unknown. */
export function industryPath(code: string): string | undefined {
  const industry = BY_CODE.get(code);
  if (!industry) {
    return undefined;
  }
  return [...industryAncestors(code), industry].map((item) => item.name).join(' / ');
}

let treeCache: IndustryTreeNode[] | undefined;

/** The full tree as antd Cascader options (sections → divisions → groups → classes). Memoised: do not mutate. */
export function industryTree(): IndustryTreeNode[] {
  if (!treeCache) {
    const build = (parent: string | null): IndustryTreeNode[] =>
      (CHILDREN.get(parent) ?? []).map((industry) => {
        const children = build(industry.code);
        return children.length > 0
          ? { value: industry.code, label: industry.name, children }
          : { value: industry.code, label: industry.name };
      });
    treeCache = build(null);
  }
  return treeCache;
}
