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
  it('gives what the digit-by-digit conversion gives, for many amounts', () => {
    const reference = (wan: number) => {
      const [intPart, fracPart = ''] = Math.abs(wan).toFixed(6).split('.');
      const fen = BigInt(intPart) * 1_000_000n + BigInt(fracPart.padEnd(6, '0').slice(0, 6));
      return wan < 0 ? -fen : fen;
    };
    const amounts = [0, -0, 1e-7, 0.0000005, 1.0000005, 0.1, 0.29, 2999.99, 123456.789012, 1e9, 9007199254.740993, 1e20, -12.5];
    for (let i = 1; i < 2000; i++) {
      amounts.push(i * 0.37, i * 1234.5678901, -i / 7);
    }
    for (const wan of amounts) {
      expect(wanToFen(wan), String(wan)).toBe(reference(wan));
    }
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
