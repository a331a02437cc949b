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

/** Insert audit and change-feed rows for a batch of writes (one statement each). */
export async function insertAuditRows(tx: Tx, rows: AuditInsert[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await tx
      .insertInto('audit_log')
      .values(
        chunk.map((r) => ({
          actor_id: r.actorId === '0' ? null : r.actorId,
          actor_label: r.actorLabel,
          action: r.action,
          entity_type: r.entityType,
          entity_key: r.entityKey,
          region_code: r.regionCode,
          before: r.before === undefined || r.before === null ? null : JSON.stringify(r.before),
          after: r.after === undefined || r.after === null ? null : JSON.stringify(r.after),
          request_id: r.requestId,
        })),
      )
      .execute();
    await tx
      .insertInto('change_log')
      .values(chunk.map((r) => ({ entity_type: r.entityType, entity_key: r.entityKey, op: r.op })))
      .execute();
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
