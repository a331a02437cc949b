/**
 * Structured features of a match, each a pure function giving a value in 0..1 and a Chinese
 * explanation. The engine weights them ({@link FEATURE_WEIGHTS}) and reports each contribution.
 */
import { MATCH_FEATURE_WEIGHTS } from '../../../../contracts/matching.js';
import { normaliseTerm } from './tokens.js';

/** Weight of each feature in the total score (defined in the contract so that the web's bars agree). */
export const FEATURE_WEIGHTS = MATCH_FEATURE_WEIGHTS;

/** A feature's value and why. */
export interface FeatureValue {
  value: number;
  detail: string;
}

/**
 * GB/T 4754-2017 hierarchy distance: same class (C3841) 1, same group (C384) 0.75, same
 * division (C38) 0.5, same section (C) 0.2, else 0.
 */
export function industryProximity(wanted: string | null, candidate: string | null): FeatureValue {
  if (!wanted || !candidate) {
    return { value: 0, detail: '需求未指定行业' };
  }
  const a = wanted.toUpperCase();
  const b = candidate.toUpperCase();
  if (a[0] !== b[0]) return { value: 0, detail: `行业门类不同（${a} / ${b}）` };
  let common = 0;
  while (common < Math.min(a.length, b.length) - 1 && a[common + 1] === b[common + 1]) common++;
  // common = number of shared digits after the section letter.
  const shorter = Math.min(a.length, b.length) - 1;
  if (common >= 4 || (common === shorter && shorter > 0)) return { value: 1, detail: `同一行业小类（${b}）` };
  if (common === 3) return { value: 0.75, detail: `同一行业中类（${b.slice(0, 4)}）` };
  if (common === 2) return { value: 0.5, detail: `同一行业大类（${b.slice(0, 3)}）` };
  return { value: 0.2, detail: `同一行业门类（${b[0]}）` };
}

/** GB/T 2260 distance: same county 1, same city 0.7, same province 0.4, elsewhere 0. */
export function regionProximity(wanted: string | null, candidate: string): FeatureValue {
  if (!wanted || wanted === '000000') {
    return { value: 0, detail: '无地域偏好' };
  }
  if (wanted === candidate) return { value: 1, detail: '同一区县' };
  const wantedLevel = wanted.endsWith('0000') ? 2 : wanted.endsWith('00') ? 4 : 6;
  if (wantedLevel === 4 && candidate.slice(0, 4) === wanted.slice(0, 4)) return { value: 1, detail: '位于偏好的地市' };
  if (wantedLevel === 2 && candidate.slice(0, 2) === wanted.slice(0, 2)) return { value: 1, detail: '位于偏好的省份' };
  if (candidate.slice(0, 4) === wanted.slice(0, 4)) return { value: 0.7, detail: '同一地市' };
  if (candidate.slice(0, 2) === wanted.slice(0, 2)) return { value: 0.4, detail: '同一省份' };
  return { value: 0, detail: '外省' };
}

/** Chain segments with their direct upstream segments (from the chain templates). */
export interface ChainModel {
  /** Name of each segment, by segment number. */
  names: readonly string[];
  /** Direct upstream segments of each segment. */
  upstream: readonly (readonly number[])[];
  /** GB/T 4754 classes typical of each segment (a need without an industry code takes its products' ones). */
  industries?: readonly (readonly string[])[];
}

/**
 * Chain position: the candidate's segment makes what the need asks for (0.8), directly supplies
 * the buyer's segment (1), or supplies it two steps up (0.6).
 */
export function chainPosition(chain: ChainModel, input: { buyerSegments: readonly number[]; productSegments: readonly number[]; candidateSegments: readonly number[] }): FeatureValue {
  const candidate = new Set(input.candidateSegments);
  if (candidate.size === 0) return { value: 0, detail: '未定位到产业链环节' };
  let best: FeatureValue = { value: 0, detail: '与需求方不在上下游' };
  for (const segment of input.buyerSegments) {
    for (const up of chain.upstream[segment] ?? []) {
      if (candidate.has(up)) return { value: 1, detail: `位于需求方环节“${chain.names[segment]}”的直接上游“${chain.names[up]}”` };
      for (const up2 of chain.upstream[up] ?? []) {
        if (candidate.has(up2) && best.value < 0.6) best = { value: 0.6, detail: `位于需求方环节“${chain.names[segment]}”的二级上游“${chain.names[up2]}”` };
      }
    }
  }
  for (const segment of input.productSegments) {
    if (candidate.has(segment) && best.value < 0.8) best = { value: 0.8, detail: `属于所需产品所在环节“${chain.names[segment]}”` };
  }
  return best;
}

/** 专精特新 tiers, lowest first. */
const LEVELS = ['innovative', 'specialized', 'little_giant'] as const;
const LEVEL_NAMES: Record<string, string> = { innovative: '创新型中小企业', specialized: '专精特新中小企业', little_giant: '专精特新“小巨人”' };

/**
 * Required qualifications met: the share of required certifications the candidate holds plus
 * the 专精特新 tier (a higher tier meets a lower requirement). Undefined when nothing is required.
 */
export function qualificationFit(required: { certifications: readonly string[]; level: string | null }, candidate: { certifications: readonly string[]; tags: readonly string[] }): FeatureValue | undefined {
  const wanted = required.certifications.map(compact).filter(Boolean);
  if (wanted.length === 0 && !required.level) return undefined;
  const held = candidate.certifications.map(compact);
  const met: string[] = [];
  const missing: string[] = [];
  wanted.forEach((w, i) => (held.some((h) => h.includes(w) || w.includes(h)) ? met : missing).push(required.certifications[i]));
  let total = wanted.length;
  let satisfied = met.length;
  if (required.level) {
    total++;
    const need = LEVELS.indexOf(required.level as (typeof LEVELS)[number]);
    const has = Math.max(-1, ...candidate.tags.map((t) => LEVELS.indexOf(t as (typeof LEVELS)[number])));
    if (has >= need) {
      satisfied++;
      met.push(LEVEL_NAMES[required.level] ?? required.level);
    } else {
      missing.push(LEVEL_NAMES[required.level] ?? required.level);
    }
  }
  const detail = [met.length > 0 ? `满足：${met.join('、')}` : '', missing.length > 0 ? `缺少：${missing.join('、')}` : ''].filter(Boolean).join('；');
  return { value: satisfied / total, detail };
}

/** SME-first: a large firm's need prefers SMEs (the 携手行动 goal of bringing SMEs into chains). */
export function smeFirst(buyerSize: string | null, candidateSize: string | null): FeatureValue {
  if (buyerSize !== 'large') return { value: 0, detail: '需求方非大企业' };
  if (candidateSize === 'medium' || candidateSize === 'small' || candidateSize === 'micro') return { value: 1, detail: '大企业需求，优先推荐中小企业' };
  return { value: 0, detail: '候选方非中小企业' };
}

function compact(text: string): string {
  return normaliseTerm(text).replace(/[\s\-_:：]/g, '');
}
