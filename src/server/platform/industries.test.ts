import { describe, expect, it } from 'vitest';
import rawIndustries from '../../../data/industries-gbt4754-2017.json' with { type: 'json' };
import {
  findIndustry,
  getIndustry,
  industriesUnder,
  industryAncestors,
  industryChildren,
  industryPath,
  industrySectionOfDivision,
  industryTree,
  isIndustryCode,
  normaliseIndustryCode,
  type IndustryTreeNode,
} from './industries.js';

describe('GB/T 4754-2017 data file', () => {
  it('has 20 sections, 97 divisions, 473 groups and 1381 classes', () => {
    const perLevel = [1, 2, 3, 4].map((level) => rawIndustries.filter((row) => row.level === level).length);
    expect(perLevel).toEqual([20, 97, 473, 1381]);
  });

  it('has unique codes whose parents exist and are one level up and a prefix', () => {
    const codes = new Set(rawIndustries.map((row) => row.code));
    expect(codes.size).toBe(rawIndustries.length);
    for (const row of rawIndustries) {
      if (row.level === 1) {
        expect(row.parent).toBeNull();
        continue;
      }
      const parent = rawIndustries.find((candidate) => candidate.code === row.parent);
      expect(parent, row.code).toBeDefined();
      expect(parent?.level).toBe(row.level - 1);
      expect(row.code.startsWith(row.parent ?? '?')).toBe(true);
    }
  });

  it('has contiguous divisions 01–97 under the right sections', () => {
    const divisions = rawIndustries.filter((row) => row.level === 2).map((row) => row.code);
    expect(divisions.map((code) => code.slice(1))).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    for (const code of divisions) {
      expect(industrySectionOfDivision(code.slice(1))).toBe(code[0]);
    }
  });

  it('has no blank names or stray spaces', () => {
    for (const row of rawIndustries) {
      expect(row.name).toMatch(/^\S+$/);
    }
  });
});

describe(findIndustry.name, () => {
  it.each([
    ['C3841', '锂离子电池制造', 4, 'C384'],
    ['I651', '软件开发', 3, 'I65'],
    ['I6513', '应用软件开发', 4, 'I651'],
    ['C3562', '半导体器件专用设备制造', 4, 'C356'],
    ['A0111', '稻谷种植', 4, 'A011'],
    ['F5191', '再生物资回收与批发', 4, 'F519'],
    ['G5910', '装卸搬运', 4, 'G591'],
    ['C3741', '飞机制造', 4, 'C374'],
    ['C38', '电气机械和器材制造业', 2, 'C'],
    ['T', '国际组织', 1, null],
  ])('finds %s %s', (code, name, level, parent) => {
    expect(findIndustry(code)).toEqual({ code, name, level, parent });
  });

  it('synthesises single-class groups with the class name (019 / 0190 其他农业)', () => {
    expect(findIndustry('A019')).toEqual({ code: 'A019', name: '其他农业', level: 3, parent: 'A01' });
    expect(findIndustry('A0190')?.parent).toBe('A019');
  });

  it('returns undefined for unknown or malformed codes', () => {
    expect(findIndustry('C3840')).toBeUndefined();
    expect(findIndustry('c3841')).toBeUndefined();
    expect(findIndustry('')).toBeUndefined();
  });
});

describe(getIndustry.name, () => {
  it('returns a known industry', () => {
    expect(getIndustry('C3841').name).toBe('锂离子电池制造');
  });

  it('throws not_found for an unknown code', () => {
    expect(() => getIndustry('Z99')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe(isIndustryCode.name, () => {
  it('accepts existing codes of every level', () => {
    expect(['C', 'C38', 'C384', 'C3841'].map(isIndustryCode)).toEqual([true, true, true, true]);
  });

  it('rejects bad syntax and well-formed codes that do not exist', () => {
    expect(['3841', 'c3841', 'C3', 'C38411', 'U', 'C3848', 'A0170', ' C3841'].map(isIndustryCode)).toEqual(
      Array(8).fill(false),
    );
  });
});

describe(normaliseIndustryCode.name, () => {
  it.each([
    ['C3841', 'C3841'],
    ['c3841', 'C3841'],
    [' C 3841 ', 'C3841'],
    ['Ｃ３８４１', 'C3841'],
    ['3841', 'C3841'],
    ['0111', 'A0111'],
    ['4411', 'D4411'],
    ['5910', 'G5910'],
    ['6513', 'I6513'],
    ['9700', 'T9700'],
    ['38', 'C38'],
    ['384', 'C384'],
    ['I6510', 'I651'],
    ['6510', 'I651'],
    ['J6620', 'J662'],
  ])('turns %j into %s', (input, expected) => {
    expect(normaliseIndustryCode(input)).toBe(expected);
  });

  it.each(['', '98', '0011', 'A3841', 'C3848', 'X', '38411', 'C3849x'])('returns undefined for %j', (input) => {
    expect(normaliseIndustryCode(input)).toBeUndefined();
  });
});

describe(industryAncestors.name, () => {
  it('lists the proper ancestors, root first', () => {
    expect(industryAncestors('C3841').map((industry) => industry.code)).toEqual(['C', 'C38', 'C384']);
  });

  it('is empty for a section and for an unknown code', () => {
    expect(industryAncestors('C')).toEqual([]);
    expect(industryAncestors('C9999')).toEqual([]);
  });
});

describe(industryChildren.name, () => {
  it('lists the 20 sections for null', () => {
    expect(industryChildren(null).map((industry) => industry.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it('lists the classes of a group', () => {
    expect(industryChildren('C384').map((industry) => industry.code)).toEqual(['C3841', 'C3842', 'C3843', 'C3844', 'C3849']);
  });

  it('is empty for a class and for an unknown code, and returns a copy', () => {
    expect(industryChildren('C3841')).toEqual([]);
    expect(industryChildren('nope')).toEqual([]);
    industryChildren('C384').pop();
    expect(industryChildren('C384')).toHaveLength(5);
  });
});

describe(industriesUnder.name, () => {
  it('returns the node and its whole subtree', () => {
    expect(industriesUnder('C384').map((industry) => industry.code)).toEqual(['C384', 'C3841', 'C3842', 'C3843', 'C3844', 'C3849']);
    const manufacturing = industriesUnder('C');
    expect(manufacturing.filter((industry) => industry.level === 2)).toHaveLength(31);
    expect(manufacturing.every((industry) => industry.code.startsWith('C'))).toBe(true);
  });

  it('is empty for an unknown prefix', () => {
    expect(industriesUnder('C99')).toEqual([]);
  });
});

describe(industryPath.name, () => {
  it('joins the names from the section down', () => {
    expect(industryPath('C3841')).toBe('制造业 / 电气机械和器材制造业 / 电池制造 / 锂离子电池制造');
    expect(industryPath('A')).toBe('农、林、牧、渔业');
  });

  it('is undefined for an unknown code', () => {
    expect(industryPath('C3848')).toBeUndefined();
  });
});

describe(industryTree.name, () => {
  const countNodes = (nodes: IndustryTreeNode[]): number =>
    nodes.reduce((sum, node) => sum + 1 + countNodes(node.children ?? []), 0);

  it('nests every industry once, with leaves that have no children key', () => {
    const tree = industryTree();
    expect(tree).toHaveLength(20);
    expect(countNodes(tree)).toBe(rawIndustries.length);
    const c384 = tree.find((node) => node.value === 'C')?.children?.find((node) => node.value === 'C38')?.children?.find((node) => node.value === 'C384');
    expect(c384?.label).toBe('电池制造');
    expect(c384?.children?.[0]).toEqual({ value: 'C3841', label: '锂离子电池制造' });
  });

  it('is memoised', () => {
    expect(industryTree()).toBe(industryTree());
  });
});
