import { pinyin } from 'pinyin-pro';
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

describe(`${nameInitials.name} polyphones`, () => {
  it.each([
    ['重庆银行股份有限公司', 'cqyhgfyxgs'],
    ['长沙银行股份有限公司', 'csyhgfyxgs'],
    ['中国建设银行', 'zgjsyh'],
    ['厦门行云科技有限公司', 'xmxykjyxgs'],
    ['东莞重型机械厂', 'dgzxjxc'],
    ['佛山无锡合肥', 'fswxhf'],
  ])('reads %s by its words: %s', (input, expected) => {
    expect(nameInitials(input)).toBe(expected);
  });

  it("agrees with pinyin-pro's own first-letter mode, also on odd characters", () => {
    const reference = (name: string) =>
      pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
    const names = [
      '人々精密', '一不了了之', '看一看说不说', 'Café 咖啡', 'İstanbul 贸易', 'Σίσυφος', '𠀀𠀁科技', '😀表情包有限公司', '\uD800孤立代理',
      '嗯呣欸', '阿里巴巴（中国）网络技术有限公司', '北京字节跳动科技有限公司', '长江存储', '银行行长', '重重叠叠', '了解', '乐山乐器',
      '西藏藏药', '音乐', '单于单县', '朝阳朝气', '都江堰', '首都', '蚌埠', '六安', '丽水', '台州', '莘县', '番禺', '尉氏',
    ];
    for (let code = 0x4e00; code <= 0x9fff; code += 7) {
      names.push(String.fromCharCode(code, code + 1, code + 2));
    }
    for (const name of names) {
      expect(nameInitials(name), name).toBe(reference(name));
    }
  });

  it("agrees with pinyin-pro on every word of its dictionary, alone and inside a name", async () => {
    // pinyin-pro's word list is internal: a new version with new word readings must fail here.
    const specifier = 'pinyin-pro/dist/esm/data/patterns.mjs';
    const { PatternsNormal } = (await import(specifier)) as { PatternsNormal: Array<{ zh: string }> };
    expect(PatternsNormal.length).toBeGreaterThan(1000);
    const reference = (name: string) =>
      pinyin(name.normalize('NFKC'), { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
    for (const { zh } of PatternsNormal) {
      for (const name of [zh, `苏州${zh}科技有限公司`]) {
        if (nameInitials(name) !== reference(name)) {
          expect(nameInitials(name), name).toBe(reference(name));
        }
      }
    }
  });
});
