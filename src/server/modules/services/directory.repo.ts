/** SQL of the service directory: providers, products, requests. Explicit columns; callers pass the scope. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** A provider row with its operator's name and its products' rating figures. */
export interface ProviderRecord {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
  operatorUscc: string | null;
  operatorName: string | null;
  address: string;
  contact: string;
  description: string;
  productCount: number;
  ratingSum: number;
  ratingCount: number;
}

/** Filters of the provider list. */
export interface ProviderFilter {
  kind?: string;
  regionPrefix?: string;
  q?: string;
  beforeId?: string;
}

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function providerSelect(db: Db | Tx) {
  return db
    .selectFrom('service_providers as p')
    .leftJoin('enterprises as e', 'e.uscc', 'p.operator_uscc')
    .select([
      'p.id', 'p.name', 'p.kind', 'p.region_code as regionCode', 'p.operator_uscc as operatorUscc', 'e.name as operatorName', 'p.address', 'p.contact', 'p.description',
      sql<number>`(SELECT count(*)::int FROM service_products sp WHERE sp.provider_id = p.id AND sp.is_active)`.as('productCount'),
      sql<number>`(SELECT coalesce(sum(r.rating), 0)::int FROM service_requests r JOIN service_products sp ON sp.id = r.product_id WHERE sp.provider_id = p.id AND r.rating IS NOT NULL)`.as('ratingSum'),
      sql<number>`(SELECT count(r.rating)::int FROM service_requests r JOIN service_products sp ON sp.id = r.product_id WHERE sp.provider_id = p.id)`.as('ratingCount'),
    ]);
}

/** One provider. */
export async function selectProvider(db: Db | Tx, id: string): Promise<ProviderRecord | undefined> {
  return providerSelect(db).where('p.id', '=', id).executeTakeFirst();
}

/** Providers newest first. */
export async function selectProviders(db: Db | Tx, filter: ProviderFilter, limit: number): Promise<ProviderRecord[]> {
  let query = providerSelect(db);
  if (filter.kind) query = query.where('p.kind', '=', filter.kind);
  if (filter.regionPrefix) query = query.where('p.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.q) query = query.where((eb) => eb.or([eb('p.name', 'ilike', likeOf(filter.q!)), eb('p.description', 'ilike', likeOf(filter.q!))]));
  if (filter.beforeId) query = query.where('p.id', '<', filter.beforeId);
  return query.orderBy('p.id', 'desc').limit(limit).execute();
}

/** Insert a provider. */
export async function insertProvider(tx: Tx, input: { name: string; kind: string; regionCode: string; operatorUscc: string | null; address: string; contact: string; description: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('service_providers')
    .values({ name: input.name, kind: input.kind, region_code: input.regionCode, operator_uscc: input.operatorUscc, address: input.address, contact: input.contact, description: input.description, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A product row with its provider and figures. */
export interface ProductRecord {
  id: string;
  providerId: string;
  providerName: string;
  providerKind: string;
  operatorUscc: string | null;
  regionCode: string;
  title: string;
  category: string;
  description: string;
  priceFen: string | null;
  isActive: boolean;
  requestCount: number;
  ratingSum: number;
  ratingCount: number;
}

function productSelect(db: Db | Tx) {
  return db
    .selectFrom('service_products as sp')
    .innerJoin('service_providers as p', 'p.id', 'sp.provider_id')
    .select([
      'sp.id', 'sp.provider_id as providerId', 'p.name as providerName', 'p.kind as providerKind', 'p.operator_uscc as operatorUscc', 'sp.region_code as regionCode', 'sp.title', 'sp.category', 'sp.description',
      'sp.price_fen as priceFen', 'sp.is_active as isActive',
      sql<number>`(SELECT count(*)::int FROM service_requests r WHERE r.product_id = sp.id)`.as('requestCount'),
      sql<number>`(SELECT coalesce(sum(r.rating), 0)::int FROM service_requests r WHERE r.product_id = sp.id AND r.rating IS NOT NULL)`.as('ratingSum'),
      sql<number>`(SELECT count(r.rating)::int FROM service_requests r WHERE r.product_id = sp.id)`.as('ratingCount'),
    ]);
}

/** One product. */
export async function selectProduct(db: Db | Tx, id: string): Promise<ProductRecord | undefined> {
  return productSelect(db).where('sp.id', '=', id).executeTakeFirst();
}

/** Active products newest first. */
export async function selectProducts(db: Db | Tx, filter: { category?: string; providerId?: string; q?: string; beforeId?: string }, limit: number): Promise<ProductRecord[]> {
  let query = productSelect(db).where('sp.is_active', '=', true);
  if (filter.category) query = query.where('sp.category', '=', filter.category);
  if (filter.providerId) query = query.where('sp.provider_id', '=', filter.providerId);
  if (filter.q) query = query.where((eb) => eb.or([eb('sp.title', 'ilike', likeOf(filter.q!)), eb('sp.description', 'ilike', likeOf(filter.q!))]));
  if (filter.beforeId) query = query.where('sp.id', '<', filter.beforeId);
  return query.orderBy('sp.id', 'desc').limit(limit).execute();
}

/** Insert a product. */
export async function insertProduct(tx: Tx, input: { providerId: string; regionCode: string; title: string; category: string; description: string; priceFen: bigint | null; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('service_products')
    .values({ provider_id: input.providerId, region_code: input.regionCode, title: input.title, category: input.category, description: input.description, price_fen: input.priceFen, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A request row with its product, provider and enterprise. */
export interface RequestRecord {
  id: string;
  productId: string;
  productTitle: string;
  providerId: string;
  providerName: string;
  providerRegionCode: string;
  operatorUscc: string | null;
  uscc: string;
  name: string;
  regionCode: string;
  note: string;
  status: string;
  reply: string;
  rating: number | null;
  review: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Which requests a list shows: an enterprise's own, or those to providers in a scope. */
export interface RequestFilter {
  enterpriseId?: string;
  /** Providers whose region starts with this (gov). */
  providerRegionPrefix?: string;
  /** Providers run by this enterprise (members). */
  operatorUscc?: string;
  status?: string;
  beforeId?: string;
}

function requestSelect(db: Db | Tx) {
  return db
    .selectFrom('service_requests as r')
    .innerJoin('service_products as sp', 'sp.id', 'r.product_id')
    .innerJoin('service_providers as p', 'p.id', 'sp.provider_id')
    .innerJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select([
      'r.id', 'r.product_id as productId', 'sp.title as productTitle', 'p.id as providerId', 'p.name as providerName', 'p.region_code as providerRegionCode', 'p.operator_uscc as operatorUscc',
      'e.uscc', 'e.name', 'r.region_code as regionCode', 'r.note', 'r.status', 'r.reply', 'r.rating', 'r.review', 'r.created_at as createdAt', 'r.updated_at as updatedAt',
    ]);
}

/** One request (optionally locked). */
export async function selectRequest(db: Db | Tx, id: string, options: { isForUpdate?: boolean } = {}): Promise<RequestRecord | undefined> {
  let query = requestSelect(db).where('r.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('r');
  return query.executeTakeFirst();
}

/** Requests newest first. */
export async function selectRequests(db: Db | Tx, filter: RequestFilter, limit: number): Promise<RequestRecord[]> {
  let query = requestSelect(db);
  if (filter.enterpriseId) query = query.where('r.enterprise_id', '=', filter.enterpriseId);
  if (filter.providerRegionPrefix !== undefined) query = query.where('p.region_code', 'like', `${filter.providerRegionPrefix}%`);
  if (filter.operatorUscc) query = query.where('p.operator_uscc', '=', filter.operatorUscc);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.beforeId) query = query.where('r.id', '<', filter.beforeId);
  return query.orderBy('r.id', 'desc').limit(limit).execute();
}

/** Insert a request. */
export async function insertRequest(tx: Tx, input: { productId: string; enterpriseId: string; regionCode: string; note: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('service_requests')
    .values({ product_id: input.productId, enterprise_id: input.enterpriseId, region_code: input.regionCode, note: input.note, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Move a request to a status with the provider's reply. */
export async function setRequestStatus(tx: Tx, id: string, input: { status: string; reply?: string }): Promise<void> {
  await tx.updateTable('service_requests').set({ status: input.status, ...(input.reply ? { reply: input.reply } : {}), updated_at: new Date() }).where('id', '=', id).execute();
}

/** Record the enterprise's rating of a completed request. */
export async function setRequestRating(tx: Tx, id: string, input: { rating: number; review: string }): Promise<void> {
  await tx.updateTable('service_requests').set({ rating: input.rating, review: input.review, rated_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
}
