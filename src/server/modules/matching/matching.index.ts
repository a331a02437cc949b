/**
 * The process-wide matching index (`ctx.matching`): a {@link MatchEngine} built from the
 * database on first use and kept current — services call `refresh*` right after their commits,
 * and `follow` applies `change_log` rows (needs, offers, enterprises) of other nodes and CLI
 * commands. All loads run one at a time, so a refresh never interleaves with the first build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/database.js';
import { industryChildren, industriesUnder } from '../../platform/industries.js';
import { chainTemplates } from '../chains/chains.templates.js';
import { MatchEngine, segmentsByTerm, type EnterpriseFacts, type NeedFacts } from './engine/engine.js';
import type { ChainModel } from './engine/features.js';
import { ProductKb, type KbEntry } from './engine/kb.js';
import { Tokenizer } from './engine/tokens.js';
import * as repo from './matching.repo.js';

/** The product knowledge base file (sources in data/SOURCES.md). */
export const PRODUCT_KB_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/product-kb.json');

/** Change-log entity types the index follows. */
export const NEED_ENTITY = 'need';
export const OFFER_ENTITY = 'offer';
const ENTERPRISE_ENTITY = 'enterprise';

/** Chain segments of every template, numbered, with upstream links and the segment of each template key. */
interface ChainReference {
  model: ChainModel;
  segments: { products: string[] }[];
  numberOf: Map<string, number>;
}

function chainReference(): ChainReference {
  const names: string[] = [];
  const industries: string[][] = [];
  const upstreamKeys: string[][] = [];
  const segments: { products: string[] }[] = [];
  const numberOf = new Map<string, number>();
  for (const template of chainTemplates().values()) {
    for (const segment of template.segments) {
      numberOf.set(`${template.key}/${segment.key}`, names.length);
      names.push(segment.name);
      industries.push(segment.industryCodes);
      segments.push({ products: segment.products });
      upstreamKeys.push(segment.upstream.map((k) => `${template.key}/${k}`));
    }
  }
  const upstream = upstreamKeys.map((keys) => keys.map((k) => numberOf.get(k)).filter((n): n is number => n !== undefined));
  return { model: { names, upstream, industries }, segments, numberOf };
}

/** The engine's reference data: tokenizer dictionary, knowledge base and chain model. Built once per process. */
let reference: { tokenizer: Tokenizer; kb: ProductKb; chain: ChainReference } | undefined;

function engineReference() {
  if (!reference) {
    const entries = (JSON.parse(fs.readFileSync(PRODUCT_KB_FILE, 'utf8')) as { entries: KbEntry[] }).entries;
    const chain = chainReference();
    const kb = new ProductKb(entries, chain.segments.map((s) => s.products));
    const industryNames = industryChildren(null).flatMap((section) => industriesUnder(section.code)).map((i) => i.name.replace(/[（(].*$/, ''));
    const tokenizer = new Tokenizer([...kb.terms(), ...chain.segments.flatMap((s) => s.products), ...industryNames.filter((n) => n.length <= 8)]);
    reference = { tokenizer, kb, chain };
  }
  return reference;
}

/** A fresh engine over the shared reference data (benchmarks and tests build their own). */
export function createEngine(): MatchEngine {
  const { tokenizer, kb, chain } = engineReference();
  return new MatchEngine({ tokenizer, kb, chain: chain.model, segmentsOfTerm: segmentsByTerm(chain.segments) });
}

/** The engine's tokenizer (jieba with the domain dictionary), for baselines that should see the same terms. */
export function sharedTokenizer(): Tokenizer {
  return engineReference().tokenizer;
}

/** A published need as the engine indexes it. */
export function needFacts(need: repo.NeedRecord): NeedFacts {
  return {
    id: need.id, title: need.title, description: need.description, products: need.products, industryCode: need.industryCode,
    regionCode: need.targetRegionCode, requiredCertifications: need.requiredCertifications, requiredLevel: need.requiredLevel,
    ownerUscc: need.uscc, kind: need.kind as NeedFacts['kind'], deadline: need.deadline,
  };
}

/** Visibility data of the indexed needs (for the feed's filter). */
export interface NeedAccess {
  visibility: string;
  regionCode: string | null;
  ownerRegionCode: string;
  invitedUsccs: readonly string[];
}

/** Something with `subscribe(entityType, listener)`, like `ChangeFeed`. */
export interface ChangeSubscriber {
  subscribe(entityType: string, listener: (changes: { entityKey: string }[]) => void): () => void;
}

/** The matching index of one database. */
export class MatchingIndex {
  private engine: MatchEngine | undefined;
  private readonly access = new Map<string, NeedAccess>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /** The engine, built on the first call. */
  get(): Promise<MatchEngine> {
    return this.serial(async () => this.loaded());
  }

  /** Visibility data of an indexed (published) need. */
  accessOf(needId: string): NeedAccess | undefined {
    return this.access.get(needId);
  }

  /** Re-read these needs: published ones are (re)indexed, others leave the feed index. */
  refreshNeeds(ids: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!this.engine) return;
      const rows = await repo.selectNeedsByIds(this.db, ids);
      const seen = new Set<string>();
      for (const row of rows) {
        seen.add(row.id);
        this.applyNeed(this.engine, row);
      }
      for (const id of ids) if (!seen.has(id)) this.removeNeed(this.engine, id);
    });
  }

  /** Re-read these offers (missing ones were deleted). */
  refreshOffers(ids: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!this.engine) return;
      const engine = this.engine;
      const rows = await repo.selectOffersByIds(this.db, ids);
      await this.ensureEnterprises(engine, rows.map((r) => r.uscc));
      const seen = new Set<string>();
      for (const row of rows) {
        seen.add(row.id);
        engine.upsertOffer(row);
      }
      for (const id of ids) if (!seen.has(id)) engine.removeOffer(id);
    });
  }

  /** Re-read these enterprises' profiles. */
  refreshEnterprises(usccs: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!this.engine) return;
      await this.loadEnterprises(this.engine, usccs);
    });
  }

  /** Make sure the engine knows these enterprises (created after the index was built). */
  ensureKnown(usccs: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!this.engine) return;
      await this.ensureEnterprises(this.engine, usccs);
    });
  }

  /** Follow other nodes' and CLI commands' writes. Returns the unsubscribe function. */
  follow(feed: ChangeSubscriber): () => void {
    const stops = [
      feed.subscribe(NEED_ENTITY, (changes) => void this.refreshNeeds(changes.map((c) => c.entityKey))),
      feed.subscribe(OFFER_ENTITY, (changes) => void this.refreshOffers(changes.map((c) => c.entityKey))),
      feed.subscribe(ENTERPRISE_ENTITY, (changes) => void this.refreshEnterprises(changes.map((c) => c.entityKey))),
    ];
    return () => stops.forEach((stop) => stop());
  }

  private async loaded(): Promise<MatchEngine> {
    if (this.engine) return this.engine;
    const engine = createEngine();
    await this.loadEnterprises(engine);
    for (const offer of await repo.selectAllOffers(this.db)) engine.upsertOffer(offer);
    for (const need of await repo.selectPublishedNeeds(this.db)) this.applyNeed(engine, need);
    this.engine = engine;
    return engine;
  }

  private async ensureEnterprises(engine: MatchEngine, usccs: readonly string[]): Promise<void> {
    const missing = [...new Set(usccs)].filter((u) => !engine.hasEnterprise(u));
    if (missing.length > 0) await this.loadEnterprises(engine, missing);
  }

  private async loadEnterprises(engine: MatchEngine, usccs?: readonly string[]): Promise<void> {
    const rows = await repo.selectEnterpriseRows(this.db, usccs);
    const placements = await repo.selectChainPlacements(this.db, usccs ? rows.map((r) => r.id) : undefined);
    const { numberOf } = engineReference().chain;
    const segmentsOf = new Map<string, number[]>();
    for (const p of placements) {
      const n = numberOf.get(`${p.templateKey}/${p.segmentKey}`);
      if (n === undefined) continue;
      const list = segmentsOf.get(p.enterpriseId) ?? [];
      list.push(n);
      segmentsOf.set(p.enterpriseId, list);
    }
    for (const row of rows) {
      const facts: EnterpriseFacts = { ...row, memberSegments: segmentsOf.get(row.id) ?? [] };
      engine.upsertEnterprise(facts);
    }
  }

  private applyNeed(engine: MatchEngine, need: repo.NeedRecord): void {
    if (need.status !== 'published') {
      this.removeNeed(engine, need.id);
      return;
    }
    engine.upsertNeed(needFacts(need));
    this.access.set(need.id, { visibility: need.visibility, regionCode: need.targetRegionCode, ownerRegionCode: need.regionCode, invitedUsccs: need.invitedUsccs });
  }

  private removeNeed(engine: MatchEngine, id: string): void {
    engine.removeNeed(id);
    this.access.delete(id);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The engine's number of a chain template segment (`template/segment`), for placements loaded outside the database. */
export function chainSegmentNumber(key: string): number | undefined {
  return engineReference().chain.numberOf.get(key);
}
