/** SQL of needs and offers: explicit columns, scope in every WHERE clause of a list. */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { containsPattern } from '../../platform/text.js';

/** A need row in camelCase, with its owner enterprise. Money in fen (bigint). */
export interface NeedRecord {
  id: string;
  enterpriseId: string;
  uscc: string;
  enterpriseName: string;
  enterpriseSize: string | null;
  regionCode: string;
  targetRegionCode: string | null;
  title: string;
  description: string;
  kind: string;
  products: string[];
  industryCode: string | null;
  quantity: string;
  budgetMinFen: bigint | null;
  budgetMaxFen: bigint | null;
  requiredCertifications: string[];
  requiredLevel: string | null;
  deadline: string | null;
  visibility: string;
  invitedUsccs: string[];
  status: string;
  reviewComment: string | null;
  titleEn: string | null;
  descriptionEn: string | null;
  isCrossBorder: boolean;
  targetCountries: string[];
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An offer row in camelCase, with its owner enterprise. */
export interface OfferRecord {
  id: string;
  enterpriseId: string;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  title: string;
  description: string;
  products: string[];
  capacity: string;
  leadTimeDays: number | null;
  certifications: string[];
  regionsServed: string[];
  titleEn: string | null;
  descriptionEn: string | null;
  isCrossBorder: boolean;
  targetCountries: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** Columns of a need write. */
export interface NeedWrite {
  targetRegionCode: string | null;
  title: string;
  description: string;
  kind: string;
  products: string[];
  industryCode: string | null;
  quantity: string;
  budgetMinFen: bigint | null;
  budgetMaxFen: bigint | null;
  requiredCertifications: string[];
  requiredLevel: string | null;
  deadline: string | null;
  visibility: string;
  invitedUsccs: string[];
  titleEn: string | null;
  descriptionEn: string | null;
  isCrossBorder: boolean;
  targetCountries: string[];
}

/** Columns of an offer write. */
export interface OfferWrite {
  title: string;
  description: string;
  products: string[];
  capacity: string;
  leadTimeDays: number | null;
  certifications: string[];
  regionsServed: string[];
  titleEn: string | null;
  descriptionEn: string | null;
  isCrossBorder: boolean;
  targetCountries: string[];
}

/**
 * Who reads which needs, as SQL: needs of `ownEnterpriseId` and of regions under `ownerPrefix`
 * (gov scope) in any status; others only once published (and after), by visibility.
 */
export interface NeedReadScope {
  /** Every need (platform admin). */
  isAll: boolean;
  /** Owner-region prefix of the gov user's scope ('' = the country). */
  ownerPrefix?: string;
  ownEnterpriseId?: string;
  /** For `region` visibility: regions of the viewer (its enterprise's region, or its gov region). */
  viewerRegion?: string;
  viewerUscc?: string;
}

/** Filters of the needs list, validated. */
export interface NeedFilter {
  status?: string;
  kind?: string;
  regionPrefix?: string;
  q?: string;
  enterpriseId?: string;
  beforeId?: string;
}

const PUBLIC_STATES = ['published', 'closed', 'fulfilled'];

export type NeedEb = ExpressionBuilder<Database & { e: Database['enterprises'] }, 'needs' | 'e'>;

export function needScope(eb: NeedEb, scope: NeedReadScope): Expression<SqlBool> {
  if (scope.isAll) {
    return sql<boolean>`true`;
  }
  const own: Expression<SqlBool>[] = [];
  if (scope.ownEnterpriseId) own.push(eb('needs.enterprise_id', '=', scope.ownEnterpriseId));
  if (scope.ownerPrefix !== undefined) own.push(eb('needs.region_code', 'like', `${scope.ownerPrefix}%`));
  const visible: Expression<SqlBool>[] = [eb('needs.visibility', '=', 'public')];
  if (scope.viewerRegion) {
    // The need's region (preference, else its owner's region) contains the viewer's region, or the viewer's scope contains it.
    const region = sql<string>`coalesce(needs.target_region_code, needs.region_code)`;
    visible.push(eb.and([eb('needs.visibility', '=', 'region'), sql<boolean>`(${region} = '000000' or ${scope.viewerRegion} like (case when ${region} like '%0000' then left(${region}, 2) when ${region} like '%00' then left(${region}, 4) else ${region} end) || '%')`]));
  }
  if (scope.viewerUscc) visible.push(eb.and([eb('needs.visibility', '=', 'invited'), sql<boolean>`${scope.viewerUscc} = any(needs.invited_usccs)`]));
  return eb.or([...own, eb.and([eb('needs.status', 'in', PUBLIC_STATES), eb.or(visible)])]);
}

function needQuery(db: Db | Tx) {
  return db
    .selectFrom('needs')
    .innerJoin('enterprises as e', 'e.id', 'needs.enterprise_id')
    .select([
      'needs.id', 'needs.enterprise_id', 'e.uscc', 'e.name as enterprise_name', 'e.size as enterprise_size', 'needs.region_code', 'needs.target_region_code',
      'needs.title', 'needs.description', 'needs.kind', 'needs.products', 'needs.industry_code', 'needs.quantity', 'needs.budget_min_fen',
      'needs.budget_max_fen', 'needs.required_certifications', 'needs.required_level', sql<string | null>`needs.deadline::text`.as('deadline'),
      'needs.visibility', 'needs.invited_usccs', 'needs.title_en', 'needs.description_en', 'needs.is_cross_border', 'needs.target_countries', 'needs.status', 'needs.review_comment', 'needs.published_at', 'needs.created_at', 'needs.updated_at',
    ]);
}

type NeedRow = Awaited<ReturnType<ReturnType<typeof needQuery>['execute']>>[number];

function toNeed(r: NeedRow): NeedRecord {
  return {
    id: r.id, enterpriseId: r.enterprise_id, uscc: r.uscc, enterpriseName: r.enterprise_name, enterpriseSize: r.enterprise_size,
    regionCode: r.region_code, targetRegionCode: r.target_region_code, title: r.title, description: r.description, kind: r.kind,
    products: r.products, industryCode: r.industry_code, quantity: r.quantity,
    budgetMinFen: r.budget_min_fen === null ? null : BigInt(r.budget_min_fen), budgetMaxFen: r.budget_max_fen === null ? null : BigInt(r.budget_max_fen),
    requiredCertifications: r.required_certifications, requiredLevel: r.required_level, deadline: r.deadline, visibility: r.visibility,
    invitedUsccs: r.invited_usccs, titleEn: r.title_en, descriptionEn: r.description_en, isCrossBorder: r.is_cross_border, targetCountries: r.target_countries, status: r.status, reviewComment: r.review_comment, publishedAt: r.published_at, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** One need by id if the scope may read it. */
export async function selectNeed(db: Db | Tx, id: string, scope: NeedReadScope, options: { isForUpdate?: boolean } = {}): Promise<NeedRecord | undefined> {
  let q = needQuery(db).where('needs.id', '=', id).where((eb) => needScope(eb, scope));
  if (options.isForUpdate) q = q.forUpdate('needs');
  const row = await q.executeTakeFirst();
  return row ? toNeed(row) : undefined;
}

/** Needs by id, unscoped (for the matching index and the feed; callers filter). */
export async function selectNeedsByIds(db: Db | Tx, ids: readonly string[]): Promise<NeedRecord[]> {
  if (ids.length === 0) return [];
  return (await needQuery(db).where('needs.id', 'in', ids).execute()).map(toNeed);
}

/** Every published need (the feed index). */
export async function selectPublishedNeeds(db: Db): Promise<NeedRecord[]> {
  return (await needQuery(db).where('needs.status', '=', 'published').execute()).map(toNeed);
}

/** A page of needs in the scope, newest first. */
export async function selectNeeds(db: Db, scope: NeedReadScope, filter: NeedFilter, limit: number): Promise<NeedRecord[]> {
  let q = needQuery(db).where((eb) => needScope(eb, scope));
  if (filter.status) q = q.where('needs.status', '=', filter.status);
  if (filter.kind) q = q.where('needs.kind', '=', filter.kind);
  if (filter.regionPrefix) q = q.where('needs.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.enterpriseId) q = q.where('needs.enterprise_id', '=', filter.enterpriseId);
  if (filter.q) {
    const like = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('needs.title', 'like', like), sql<boolean>`array_to_string(needs.products, ' ') like ${like}`]));
  }
  if (filter.beforeId) q = q.where('needs.id', '<', filter.beforeId);
  return (await q.orderBy('needs.id', 'desc').limit(limit).execute()).map(toNeed);
}

/** Insert a need; returns its id. */
export async function insertNeed(tx: Tx, row: NeedWrite & { enterpriseId: string; regionCode: string; createdBy: string | null }): Promise<string> {
  const inserted = await tx
    .insertInto('needs')
    .values({ enterprise_id: row.enterpriseId, region_code: row.regionCode, created_by: row.createdBy, ...needColumns(row) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Change a need's fields. */
export async function updateNeedRow(tx: Tx, id: string, row: NeedWrite): Promise<void> {
  await tx.updateTable('needs').set({ ...needColumns(row), updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Move a need to another status (and record a review). */
export async function setNeedStatus(tx: Tx, id: string, change: { status: string; reviewComment?: string | null; reviewedBy?: string | null; isPublishing?: boolean }): Promise<void> {
  await tx
    .updateTable('needs')
    .set({
      status: change.status,
      updated_at: sql`now()`,
      ...(change.reviewComment !== undefined ? { review_comment: change.reviewComment } : {}),
      ...(change.reviewedBy !== undefined ? { reviewed_by: change.reviewedBy, reviewed_at: sql`now()` } : {}),
      ...(change.isPublishing ? { published_at: sql`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

function needColumns(row: NeedWrite) {
  return {
    target_region_code: row.targetRegionCode, title: row.title, description: row.description, kind: row.kind, products: row.products,
    industry_code: row.industryCode, quantity: row.quantity, budget_min_fen: row.budgetMinFen?.toString() ?? null,
    budget_max_fen: row.budgetMaxFen?.toString() ?? null, required_certifications: row.requiredCertifications,
    required_level: row.requiredLevel, deadline: row.deadline, visibility: row.visibility, invited_usccs: row.invitedUsccs,
    title_en: row.titleEn, description_en: row.descriptionEn, is_cross_border: row.isCrossBorder, target_countries: row.targetCountries,
  };
}

function offerQuery(db: Db | Tx) {
  return db
    .selectFrom('offers')
    .innerJoin('enterprises as e', 'e.id', 'offers.enterprise_id')
    .select([
      'offers.id', 'offers.enterprise_id', 'e.uscc', 'e.name as enterprise_name', 'offers.region_code', 'offers.title', 'offers.description',
      'offers.products', 'offers.capacity', 'offers.lead_time_days', 'offers.certifications', 'offers.regions_served', 'offers.title_en', 'offers.description_en', 'offers.is_cross_border', 'offers.target_countries', 'offers.created_at', 'offers.updated_at',
    ]);
}

type OfferRow = Awaited<ReturnType<ReturnType<typeof offerQuery>['execute']>>[number];

function toOffer(r: OfferRow): OfferRecord {
  return {
    id: r.id, enterpriseId: r.enterprise_id, uscc: r.uscc, enterpriseName: r.enterprise_name, regionCode: r.region_code, title: r.title,
    description: r.description, products: r.products, capacity: r.capacity, leadTimeDays: r.lead_time_days, certifications: r.certifications,
    regionsServed: r.regions_served, titleEn: r.title_en, descriptionEn: r.description_en, isCrossBorder: r.is_cross_border, targetCountries: r.target_countries, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** One offer by id (offers are public listings: every signed-in user reads them). */
export async function selectOffer(db: Db | Tx, id: string, options: { isForUpdate?: boolean } = {}): Promise<OfferRecord | undefined> {
  let q = offerQuery(db).where('offers.id', '=', id);
  if (options.isForUpdate) q = q.forUpdate('offers');
  const row = await q.executeTakeFirst();
  return row ? toOffer(row) : undefined;
}

/** Offers by id (the matching index). */
export async function selectOffersByIds(db: Db | Tx, ids: readonly string[]): Promise<OfferRecord[]> {
  if (ids.length === 0) return [];
  return (await offerQuery(db).where('offers.id', 'in', ids).execute()).map(toOffer);
}

/** Every offer (the matching index). */
export async function selectAllOffers(db: Db): Promise<OfferRecord[]> {
  return (await offerQuery(db).execute()).map(toOffer);
}

/** A page of offers, newest first. */
export async function selectOffers(db: Db, filter: { enterpriseId?: string; q?: string; beforeId?: string }, limit: number): Promise<OfferRecord[]> {
  let q = offerQuery(db);
  if (filter.enterpriseId) q = q.where('offers.enterprise_id', '=', filter.enterpriseId);
  if (filter.q) {
    const like = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('offers.title', 'like', like), sql<boolean>`array_to_string(offers.products, ' ') like ${like}`]));
  }
  if (filter.beforeId) q = q.where('offers.id', '<', filter.beforeId);
  return (await q.orderBy('offers.id', 'desc').limit(limit).execute()).map(toOffer);
}

/** Insert an offer; returns its id. */
export async function insertOffer(tx: Tx, row: OfferWrite & { enterpriseId: string; regionCode: string; createdBy: string | null }): Promise<string> {
  const inserted = await tx
    .insertInto('offers')
    .values({ enterprise_id: row.enterpriseId, region_code: row.regionCode, created_by: row.createdBy, ...offerColumns(row) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Change an offer's fields. */
export async function updateOfferRow(tx: Tx, id: string, row: OfferWrite): Promise<void> {
  await tx.updateTable('offers').set({ ...offerColumns(row), updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Delete an offer. */
export async function deleteOfferRow(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('offers').where('id', '=', id).execute();
}

function offerColumns(row: OfferWrite) {
  return {
    title: row.title, description: row.description, products: row.products, capacity: row.capacity, lead_time_days: row.leadTimeDays,
    certifications: row.certifications, regions_served: row.regionsServed,
    title_en: row.titleEn, description_en: row.descriptionEn, is_cross_border: row.isCrossBorder, target_countries: row.targetCountries,
  };
}

/** An enterprise as the matching index needs it. */
export interface EnterpriseRow {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  size: string | null;
  tags: string[];
  products: string[];
  capabilities: string;
  certifications: string[];
}

/** Enterprises for the index: all, or those with these USCCs. */
export async function selectEnterpriseRows(db: Db, usccs?: readonly string[]): Promise<EnterpriseRow[]> {
  let q = db
    .selectFrom('enterprises')
    .select(['id', 'uscc', 'name', 'region_code', 'industry_code', 'size', 'tags', 'products', 'capabilities', sql<string[]>`array(select jsonb_array_elements(certifications)->>'name')`.as('cert_names')]);
  if (usccs) {
    if (usccs.length === 0) return [];
    q = q.where('uscc', 'in', usccs);
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, industryCode: r.industry_code, size: r.size, tags: r.tags,
    products: r.products, capabilities: r.capabilities, certifications: r.cert_names.filter(Boolean),
  }));
}

/** Enterprise id, USCC, name, region and size by USCC. */
export async function selectEnterpriseByUscc(db: Db | Tx, uscc: string): Promise<{ id: string; uscc: string; name: string; regionCode: string; size: string | null } | undefined> {
  const r = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code', 'size']).where('uscc', '=', uscc).executeTakeFirst();
  return r ? { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code, size: r.size } : undefined;
}

/** Chain placements: (template key, segment key) of each enterprise placed in a chain made from a template. */
export async function selectChainPlacements(db: Db, enterpriseIds?: readonly string[]): Promise<{ enterpriseId: string; templateKey: string; segmentKey: string }[]> {
  let q = db
    .selectFrom('chain_members as m')
    .innerJoin('chains as c', 'c.id', 'm.chain_id')
    .select(['m.enterprise_id', 'c.template_key', 'm.segment_key'])
    .where('c.template_key', 'is not', null);
  if (enterpriseIds) {
    if (enterpriseIds.length === 0) return [];
    q = q.where('m.enterprise_id', 'in', enterpriseIds);
  }
  return (await q.execute()).map((r) => ({ enterpriseId: r.enterprise_id, templateKey: r.template_key!, segmentKey: r.segment_key }));
}
