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

/** Lower-cased terms of a request: jieba terms of field and question, and the field itself. */
export function requestTerms(request: Pick<RoutingRequest, 'field' | 'question'>): Set<string> {
  const terms = termsOf(`${request.field} ${request.question}`);
  terms.add(request.field.trim().toLowerCase());
  return terms;
}

/**
 * Share of an expert's fields the request touches (0–1): a field counts when it is one of the
 * terms, or when it and the request's field contain one another (电池 / 锂电池).
 */
export function fieldMatch(terms: ReadonlySet<string>, requestField: string, fields: readonly string[]): number {
  if (fields.length === 0) return 0;
  const wanted = requestField.trim().toLowerCase();
  let hits = 0;
  for (const raw of fields) {
    const field = raw.toLowerCase();
    if (terms.has(field) || (field.length >= 2 && (wanted.includes(field) || field.includes(wanted)))) hits++;
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
export function routingScore(terms: ReadonlySet<string>, request: RoutingRequest, c: RoutingCandidate): { score: number; fieldMatch: number } {
  const match = fieldMatch(terms, request.field, c.fields);
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
