import { sql } from 'kysely';
import { buildCopyBatch, copyClientOf, copyJson, copyLine, copyText, sendCopy, type CopyBatch } from '../../db/copy.js';
import type { Db, Tx } from '../../db/database.js';

/** One audit row as the repo returns it. */
export interface AuditRow {
  id: string;
  at: Date;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface AuditInsert {
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityKey: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  op: 'insert' | 'update' | 'delete';
}

/**
 * Audit and change-feed rows as two COPY batches (audit_log, then change_log), to send with
 * `sendCopy` in a `transactionWithCopy` transaction. Rows are ordered by entity (stably), so that
 * the (entity_type, entity_key, id) index is filled in order.
 */
export async function auditRowBatches(rows: AuditInsert[]): Promise<CopyBatch[]> {
  const byEntity = [...rows].sort((a, b) => (a.entityType === b.entityType ? (a.entityKey < b.entityKey ? -1 : a.entityKey > b.entityKey ? 1 : 0) : a.entityType < b.entityType ? -1 : 1));
  return [
    await buildCopyBatch('audit_log', ['actor_id', 'actor_label', 'action', 'entity_type', 'entity_key', 'region_code', 'before', 'after', 'request_id'], byEntity, (r) => copyLine([
      copyText(r.actorId === '0' ? null : r.actorId), copyText(r.actorLabel), copyText(r.action), copyText(r.entityType), copyText(r.entityKey),
      copyText(r.regionCode), copyJson(r.before), copyJson(r.after), copyText(r.requestId),
    ])),
    await buildCopyBatch('change_log', ['entity_type', 'entity_key', 'op'], byEntity, (r) => copyLine([copyText(r.entityType), copyText(r.entityKey), copyText(r.op)])),
  ];
}

/**
 * Insert audit and change-feed rows for a batch of writes: by COPY in a transaction opened by
 * `transactionWithCopy`, otherwise two statements per 5,000 rows.
 */
export async function insertAuditRows(tx: Tx, rows: AuditInsert[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  if (copyClientOf(tx)) {
    for (const batch of await auditRowBatches(rows)) {
      await sendCopy(tx, batch);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
    await sql`
      INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_key, region_code, before, after, request_id)
      SELECT u.actor_id, u.actor_label, u.action, u.entity_type, u.entity_key, u.region_code, u.before::jsonb, u.after::jsonb, u.request_id
      FROM unnest(${chunk.map((r) => (r.actorId === '0' ? null : r.actorId))}::bigint[], ${chunk.map((r) => r.actorLabel)}::text[],
                  ${chunk.map((r) => r.action)}::text[], ${chunk.map((r) => r.entityType)}::text[], ${chunk.map((r) => r.entityKey)}::text[],
                  ${chunk.map((r) => r.regionCode)}::text[], ${chunk.map((r) => json(r.before))}::text[], ${chunk.map((r) => json(r.after))}::text[],
                  ${chunk.map((r) => r.requestId)}::text[])
        AS u(actor_id, actor_label, action, entity_type, entity_key, region_code, before, after, request_id)`.execute(tx);
    await sql`
      INSERT INTO change_log (entity_type, entity_key, op)
      SELECT * FROM unnest(${chunk.map((r) => r.entityType)}::text[], ${chunk.map((r) => r.entityKey)}::text[], ${chunk.map((r) => r.op)}::text[])`.execute(tx);
  }
}

/** Audit rows of one entity, newest first, keyset-paginated by id. */
export async function selectAuditRows(db: Db, entityType: string, entityKey: string, beforeId: string | undefined, limit: number): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_label', 'action', 'before', 'after'])
    .where('entity_type', '=', entityType)
    .where('entity_key', '=', entityKey);
  if (beforeId) {
    query = query.where('id', '<', beforeId);
  }
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, actorLabel: r.actor_label, action: r.action, before: r.before, after: r.after }));
}
