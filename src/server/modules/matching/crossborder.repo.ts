/** SQL of the cross-border listings: published needs (visibility applied) and offers flagged for abroad. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { needScope, type NeedReadScope } from './matching.repo.js';

/** One listing row (a need or an offer) in camelCase. */
export interface ListingRecord {
  kind: 'need' | 'offer';
  id: string;
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  industryCode: string | null;
  needKind: string | null;
  products: string[];
  targetCountries: string[];
  listedAt: Date;
  /** listed_at at full (microsecond) precision, for the cursor. */
  listedKey: string;
}

/** Filters of the listings; `after` is the keyset position of the previous page's last row. */
export interface ListingFilter {
  kind?: 'need' | 'offer';
  country?: string;
  industryPrefix?: string;
  after?: { listedAt: string; kind: string; id: string };
}

/** A page of cross-border listings, newest first (listed_at, kind, id descending). */
export async function selectListings(db: Db, scope: NeedReadScope, filter: ListingFilter, limit: number): Promise<ListingRecord[]> {
  const needs = db
    .selectFrom('needs')
    .innerJoin('enterprises as e', 'e.id', 'needs.enterprise_id')
    .where('needs.is_cross_border', '=', true)
    .where('needs.status', '=', 'published')
    .where((eb) => needScope(eb, scope))
    .select([
      sql<string>`'need'`.as('kind'), 'needs.id', 'needs.title', 'needs.title_en', 'needs.description', 'needs.description_en', 'e.uscc', 'e.name as enterprise_name',
      'needs.region_code', sql<string | null>`coalesce(needs.industry_code, e.industry_code)`.as('industry_code'), sql<string | null>`needs.kind`.as('need_kind'),
      'needs.products', 'needs.target_countries', sql<Date>`coalesce(needs.published_at, needs.created_at)`.as('listed_at'),
    ]);
  const offers = db
    .selectFrom('offers')
    .innerJoin('enterprises as e', 'e.id', 'offers.enterprise_id')
    .where('offers.is_cross_border', '=', true)
    .select([
      sql<string>`'offer'`.as('kind'), 'offers.id', 'offers.title', 'offers.title_en', 'offers.description', 'offers.description_en', 'e.uscc', 'e.name as enterprise_name',
      'offers.region_code', sql<string | null>`e.industry_code`.as('industry_code'), sql<string | null>`null::text`.as('need_kind'),
      'offers.products', 'offers.target_countries', 'offers.created_at as listed_at',
    ]);
  const union = filter.kind === 'need' ? needs : filter.kind === 'offer' ? offers : needs.unionAll(offers);
  let q = db.selectFrom(union.as('l')).selectAll().select(sql<string>`l.listed_at::text`.as('listed_key'));
  if (filter.country) q = q.where(sql<boolean>`${filter.country} = any(l.target_countries)`);
  if (filter.industryPrefix) q = q.where('l.industry_code', 'like', `${filter.industryPrefix}%`);
  if (filter.after) {
    const { listedAt, kind, id } = filter.after;
    q = q.where(sql<boolean>`(l.listed_at, l.kind, l.id) < (${listedAt}::timestamptz, ${kind}::text, ${id}::bigint)`);
  }
  const rows = await q.orderBy('l.listed_at', 'desc').orderBy('l.kind', 'desc').orderBy('l.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    kind: r.kind as 'need' | 'offer', id: r.id, title: r.title, titleEn: r.title_en, description: r.description, descriptionEn: r.description_en,
    uscc: r.uscc, enterpriseName: r.enterprise_name, regionCode: r.region_code, industryCode: r.industry_code, needKind: r.need_kind,
    products: r.products, targetCountries: r.target_countries, listedAt: new Date(r.listed_at), listedKey: r.listed_key,
  }));
}
