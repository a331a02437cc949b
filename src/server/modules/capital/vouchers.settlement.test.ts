import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProRata } from './vouchers.settlement.js';

describe(allocateProRata.name, () => {
  it('shares a payment pro rata with the remainder to the largest fractions, ties to the lower id', () => {
    expect(allocateProRata(100n, [{ id: '1', outstandingFen: 300n }, { id: '2', outstandingFen: 700n }])).toEqual([{ id: '1', amountFen: 30n }, { id: '2', amountFen: 70n }]);
    expect(allocateProRata(2n, [{ id: '5', outstandingFen: 1n }, { id: '3', outstandingFen: 1n }, { id: '4', outstandingFen: 1n }])).toEqual([{ id: '3', amountFen: 1n }, { id: '4', amountFen: 1n }]);
  });

  it('refuses more than is outstanding', () => {
    expect(() => allocateProRata(11n, [{ id: '1', outstandingFen: 10n }])).toThrow(/exceeds/);
  });

  it('always sums exactly to the payment and never gives a part more than it has outstanding', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), (amounts, f) => {
        const parts = amounts.map((a, i) => ({ id: String(i + 1), outstandingFen: a }));
        const total = amounts.reduce((s, a) => s + a, 0n);
        const payment = BigInt(Math.floor(Number(total) * f)) || 1n;
        const shares = allocateProRata(payment, parts);
        expect(shares.reduce((s, x) => s + x.amountFen, 0n)).toBe(payment);
        for (const x of shares) expect(x.amountFen <= parts[Number(x.id) - 1].outstandingFen).toBe(true);
      }),
    );
  });
});
