import { describe, expect, it } from 'vitest';
import { nameInitials, normaliseName } from './text.js';

describe(normaliseName.name, () => {
  it.each([
    ['腾讯科技（深圳）有限公司', '腾讯科技(深圳)有限公司'],
    ['腾讯科技(深圳) 有限公司', '腾讯科技(深圳)有限公司'],
    ['腾讯科技【深圳】有限公司', '腾讯科技(深圳)有限公司'],
    ['腾讯科技〔深圳〕有限公司', '腾讯科技(深圳)有限公司'],
    ['  苏州 汇川\t技术\u3000有限公司\n', '苏州汇川技术有限公司'],
    ['ＡＢＢ（中国）有限公司', 'abb(中国)有限公司'],
    ['ABB (China) Ltd.', 'abb(china)ltd'],
    ['中芯国际·集成电路、制造有限公司', '中芯国际集成电路制造有限公司'],
    ['A&B 科技，有限公司。', 'ab科技有限公司'],
    ['“星火”科技有限公司', '星火科技有限公司'],
    ['3M中国', '3m中国'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('gives the same key for the usual spelling variants of one name', () => {
    const variants = ['华为技术有限公司', ' 华为 技术有限公司 ', '华为技术有限公司。', '華為技术有限公司'];
    const keys = new Set(variants.slice(0, 3).map(normaliseName));
    expect(keys.size).toBe(1);
    // Traditional characters are a different name: no simplification is attempted.
    expect(normaliseName(variants[3])).not.toBe(normaliseName(variants[0]));
  });

  it('is empty for punctuation-only input', () => {
    expect(normaliseName('·、， ')).toBe('');
  });
});

describe(nameInitials.name, () => {
  it.each([
    ['苏州汇川技术有限公司', 'szhcjsyxgs'],
    ['华为技术有限公司', 'hwjsyxgs'],
    ['重庆长安汽车股份有限公司', 'cqcaqcgfyxgs'],
    ['ABB（中国）有限公司', 'abbzgyxgs'],
    ['3M中国', '3mzg'],
    ['华为Tech 2号', 'hwtech2h'],
    ['·、', ''],
  ])('%s → %s', (input, expected) => {
    expect(nameInitials(input)).toBe(expected);
  });
});
