import { describe, expect, it } from 'vitest';
import { fenToWan, wanToFen } from './money.js';
import { businessDate, lastBusinessYear } from './dates.js';

describe(wanToFen.name, () => {
  it('converts decimal 万元 exactly', () => {
    expect(wanToFen(0.1)).toBe(100_000n);
    expect(wanToFen(1234.56)).toBe(1_234_560_000n);
    expect(wanToFen(40000)).toBe(40_000_000_000n);
  });
  it('round-trips through fenToWan', () => {
    expect(fenToWan(wanToFen(2999.99))).toBe(2999.99);
  });
  it('rejects non-finite input', () => {
    expect(() => wanToFen(Number.NaN)).toThrow(RangeError);
  });
});

describe(businessDate.name, () => {
  it('uses the Shanghai calendar day, not UTC', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Shanghai.
    expect(businessDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(lastBusinessYear(new Date('2026-12-31T17:00:00Z'))).toBe(2026);
    expect(lastBusinessYear(new Date('2026-12-31T15:00:00Z'))).toBe(2025);
  });
});
