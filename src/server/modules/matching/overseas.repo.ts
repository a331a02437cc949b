/** SQL of overseas service offers and their applications. Explicit columns; callers pass the scope. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** An offer row with its firm and application counts, in camelCase. */
export interface OverseasOfferRecord {
  id: string;
  enterpriseId: string;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  targetCountries: string[];
  serviceKind: string;
  capacity: number;
  acceptedCount: number;
  deadline: string;
  createdAt: Date;
  applications: number;
  pending: number;
  declined: number;
}

function offerSelect(db: Db | Tx) {
  return db
    .selectFrom('overseas_offers as o')
    .innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select([
      'o.id', 'o.enterprise_id as enterpriseId', 'e.uscc', 'e.name as enterpriseName', 'o.region_code as regionCode', 'o.title', 'o.title_en as titleEn', 'o.description',
      'o.description_en as descriptionEn', 'o.target_countries as targetCountries', 'o.service_kind as serviceKind', 'o.capacity', 'o.accepted_count as acceptedCount',
      // `date` arrives from pg as a local-time Date: read the business date as text.
      sql<string>`to_char(o.deadline, 'YYYY-MM-DD')`.as('deadline'), 'o.created_at as createdAt',
      sql<number>`(select count(*)::int from overseas_offer_applications a where a.offer_id = o.id)`.as('applications'),
      sql<number>`(select count(*)::int from overseas_offer_applications a where a.offer_id = o.id and a.status = 'submitted')`.as('pending'),
      sql<number>`(select count(*)::int from overseas_offer_applications a where a.offer_id = o.id and a.status = 'declined')`.as('declined'),
    ]);
}

/** One offer. */
export async function selectOffer(db: Db | Tx, id: string): Promise<OverseasOfferRecord | undefined> {
  return offerSelect(db).where('o.id', '=', id).executeTakeFirst();
}

/** Filters of the offers list; `regionPrefix` is a gov scope, `enterpriseId` the caller's own. */
export interface OverseasOfferFilter {
  regionPrefix?: string;
  enterpriseId?: string;
  country?: string;
  serviceKind?: string;
  beforeId?: string;
}

/** Offers newest first. */
export async function selectOffers(db: Db | Tx, filter: OverseasOfferFilter, limit: number): Promise<OverseasOfferRecord[]> {
  let query = offerSelect(db);
  if (filter.regionPrefix) query = query.where('o.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.enterpriseId) query = query.where('o.enterprise_id', '=', filter.enterpriseId);
  if (filter.country) query = query.where(sql<boolean>`${filter.country} = any(o.target_countries)`);
  if (filter.serviceKind) query = query.where('o.service_kind', '=', filter.serviceKind);
  if (filter.beforeId) query = query.where('o.id', '<', filter.beforeId);
  return query.orderBy('o.id', 'desc').limit(limit).execute();
}

/** Insert an offer. */
export async function insertOffer(tx: Tx, input: { enterpriseId: string; regionCode: string; title: string; titleEn: string; description: string; descriptionEn: string; targetCountries: string[]; serviceKind: string; capacity: number; deadline: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('overseas_offers')
    .values({
      enterprise_id: input.enterpriseId, region_code: input.regionCode, title: input.title, title_en: input.titleEn, description: input.description, description_en: input.descriptionEn,
      target_countries: input.targetCountries, service_kind: input.serviceKind, capacity: input.capacity, deadline: input.deadline, created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Take one place of the offer: raises `accepted_count` only while it is below `capacity`, under the
 * row lock, so concurrent accepts queue and the last ones find no place. False when full.
 */
export async function takePlace(tx: Tx, offerId: string): Promise<boolean> {
  const row = await tx
    .updateTable('overseas_offers')
    .set((eb) => ({ accepted_count: eb('accepted_count', '+', 1) }))
    .where('id', '=', offerId)
    .whereRef('accepted_count', '<', 'capacity')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** An application with its offer, firm and SME. */
export interface OverseasApplicationRecord {
  id: string;
  offerId: string;
  offerTitle: string;
  offerTitleEn: string;
  offerRegionCode: string;
  firmUscc: string;
  firmName: string;
  enterpriseId: string;
  uscc: string;
  name: string;
  regionCode: string;
  note: string;
  status: string;
  decisionNote: string;
  decidedAt: Date | null;
  createdAt: Date;
}

function applicationSelect(db: Db | Tx) {
  return db
    .selectFrom('overseas_offer_applications as a')
    .innerJoin('overseas_offers as o', 'o.id', 'a.offer_id')
    .innerJoin('enterprises as f', 'f.id', 'o.enterprise_id')
    .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .select([
      'a.id', 'a.offer_id as offerId', 'o.title as offerTitle', 'o.title_en as offerTitleEn', 'o.region_code as offerRegionCode', 'f.uscc as firmUscc', 'f.name as firmName',
      'a.enterprise_id as enterpriseId', 'e.uscc', 'e.name', 'a.region_code as regionCode', 'a.note', 'a.status', 'a.decision_note as decisionNote', 'a.decided_at as decidedAt', 'a.created_at as createdAt',
    ]);
}

/** One application (optionally locked). */
export async function selectApplication(db: Db | Tx, id: string, options: { isForUpdate?: boolean } = {}): Promise<OverseasApplicationRecord | undefined> {
  let query = applicationSelect(db).where('a.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('a');
  return query.executeTakeFirst();
}

/** Applications of an offer or of an enterprise, newest first. */
export async function selectApplications(db: Db | Tx, filter: { offerId?: string; enterpriseId?: string }, limit: number): Promise<OverseasApplicationRecord[]> {
  let query = applicationSelect(db);
  if (filter.offerId) query = query.where('a.offer_id', '=', filter.offerId);
  if (filter.enterpriseId) query = query.where('a.enterprise_id', '=', filter.enterpriseId);
  return query.orderBy('a.id', 'desc').limit(limit).execute();
}

/** The enterprise's applications to these offers: offer id → {id, status}. */
export async function selectOwnApplications(db: Db | Tx, enterpriseId: string, offerIds: string[]): Promise<Map<string, { id: string; status: string }>> {
  if (offerIds.length === 0) return new Map();
  const rows = await db.selectFrom('overseas_offer_applications').select(['id', 'offer_id', 'status']).where('enterprise_id', '=', enterpriseId).where('offer_id', 'in', offerIds).execute();
  return new Map(rows.map((r) => [r.offer_id, { id: r.id, status: r.status }]));
}

/** Insert an application. */
export async function insertApplication(tx: Tx, input: { offerId: string; enterpriseId: string; regionCode: string; note: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('overseas_offer_applications')
    .values({ offer_id: input.offerId, enterprise_id: input.enterpriseId, region_code: input.regionCode, note: input.note, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Record the firm's decision. */
export async function setDecision(tx: Tx, id: string, input: { status: string; note: string; decidedBy: string | null }): Promise<void> {
  await tx.updateTable('overseas_offer_applications').set({ status: input.status, decision_note: input.note, decided_by: input.decidedBy, decided_at: new Date() }).where('id', '=', id).execute();
}

/** The kind of an organisation (`sme`, `large_enterprise`, `bank`…). */
export async function selectOrgKind(db: Db | Tx, orgId: string): Promise<string | undefined> {
  return (await db.selectFrom('organisations').select('kind').where('id', '=', orgId).executeTakeFirst())?.kind;
}

/** Registry facts of an enterprise by USCC. */
export async function selectEnterprise(db: Db | Tx, uscc: string) {
  return db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code as regionCode', 'size']).where('uscc', '=', uscc).executeTakeFirst();
}
