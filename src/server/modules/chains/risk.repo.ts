import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { RegionScope } from '../../platform/scope.js';

/** A risk event row in camelCase, with the names of what it hit. */
export interface RiskEventRecord {
  id: string;
  kind: string;
  severity: string;
  status: string;
  enterpriseId: string | null;
  enterpriseUscc: string | null;
  enterpriseName: string | null;
  offPlatformSupplierId: string | null;
  offPlatformName: string | null;
  offPlatformCountry: string | null;
  regionCode: string;
  isRegionEvent: boolean;
  title: string;
  description: string;
  source: string;
  occurredAt: Date;
  createdAt: Date;
}

export interface RiskEventInsert {
  kind: string;
  severity: string;
  enterpriseId: string | null;
  offPlatformSupplierId: string | null;
  regionCode: string;
  isRegionEvent: boolean;
  title: string;
  description: string;
  source: string;
  occurredAt: Date;
  createdBy: string | null;
}

/** Who may see which events, already resolved by the service (see risk.policy.ts). */
export type EventVisibility =
  | { kind: 'scope'; scope: RegionScope; alertedEventIds: string[] }
  | { kind: 'member'; enterpriseIds: string[]; regionCodes: string[]; alertedEventIds: string[] };

export interface EventFilter {
  kind?: string;
  severity?: string;
  status?: string;
  regionPrefix?: string;
}

const EVENT_SELECT = sql`
  SELECT ev.id, ev.kind, ev.severity, ev.status, ev.enterprise_id, e.uscc AS enterprise_uscc, e.name AS enterprise_name,
         ev.off_platform_supplier_id, o.name AS off_platform_name, o.country_code AS off_platform_country,
         ev.region_code, ev.is_region_event, ev.title, ev.description, ev.source, ev.occurred_at, ev.created_at
  FROM risk_events ev
  LEFT JOIN enterprises e ON e.id = ev.enterprise_id
  LEFT JOIN off_platform_suppliers o ON o.id = ev.off_platform_supplier_id`;

type EventRow = {
  id: string; kind: string; severity: string; status: string; enterprise_id: string | null; enterprise_uscc: string | null; enterprise_name: string | null;
  off_platform_supplier_id: string | null; off_platform_name: string | null; off_platform_country: string | null; region_code: string;
  is_region_event: boolean; title: string; description: string; source: string; occurred_at: Date; created_at: Date;
};

function toEvent(r: EventRow): RiskEventRecord {
  return {
    id: r.id, kind: r.kind, severity: r.severity, status: r.status, enterpriseId: r.enterprise_id, enterpriseUscc: r.enterprise_uscc,
    enterpriseName: r.enterprise_name, offPlatformSupplierId: r.off_platform_supplier_id, offPlatformName: r.off_platform_name,
    offPlatformCountry: r.off_platform_country, regionCode: r.region_code, isRegionEvent: r.is_region_event, title: r.title,
    description: r.description, source: r.source, occurredAt: r.occurred_at, createdAt: r.created_at,
  };
}

function visibilityCondition(v: EventVisibility): Expression<SqlBool> {
  if (v.kind === 'scope') {
    if (v.scope.kind === 'all') return sql<SqlBool>`true`;
    const alerted = sql<SqlBool>`ev.id = ANY(${v.alertedEventIds}::bigint[])`;
    if (v.scope.kind === 'none') return alerted;
    return sql<SqlBool>`(ev.region_code LIKE ${`${v.scope.prefix}%`} OR ${alerted})`;
  }
  return sql<SqlBool>`(ev.enterprise_id = ANY(${v.enterpriseIds}::bigint[])
    OR ev.id = ANY(${v.alertedEventIds}::bigint[])
    OR (ev.is_region_event AND ev.region_code = ANY(${v.regionCodes}::text[])))`;
}

/** Insert an event; returns its id. */
export async function insertEvent(tx: Tx, e: RiskEventInsert): Promise<string> {
  const row = await tx
    .insertInto('risk_events')
    .values({
      kind: e.kind, severity: e.severity, enterprise_id: e.enterpriseId, off_platform_supplier_id: e.offPlatformSupplierId, region_code: e.regionCode,
      is_region_event: e.isRegionEvent, title: e.title, description: e.description, source: e.source, occurred_at: e.occurredAt, created_by: e.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One event by id (unscoped: the service applies the policy); `forUpdate` locks it in a transaction. */
export async function selectEvent(db: Db | Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<RiskEventRecord | undefined> {
  const lock = options.forUpdate ? sql` FOR UPDATE OF ev` : sql``;
  const result = await sql<EventRow>`${EVENT_SELECT} WHERE ev.id = ${id}${lock}`.execute(db);
  return result.rows[0] ? toEvent(result.rows[0]) : undefined;
}

/** A page of events in the visibility, newest first (keyset on id). */
export async function selectEventPage(db: Db, visibility: EventVisibility, filter: EventFilter, beforeId: string | undefined, limit: number): Promise<RiskEventRecord[]> {
  const conditions: Expression<SqlBool>[] = [visibilityCondition(visibility)];
  if (filter.kind) conditions.push(sql<SqlBool>`ev.kind = ${filter.kind}`);
  if (filter.severity) conditions.push(sql<SqlBool>`ev.severity = ${filter.severity}`);
  if (filter.status) conditions.push(sql<SqlBool>`ev.status = ${filter.status}`);
  if (filter.regionPrefix !== undefined) conditions.push(sql<SqlBool>`ev.region_code LIKE ${`${filter.regionPrefix}%`}`);
  if (beforeId) conditions.push(sql<SqlBool>`ev.id < ${beforeId}`);
  const result = await sql<EventRow>`${EVENT_SELECT} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY ev.id DESC LIMIT ${limit}`.execute(db);
  return result.rows.map(toEvent);
}

/** Set the status (the service checked the transition under the row lock). */
export async function updateEventStatus(tx: Tx, id: string, status: string): Promise<void> {
  await tx.updateTable('risk_events').set({ status, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** A note of the incident record. */
export interface NoteRecord {
  id: string;
  authorLabel: string;
  body: string;
  statusFrom: string | null;
  statusTo: string | null;
  createdAt: Date;
}

export async function insertNote(tx: Tx, note: { eventId: string; authorId: string | null; authorLabel: string; body: string; statusFrom?: string; statusTo?: string }): Promise<string> {
  const row = await tx
    .insertInto('risk_event_notes')
    .values({ event_id: note.eventId, author_id: note.authorId, author_label: note.authorLabel, body: note.body, status_from: note.statusFrom ?? null, status_to: note.statusTo ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Notes of an event, oldest first. */
export async function selectNotes(db: Db | Tx, eventId: string): Promise<NoteRecord[]> {
  const rows = await db
    .selectFrom('risk_event_notes')
    .select(['id', 'author_label', 'body', 'status_from', 'status_to', 'created_at'])
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, authorLabel: r.author_label, body: r.body, statusFrom: r.status_from, statusTo: r.status_to, createdAt: r.created_at }));
}

/** Events on these enterprises since a time (for the risk score), newest first. */
export async function selectEventsOnEnterprises(db: Db, enterpriseIds: readonly string[], since: Date): Promise<RiskEventRecord[]> {
  if (enterpriseIds.length === 0) return [];
  const result = await sql<EventRow>`${EVENT_SELECT} WHERE ev.enterprise_id = ANY(${enterpriseIds}::bigint[]) AND ev.occurred_at >= ${since} ORDER BY ev.id DESC LIMIT 500`.execute(db);
  return result.rows.map(toEvent);
}

/** Open events that start elsewhere than one enterprise (off-platform suppliers, regions) since a time. */
export async function selectOpenNonEnterpriseEvents(db: Db, since: Date, limit: number): Promise<RiskEventRecord[]> {
  const result = await sql<EventRow>`${EVENT_SELECT} WHERE ev.enterprise_id IS NULL AND ev.status IN ('potential', 'confirmed') AND ev.occurred_at >= ${since} ORDER BY ev.id DESC LIMIT ${limit}`.execute(db);
  return result.rows.map(toEvent);
}

/** Facts of enterprises by id (names and regions for impact lists). Read-only use of the registry table. */
export interface EnterpriseBrief {
  id: string;
  uscc: string;
  name: string;
  regionCode: string;
}

export async function selectEnterprisesById(db: Db | Tx, ids: readonly string[]): Promise<Map<string, EnterpriseBrief>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code']).where(sql<boolean>`id = ANY(${[...ids]}::bigint[])`).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code }]));
}

export async function selectEnterpriseByUscc(db: Db | Tx, uscc: string): Promise<EnterpriseBrief | undefined> {
  const r = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code']).where('uscc', '=', uscc).executeTakeFirst();
  return r ? { id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code } : undefined;
}

export async function selectOffPlatformNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, { name: string; countryCode: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('off_platform_suppliers').select(['id', 'name', 'country_code']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, countryCode: r.country_code }]));
}

/** Off-platform suppliers whose name contains `q`, by name. */
export async function searchOffPlatformSuppliers(db: Db, q: string, limit: number): Promise<{ id: string; name: string; countryCode: string }[]> {
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db.selectFrom('off_platform_suppliers').select(['id', 'name', 'country_code']).where('name', 'ilike', like).orderBy('name').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, countryCode: r.country_code }));
}

export async function selectOffPlatformSupplier(db: Db | Tx, id: string): Promise<{ id: string; name: string } | undefined> {
  const r = await db.selectFrom('off_platform_suppliers').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  return r ?? undefined;
}

/** Chain segments that hold any of these enterprises, with the chain's region (for scope). */
export interface SegmentMembership {
  chainId: string;
  chainName: string;
  chainRegionCode: string;
  segmentKey: string;
  segmentName: string;
  enterpriseId: string;
}

export async function selectMemberships(db: Db | Tx, enterpriseIds: readonly string[]): Promise<SegmentMembership[]> {
  if (enterpriseIds.length === 0) return [];
  const result = await sql<{ chain_id: string; chain_name: string; region_code: string; segment_key: string; segment_name: string; enterprise_id: string }>`
    SELECT m.chain_id, c.name AS chain_name, c.region_code, m.segment_key, s.name AS segment_name, m.enterprise_id
    FROM chain_members m
    JOIN chains c ON c.id = m.chain_id
    JOIN chain_segments s ON s.chain_id = m.chain_id AND s.key = m.segment_key
    WHERE m.enterprise_id = ANY(${enterpriseIds}::bigint[])`.execute(db);
  return result.rows.map((r) => ({ chainId: r.chain_id, chainName: r.chain_name, chainRegionCode: r.region_code, segmentKey: r.segment_key, segmentName: r.segment_name, enterpriseId: r.enterprise_id }));
}

export async function selectChain(db: Db | Tx, id: string): Promise<{ id: string; name: string; regionCode: string } | undefined> {
  const r = await db.selectFrom('chains').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, regionCode: r.region_code } : undefined;
}

/** Member enterprise ids of chains. */
export async function selectChainMemberIds(db: Db | Tx, chainIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (chainIds.length === 0) return out;
  const rows = await db.selectFrom('chain_members').select(['chain_id', 'enterprise_id']).where('chain_id', 'in', [...chainIds]).execute();
  for (const r of rows) {
    const list = out.get(r.chain_id) ?? [];
    list.push(r.enterprise_id);
    out.set(r.chain_id, list);
  }
  return out;
}

/** A subscription with what it watches. */
export interface SubscriptionRecord {
  id: string;
  userId: string;
  target: string;
  enterpriseId: string | null;
  enterpriseUscc: string | null;
  enterpriseName: string | null;
  chainId: string | null;
  chainName: string | null;
  createdAt: Date;
}

type SubscriptionRow = { id: string; user_id: string; target: string; enterprise_id: string | null; uscc: string | null; enterprise_name: string | null; chain_id: string | null; chain_name: string | null; created_at: Date };

const SUBSCRIPTION_SELECT = sql`
  SELECT s.id, s.user_id, s.target, s.enterprise_id, e.uscc, e.name AS enterprise_name, s.chain_id, c.name AS chain_name, s.created_at
  FROM risk_subscriptions s
  LEFT JOIN enterprises e ON e.id = s.enterprise_id
  LEFT JOIN chains c ON c.id = s.chain_id`;

function toSubscription(r: SubscriptionRow): SubscriptionRecord {
  return { id: r.id, userId: r.user_id, target: r.target, enterpriseId: r.enterprise_id, enterpriseUscc: r.uscc, enterpriseName: r.enterprise_name, chainId: r.chain_id, chainName: r.chain_name, createdAt: r.created_at };
}

/** Insert a subscription, or return the existing identical one. */
export async function upsertSubscription(tx: Tx, s: { userId: string; target: string; enterpriseId: string | null; chainId: string | null }): Promise<{ id: string; isNew: boolean }> {
  const inserted = await sql<{ id: string }>`
    INSERT INTO risk_subscriptions (user_id, target, enterprise_id, chain_id) VALUES (${s.userId}, ${s.target}, ${s.enterpriseId}, ${s.chainId})
    ON CONFLICT (user_id, target, COALESCE(enterprise_id, 0), COALESCE(chain_id, 0)) DO NOTHING RETURNING id`.execute(tx);
  if (inserted.rows[0]) {
    return { id: inserted.rows[0].id, isNew: true };
  }
  const existing = await sql<{ id: string }>`
    SELECT id FROM risk_subscriptions WHERE user_id = ${s.userId} AND target = ${s.target}
      AND COALESCE(enterprise_id, 0) = COALESCE(${s.enterpriseId}::bigint, 0) AND COALESCE(chain_id, 0) = COALESCE(${s.chainId}::bigint, 0)`.execute(tx);
  return { id: existing.rows[0].id, isNew: false };
}

export async function selectSubscriptionsOfUser(db: Db | Tx, userId: string): Promise<SubscriptionRecord[]> {
  const result = await sql<SubscriptionRow>`${SUBSCRIPTION_SELECT} WHERE s.user_id = ${userId} ORDER BY s.id`.execute(db);
  return result.rows.map(toSubscription);
}

export async function selectSubscription(db: Db | Tx, id: string, userId: string): Promise<SubscriptionRecord | undefined> {
  const result = await sql<SubscriptionRow>`${SUBSCRIPTION_SELECT} WHERE s.id = ${id} AND s.user_id = ${userId}`.execute(db);
  return result.rows[0] ? toSubscription(result.rows[0]) : undefined;
}

export async function deleteSubscription(tx: Tx, id: string, userId: string): Promise<boolean> {
  const result = await tx.deleteFrom('risk_subscriptions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A subscriber as alert dispatch needs it: the user's role, scope and organisation. */
export interface Subscriber {
  userId: string;
  username: string;
  role: string;
  regionCode: string | null;
  orgId: string | null;
  orgUscc: string | null;
  subscriptions: SubscriptionRecord[];
}

/** Every enabled user with subscriptions, with them. */
export async function selectSubscribers(db: Db | Tx): Promise<Subscriber[]> {
  const subs = (await sql<SubscriptionRow>`${SUBSCRIPTION_SELECT} JOIN users u ON u.id = s.user_id WHERE NOT u.is_disabled ORDER BY s.user_id, s.id`.execute(db)).rows.map(toSubscription);
  if (subs.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.id', 'users.username', 'users.role', 'users.region_code', 'users.org_id', 'organisations.uscc'])
    .where('users.id', 'in', [...new Set(subs.map((s) => s.userId))])
    .execute();
  return users.map((u) => ({ userId: u.id, username: u.username, role: u.role, regionCode: u.region_code, orgId: u.org_id, orgUscc: u.uscc, subscriptions: subs.filter((s) => s.userId === u.id) }));
}

/** An alert row. */
export interface AlertRecord {
  id: string;
  eventId: string;
  eventKind: string;
  eventSeverity: string;
  eventStatus: string;
  eventTitle: string;
  eventOccurredAt: Date;
  exposure: number;
  tier: number;
  hits: unknown[];
  readAt: Date | null;
  createdAt: Date;
}

export interface AlertInsert {
  userId: string;
  eventId: string;
  exposure: number;
  tier: number;
  hits: unknown[];
}

/** Insert alerts; an alert already sent to a user for the event is replaced by the new hits (unread again). */
export async function upsertAlerts(tx: Tx, alerts: readonly AlertInsert[]): Promise<void> {
  if (alerts.length === 0) return;
  await tx
    .insertInto('risk_alerts')
    .values(alerts.map((a) => ({ user_id: a.userId, event_id: a.eventId, exposure: a.exposure, tier: a.tier, hits: JSON.stringify(a.hits) })))
    .onConflict((oc) => oc.columns(['user_id', 'event_id']).doUpdateSet((eb) => ({ exposure: eb.ref('excluded.exposure'), tier: eb.ref('excluded.tier'), hits: eb.ref('excluded.hits'), read_at: null })))
    .execute();
}

/** A page of a user's alerts, newest first. */
export async function selectAlertPage(db: Db, userId: string, options: { isUnreadOnly: boolean; beforeId?: string; limit: number }): Promise<AlertRecord[]> {
  const unread = options.isUnreadOnly ? sql`AND a.read_at IS NULL` : sql``;
  const before = options.beforeId ? sql`AND a.id < ${options.beforeId}` : sql``;
  const result = await sql<{ id: string; event_id: string; kind: string; severity: string; status: string; title: string; occurred_at: Date; exposure: number; tier: number; hits: unknown[]; read_at: Date | null; created_at: Date }>`
    SELECT a.id, a.event_id, ev.kind, ev.severity, ev.status, ev.title, ev.occurred_at, a.exposure, a.tier, a.hits, a.read_at, a.created_at
    FROM risk_alerts a JOIN risk_events ev ON ev.id = a.event_id
    WHERE a.user_id = ${userId} ${unread} ${before}
    ORDER BY a.id DESC LIMIT ${options.limit}`.execute(db);
  return result.rows.map((r) => ({
    id: r.id, eventId: r.event_id, eventKind: r.kind, eventSeverity: r.severity, eventStatus: r.status, eventTitle: r.title, eventOccurredAt: r.occurred_at,
    exposure: r.exposure, tier: r.tier, hits: r.hits, readAt: r.read_at, createdAt: r.created_at,
  }));
}

export async function countUnreadAlerts(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('risk_alerts').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Mark one alert read; false when it is not the user's. */
export async function markAlertRead(db: Db, id: string, userId: string): Promise<boolean> {
  const result = await db.updateTable('risk_alerts').set({ read_at: sql`coalesce(read_at, now())` }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markAllAlertsRead(db: Db, userId: string): Promise<number> {
  const result = await db.updateTable('risk_alerts').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function hasAlert(db: Db | Tx, userId: string, eventId: string): Promise<boolean> {
  const row = await db.selectFrom('risk_alerts').select('id').where('user_id', '=', userId).where('event_id', '=', eventId).executeTakeFirst();
  return row !== undefined;
}

export async function selectAlertedEventIds(db: Db | Tx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('risk_alerts').select('event_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.event_id);
}

/** The stored risk-score settings, if any. */
export async function selectSetting(db: Db | Tx, key: string): Promise<unknown> {
  const row = await db.selectFrom('platform_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function upsertSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx
    .insertInto('platform_settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }))
    .execute();
}
