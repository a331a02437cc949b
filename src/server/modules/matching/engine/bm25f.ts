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
   * before they take a place in the top list. `prune = false` scores every candidate (a check).
   *
   * Document-at-a-time MaxScore: each term's ceiling is idf × weight × the largest saturation its
   * postings reach. Documents are enumerated in ascending order from the "essential" posting
   * lists only; once the `limit`-th score (the bar) exceeds the summed ceilings of the weakest
   * terms, those become non-essential: looked up (galloping) only for documents an essential
   * term found, and only while the document can still clear the bar. In an index of ≥
   * `deferMinDocs` documents, terms in more than {@link DEFER_SHARE} of them ("common") are
   * never enumerated: a document matching only common terms is no candidate. A document's score
   * is the sum of its terms' contributions in decreasing order of idf × weight (this order fixes
   * the floating-point sum).
   */
  search(query: readonly QueryTerm[], limit: number, accept?: (doc: number) => boolean, prune = true): TextHit[] {
    const terms = query.slice(0, MAX_QUERY_TERMS);
    const lists = terms.map((t) => this.postings.get(t.term));
    const bound = terms.map((t) => this.idf(t.term) * t.weight);
    const isLarge = this.live >= this.deferMinDocs;
    const isCommon = (q: number) => isLarge && lists[q]!.count > DEFER_SHARE * this.live;
    const byBound = terms.map((_, q) => q).filter((q) => bound[q] > 0).sort((a, b) => bound[b] - bound[a]);
    const rare = byBound.filter((q) => !isCommon(q));
    // The summation order: rare terms, then common ones, each by decreasing idf × weight.
    const order = rare.length > 0 ? [...rare, ...byBound.filter(isCommon)] : byBound;
    const n = order.length;
    if (n === 0 || limit <= 0) return [];
    const enumerable = rare.length > 0 ? rare.length : n;
    const norms = this.norms();
    const plan = new SearchPlan(n, limit);
    for (let j = 0; j < n; j++) {
      const list = lists[order[j]]!;
      plan.docs[j] = list.docs;
      plan.tf[j] = list.tf;
      plan.counts[j] = list.count;
      plan.weights[j] = bound[order[j]];
      plan.bits[j] = 2 ** order[j];
      plan.ceilings[j] = bound[order[j]] * this.saturationCeiling(list, norms) * CEILING_MARGIN;
    }
    plan.setEnumerable(enumerable);
    const hits = maxScore(plan, this.isAlive, this.lengths, norms, prune, accept);
    return hits.map((h) => ({ doc: h.doc, score: h.score, matched: bitsOf(h.mask, terms.length) }));
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

/** The posting lists of one search in summation order (decreasing idf × weight, rare before common), with their score ceilings. */
class SearchPlan {
  readonly docs: Int32Array[];
  readonly tf: Uint8Array[];
  readonly counts: Int32Array;
  /** idf × weight. */
  readonly weights: Float64Array;
  /** The term's bit in a document's mask of matched query terms (2^query index). */
  readonly bits: Float64Array;
  /** The most the term can add to a score (with a rounding margin). */
  readonly ceilings: Float64Array;
  /** Lists `0 … enumerable − 1` may bring documents in (rare terms); the rest only add to them. */
  enumerable = 0;

  constructor(
    readonly n: number,
    readonly limit: number,
  ) {
    this.docs = new Array<Int32Array>(n);
    this.tf = new Array<Uint8Array>(n);
    this.counts = new Int32Array(n);
    this.weights = new Float64Array(n);
    this.bits = new Float64Array(n);
    this.ceilings = new Float64Array(n);
  }

  setEnumerable(count: number): void {
    this.enumerable = count;
  }
}

/** One scored document of {@link maxScore}. */
interface RawHit {
  doc: number;
  score: number;
  mask: number;
}

/**
 * The best `plan.limit` documents, best first (ties: lower document first): document-at-a-time
 * MaxScore (see {@link TextIndex.search}). `accept` is asked only for documents about to enter
 * the top list, so the bar is always the `limit`-th score among accepted documents (exact).
 */
function maxScore(plan: SearchPlan, isAlive: Uint8Array, lengths: Uint16Array, norms: Float64Array, prune: boolean, accept?: (doc: number) => boolean): RawHit[] {
  const { n, limit, docs, tf, counts, weights, bits, ceilings, enumerable } = plan;
  const pos = new Int32Array(n);
  const contrib = new Float64Array(n);
  const heap = new TopK(limit);
  // Enumerable lists, weakest ceiling first: a prefix of them turns non-essential as the bar rises.
  const byCeiling = Array.from({ length: enumerable }, (_, j) => j).sort((a, b) => ceilings[a] - ceilings[b] || a - b);
  let nonEssentialSum = 0;
  for (let j = enumerable; j < n; j++) nonEssentialSum += ceilings[j];
  let firstEssential = 0;
  let essential = Int32Array.from(byCeiling);
  /** Non-essential lists, strongest ceiling first (the order they are looked up in). */
  let lookup = Int32Array.from({ length: n - enumerable }, (_, k) => enumerable + k).sort((a, b) => ceilings[b] - ceilings[a]);
  let bar = -Infinity;
  const END = 0x7fffffff;
  for (;;) {
    let doc = END;
    for (let e = 0; e < essential.length; e++) {
      const j = essential[e];
      if (pos[j] < counts[j] && docs[j][pos[j]] < doc) doc = docs[j][pos[j]];
    }
    if (doc === END) break;
    const alive = isAlive[doc] === 1;
    let partial = 0;
    for (let e = 0; e < essential.length; e++) {
      const j = essential[e];
      const p = pos[j];
      if (p < counts[j] && docs[j][p] === doc) {
        if (alive) {
          const c = termScore(tf[j], p, lengths, doc, norms, weights[j]);
          contrib[j] = c;
          partial += c;
        }
        pos[j] = p + 1;
      }
    }
    if (!alive) continue;
    let remaining = nonEssentialSum;
    let isOut = (partial + remaining) * CEILING_MARGIN < bar;
    for (let k = 0; k < lookup.length && !isOut; k++) {
      const j = lookup[k];
      remaining -= ceilings[j];
      const p = gallop(docs[j], counts[j], doc, pos[j]);
      pos[j] = p;
      if (p < counts[j] && docs[j][p] === doc) {
        const c = termScore(tf[j], p, lengths, doc, norms, weights[j]);
        contrib[j] = c;
        partial += c;
      }
      isOut = (partial + remaining) * CEILING_MARGIN < bar;
    }
    let score = 0;
    let mask = 0;
    for (let j = 0; j < n; j++) {
      const c = contrib[j];
      if (c !== 0) {
        score += c;
        mask += bits[j];
        contrib[j] = 0;
      }
    }
    if (isOut || !heap.admits(doc, score) || (accept && !accept(doc))) continue;
    heap.push(doc, score, mask);
    if (!prune || !heap.isFull) continue;
    bar = heap.minScore;
    // Enumerable lists whose ceilings, with every non-essential one, cannot reach the bar stop bringing documents in.
    let moved = false;
    while (firstEssential < enumerable && (nonEssentialSum + ceilings[byCeiling[firstEssential]]) * CEILING_MARGIN < bar) {
      nonEssentialSum += ceilings[byCeiling[firstEssential]];
      firstEssential++;
      moved = true;
    }
    if (moved) {
      essential = Int32Array.from(byCeiling.slice(firstEssential));
      lookup = Int32Array.from([...byCeiling.slice(0, firstEssential), ...Array.from({ length: n - enumerable }, (_, k) => enumerable + k)]).sort((a, b) => ceilings[b] - ceilings[a]);
    }
  }
  return heap.sorted();
}

/** A min-heap of the best `k` documents (worst on top: lower score, or higher document at equal score). */
class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private readonly masks: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
    this.masks = new Float64Array(k);
  }

  get isFull(): boolean {
    return this.size === this.k;
  }

  /** The `k`-th best score (meaningful once full). */
  get minScore(): number {
    return this.scores[0];
  }

  /** True when the document would take a place (the heap has room, or it beats the worst). */
  admits(doc: number, score: number): boolean {
    return this.size < this.k || score > this.scores[0] || (score === this.scores[0] && doc < this.docs[0]);
  }

  push(doc: number, score: number, mask: number): void {
    let i: number;
    if (this.size < this.k) {
      i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!isWorse(doc, score, this.docs[parent], this.scores[parent])) break;
        this.move(parent, i);
        i = parent;
      }
    } else {
      i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= this.size) break;
        const r = l + 1;
        const m = r < this.size && isWorse(this.docs[r], this.scores[r], this.docs[l], this.scores[l]) ? r : l;
        if (!isWorse(this.docs[m], this.scores[m], doc, score)) break;
        this.move(m, i);
        i = m;
      }
    }
    this.docs[i] = doc;
    this.scores[i] = score;
    this.masks[i] = mask;
  }

  /** The held documents, best first. */
  sorted(): RawHit[] {
    const out: RawHit[] = [];
    for (let i = 0; i < this.size; i++) out.push({ doc: this.docs[i], score: this.scores[i], mask: this.masks[i] });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  private move(from: number, to: number): void {
    this.docs[to] = this.docs[from];
    this.scores[to] = this.scores[from];
    this.masks[to] = this.masks[from];
  }
}

/** Whether document `a` with score `sa` ranks below `b` with `sb` (lower score; at equal score, the higher document). */
function isWorse(a: number, sa: number, b: number, sb: number): boolean {
  return sa < sb || (sa === sb && a > b);
}
