/**
 * BM25F over three fields (title, products, description) in typed arrays: an inverted index of
 * term → (document, per-field term frequency), with per-document field lengths. Documents are
 * appended and tombstoned (an update is a remove and an add), so the index follows writes
 * without rebuilds.
 */

/** The fields of a document, as token lists. */
export interface FieldTokens {
  title: readonly string[];
  products: readonly string[];
  description: readonly string[];
}

/** A query term with its weight (1 for the need's own words, less for knowledge-base expansions). */
export interface QueryTerm {
  term: string;
  weight: number;
}

/** One scored document of a search, with the query terms (indexes into the query) it matched. */
export interface TextHit {
  doc: number;
  score: number;
  matched: number[];
}

/** BM25F parameters: field weights, length normalisation per field, saturation. */
export const BM25F = {
  weights: [3, 4, 1] as const,
  b: [0.5, 0.3, 0.75] as const,
  k1: 1.2,
};

/** Indexes from this size on defer common terms (see {@link TextIndex.search}). */
export const DEFER_MIN_DOCS = 20_000;
/** A term in more than this share of the documents is common. */
export const DEFER_SHARE = 0.02;

/** Most query terms considered (a long description adds little beyond its strongest terms). */
export const MAX_QUERY_TERMS = 24;

const FIELD_COUNT = 3;
/** Slack on a term's score ceiling against floating-point rounding (the ceiling multiplies what the score divides). */
const CEILING_MARGIN = 1 + 1e-9;

class Postings {
  count = 0;
  docs = new Int32Array(4);
  /** Frequencies of the three fields, interleaved (capped at 255). */
  tf = new Uint8Array(4 * FIELD_COUNT);
  /** Cached {@link TextIndex.saturationCeiling} and the index version it was computed at. */
  ceiling = 0;
  ceilingVersion = -1;

  /** Count one occurrence of the term in `field` of `doc` (documents arrive in ascending order). */
  count1(doc: number, field: number): void {
    let at = (this.count - 1) * FIELD_COUNT;
    if (this.count === 0 || this.docs[this.count - 1] !== doc) {
      if (this.count === this.docs.length) {
        const docs = new Int32Array(this.docs.length * 2);
        docs.set(this.docs);
        this.docs = docs;
        const tf = new Uint8Array(this.tf.length * 2);
        tf.set(this.tf);
        this.tf = tf;
      }
      this.docs[this.count] = doc;
      at = this.count * FIELD_COUNT;
      this.count++;
    }
    if (this.tf[at + field] < 255) this.tf[at + field]++;
  }
}

/** Per-document accumulators of a search, reused across searches (cleared through `touched`). */
class Scratch {
  readonly scores: Float64Array;
  /** Matched query terms as a bit mask (in a double: exact up to 2^53). */
  readonly masks: Float64Array;
  readonly touched: Int32Array;
  touchedCount = 0;
  best = 0;

  constructor(capacity: number) {
    this.scores = new Float64Array(capacity);
    this.masks = new Float64Array(capacity);
    this.touched = new Int32Array(capacity);
  }
}

/** BM25F contribution of posting `i` (of a list with frequencies `tf`) to `doc`, given the term's idf × weight. */
function termScore(tf: Uint8Array, i: number, lengths: Uint16Array, doc: number, norms: Float64Array, idfWeight: number): number {
  const at = i * FIELD_COUNT;
  const base = doc * FIELD_COUNT;
  let t = 0;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const freq = tf[at + f];
    if (freq > 0) t += (norms[f] * freq) / (norms[FIELD_COUNT + f] + lengths[base + f] * norms[2 * FIELD_COUNT + f]);
  }
  return (idfWeight * t) / (norms[3 * FIELD_COUNT] + t);
}

/**
 * Add one posting list's BM25F contributions to the accumulators: the hot loop of a search, kept
 * small and monomorphic (typed arrays only) so that it stays optimised.
 */
function accumulate(docs: Int32Array, tf: Uint8Array, count: number, idfWeight: number, bit: number, isAlive: Uint8Array, lengths: Uint16Array, norms: Float64Array, scratch: Scratch): void {
  const { scores, masks, touched } = scratch;
  let touchedCount = scratch.touchedCount;
  let best = scratch.best;
  for (let i = 0; i < count; i++) {
    const doc = docs[i];
    if (isAlive[doc] === 0) continue;
    const before = scores[doc];
    if (before === 0) touched[touchedCount++] = doc;
    const after = before + termScore(tf, i, lengths, doc, norms, idfWeight);
    scores[doc] = after;
    masks[doc] += bit;
    if (after > best) best = after;
  }
  scratch.touchedCount = touchedCount;
  scratch.best = best;
}

/** Add one posting list's contributions to the candidates only (ascending documents): galloping through the list. */
function accumulateCandidates(docs: Int32Array, tf: Uint8Array, count: number, idfWeight: number, bit: number, candidates: Int32Array, candidateCount: number, lengths: Uint16Array, norms: Float64Array, scratch: Scratch): void {
  const { scores, masks } = scratch;
  let i = 0;
  for (let c = 0; c < candidateCount && i < count; c++) {
    const doc = candidates[c];
    i = gallop(docs, count, doc, i);
    if (i < count && docs[i] === doc) {
      scores[doc] += termScore(tf, i, lengths, doc, norms, idfWeight);
      masks[doc] += bit;
    }
  }
}

/** An inverted index with BM25F scoring. Document numbers are dense and never reused. */
export class TextIndex {
  private readonly postings = new Map<string, Postings>();
  private lengths = new Uint16Array(0);
  private isAlive = new Uint8Array(0);
  private readonly lengthSums = [0, 0, 0];
  private size = 0;
  private live = 0;
  /** Bumped by every add and remove (the length normalisation, hence the term ceilings, move). */
  private version = 0;
  /** Scratch buffers of a search, reused. */
  private scratch = new Scratch(0);

  /** `deferMinDocs`: from this many live documents on, common terms are deferred (tests lower it to reach that path on small corpora). */
  constructor(private readonly deferMinDocs = DEFER_MIN_DOCS) {}

  /** Number of live documents. */
  get liveCount(): number {
    return this.live;
  }

  /** Add a document; returns its number. */
  add(fields: FieldTokens): number {
    const doc = this.size++;
    this.version++;
    this.ensure(this.size);
    const lists = [fields.title, fields.products, fields.description];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const tokens = lists[f];
      this.lengths[doc * FIELD_COUNT + f] = Math.min(tokens.length, 65535);
      this.lengthSums[f] += tokens.length;
      for (const token of tokens) {
        let list = this.postings.get(token);
        if (!list) {
          list = new Postings();
          this.postings.set(token, list);
        }
        list.count1(doc, f);
      }
    }
    this.isAlive[doc] = 1;
    this.live++;
    return doc;
  }

  /** Remove a document (its postings stay, skipped as dead). */
  remove(doc: number): void {
    if (doc < 0 || doc >= this.size || !this.isAlive[doc]) return;
    this.isAlive[doc] = 0;
    this.live--;
    this.version++;
    for (let f = 0; f < FIELD_COUNT; f++) this.lengthSums[f] -= this.lengths[doc * FIELD_COUNT + f];
  }

  /** Inverse document frequency of a term (0 when absent); removed documents still count until a rebuild. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    if (df === 0) return 0;
    const n = Math.max(this.live, df);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Documents whose postings hold the term, removed ones included until a rebuild. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.count ?? 0;
  }

  /** True when some document contains the term. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /**
   * The `limit` best live documents for the query (terms beyond {@link MAX_QUERY_TERMS} are
   * dropped, weakest first), with the query terms each one matched. `accept` filters documents
   * before they take a place in the top list.
   */
  search(query: readonly QueryTerm[], limit: number, accept?: (doc: number) => boolean, prune = true): TextHit[] {
    const capacity = this.lengths.length / FIELD_COUNT;
    if (this.scratch.scores.length < capacity) this.scratch = new Scratch(capacity);
    const scratch = this.scratch;
    const { scores, masks, touched } = scratch;
    const terms = query.slice(0, MAX_QUERY_TERMS);
    const lists = terms.map((t) => this.postings.get(t.term));
    // Terms are added in decreasing order of idf × weight (the order fixes the floating-point sum).
    const bound = terms.map((t) => this.idf(t.term) * t.weight);
    // In a large index, terms most documents contain are deferred: they only add to documents a
    // rarer term found (a document matching nothing but common words is no candidate).
    const isLarge = this.live >= this.deferMinDocs;
    const isCommon = (q: number) => isLarge && lists[q]!.count > DEFER_SHARE * this.live;
    const byBound = terms.map((_, q) => q).filter((q) => bound[q] > 0).sort((a, b) => bound[b] - bound[a]);
    const rare = byBound.filter((q) => !isCommon(q));
    const order = rare.length > 0 ? [...rare, ...byBound.filter(isCommon)] : byBound;
    const firstDeferred = rare.length > 0 ? rare.length : order.length;
    const norms = this.norms();
    // MaxScore pruning with each term's real ceiling: idf × weight × the largest saturation
    // t/(k1 + t) any of its postings reaches (cached until the index changes), not idf × weight.
    const rest = new Float64Array(order.length + 1);
    const loose = new Float64Array(order.length + 1);
    for (let j = order.length - 1; j >= 0; j--) {
      const q = order[j];
      rest[j] = rest[j + 1] + bound[q] * this.saturationCeiling(lists[q]!, norms) * CEILING_MARGIN;
      loose[j] = loose[j + 1] + bound[q];
    }
    scratch.touchedCount = 0;
    scratch.best = 0;
    let j = 0;
    let bar = 0;
    /** The highest bar a document was dropped under (0: none was). */
    let prunedBelow = 0;
    for (; j < firstDeferred; j++) {
      // Once the terms left cannot lift an untouched document to the current `limit`-th score,
      // no new document can enter: the remaining terms only update the ones that still can.
      if (prune && j > 0 && scratch.touchedCount >= limit && loose[j] < scratch.best) {
        bar = kthLargest(touched, scratch.touchedCount, scores, limit)
        if (loose[j] < bar) {
          prunedBelow = bar;
          break;
        }
      }
      const q = order[j];
      const list = lists[q]!;
      accumulate(list.docs, list.tf, list.count, bound[q], 2 ** q, this.isAlive, this.lengths, norms, scratch)
    }
    const touchedCount = scratch.touchedCount;
    let candidates = touched;
    let candidateCount = touchedCount;
    if (j < order.length) {
      // Only documents that can still enter the top `limit` with the terms left are
      // updated; the entry bar rises as they gain (scores only grow), so they thin out term by term.
      bar = prune ? kthLargest(touched, touchedCount, scores, limit) : 0;
      candidates = new Int32Array(touchedCount);
      candidateCount = 0;
      for (let i = 0; i < touchedCount; i++) {
        const doc = touched[i];
        if (scores[doc] + rest[j] >= bar) candidates[candidateCount++] = doc;
      }
      candidates = candidates.subarray(0, candidateCount).sort()
      prunedBelow = bar;
      for (; j < order.length && candidateCount > 0; j++) {
        const q = order[j];
        const list = lists[q]!;
        accumulateCandidates(list.docs, list.tf, list.count, bound[q], 2 ** q, candidates, candidateCount, this.lengths, norms, scratch)
        if (prune) bar = Math.max(bar, kthLargest(candidates, candidateCount, scores, limit));
        let kept = 0;
        for (let c = 0; c < candidateCount; c++) if (scores[candidates[c]] + rest[j + 1] >= bar) candidates[kept++] = candidates[c];
        candidateCount = kept;
        prunedBelow = bar;
      }
    }
    const hits = topK(candidates, candidateCount, scores, limit, accept)
    const result = hits.map((doc) => ({ doc, score: scores[doc], matched: bitsOf(masks[doc], terms.length) }));
    // The bars were set without `accept`: documents it refuses may have held places in the top
    // `limit`, so a pruned document could belong in it after all when the last hit is under the bar.
    const isExact = !accept || prunedBelow === 0 || (result.length === limit && result[limit - 1].score >= prunedBelow);
    for (let i = 0; i < touchedCount; i++) {
      scores[touched[i]] = 0;
      masks[touched[i]] = 0;
    }
    return isExact ? result : this.search(query, limit, accept, false);
  }

  /**
   * The largest t/(k1 + t) among the term's postings under the current length normalisation
   * (dead documents included: still an upper bound). Recomputed, one walk of the list, only after
   * the index changed.
   */
  private saturationCeiling(list: Postings, norms: Float64Array): number {
    if (list.ceilingVersion === this.version) return list.ceiling;
    let ceiling = 0;
    const { docs, tf, count } = list;
    const lengths = this.lengths;
    for (let i = 0; i < count; i++) {
      const s = termScore(tf, i, lengths, docs[i], norms, 1);
      if (s > ceiling) ceiling = s;
    }
    list.ceiling = ceiling;
    list.ceilingVersion = this.version;
    return ceiling;
  }

  /** Per field: weight, then the length normalisation 1 − b + b·len/avg as (1 − b) + len·(b/avg), then k1. */
  private norms(): Float64Array {
    const { weights, b, k1 } = BM25F;
    const out = new Float64Array(3 * FIELD_COUNT + 1);
    for (let f = 0; f < FIELD_COUNT; f++) {
      out[f] = weights[f];
      out[FIELD_COUNT + f] = 1 - b[f];
      out[2 * FIELD_COUNT + f] = b[f] / this.averageLength(f);
    }
    out[3 * FIELD_COUNT] = k1;
    return out;
  }

  private averageLength(field: number): number {
    return this.live > 0 ? Math.max(this.lengthSums[field] / this.live, 1) : 1;
  }

  /** The score of one document for the query (0 and nothing matched when it is dead or unrelated). */
  scoreDoc(query: readonly QueryTerm[], doc: number): TextHit {
    const hit: TextHit = { doc, score: 0, matched: [] };
    if (doc < 0 || doc >= this.size || !this.isAlive[doc]) return hit;
    const terms = query.slice(0, MAX_QUERY_TERMS);
    const norms = this.norms();
    for (let q = 0; q < terms.length; q++) {
      const list = this.postings.get(terms[q].term);
      if (!list) continue;
      const i = indexOfDoc(list.docs, list.count, doc, 0);
      if (i < 0) continue;
      hit.score += termScore(list.tf, i, this.lengths, doc, norms, this.idf(terms[q].term) * terms[q].weight);
      hit.matched.push(q);
    }
    return hit;
  }

  private ensure(size: number): void {
    if (size * FIELD_COUNT <= this.lengths.length) return;
    const capacity = Math.max(size, (this.lengths.length / FIELD_COUNT) * 2, 1024);
    const lengths = new Uint16Array(capacity * FIELD_COUNT);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const alive = new Uint8Array(capacity);
    alive.set(this.isAlive);
    this.isAlive = alive;
  }
}

/** Position of `doc` in an ascending posting list, or -1 (postings are appended in document order). */
function indexOfDoc(docs: Int32Array, count: number, doc: number, from: number): number {
  let lo = from;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] === doc) return mid;
    if (docs[mid] < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The first position at or after `from` whose document is ≥ `doc` (`count` when none): exponential then binary search. */
function gallop(docs: Int32Array, count: number, doc: number, from: number): number {
  if (from >= count || docs[from] >= doc) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < count && docs[hi] < doc) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > count) hi = count;
  // docs[lo] < doc, and docs[hi] ≥ doc or hi = count.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] < doc) lo = mid;
    else hi = mid;
  }
  return hi;
}

function swap(heap: Float64Array | number[], a: number, b: number): void {
  const t = heap[a];
  heap[a] = heap[b];
  heap[b] = t;
}

/** The `k`-th largest score among the (accepted) documents (0 when fewer): the entry bar of the top `k`. */
function kthLargest(docs: Int32Array, count: number, scores: Float64Array, k: number): number {
  if (count < k) return 0;
  const heap = new Float64Array(k);
  let size = 0;
  for (let d = 0; d < count; d++) {
    const v = scores[docs[d]];
    if (size === k && v <= heap[0]) continue;
    if (size < k) {
      let i = size++;
      heap[i] = v;
      while (i > 0 && heap[(i - 1) >> 1] > heap[i]) {
        const p = (i - 1) >> 1;
        swap(heap, i, p);
        i = p;
      }
    } else if (v > heap[0]) {
      heap[0] = v;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && heap[l] < heap[m]) m = l;
        if (r < k && heap[r] < heap[m]) m = r;
        if (m === i) break;
        swap(heap, i, m);
        i = m;
      }
    }
  }
  return size < k ? 0 : heap[0];
}

/** Query-term indexes set in a bit mask held in a double (exact up to 2^53). */
function bitsOf(mask: number, n: number): number[] {
  const out: number[] = [];
  let m = mask;
  for (let q = n - 1; q >= 0; q--) {
    const bit = 2 ** q;
    if (m >= bit) {
      out.push(q);
      m -= bit;
    }
  }
  return out.reverse();
}

/** The `k` highest-scoring documents, best first (a small binary heap over the touched ones). */
function topK(docs: Int32Array, count: number, scores: Float64Array, k: number, accept?: (doc: number) => boolean): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      swap(heap, i, p);
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) break;
      swap(heap, i, m);
      i = m;
    }
  };
  for (let d = 0; d < count; d++) {
    const doc = docs[d];
    if (heap.length === k && scores[heap[0]] > scores[doc]) continue;
    if (heap.length === k && !less(heap[0], doc)) continue;
    if (accept && !accept(doc)) continue;
    if (heap.length < k) {
      heap.push(doc);
      up(heap.length - 1);
    } else {
      heap[0] = doc;
      down(0);
    }
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0));
}
