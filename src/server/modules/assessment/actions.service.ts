/**
 * Assessment → action (DC-1, ★; ADR 0028): a gap (weak digital dimension, failed gradient
 * indicator) becomes a text query and the platform's listings — 小快轻准 solutions, shared
 * resources, open challenges, available experts, financing — are ranked against it with the
 * matching engine's tokenizer and BM25F as achievements are (ADR 0017, `rankByText`). Each step
 * says why: the gap it answers and the terms it matched.
 *
 * Financing products: the platform has financing requests and bank offers to them, not a product
 * list yet; {@link LISTING_SOURCES}.financing is the hook (empty) — a theme that fits financing
 * gets a financing step pointing at the financing page until products are listed.
 */
import { sql } from 'kysely';
import type { NextStep } from '../../../contracts/assessment.js';
import type { ResourceKind } from '../../../contracts/innovation.js';
import type { Db } from '../../db/database.js';
import { rankByText, type TextDoc } from '../innovation/achievements.matching.js';
import { sharedTokenizer } from '../matching/matching.index.js';
import { gradientTheme, type ActionTheme, type ListingKind } from './actions.themes.js';
import { sectorPrefixes } from './solutions.service.js';

/** A listing that can answer a gap. */
export interface Listing {
  kind: ListingKind;
  id: string;
  title: string;
  /** Who offers it and what it is, one line. */
  detail: string;
  link: string;
  text: TextDoc;
  /** Tags the listing declares (solutions: the digital dimensions it improves). */
  dimensions: readonly string[];
}

/** The enterprise being advised: its own listings are left out; its sector filters solutions. */
export interface AdvisedEnterprise {
  id: string;
  industryCode: string;
}

/** Listings read per kind (newest first): candidates of one request. */
export const LISTINGS_PER_KIND = 500;
/** Steps per theme and kind. */
export const STEPS_PER_KIND = 2;

type Source = (db: Db, enterprise: AdvisedEnterprise) => Promise<Listing[]>;

const PRICE_LABELS: Record<string, string> = { free: '免费', under_10k: '1万元以下', '10k_50k': '1–5万元', '50k_200k': '5–20万元', over_200k: '20万元以上' };

/** A shared resource's kind as words the tokenizer can match against a gap's phrases. */
const RESOURCE_KIND_TEXT: Record<ResourceKind, string> = {
  equipment: '仪器设备', lab: '实验室 研发检测', test_site: '试验场地 中试', service: '设计研发服务', brand: '品牌授权', capacity: '富余产能 生产制造',
};

/** Where each kind of listing comes from. */
export const LISTING_SOURCES: Record<ListingKind, Source> = {
  solution: async (db, enterprise) => {
    const rows = await db.selectFrom('solutions as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .where('s.is_published', '=', true).where('s.enterprise_id', '<>', enterprise.id)
      .where(sql<boolean>`(s.industry_codes = '{}' OR s.industry_codes && ${sectorPrefixes(enterprise.industryCode)}::text[])`)
      .select(['s.id', 's.title', 's.description', 's.scenarios', 's.dimensions', 's.price_band', 's.deployment_days', 'e.name as provider'])
      .orderBy('s.id', 'desc').limit(LISTINGS_PER_KIND).execute();
    return rows.map((r) => ({
      kind: 'solution', id: r.id, title: r.title, link: `/assessment/solutions?focus=${r.id}`, dimensions: r.dimensions,
      detail: `${r.provider} · ${r.scenarios.join('、')} · ${PRICE_LABELS[r.price_band] ?? r.price_band} · 约${r.deployment_days}天上线`,
      text: { title: r.title, products: r.scenarios, description: r.description },
    }));
  },
  resource: async (db, enterprise) => {
    const rows = await db.selectFrom('shared_resources as r').innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
      .where('r.is_active', '=', true).where('r.enterprise_id', '<>', enterprise.id)
      .select(['r.id', 'r.title', 'r.kind', 'r.specs', 'r.location', 'e.name as owner'])
      .orderBy('r.id', 'desc').limit(LISTINGS_PER_KIND).execute();
    return rows.map((r) => ({
      kind: 'resource', id: r.id, title: r.title, link: `/resources/${r.id}`, dimensions: [],
      detail: `${r.owner}${r.location ? ` · ${r.location}` : ''}`,
      text: { title: r.title, products: [RESOURCE_KIND_TEXT[r.kind as ResourceKind] ?? r.kind], description: r.specs },
    }));
  },
  challenge: async (db, enterprise) => {
    const rows = await db.selectFrom('challenges as c').leftJoin('organisations as o', 'o.id', 'c.owner_org_id')
      .where('c.status', '=', 'open').where('c.deadline', '>', new Date())
      .where((eb) => eb.or([eb('c.enterprise_id', 'is', null), eb('c.enterprise_id', '<>', enterprise.id)]))
      .select(['c.id', 'c.title', 'c.problem', 'c.fields', 'o.name as owner', sql<string>`to_char(c.deadline AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('deadline')])
      .orderBy('c.id', 'desc').limit(LISTINGS_PER_KIND).execute();
    return rows.map((r) => ({
      kind: 'challenge', id: r.id, title: r.title, link: `/challenges/${r.id}`, dimensions: [],
      detail: `${r.owner ?? '发榜方'} · ${r.fields.join('、')} · 截止 ${r.deadline}`,
      text: { title: r.title, products: r.fields, description: r.problem },
    }));
  },
  expert: async (db) => {
    const rows = await db.selectFrom('experts').where('is_available', '=', true)
      .select(['id', 'name', 'fields', 'affiliation']).orderBy('id', 'desc').limit(LISTINGS_PER_KIND).execute();
    return rows.map((r) => ({
      kind: 'expert', id: r.id, title: `${r.name}（${r.fields.join('、')}）`, link: '/consultations', dimensions: [],
      detail: `${r.affiliation || '专家库'} · 可发起专家咨询`,
      text: { title: r.fields.join(' '), products: r.fields, description: r.affiliation },
    }));
  },
  // Hook: bank financing products (capital module) are listed here once they exist.
  financing: async () => [],
};

/** Listings of the kinds asked for, read once per request. */
export async function loadListings(db: Db, enterprise: AdvisedEnterprise, kinds: Iterable<ListingKind>): Promise<Map<ListingKind, Listing[]>> {
  const wanted = [...new Set(kinds)];
  const lists = await Promise.all(wanted.map((k) => LISTING_SOURCES[k](db, enterprise)));
  return new Map(wanted.map((k, i) => [k, lists[i]]));
}

/** A gap as the query: its title, the phrases of a listing answering it, the guidance. */
export interface Gap {
  /** Dimension or indicator key the steps answer. */
  key: string;
  /** The gap in words (e.g. 数字化基础 当前 18/50). */
  label: string;
  theme: Pick<ActionTheme, 'title' | 'phrases' | 'advice' | 'kinds' | 'financing'>;
  /** Digital dimension a solution may declare (counts as a match even without shared words). */
  dimension?: string;
}

/** Bonus of a solution that declares the weak dimension (on the 0–1 text score). */
const DECLARED_DIMENSION_BONUS = 0.5;

/**
 * The listing steps for a gap: per kind the best {@link STEPS_PER_KIND} by text (solutions that
 * declare the gap's dimension rank first), each with its reason; then the financing step.
 */
export function stepsForGap(gap: Gap, listings: ReadonlyMap<ListingKind, Listing[]>): NextStep[] {
  const tokenizer = sharedTokenizer();
  const query: TextDoc = { title: gap.theme.title, products: gap.theme.phrases, description: gap.theme.advice };
  const steps: NextStep[] = [];
  for (const kind of gap.theme.kinds) {
    const candidates = listings.get(kind) ?? [];
    if (candidates.length === 0) continue;
    const ranked = rankByText(tokenizer, query, candidates, (l) => l.text, 50).map((m) => ({ listing: m.item, text: m.score, terms: m.terms }));
    if (gap.dimension) {
      for (const l of candidates) if (l.dimensions.includes(gap.dimension) && !ranked.some((r) => r.listing === l)) ranked.push({ listing: l, text: 0, terms: [] });
    }
    const scored = ranked
      .map((r) => ({ ...r, declared: gap.dimension !== undefined && r.listing.dimensions.includes(gap.dimension), total: r.text + (gap.dimension !== undefined && r.listing.dimensions.includes(gap.dimension) ? DECLARED_DIMENSION_BONUS : 0) }))
      .sort((a, b) => b.total - a.total || Number(b.listing.id) - Number(a.listing.id));
    for (const r of scored.slice(0, STEPS_PER_KIND)) {
      const why = [r.declared ? `声明可改进「${gap.theme.title}」` : null, r.terms.length > 0 ? `匹配：${r.terms.slice(0, 5).join('、')}` : null].filter(Boolean).join('；');
      steps.push({ dimension: gap.key, kind, title: r.listing.title, detail: r.listing.detail, link: r.listing.link, reason: `针对${gap.label}：${why}`, score: Math.round(Math.min(1, r.text) * 1000) / 1000 });
    }
  }
  if (gap.theme.financing) {
    steps.push({ dimension: gap.key, kind: 'financing', title: `融资支持：${gap.theme.financing}`, detail: '在融资对接中发起融资需求，由银行机构报价。', link: '/finance/financing', reason: `针对${gap.label}`, score: null });
  }
  return steps;
}

/** Themes a gradient result asks for at most (the biggest gaps first). */
export const GRADIENT_THEMES_SHOWN = 4;

/**
 * Next steps for the next tier of a gradient result: its failed conditions and improvable
 * indicators (biggest gain first) grouped by theme; per theme the guidance with the gaps it
 * covers, then listings ranked against it and the financing step.
 */
export async function gradientNextSteps(db: Db, enterprise: AdvisedEnterprise & { uscc: string }, tier: { name: string; improvements: readonly { kind: string; key: string; text: string }[] } | undefined): Promise<NextStep[]> {
  if (!tier) return [];
  const byTheme = new Map<string, { theme: ActionTheme; items: { key: string; text: string }[] }>();
  for (const i of tier.improvements) {
    if (i.kind === 'missing') continue;
    const theme = gradientTheme(i.key);
    if (!theme) continue;
    const entry = byTheme.get(theme.key) ?? { theme, items: [] };
    entry.items.push(i);
    byTheme.set(theme.key, entry);
  }
  const chosen = [...byTheme.values()].slice(0, GRADIENT_THEMES_SHOWN);
  const listings = await loadListings(db, enterprise, chosen.flatMap((c) => c.theme.kinds));
  const steps: NextStep[] = [];
  for (const { theme, items } of chosen) {
    const key = items[0].key;
    const label = `「${theme.title}」（${tier.name}）`;
    const link = theme.key === 'digital' ? `/assessment/digital/${enterprise.uscc}` : null;
    steps.push({ dimension: key, kind: 'guide', title: `${tier.name}：提升${theme.title}`, detail: `${items.map((i) => i.text).join('；')}。${theme.advice}`, link, reason: null, score: null });
    steps.push(...stepsForGap({ key, label, theme }, listings));
  }
  return steps;
}
