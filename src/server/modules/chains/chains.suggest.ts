/**
 * Scoring of suggestions: how well an enterprise fits a segment, from its industry code (against
 * the segment's codes: exact class > same 中类 > same 大类) and its products and capability text
 * (against the segment's products: whole terms, then shared keywords). Pure: the tokens come in
 * with the profiles (see `chains.tokens.ts`).
 */
import type { MemberRole } from '../../../contracts/chains.js';
import { findIndustry } from '../../platform/industries.js';

/** What a segment offers to match against. */
export interface SegmentProfile {
  industryCodes: readonly string[];
  products: readonly string[];
  /** Tokens of the products (whole terms and sub-words). */
  productTokens: ReadonlySet<string>;
}

/** An enterprise as a candidate. */
export interface CandidateProfile {
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  tags: readonly string[];
  products: readonly string[];
  capabilities: string;
  /** Tokens of its products and capability text. */
  tokens: ReadonlySet<string>;
}

/** A scored candidate. */
export interface ScoredCandidate {
  uscc: string;
  score: number;
  suggestedRole: MemberRole;
  reasons: string[];
  matchedTerms: string[];
}

/** Weights of the two families of evidence (sum 1). */
export const INDUSTRY_WEIGHT = 0.4;
export const PRODUCT_WEIGHT = 0.6;
/** Industry closeness: same class, same 中类 (group), same 大类 (division). */
export const INDUSTRY_CLASS = 1;
export const INDUSTRY_GROUP = 0.6;
export const INDUSTRY_DIVISION = 0.3;
/** Strength of one piece of product evidence; pieces combine as independent chances. */
const PRODUCT_LISTED = 0.5;
const PRODUCT_MENTIONED = 0.35;
const KEYWORD = 0.1;
const KEYWORDS_MAX = 5;
/** Below this a candidate is not worth showing. */
export const SCORE_MIN = 0.15;

/** Words that say nothing about what a firm makes. */
const GENERIC_WORDS = new Set(['系统', '设备', '产品', '服务', '制造', '生产', '加工', '技术', '材料', '专用', '智能', '模块', '组件', '企业', '工业', '配套', '国内', '主流', '拥有', '通过', '认证', '年产', '建有']);

/** Industry closeness of a code to the segment's codes, with the code level it agreed at. */
export function industryCloseness(code: string, segmentCodes: readonly string[]): { value: number; level: 'class' | 'group' | 'division' | 'none'; matched?: string } {
  let best: { value: number; level: 'class' | 'group' | 'division' | 'none'; matched?: string } = { value: 0, level: 'none' };
  for (const segmentCode of segmentCodes) {
    if (segmentCode === code) {
      return { value: INDUSTRY_CLASS, level: 'class', matched: code };
    }
    if (segmentCode.slice(0, 4) === code.slice(0, 4) && best.value < INDUSTRY_GROUP) {
      best = { value: INDUSTRY_GROUP, level: 'group', matched: code.slice(0, 4) };
    } else if (segmentCode.slice(0, 3) === code.slice(0, 3) && best.value < INDUSTRY_DIVISION) {
      best = { value: INDUSTRY_DIVISION, level: 'division', matched: code.slice(0, 3) };
    }
  }
  return best;
}

/** The role a suggestion proposes: from the enterprise's official tags and kind. */
export function suggestedRoleOf(candidate: Pick<CandidateProfile, 'tags' | 'industryCode'>): MemberRole {
  if (candidate.tags.includes('leader')) return 'leader';
  if (candidate.tags.includes('little_giant')) return 'little_giant';
  if (candidate.tags.includes('specialized')) return 'specialized';
  if (/^M7[3-5]/.test(candidate.industryCode)) return 'research';
  return 'supplier';
}

function industryLabel(code: string): string {
  const name = findIndustry(code)?.name;
  return name ? `${code} ${name}` : code;
}

/** Score one candidate for one segment, or undefined when it falls below {@link SCORE_MIN}. */
export function scoreCandidate(segment: SegmentProfile, candidate: CandidateProfile): ScoredCandidate | undefined {
  const reasons: string[] = [];
  const industry = industryCloseness(candidate.industryCode, segment.industryCodes);
  if (industry.level === 'class') {
    reasons.push(`行业 ${industryLabel(candidate.industryCode)} 与本环节一致`);
  } else if (industry.level === 'group') {
    reasons.push(`行业 ${industryLabel(candidate.industryCode)} 与本环节同属中类 ${industryLabel(industry.matched!)}`);
  } else if (industry.level === 'division') {
    reasons.push(`行业 ${industryLabel(candidate.industryCode)} 与本环节同属大类 ${industryLabel(industry.matched!)}`);
  }

  const listed = new Set(candidate.products);
  const text = `${candidate.products.join('；')}；${candidate.capabilities}`;
  const productHits: string[] = [];
  const textHits: string[] = [];
  for (const product of segment.products) {
    if (listed.has(product)) {
      productHits.push(product);
    } else if (candidate.tokens.has(product) || text.includes(product)) {
      textHits.push(product);
    }
  }
  const covered = [...productHits, ...textHits].join('');
  const keywords = [...segment.productTokens]
    .filter((t) => candidate.tokens.has(t) && !GENERIC_WORDS.has(t) && !covered.includes(t) && !segment.products.includes(t))
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, KEYWORDS_MAX);
  if (productHits.length > 0) reasons.push(`主营产品匹配：${productHits.join('、')}`);
  if (textHits.length > 0) reasons.push(`产品与能力描述提及：${textHits.join('、')}`);
  if (keywords.length > 0) reasons.push(`关键词重合：${keywords.join('、')}`);

  let miss = 1;
  for (let i = 0; i < productHits.length; i++) miss *= 1 - PRODUCT_LISTED;
  for (let i = 0; i < textHits.length; i++) miss *= 1 - PRODUCT_MENTIONED;
  for (let i = 0; i < keywords.length; i++) miss *= 1 - KEYWORD;
  const score = Math.round((INDUSTRY_WEIGHT * industry.value + PRODUCT_WEIGHT * (1 - miss)) * 1000) / 1000;
  if (score < SCORE_MIN) {
    return undefined;
  }
  if (candidate.tags.includes('little_giant')) reasons.push('专精特新“小巨人”企业');
  else if (candidate.tags.includes('specialized')) reasons.push('专精特新中小企业');
  return { uscc: candidate.uscc, score: Math.min(1, score), suggestedRole: suggestedRoleOf(candidate), reasons, matchedTerms: [...productHits, ...textHits, ...keywords] };
}

const TAG_PRIORITY = ['little_giant', 'specialized', 'innovative'];

function tagRank(tags: readonly string[]): number {
  const index = TAG_PRIORITY.findIndex((tag) => tags.includes(tag));
  return index === -1 ? TAG_PRIORITY.length : index;
}

/**
 * Ranked suggestions: score first, then the gradient tags (小巨人, 专精特新 first, as the
 * programme asks), then USCC so that the order is stable.
 */
export function rankCandidates(segment: SegmentProfile, candidates: readonly CandidateProfile[], limit: number): Array<ScoredCandidate & { candidate: CandidateProfile }> {
  const scored: Array<ScoredCandidate & { candidate: CandidateProfile }> = [];
  for (const candidate of candidates) {
    const result = scoreCandidate(segment, candidate);
    if (result) scored.push({ ...result, candidate });
  }
  scored.sort((a, b) => b.score - a.score || tagRank(a.candidate.tags) - tagRank(b.candidate.tags) || a.uscc.localeCompare(b.uscc));
  return scored.slice(0, limit);
}
