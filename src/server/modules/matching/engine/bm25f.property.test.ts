/**
 * The pruned top-k search (MaxScore with term ceilings, deferred common terms, the `accept`
 * filter) against exhaustive scoring of every live document, on random corpora.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFER_SHARE, MAX_QUERY_TERMS, TextIndex, type QueryTerm } from './bm25f.js';

const VOCABULARY = 30;
/** Zipf-like: low numbers are common, so some posting lists are long and some terms are deferred. */
const word = fc.integer({ min: 0, max: 999 }).map((x) => `w${Math.floor(VOCABULARY * (x / 1000) ** 2.5)}`);
const doc = fc.record({
  title: fc.array(word, { minLength: 0, maxLength: 3 }),
  products: fc.array(word, { minLength: 0, maxLength: 3 }),
  description: fc.array(word, { minLength: 0, maxLength: 14 }),
});
const query = fc.uniqueArray(fc.record({ term: word, weight: fc.double({ min: 0.1, max: 6, noNaN: true }) }), { selector: (t) => t.term, minLength: 1, maxLength: 12 });

/** Every live document scored one by one, the deferral rule applied, best first (ties: lower document first). */
function exhaustive(index: TextIndex, docs: number, q: readonly QueryTerm[], limit: number, deferMinDocs: number, accept: (doc: number) => boolean) {
  const terms = q.slice(0, MAX_QUERY_TERMS);
  const live = index.liveCount;
  const rare = terms.map((t) => index.has(t.term) && !(live >= deferMinDocs && index.documentFrequency(t.term) > DEFER_SHARE * live));
  const anyRare = rare.some(Boolean);
  const hits = [];
  for (let d = 0; d < docs; d++) {
    const hit = index.scoreDoc(terms, d);
    if (hit.score <= 0 || !accept(d)) continue;
    if (anyRare && !hit.matched.some((i) => rare[i])) continue;
    hits.push(hit);
  }
  return hits.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, limit);
}

describe(`${TextIndex.name} top-k against exhaustive scoring`, () => {
  it('returns the same documents, scores and matched terms on random corpora', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 400 }),
        fc.array(query, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(0, 50, 1_000_000),
        fc.integer({ min: 0, max: 9 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (corpus, queries, limit, deferMinDocs, rejectEvery, removals) => {
          const index = new TextIndex(deferMinDocs);
          corpus.forEach((d) => index.add(d));
          for (const r of removals) index.remove(r % corpus.length);
          // Refuse every n-th document (the engine refuses the buyer's own): bars set without it must not lose hits.
          const accept = (d: number) => rejectEvery === 0 || d % (rejectEvery + 1) !== 0;
          for (const q of queries) {
            const got = index.search(q, limit, accept);
            const want = exhaustive(index, corpus.length, q, limit, deferMinDocs, accept);
            expect(got.map((h) => h.score.toFixed(9))).toEqual(want.map((h) => h.score.toFixed(9)));
            for (const hit of got) {
              const direct = index.scoreDoc(q, hit.doc);
              expect(hit.score).toBeCloseTo(direct.score, 9);
              expect(hit.matched).toEqual(direct.matched);
              expect(accept(hit.doc)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
