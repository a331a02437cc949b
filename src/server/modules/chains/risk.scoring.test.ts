import { describe, expect, it } from 'vitest';
import { ageDecay, DEFAULT_RISK_SCORE_SETTINGS, levelOf, scoreRisk, supplierHhi, type RiskScoreFacts } from './risk.scoring.js';

const now = new Date('2026-11-27T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const empty: RiskScoreFacts = { ownEvents: [], upstream: [], supply: [], now };

describe(scoreRisk.name, () => {
  it('scores nothing as 0, low', () => {
    expect(scoreRisk(empty, DEFAULT_RISK_SCORE_SETTINGS)).toMatchObject({ score: 0, level: 'low' });
  });

  it('weights own events by severity, kind and age, and ignores 无影响 and old ones', () => {
    const fresh = scoreRisk({ ...empty, ownEvents: [{ kind: 'shutdown', severity: 'critical', status: 'confirmed', occurredAt: daysAgo(0), title: '停产' }] }, DEFAULT_RISK_SCORE_SETTINGS);
    expect(fresh.factors.find((f) => f.key === 'ownEvents')!.value).toBe(1);
    expect(fresh.score).toBe(40); // weight 0.4 of 1.0 total
    const halfLife = scoreRisk({ ...empty, ownEvents: [{ kind: 'shutdown', severity: 'critical', status: 'potential', occurredAt: daysAgo(90), title: '停产' }] }, DEFAULT_RISK_SCORE_SETTINGS);
    expect(halfLife.factors[0].value).toBeCloseTo(0.5, 4);
    const noImpact = scoreRisk({ ...empty, ownEvents: [{ kind: 'shutdown', severity: 'critical', status: 'no_impact', occurredAt: daysAgo(1), title: '停产' }] }, DEFAULT_RISK_SCORE_SETTINGS);
    expect(noImpact.score).toBe(0);
    const old = scoreRisk({ ...empty, ownEvents: [{ kind: 'shutdown', severity: 'critical', status: 'confirmed', occurredAt: daysAgo(400), title: '停产' }] }, DEFAULT_RISK_SCORE_SETTINGS);
    expect(old.score).toBe(0);
  });

  it('counts late payments as their own factor', () => {
    const r = scoreRisk({ ...empty, ownEvents: Array.from({ length: 3 }, () => ({ kind: 'late_payment' as const, severity: 'low' as const, status: 'confirmed' as const, occurredAt: daysAgo(10), title: '逾期' })) }, DEFAULT_RISK_SCORE_SETTINGS);
    expect(r.factors.find((f) => f.key === 'latePayments')).toMatchObject({ value: 1, contribution: 10 });
    expect(r.factors.find((f) => f.key === 'ownEvents')!.value).toBe(0);
  });

  it('adds upstream exposure and supplier concentration with reasons', () => {
    const r = scoreRisk({ ...empty, upstream: [{ title: '电解液停产', exposure: 0.6, tier: 1 }], supply: [{ product: '隔膜', shares: [1] }, { product: '电解液', shares: [0.5, 0.5] }] }, DEFAULT_RISK_SCORE_SETTINGS);
    expect(r.factors.find((f) => f.key === 'upstreamExposure')).toMatchObject({ value: 0.6, contribution: 18 });
    expect(r.factors.find((f) => f.key === 'supplierConcentration')).toMatchObject({ value: 1, contribution: 20 });
    expect(r.score).toBe(38);
    expect(r.level).toBe('medium');
    expect(r.factors.find((f) => f.key === 'supplierConcentration')!.reasons).toEqual(['“隔膜”仅 1 家供应商', '“电解液”2 家供应商，集中度 HHI 0.50']);
  });
});

describe('helpers', () => {
  it('halves with the half-life and computes HHI with a default for unknown shares', () => {
    expect(ageDecay(0, 90)).toBe(1);
    expect(ageDecay(180, 90)).toBeCloseTo(0.25, 6);
    expect(supplierHhi([], 0.3)).toBe(0);
    expect(supplierHhi([Number.NaN], 0.3)).toBe(1);
    expect(supplierHhi([0.25, 0.25, 0.25, 0.25], 0.3)).toBeCloseTo(0.25, 6);
    expect(supplierHhi([0.6, Number.NaN], 0.4)).toBeCloseTo(0.52, 6);
    expect(levelOf(59.9, { medium: 30, high: 60 })).toBe('medium');
    expect(levelOf(60, { medium: 30, high: 60 })).toBe('high');
  });
});
