/**
 * The composite risk score of an enterprise: pure code over facts the service gathers (its own
 * events, its exposure to recent upstream events, its suppliers per product).
 *
 * ⚠️ The factors, weights, decay and thresholds are our judgement, not a standard or a
 * regulation. They live in `platform_settings` (key `risk_score`) and the platform admin edits
 * them (`PUT /api/v1/risk-score-settings`); {@link DEFAULT_RISK_SCORE_SETTINGS} is only the start.
 *
 * score = 100 × Σ weightₖ × factorₖ / Σ weightₖ, every factor in 0..1:
 * - ownEvents: 1 − Π (1 − severity × kind × decay(age)) over the enterprise's own events
 *   (events with status 无影响 do not count; recovered ones count half);
 * - upstreamExposure: the largest exposure to a recent upstream event still open;
 * - supplierConcentration: the largest Herfindahl index (HHI) of supplier shares over the
 *   products it buys (one supplier of a product → 1);
 * - latePayments: 逾期付款 events on it, 3 or more → 1 (the finance module will feed real payables).
 */
import type { RiskFactor, RiskKind, RiskLevel, RiskScoreSettings, RiskSeverity, RiskStatus } from '../../../contracts/risk.js';
import { RISK_KIND_LABELS, RISK_SEVERITY_LABELS } from '../../../contracts/risk.js';

/** Starting settings (⚠️ our judgement; configurable). */
export const DEFAULT_RISK_SCORE_SETTINGS: RiskScoreSettings = {
  factorWeights: { ownEvents: 0.4, upstreamExposure: 0.3, supplierConcentration: 0.2, latePayments: 0.1 },
  severityWeights: { low: 0.25, medium: 0.5, high: 0.75, critical: 1 },
  kindWeights: { shutdown: 1, default: 0.8, dishonest: 0.7, sanction: 1, disaster: 0.8, logistics: 0.6, late_payment: 0.5 },
  halfLifeDays: 90,
  windowDays: 365,
  thresholds: { medium: 30, high: 60 },
  propagation: { maxTiers: 4, decay: 0.8, defaultShare: 0.3 },
};

/** An event on the enterprise itself. */
export interface OwnEventFact {
  kind: RiskKind;
  severity: RiskSeverity;
  status: RiskStatus;
  occurredAt: Date;
  title: string;
}

/** Exposure of the enterprise to one upstream event. */
export interface UpstreamFact {
  title: string;
  exposure: number;
  tier: number;
}

/** Suppliers of one product the enterprise buys: their shares (NaN when unknown). */
export interface ProductSupplyFact {
  product: string;
  shares: number[];
}

export interface RiskScoreFacts {
  ownEvents: OwnEventFact[];
  upstream: UpstreamFact[];
  supply: ProductSupplyFact[];
  now: Date;
}

export interface FactorScore {
  key: RiskFactor;
  value: number;
  weight: number;
  contribution: number;
  reasons: string[];
}

export interface ScoreResult {
  score: number;
  level: RiskLevel;
  factors: FactorScore[];
}

const DAY_MS = 86_400_000;
/** Number of late payments at which the factor is full. */
const LATE_PAYMENTS_FULL = 3;

const round = (v: number, digits: number) => Number(v.toFixed(digits));
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Weight of an event `ageDays` old: halves every `halfLifeDays`; future dates count fully. */
export function ageDecay(ageDays: number, halfLifeDays: number): number {
  return ageDays <= 0 ? 1 : 0.5 ** (ageDays / halfLifeDays);
}

/** Herfindahl index of supplier shares (unknown shares take `defaultShare`), 0..1. */
export function supplierHhi(shares: readonly number[], defaultShare: number): number {
  const known = shares.map((s) => (Number.isNaN(s) ? defaultShare : s));
  const total = known.reduce((a, b) => a + b, 0);
  if (known.length === 0) {
    return 0;
  }
  if (known.length === 1 || total <= 0) {
    return 1;
  }
  return known.reduce((sum, s) => sum + (s / total) ** 2, 0);
}

function eventWeight(e: OwnEventFact, settings: RiskScoreSettings, now: Date): number {
  const age = (now.getTime() - e.occurredAt.getTime()) / DAY_MS;
  if (e.status === 'no_impact' || age > settings.windowDays) {
    return 0;
  }
  const statusFactor = e.status === 'recovered' ? 0.5 : 1;
  return settings.severityWeights[e.severity] * settings.kindWeights[e.kind] * ageDecay(age, settings.halfLifeDays) * statusFactor;
}

function ownEventsFactor(facts: RiskScoreFacts, settings: RiskScoreSettings): { value: number; reasons: string[] } {
  const counted = facts.ownEvents.filter((e) => e.kind !== 'late_payment').map((e) => ({ e, w: eventWeight(e, settings, facts.now) })).filter((x) => x.w > 0);
  const value = 1 - counted.reduce((p, x) => p * (1 - x.w), 1);
  const reasons = counted
    .sort((a, b) => b.w - a.w)
    .slice(0, 3)
    .map(({ e, w }) => `${RISK_KIND_LABELS[e.kind]}（${RISK_SEVERITY_LABELS[e.severity]}）：${e.title}，计入 ${percent(w)}`);
  return { value, reasons };
}

function upstreamFactor(facts: RiskScoreFacts): { value: number; reasons: string[] } {
  const sorted = [...facts.upstream].sort((a, b) => b.exposure - a.exposure);
  return {
    value: Math.min(1, sorted[0]?.exposure ?? 0),
    reasons: sorted.slice(0, 3).map((u) => `上游第 ${u.tier} 级受“${u.title}”影响，暴露度 ${percent(u.exposure)}`),
  };
}

function concentrationFactor(facts: RiskScoreFacts, settings: RiskScoreSettings): { value: number; reasons: string[] } {
  const scored = facts.supply.map((p) => ({ p, hhi: supplierHhi(p.shares, settings.propagation.defaultShare) })).sort((a, b) => b.hhi - a.hhi);
  const reasons = scored
    .filter((x) => x.hhi >= 0.5)
    .slice(0, 3)
    .map(({ p, hhi }) => (p.shares.length === 1 ? `“${p.product}”仅 1 家供应商` : `“${p.product}”${p.shares.length} 家供应商，集中度 HHI ${hhi.toFixed(2)}`));
  return { value: scored[0]?.hhi ?? 0, reasons };
}

function latePaymentsFactor(facts: RiskScoreFacts, settings: RiskScoreSettings): { value: number; reasons: string[] } {
  const late = facts.ownEvents.filter((e) => e.kind === 'late_payment' && eventWeight(e, settings, facts.now) > 0);
  return { value: Math.min(1, late.length / LATE_PAYMENTS_FULL), reasons: late.length > 0 ? [`近 ${settings.windowDays} 天逾期付款 ${late.length} 次`] : [] };
}

/** Level of a score by the thresholds (at or above). */
export function levelOf(score: number, thresholds: RiskScoreSettings['thresholds']): RiskLevel {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  return 'low';
}

/** The score, its level and each factor's contribution with reasons in words. */
export function scoreRisk(facts: RiskScoreFacts, settings: RiskScoreSettings): ScoreResult {
  const raw: Record<RiskFactor, { value: number; reasons: string[] }> = {
    ownEvents: ownEventsFactor(facts, settings),
    upstreamExposure: upstreamFactor(facts),
    supplierConcentration: concentrationFactor(facts, settings),
    latePayments: latePaymentsFactor(facts, settings),
  };
  const weights = settings.factorWeights;
  const totalWeight = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  const factors = (Object.keys(raw) as RiskFactor[]).map((key) => ({
    key,
    value: round(raw[key].value, 4),
    weight: weights[key],
    contribution: round((100 * weights[key] * raw[key].value) / totalWeight, 1),
    reasons: raw[key].reasons,
  }));
  const score = round(Math.min(100, factors.reduce((sum, f) => sum + (100 * f.weight * f.value) / totalWeight, 0)), 1);
  return { score, level: levelOf(score, settings.thresholds), factors };
}
