import { describe, expect, it } from 'vitest';
import { CREDIT_FACTORS } from '../../../contracts/capital.js';
import { conductScore, DEFAULT_CREDIT_WEIGHTS, gradeOf, scoreCredit, type CreditFacts } from './credit.scoring.js';

const NOTHING: CreditFacts = { yearsOfRecord: 0, size: null, validCertifications: 0, tier: null, deals: 0, complaintsAgainst: 0, asBuyer: null, heldReceivablesFen: 0n };
const EVERYTHING: CreditFacts = { yearsOfRecord: 12, size: 'medium', validCertifications: 6, tier: 'little_giant', deals: 9, complaintsAgainst: 0, asBuyer: { deliveries: 10, late: 0 }, heldReceivablesFen: 200_000_000n };

describe(scoreCredit.name, () => {
  it('gives every factor its full weight for a strong SME, and the score is the sum', () => {
    const s = scoreCredit(EVERYTHING, DEFAULT_CREDIT_WEIGHTS);
    expect(s.factors.map((f) => f.factor)).toEqual([...CREDIT_FACTORS]);
    expect(s.factors.every((f) => f.points === f.maxPoints)).toBe(true);
    expect(s.score).toBe(100);
    expect(s.grade).toBe('A');
  });

  it('an enterprise with no record earns only the complaint points and half of the payment points', () => {
    const s = scoreCredit(NOTHING, DEFAULT_CREDIT_WEIGHTS);
    const points = Object.fromEntries(s.factors.map((f) => [f.factor, f.points]));
    expect(points).toEqual({ age: 0, size: 0, certifications: 0, tier: 0, deals: 0, complaints: 10, payment: 7.5, receivables: 0 });
    expect(s.score).toBe(17.5);
    expect(s.grade).toBe('D');
  });

  it('explains each factor from its fact: tiers, size, late share, complaints and receivables', () => {
    const s = scoreCredit({ ...NOTHING, yearsOfRecord: 4, size: 'small', validCertifications: 2, tier: 'specialized', deals: 2, complaintsAgainst: 1, asBuyer: { deliveries: 4, late: 1 }, heldReceivablesFen: 25_000_000n }, DEFAULT_CREDIT_WEIGHTS);
    const by = Object.fromEntries(s.factors.map((f) => [f.factor, f]));
    expect(by.age.points).toBe(4);
    expect(by.size).toMatchObject({ points: 7, value: '小型' });
    expect(by.certifications.points).toBe(4);
    expect(by.tier).toMatchObject({ points: 10, value: '专精特新中小企业' });
    expect(by.deals.points).toBe(6);
    expect(by.complaints.points).toBe(6.7);
    expect(by.payment).toMatchObject({ points: 11.3, value: '逾期 1/4 笔（25%）' });
    expect(by.receivables).toMatchObject({ points: 3.8, value: '持有确权应收 25.00 万元' });
    expect(s.score).toBe(52.8);
    expect(s.grade).toBe('C');
  });

  it('follows the configured weights', () => {
    const weights = { ...DEFAULT_CREDIT_WEIGHTS, tier: 0, receivables: 30 };
    const s = scoreCredit({ ...NOTHING, tier: 'little_giant', heldReceivablesFen: 100_000_000n }, weights);
    expect(s.factors.find((f) => f.factor === 'tier')!.points).toBe(0);
    expect(s.factors.find((f) => f.factor === 'receivables')!.points).toBe(30);
  });
});

describe(conductScore.name, () => {
  it('is null without deliveries, 100 for a prompt buyer, and falls with lateness, slowness and complaints', () => {
    expect(conductScore({ deliveries: 0, shareLate: null, avgDaysToPay: null, complaints: 0 })).toBeNull();
    expect(conductScore({ deliveries: 5, shareLate: 0, avgDaysToPay: 20, complaints: 0 })).toBe(100);
    expect(conductScore({ deliveries: 5, shareLate: 0.5, avgDaysToPay: 75, complaints: 1 })).toBe(100 - 30 - 10 - 5);
    expect(conductScore({ deliveries: 5, shareLate: 1, avgDaysToPay: 300, complaints: 9 })).toBe(0);
  });

  it('grades at the band edges', () => {
    expect([gradeOf(80), gradeOf(79.9), gradeOf(65), gradeOf(50), gradeOf(49.9)]).toEqual(['A', 'B', 'B', 'C', 'D']);
  });
});
