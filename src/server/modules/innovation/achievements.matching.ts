/**
 * Achievements ↔ needs by text, both ways, with the matching engine's own parts (read-only
 * reuse): its tokenizer (jieba with the domain dictionary) and its BM25F index over the three
 * fields title / products / description. An achievement reads as an offer — its title, its field
 * as the product phrase, its summary as the description — and is scored against published needs;
 * a need is scored against achievements the same way, so a pair scores alike in both directions.
 *
 * Pure: callers pass the candidate documents. The score is relative to the query's own text
 * scored as one more document (a document saying exactly what the query says scores 1).
 */
import { TextIndex, type QueryTerm } from '../matching/engine/bm25f.js';
import type { Tokenizer } from '../matching/engine/tokens.js';

/** A document or a query: title, product phrases, free text. */
export interface TextDoc {
  title: string;
  products: readonly string[];
  description: string;
}

export interface TextMatch<T> {
  item: T;
  /** 0–1, relative to the query against itself. */
  score: number;
  /** Query terms the document matched, strongest first. */
  terms: string[];
}

/** Scores below this are noise (a shared common word). */
export const MIN_TEXT_SCORE = 0.05;

/** Title terms weigh 2, product terms 3, description terms 1 (as the engine weighs a need). */
function queryOf(tokenizer: Tokenizer, query: TextDoc): QueryTerm[] {
  const sums = new Map<string, number>();
  const add = (term: string, weight: number) => sums.set(term, (sums.get(term) ?? 0) + weight);
  for (const t of tokenizer.tokens(query.title)) add(t, 2);
  for (const p of query.products) for (const t of tokenizer.productTokens(p)) add(t, 3);
  for (const t of tokenizer.tokens(query.description)) add(t, 1);
  return [...sums].map(([term, weight]) => ({ term, weight }));
}

function fieldsOf(tokenizer: Tokenizer, doc: TextDoc) {
  return {
    title: tokenizer.tokens(doc.title),
    products: doc.products.flatMap((p) => tokenizer.productTokens(p)),
    description: tokenizer.tokens(doc.description),
  };
}

/** The `limit` documents that match `query` best (score ≥ {@link MIN_TEXT_SCORE}), best first. */
export function rankByText<T>(tokenizer: Tokenizer, query: TextDoc, candidates: readonly T[], textOf: (item: T) => TextDoc, limit: number): TextMatch<T>[] {
  const weighted = queryOf(tokenizer, query);
  if (weighted.length === 0 || candidates.length === 0) return [];
  const index = new TextIndex();
  for (const item of candidates) index.add(fieldsOf(tokenizer, textOf(item)));
  // The index keeps the first MAX_QUERY_TERMS terms: order them strongest (weight × idf) first.
  const terms = weighted.sort((a, b) => b.weight * index.idf(b.term) - a.weight * index.idf(a.term) || (a.term < b.term ? -1 : 1));
  const hits = index.search(terms, limit);
  // The reference: the query's own text as one more document, added after the search so that its
  // words (often in no candidate) never make it the only candidate of a large index.
  const self = index.add(fieldsOf(tokenizer, query));
  const reference = Math.max(index.scoreDoc(terms, self).score, ...hits.map((h) => h.score), Number.MIN_VALUE);
  const ranked: TextMatch<T>[] = [];
  for (const hit of hits) {
    const score = Math.min(1, hit.score / reference);
    if (score < MIN_TEXT_SCORE) continue;
    const matched = hit.matched.map((i) => terms[i]).sort((a, b) => b.weight - a.weight);
    ranked.push({ item: candidates[hit.doc], score: Math.round(score * 1000) / 1000, terms: matched.slice(0, 8).map((t) => t.term) });
  }
  return ranked;
}

/** How an achievement reads as a matching document. */
export function achievementText(a: { title: string; field: string; summary: string }): TextDoc {
  return { title: a.title, products: [a.field], description: a.summary };
}

/** How a need reads as a matching document. */
export function needText(n: { title: string; products: readonly string[]; description: string }): TextDoc {
  return { title: n.title, products: n.products, description: n.description };
}
