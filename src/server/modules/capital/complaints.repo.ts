/** SQL of payment complaints: explicit columns, the caller's scope in every WHERE clause. */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { LedgerScope } from './ledger.repo.js';

export interface ComplaintRecord {
  id: string;
  deliveryId: string;
  contractTitle: string;
  complainantId: string;
  complainantUscc: string;
  complainantName: string;
  buyerId: string;
  buyerUscc: string;
  buyerName: string;
  regionCode: string;
  description: string;
  evidence: string[];
  claimedFen: bigint;
  status: string;
  filedOn: string;
  acceptDueOn: string;
  acceptedOn: string | null;
  resultDueOn: string | null;
  isExtended: boolean;
  buyerResponse: string | null;
  outcome: string | null;
  closedOn: string | null;
}

function complaintQuery(db: Db | Tx) {
  return db
    .selectFrom('payment_complaints as p')
    .innerJoin('payable_deliveries as d', 'd.id', 'p.delivery_id')
    .innerJoin('payable_contracts as c', 'c.id', 'd.contract_id')
    .innerJoin('enterprises as s', 's.id', 'p.complainant_id')
    .innerJoin('enterprises as b', 'b.id', 'p.buyer_id')
    .select([
      'p.id', 'p.delivery_id', 'c.title', 'p.complainant_id', 's.uscc as s_uscc', 's.name as s_name', 'p.buyer_id', 'b.uscc as b_uscc', 'b.name as b_name', 'p.region_code',
      'p.description', 'p.evidence', 'p.claimed_fen', 'p.status', sql<string>`p.filed_on::text`.as('filed_on'), sql<string>`p.accept_due_on::text`.as('accept_due_on'),
      sql<string | null>`p.accepted_on::text`.as('accepted_on'), sql<string | null>`p.result_due_on::text`.as('result_due_on'), 'p.is_extended', 'p.buyer_response', 'p.outcome',
      sql<string | null>`p.closed_on::text`.as('closed_on'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof complaintQuery>['executeTakeFirstOrThrow']>>;

function toComplaint(r: Row): ComplaintRecord {
  return {
    id: r.id, deliveryId: r.delivery_id, contractTitle: r.title, complainantId: r.complainant_id, complainantUscc: r.s_uscc, complainantName: r.s_name, buyerId: r.buyer_id,
    buyerUscc: r.b_uscc, buyerName: r.b_name, regionCode: r.region_code, description: r.description, evidence: r.evidence, claimedFen: BigInt(r.claimed_fen), status: r.status,
    filedOn: r.filed_on, acceptDueOn: r.accept_due_on, acceptedOn: r.accepted_on, resultDueOn: r.result_due_on, isExtended: r.is_extended, buyerResponse: r.buyer_response,
    outcome: r.outcome, closedOn: r.closed_on,
  };
}

function scoped(query: ReturnType<typeof complaintQuery>, scope: LedgerScope) {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'none':
      return query.where(sql<boolean>`false`);
    case 'region':
      return query.where('p.region_code', 'like', `${scope.prefix}%`);
    case 'enterprise':
      return query.where((eb) => eb.or([eb('p.complainant_id', '=', scope.enterpriseId), eb('p.buyer_id', '=', scope.enterpriseId)]));
  }
}

/** One complaint in scope; `isForUpdate` locks it. */
export async function selectComplaint(db: Db | Tx, id: string, scope: LedgerScope, options: { isForUpdate?: boolean } = {}): Promise<ComplaintRecord | undefined> {
  let query = scoped(complaintQuery(db), scope).where('p.id', '=', id);
  if (options.isForUpdate) query = query.forUpdate('p');
  const row = await query.executeTakeFirst();
  return row ? toComplaint(row) : undefined;
}

export async function selectComplaints(db: Db, scope: LedgerScope, filter: { status?: string; beforeId?: string }, limit: number): Promise<ComplaintRecord[]> {
  let query = scoped(complaintQuery(db), scope);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.beforeId) query = query.where('p.id', '<', filter.beforeId);
  return (await query.orderBy('p.id', 'desc').limit(limit).execute()).map(toComplaint);
}

/** Whether the delivery has a complaint still open (submitted or accepted). */
export async function hasOpenComplaint(tx: Tx, deliveryId: string): Promise<boolean> {
  const row = await tx.selectFrom('payment_complaints').select('id').where('delivery_id', '=', deliveryId).where('status', 'in', ['submitted', 'accepted']).executeTakeFirst();
  return Boolean(row);
}

export async function insertComplaint(tx: Tx, c: { deliveryId: string; complainantId: string; buyerId: string; regionCode: string; description: string; evidence: string[]; claimedFen: bigint; filedOn: string; acceptDueOn: string; createdBy: string | null }): Promise<string> {
  const row = await tx
    .insertInto('payment_complaints')
    .values({
      delivery_id: c.deliveryId, complainant_id: c.complainantId, buyer_id: c.buyerId, region_code: c.regionCode, description: c.description, evidence: c.evidence,
      claimed_fen: c.claimedFen.toString(), filed_on: c.filedOn, accept_due_on: c.acceptDueOn, created_by: c.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateComplaint(tx: Tx, id: string, set: { status?: string; acceptedOn?: string; resultDueOn?: string; isExtended?: boolean; buyerResponse?: string; outcome?: string; closedOn?: string; handledBy?: string | null }): Promise<void> {
  await tx
    .updateTable('payment_complaints')
    .set({
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(set.acceptedOn !== undefined ? { accepted_on: set.acceptedOn } : {}),
      ...(set.resultDueOn !== undefined ? { result_due_on: set.resultDueOn } : {}),
      ...(set.isExtended !== undefined ? { is_extended: set.isExtended } : {}),
      ...(set.buyerResponse !== undefined ? { buyer_response: set.buyerResponse, responded_at: sql`now()` } : {}),
      ...(set.outcome !== undefined ? { outcome: set.outcome } : {}),
      ...(set.closedOn !== undefined ? { closed_on: set.closedOn } : {}),
      ...(set.handledBy !== undefined ? { handled_by: set.handledBy } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Complaints filed against each buyer in [from, to) (the "disputes" of the payment-practice figures). */
export async function countComplaintsByBuyer(db: Db, period: { from: string; to: string }, buyerIds: readonly string[]): Promise<Map<string, number>> {
  if (buyerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('payment_complaints')
    .select(['buyer_id', sql<string>`count(*)`.as('n')])
    .where('buyer_id', 'in', [...buyerIds])
    .where('filed_on', '>=', period.from)
    .where('filed_on', '<', period.to)
    .where('status', '<>', 'rejected')
    .groupBy('buyer_id')
    .execute();
  return new Map(rows.map((r) => [r.buyer_id, Number(r.n)]));
}
