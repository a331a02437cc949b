/**
 * The product knowledge base: how a need's words reach an offer's words when the two sides do
 * not use the same ones (a need asks for 酚醛树脂, the supplier lists 光刻胶材料). Data in
 * `data/product-kb.json` (sources in data/SOURCES.md) plus the chain templates' segments,
 * whose products are siblings. Pure: the caller hands in the parsed data.
 */
import { normaliseTerm } from './tokens.js';

/** How an expansion term relates to the term it came from. */
export type Relation = 'synonym' | 'broader' | 'narrower' | 'related' | 'sibling';

/** One entry of `data/product-kb.json`. */
export interface KbEntry {
  term: string;
  synonyms?: string[];
  broader?: string[];
  narrower?: string[];
  /** Inputs, components or uses that buyers of one often need from sellers of the other. */
  related?: string[];
}

/** A term the query is widened to, with the factor applied to its weight. */
export interface Expansion {
  term: string;
  relation: Relation;
  factor: number;
}

/** Weight factor of each relation: a synonym is nearly the same word, a sibling only a hint. */
export const RELATION_FACTOR: Record<Relation, number> = { synonym: 0.9, narrower: 0.7, broader: 0.6, related: 0.5, sibling: 0.3 };

/** Expansions by term: built once from the entries and the sibling groups. */
export class ProductKb {
  private readonly byTerm = new Map<string, Expansion[]>();

  /**
   * @param entries the knowledge base entries (relations are made symmetric: a narrower term's
   *   broader term is the entry, a synonym's synonym is the entry).
   * @param siblingGroups groups of terms that sit in the same chain segment.
   */
  constructor(entries: readonly KbEntry[], siblingGroups: readonly (readonly string[])[] = []) {
    for (const entry of entries) {
      const term = normaliseTerm(entry.term);
      const synonyms = (entry.synonyms ?? []).map(normaliseTerm);
      for (const s of synonyms) {
        this.link(term, s, 'synonym');
        this.link(s, term, 'synonym');
        for (const other of synonyms) if (other !== s) this.link(s, other, 'synonym');
      }
      for (const b of (entry.broader ?? []).map(normaliseTerm)) {
        for (const t of [term, ...synonyms]) {
          this.link(t, b, 'broader');
          this.link(b, t, 'narrower');
        }
      }
      for (const n of (entry.narrower ?? []).map(normaliseTerm)) {
        for (const t of [term, ...synonyms]) {
          this.link(t, n, 'narrower');
          this.link(n, t, 'broader');
        }
      }
      for (const r of (entry.related ?? []).map(normaliseTerm)) {
        for (const t of [term, ...synonyms]) {
          this.link(t, r, 'related');
          this.link(r, t, 'related');
        }
      }
    }
    for (const group of siblingGroups) {
      const terms = group.map(normaliseTerm);
      for (const a of terms) for (const b of terms) if (a !== b) this.link(a, b, 'sibling');
    }
  }

  /** Every term the knowledge base knows (for the tokenizer's dictionary). */
  terms(): string[] {
    const all = new Set<string>();
    for (const [term, expansions] of this.byTerm) {
      all.add(term);
      for (const e of expansions) all.add(e.term);
    }
    return [...all];
  }

  /** Expansions of a term, strongest relation first; empty when the term is unknown. */
  expand(term: string): readonly Expansion[] {
    return this.byTerm.get(normaliseTerm(term)) ?? [];
  }

  private link(from: string, to: string, relation: Relation): void {
    if (from === to || from.length < 2 || to.length < 2) return;
    const list = this.byTerm.get(from) ?? [];
    const factor = RELATION_FACTOR[relation];
    const existing = list.find((e) => e.term === to);
    if (existing) {
      if (existing.factor < factor) {
        existing.relation = relation;
        existing.factor = factor;
      }
    } else {
      list.push({ term: to, relation, factor });
    }
    list.sort((a, b) => b.factor - a.factor);
    this.byTerm.set(from, list);
  }
}
