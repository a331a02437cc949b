import type { CopyBatch } from '../../db/copy.js';
import type { Db, Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { auditRowBatches, insertAuditRows, selectAuditRows, type AuditInsert } from './audit.repo.js';

/** One write to record: what changed, with its state before and after. */
export interface WriteRecord {
  action: string;
  entityType: string;
  entityKey: string;
  regionCode: string | null;
  before?: unknown;
  after?: unknown;
}

/** Context of a write: who and which request. */
export interface WriteContext {
  actor: Actor;
  requestId?: string;
}

/**
 * Record writes in the audit log and the change feed, inside the caller's transaction, so
 * that they commit or roll back with the rows themselves.
 */
export async function recordWrites(tx: Tx, context: WriteContext, records: WriteRecord[]): Promise<void> {
  await insertAuditRows(tx, records.map((r) => toAuditInsert(context, r)));
}

/**
 * {@link recordWrites} for bulk writers: the rows as COPY batches built ahead of time, to send with
 * `sendCopy` inside their `transactionWithCopy` transaction (so they still commit or roll back with
 * the rows themselves).
 */
export async function prepareWrites(context: WriteContext, records: WriteRecord[]): Promise<CopyBatch[]> {
  return auditRowBatches(records.map((r) => toAuditInsert(context, r)));
}

function toAuditInsert(context: WriteContext, r: WriteRecord): AuditInsert {
  return {
    actorId: context.actor.userId,
    actorLabel: context.actor.label,
    action: r.action,
    entityType: r.entityType,
    entityKey: r.entityKey,
    regionCode: r.regionCode,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: context.requestId ?? null,
    op: r.before == null ? 'insert' : r.after == null ? 'delete' : 'update',
  };
}

/** An entry of an entity's history as the API presents it. */
export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** A page of an entity's history, newest first. The caller has checked access to the entity. */
export async function listHistory(db: Db, entityType: string, entityKey: string, page: { cursor?: string; limit: number }): Promise<{ items: HistoryEntry[]; nextCursor: string | null }> {
  const beforeId = decodeCursor(page.cursor);
  const rows = await selectAuditRows(db, entityType, entityKey, beforeId, page.limit + 1);
  const hasMore = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map((r) => ({ id: Number(r.id), at: r.at.toISOString(), actor: r.actorLabel, action: r.action, before: r.before, after: r.after }));
  return { items, nextCursor: hasMore ? encodeCursor(items[items.length - 1].id) : null };
}
