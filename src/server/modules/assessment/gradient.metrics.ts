/**
 * From an enterprise's facts (registry profile, yearly figures, declared profile, digital level,
 * supply edges) to the flat metrics the gradient rules read. Pure. Percentages are numbers
 * (4.5 = 4.5%), money in 万元, years as full years up to the end of 上年度.
 */
import type { GradientProfile } from '../../../contracts/assessment.js';
import type { MetricValue } from './rules/engine.js';

/** One year's figures in fen (number: fen fit in 2^53 up to ~900亿元). */
export interface YearFigures {
  revenueFen: number | null;
  mainRevenueFen: number | null;
  netProfitFen: number | null;
  assetsFen: number | null;
  liabilitiesFen: number | null;
  rdSpendFen: number | null;
  employees: number | null;
  rdStaff: number | null;
}

/** Everything the evaluation of one enterprise reads. */
export interface GradientFacts {
  size: string | null;
  tags: readonly string[];
  certifications: readonly string[];
  years: ReadonlyMap<number, YearFigures>;
  profile: GradientProfile;
  /** Level of the newest submitted digital assessment on or before the date, if any. */
  assessedDigitalLevel: number | null;
  /** IC-3: number of chain leaders the enterprise supplies. */
  leadersSupplied: number;
}

const FEN_PER_WAN = 1_000_000;
const SME_SIZES = new Set(['medium', 'small', 'micro']);

function pct(part: number | null | undefined, whole: number | null | undefined): number | undefined {
  if (part == null || whole == null || whole <= 0) return undefined;
  return (part / whole) * 100;
}

function growth(now: number | null | undefined, before: number | null | undefined): number | undefined {
  if (now == null || before == null || before <= 0) return undefined;
  return (now / before - 1) * 100;
}

function wan(fen: number | null | undefined): number | undefined {
  return fen == null ? undefined : fen / FEN_PER_WAN;
}

/** Full years from `since` (YYYY-MM-DD) to the end of `year`. */
export function fullYearsUntilEndOf(since: string, year: number): number | undefined {
  const [y, m, d] = since.split('-').map(Number);
  if (!y) return undefined;
  const end = { y: year, m: 12, d: 31 };
  let years = end.y - y;
  if (end.m < m || (end.m === m && end.d < d)) years -= 1;
  return Math.max(0, years);
}

function ipLevel(p: GradientProfile): string | undefined {
  if (p.ipClass1 === undefined && p.ipClass2 === undefined && p.ipHighValue === undefined && p.ipClass1Self === undefined) return undefined;
  if ((p.ipHighValue ?? 0) > 0) return 'class1_high_value';
  if ((p.ipClass1Self ?? 0) > 0) return 'class1_self';
  if ((p.ipClass1 ?? 0) > 0) return 'class1';
  if ((p.ipClass2 ?? 0) > 0) return 'class2';
  return 'none';
}

const LEVEL_KEYS = ['none', 'level1', 'level2', 'level3', 'level4'] as const;

/** Rounded to 4 decimals so that float noise never moves a value across a band boundary. */
function r4(v: number | undefined): number | undefined {
  return v === undefined ? undefined : Math.round(v * 10000) / 10000;
}

/**
 * The metrics for an evaluation whose 上年度 is `lastYear`; unknown figures are undefined. One
 * object literal (no copying): this runs a million times in a screening.
 */
export function deriveMetrics(facts: GradientFacts, lastYear: number): Record<string, MetricValue | undefined> {
  const p = facts.profile;
  const y0 = facts.years.get(lastYear);
  const y1 = facts.years.get(lastYear - 1);
  const y2 = facts.years.get(lastYear - 2);
  const rdRatio = pct(y0?.rdSpendFen, y0?.revenueFen);
  const rdRatioPrev = pct(y1?.rdSpendFen, y1?.revenueFen);
  const g0 = growth(y0?.mainRevenueFen, y1?.mainRevenueFen);
  const g1 = growth(y1?.mainRevenueFen, y2?.mainRevenueFen);
  const cagr = y0?.mainRevenueFen != null && y2?.mainRevenueFen != null && y2.mainRevenueFen > 0 ? (Math.sqrt(y0.mainRevenueFen / y2.mainRevenueFen) - 1) * 100 : undefined;
  const rd2y = y0?.rdSpendFen != null && y1?.rdSpendFen != null ? y0.rdSpendFen + y1.rdSpendFen : undefined;
  const rdInstitution = p.rdInstitutionLevel;
  const digital = facts.assessedDigitalLevel !== null ? LEVEL_KEYS[facts.assessedDigitalLevel] : p.digitalLevel;
  const hasCertification = p.hasSystemCertification ?? (facts.certifications.length > 0 ? true : undefined);

  return {
    isSme: facts.size === null ? undefined : SME_SIZES.has(facts.size),
    baselineCompliant: p.baselineCompliant,
    revenueWan: r4(wan(y0?.revenueFen)),
    rdSpendWan: r4(wan(y0?.rdSpendFen)),
    rdRatio: r4(rdRatio),
    rdRatioMin2y: rdRatio !== undefined && rdRatioPrev !== undefined ? r4(Math.min(rdRatio, rdRatioPrev)) : undefined,
    rdSpend2yWan: r4(wan(rd2y)),
    rdAvg2yWan: rd2y === undefined ? undefined : r4(rd2y / 2 / FEN_PER_WAN),
    rdSpendMin2yWan: y0?.rdSpendFen != null && y1?.rdSpendFen != null ? r4(Math.min(y0.rdSpendFen, y1.rdSpendFen) / FEN_PER_WAN) : undefined,
    rdStaffShare: r4(pct(y0?.rdStaff, y0?.employees)),
    mainRevenueShare: r4(pct(y0?.mainRevenueFen, y0?.revenueFen)),
    mainRevenueGrowth: r4(g0),
    mainRevenueAvgGrowth2y: g0 !== undefined && g1 !== undefined ? r4((g0 + g1) / 2) : undefined,
    mainRevenueCagr2y: r4(cagr),
    debtRatio: r4(pct(y0?.liabilitiesFen, y0?.assetsFen)),
    netProfitMargin: r4(pct(y0?.netProfitFen, y0?.revenueFen)),
    nicheYears: p.nicheSince ? fullYearsUntilEndOf(p.nicheSince, lastYear) : undefined,
    ipLevel: ipLevel(p),
    class1IpCount: p.ipClass1,
    emergingField: p.emergingField === undefined ? undefined : p.emergingField ? 'yes' : 'no',
    // A supplier of a key chain leader scores 3 (附件2 专业化(4)) unless it declares better.
    productField: p.productField ?? (facts.leadersSupplied > 0 ? 'foundation' : undefined),
    digitalLevel: digital,
    qualityItems: p.qualityItems?.length,
    localScore: p.localScore,
    rdInstitutionLevel: rdInstitution,
    hasRdInstitution: rdInstitution === undefined ? undefined : rdInstitution !== 'none',
    stAwardLevel: p.stAwardLevel,
    stAwardRank: p.stAwardRank,
    equity2yWan: p.equity2yWan,
    equity3yWan: p.equity3yWan,
    chuangkeGroup: p.chuangkeGroup,
    hasInnovationTitle: p.innovationTitles !== undefined ? p.innovationTitles.length > 0 || facts.tags.includes('high_tech') : facts.tags.includes('high_tech') ? true : undefined,
    hasInnovativeTitle: facts.tags.includes('innovative'),
    hasSpecializedTitle: facts.tags.includes('specialized') || facts.tags.includes('little_giant'),
    hasInfoSystem: p.hasInfoSystem,
    hasSystemCertification: hasCertification,
    marketSharePct: p.marketSharePct,
    domesticRank: p.domesticRank,
    hasOwnBrand: p.hasOwnBrand ?? (p.qualityItems?.includes('own_brand') ? true : undefined),
    // IC-3: supplying a key chain leader is evidence of a key link (链) unless declared otherwise.
    isKeyChainLink: p.isKeyChainLink ?? (facts.leadersSupplied > 0 ? true : undefined),
    isKeyField: p.isKeyField,
    qualityScore: p.qualityScore,
    leadersSupplied: facts.leadersSupplied,
  };
}
