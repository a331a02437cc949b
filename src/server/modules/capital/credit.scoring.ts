/**
 * The SME scorecard and the buyer payment-conduct score (issue 6 item 7): pure functions of facts
 * found on the platform. Every factor earns a share (0–1) of its weight and says why, so the score
 * explains itself. ⚠️ The shares, weights and bands are ours, not policy (docs/adr/0019).
 */
import type { CreditFactor, CreditFactorView, CreditScoreView } from '../../../contracts/capital.js';

/** ⚠️ Default weights (points per factor, sum 100); the live ones are in `credit_weights`. */
export const DEFAULT_CREDIT_WEIGHTS: Record<CreditFactor, number> = { age: 10, size: 10, certifications: 10, tier: 15, deals: 15, complaints: 10, payment: 15, receivables: 15 };

/** Facts about one enterprise, as of a business date. */
export interface CreditFacts {
  /** Years of record: since the earliest of its first reported financial year and its registration on the platform. */
  yearsOfRecord: number;
  size: string | null;
  validCertifications: number;
  /** Highest gradient tier among its tags, if any. */
  tier: 'little_giant' | 'specialized' | 'innovative' | null;
  /** Deals (matching `deals`) signed as either party. */
  deals: number;
  /** Complaints against it as a buyer, filed in the last 24 months and not rejected. */
  complaintsAgainst: number;
  /** As a buyer over the last 12 months: deliveries and how many were late; null when it bought nothing. */
  asBuyer: { deliveries: number; late: number } | null;
  /** Confirmed receivables it holds (voucher parts in `held`), fen. */
  heldReceivablesFen: bigint;
}

/** Years of record to earn all of `age`; certifications, deals for all of theirs; receivables (fen) for all of theirs. ⚠️ ours. */
export const FULL_AT = { years: 10, certifications: 5, deals: 5, complaints: 3, receivablesFen: 100_000_000n } as const;

const SIZE_SHARE: Record<string, number> = { large: 1, medium: 1, small: 0.7, micro: 0.4 };
const SIZE_NAME: Record<string, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };
const TIER_SHARE = { little_giant: 1, specialized: 2 / 3, innovative: 1 / 3 } as const;
const TIER_NAME = { little_giant: '专精特新“小巨人”', specialized: '专精特新中小企业', innovative: '创新型中小企业' } as const;

function yuanText(fen: bigint): string {
  return `${(Number(fen) / 1_000_000).toFixed(2)} 万元`;
}

/** Each factor's share of its weight, the fact and the reason. */
function shares(f: CreditFacts): Record<CreditFactor, { share: number; value: string; explanation: string }> {
  const lateShare = f.asBuyer && f.asBuyer.deliveries > 0 ? f.asBuyer.late / f.asBuyer.deliveries : null;
  return {
    age: { share: Math.min(f.yearsOfRecord / FULL_AT.years, 1), value: `${f.yearsOfRecord} 年`, explanation: `经营记录年限（最早财务年度或入驻平台起）每年得 1/${FULL_AT.years}，满 ${FULL_AT.years} 年得满分` },
    size: {
      share: f.size ? SIZE_SHARE[f.size] ?? 0 : 0,
      value: f.size ? SIZE_NAME[f.size] ?? f.size : '未划型',
      explanation: '按企业规模：中型及以上满分，小型 70%，微型 40%，未划型 0',
    },
    certifications: {
      share: Math.min(f.validCertifications / FULL_AT.certifications, 1),
      value: `${f.validCertifications} 项有效认证`,
      explanation: `每项未过期的资质认证得 1/${FULL_AT.certifications}，${FULL_AT.certifications} 项及以上满分`,
    },
    tier: {
      share: f.tier ? TIER_SHARE[f.tier] : 0,
      value: f.tier ? TIER_NAME[f.tier] : '未入梯度培育库',
      explanation: '“小巨人”满分，专精特新中小企业 2/3，创新型中小企业 1/3',
    },
    deals: { share: Math.min(f.deals / FULL_AT.deals, 1), value: `${f.deals} 笔签约`, explanation: `平台撮合签约每笔得 1/${FULL_AT.deals}，${FULL_AT.deals} 笔及以上满分` },
    complaints: {
      share: Math.max(0, 1 - f.complaintsAgainst / FULL_AT.complaints),
      value: `${f.complaintsAgainst} 件被投诉`,
      explanation: `近 24 个月作为付款方被投诉（不含不予受理）每件扣 1/${FULL_AT.complaints}，${FULL_AT.complaints} 件及以上为 0`,
    },
    payment: lateShare === null
      ? { share: 0.5, value: '近 12 个月无采购付款记录', explanation: '无记录时按中性计一半分' }
      : { share: 1 - lateShare, value: `逾期 ${f.asBuyer!.late}/${f.asBuyer!.deliveries} 笔（${Math.round(lateShare * 100)}%）`, explanation: '作为采购方向自身供应商付款：得分比例 = 1 − 逾期比例（近 12 个月）' },
    receivables: {
      share: Math.min(Number(f.heldReceivablesFen) / Number(FULL_AT.receivablesFen), 1),
      value: `持有确权应收 ${yuanText(f.heldReceivablesFen)}`,
      explanation: `持有中的确权凭证按金额计分，${yuanText(FULL_AT.receivablesFen)} 及以上满分`,
    },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A grade from a score: A ≥ 80, B ≥ 65, C ≥ 50, else D (⚠️ our bands). */
export function gradeOf(score: number): CreditScoreView['grade'] {
  return score >= 80 ? 'A' : score >= 65 ? 'B' : score >= 50 ? 'C' : 'D';
}

/** The scorecard: each factor's points = weight × share (one decimal); the score is their sum. */
export function scoreCredit(facts: CreditFacts, weights: Record<CreditFactor, number>): { score: number; grade: CreditScoreView['grade']; factors: CreditFactorView[] } {
  const s = shares(facts);
  const factors = (Object.keys(weights) as CreditFactor[]).map((factor) => ({ factor, value: s[factor].value, maxPoints: weights[factor], points: round1(weights[factor] * s[factor].share), explanation: s[factor].explanation }));
  const score = round1(factors.reduce((sum, f) => sum + f.points, 0));
  return { score, grade: gradeOf(score), factors };
}

/** ⚠️ Conduct-score formula constants (ours): penalty for the share late, for slow payment beyond 30 days (full at 120), per complaint and its cap. */
export const CONDUCT = { lateWeight: 60, slowWeight: 20, slowFromDays: 30, slowFullDays: 120, perComplaint: 5, complaintsCap: 20 } as const;

/** A buyer's payment-conduct score 0–100 from its half-year figures; null without deliveries. */
export function conductScore(p: { deliveries: number; shareLate: number | null; avgDaysToPay: number | null; complaints: number }): number | null {
  if (p.deliveries === 0) return null;
  const slow = p.avgDaysToPay === null ? 0 : Math.min(Math.max(p.avgDaysToPay - CONDUCT.slowFromDays, 0) / (CONDUCT.slowFullDays - CONDUCT.slowFromDays), 1);
  const raw = 100 - CONDUCT.lateWeight * (p.shareLate ?? 0) - CONDUCT.slowWeight * slow - Math.min(CONDUCT.perComplaint * p.complaints, CONDUCT.complaintsCap);
  return Math.max(0, Math.round(raw));
}
