/**
 * Routing a consultation to experts (pure): jieba terms of the field and question against each
 * expert's fields (the same keyword overlap reviewer assignment uses, `innovation.text.ts`),
 * weighted by the expert's spare capacity, with a small bonus for the same province. Unavailable,
 * full and conflicted experts are never chosen.
 */
import { termsOf } from './innovation.text.js';

/** An expert as routing sees them. */
export interface RoutingCandidate {
  id: string;
  fields: readonly string[];
  regionCode: string;
  maxLoad: number;
  /** Open reviews plus unanswered consultations. */
  openLoad: number;
  isAvailable: boolean;
  /** Same organisation as the requester or a declared conflict with it. */
  isConflicted: boolean;
}

/** What is asked. */
export interface RoutingRequest {
  field: string;
  question: string;
  regionCode: string;
}

/** A chosen expert and why. */
export interface RoutedExpert {
  expertId: string;
  score: number;
  fieldMatch: number;
}

/** How many experts a consultation goes to by default. */
export const ROUTE_COUNT = 3;
const SAME_PROVINCE_BONUS = 0.05;

/** A request prepared for matching: its lower-cased jieba terms, text and field. */
export interface RequestTerms {
  terms: Set<string>;
  text: string;
  field: string;
}

/** Prepare a request: jieba terms of field and question (and the field itself), the lower-cased text. */
export function requestTerms(request: Pick<RoutingRequest, 'field' | 'question'>): RequestTerms {
  const field = request.field.trim().toLowerCase();
  const text = `${field} ${request.question.toLowerCase()}`;
  const terms = termsOf(text);
  terms.add(field);
  return { terms, text, field };
}

/**
 * Share of an expert's fields the request touches (0–1): a field counts when it is one of the
 * terms, occurs in the text (jieba splits 固态电池 into 固态/电池), or contains the request's field
 * (锂电池 for 电池).
 */
export function fieldMatch(request: RequestTerms, fields: readonly string[]): number {
  if (fields.length === 0) return 0;
  let hits = 0;
  for (const raw of fields) {
    const field = raw.toLowerCase();
    if (request.terms.has(field) || (field.length >= 2 && (request.text.includes(field) || field.includes(request.field)))) hits++;
  }
  return hits / fields.length;
}

/** Spare capacity 0–1 (1 = idle). */
function spare(c: RoutingCandidate): number {
  return c.maxLoad <= 0 ? 0 : Math.max(0, (c.maxLoad - c.openLoad) / c.maxLoad);
}

/** Is the candidate eligible at all (available, below load, not conflicted)? */
export function isEligible(c: RoutingCandidate): boolean {
  return c.isAvailable && !c.isConflicted && c.openLoad < c.maxLoad;
}

/**
 * Score one candidate: field match × (½ + ½ spare capacity), plus a same-province bonus when the
 * field matches at all. 0 for an ineligible or unmatched expert.
 */
export function routingScore(terms: RequestTerms, request: RoutingRequest, c: RoutingCandidate): { score: number; fieldMatch: number } {
  const match = fieldMatch(terms, c.fields);
  if (!isEligible(c) || match === 0) return { score: 0, fieldMatch: match };
  const bonus = c.regionCode.slice(0, 2) === request.regionCode.slice(0, 2) ? SAME_PROVINCE_BONUS : 0;
  return { score: Math.round((match * (0.5 + 0.5 * spare(c)) + bonus) * 1000) / 1000, fieldMatch: match };
}

/** The best `count` eligible experts whose fields match, best first (ties: lower id). */
export function rankExperts(request: RoutingRequest, candidates: readonly RoutingCandidate[], count = ROUTE_COUNT): RoutedExpert[] {
  const terms = requestTerms(request);
  return candidates
    .map((c) => ({ expertId: c.id, ...routingScore(terms, request, c) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || Number(a.expertId) - Number(b.expertId))
    .slice(0, count);
}
