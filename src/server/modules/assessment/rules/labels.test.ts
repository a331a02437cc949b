import { describe, expect, it } from 'vitest';
import { labelledKeys, ruleKeyLabel } from './labels.js';

describe('rule key labels', () => {
  it('labels every key of every rule set in Chinese and English (no raw keys)', () => {
    const keys = labelledKeys();
    expect(keys.length).toBeGreaterThan(60);
    for (const key of keys) {
      const l = ruleKeyLabel(key);
      expect(l.zh, key).not.toBe(key);
      expect(l.en, key).not.toBe(key);
      expect(/[\u4e00-\u9fff]/.test(l.en), `${key}: ${l.en}`).toBe(false);
    }
  });

  it('labels routes and part scores', () => {
    expect(ruleKeyLabel('direct:spe_direct_rd')).toEqual({ key: 'direct:spe_direct_rd', zh: '直通：近两年研发费用总额均值在1000万元以上', en: 'Direct: R&D ≥ 10 M yuan a year' });
    expect(ruleKeyLabel('score')).toMatchObject({ zh: '总分', en: 'Total score' });
    expect(ruleKeyLabel('group:innovation')).toMatchObject({ zh: '创新能力得分', en: 'Innovation score' });
    expect(ruleKeyLabel('spe_req_rd').zh).toBe('上年度研发费用总额不低于100万元，且占营业收入总额比重不低于3%');
  });
});
