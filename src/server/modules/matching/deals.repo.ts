/** SQL of matches, deals, RFQs and quotes: explicit columns, the caller's scope in every WHERE clause. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * Who reads which matches, deals and RFQs: everything (admins, the ministry), an enterprise's own
 * rows (members: either side), or rows with the buyer or the supplier in a region subtree (gov).
 */
export type PartyScope = { kind: 'all' } | { kind: 'enterprise'; enterpriseId: string } | { kind: 'region'; prefix: string } | { kind: 'none' };

/** A match with its need title, both parties and its deal. */
export interface MatchRecord {
  id: string;
  needId: string;
  needTitle: string;
  buyerEnterpriseId: string;
  buyerUscc: string;
  buyerName: string;
  supplierEnterpriseId: string;
  supplierUscc: string;
  supplierName: string;
  regionCode: string;
  supplierRegionCode: string;
  stage: string;
  score: number | null;
  message: string;
  declineReason: string | null;
  declineNote: string | null;
  declinedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  deal: { id: string; amountFen: bigint; signedOn: string; rfqId: string | null } | null;
}

/** A deal row with names. */
export interface DealRecord {
  id: string;
  matchId: string;
  needId: string;
  needTitle: string;
  buyerUscc: string;
  buyerName: string;
  supplierUscc: string;
  supplierName: string;
  amountFen: bigint;
  signedOn: string;
  buyerRegionCode: string;
  supplierRegionCode: string;
  rfqId: string | null;
  createdAt: Date;
}

/** An RFQ with its need and buyer. */
export interface RfqRecord {
  id: string;
  needId: string;
  needTitle: string;
  enterpriseId: string;
  buyerUscc: string;
  buyerName: string;
  regionCode: string;
  title: string;
  description: string;
  deadlineAt: Date;
  status: string;
  awardedQuoteId: string | null;
  awardedAt: Date | null;
  createdAt: Date;
}

/** A quote with its supplier. */
export interface QuoteRecord {
  id: string;
  rfqId: string;
  supplierEnterpriseId: string;
  supplierUscc: string;
  supplierName: string;
  supplierRegionCode: string;
  priceFen: bigint;
  leadTimeDays: number;
  moq: string;
  terms: string;
  submittedAt: Date;
  updatedAt: Date;
}

/** The scope as SQL: `byEnterprise` for a member's enterprise, `byRegion` for a gov region prefix. */
function scopeWhere(scope: PartyScope, byEnterprise: (id: string) => Expression<SqlBool>, byRegion: (prefix: string) => Expression<SqlBool>): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<boolean>`true`;
  if (scope.kind === 'none') return sql<boolean>`false`;
  return scope.kind === 'enterprise' ? byEnterprise(scope.enterpriseId) : byRegion(`${scope.prefix}%`);
}

/** Rows of two parties (columns given): an enterprise on either side, or either side's region in the prefix. */
function partyWhere(scope: PartyScope, buyer: { id: string; region: string }, supplier: { id: string; region: string }): Expression<SqlBool> {
  return scopeWhere(
    scope,
    (id) => sql<boolean>`(${sql.ref(buyer.id)} = ${id} or ${sql.ref(supplier.id)} = ${id})`,
    (like) => sql<boolean>`(${sql.ref(buyer.region)} like ${like} or ${sql.ref(supplier.region)} like ${like})`,
  );
}

const MATCH_PARTIES = { buyer: { id: 'm.buyer_enterprise_id', region: 'm.region_code' }, supplier: { id: 'm.supplier_enterprise_id', region: 'm.supplier_region_code' } };

function matchQuery(db: Db | Tx) {
  return db
    .selectFrom('matches as m')
    .innerJoin('needs as n', 'n.id', 'm.need_id')
    .innerJoin('enterprises as b', 'b.id', 'm.buyer_enterprise_id')
    .innerJoin('enterprises as s', 's.id', 'm.supplier_enterprise_id')
    .leftJoin('deals as d', 'd.match_id', 'm.id')
    .select([
      'm.id', 'm.need_id', 'n.title as need_title', 'm.buyer_enterprise_id', 'b.uscc as buyer_uscc', 'b.name as buyer_name', 'm.supplier_enterprise_id',
      's.uscc as supplier_uscc', 's.name as supplier_name', 'm.region_code', 'm.supplier_region_code', 'm.stage', 'm.score', 'm.message', 'm.decline_reason',
      'm.decline_note', 'm.declined_by', 'm.created_at', 'm.updated_at', 'd.id as deal_id', 'd.amount_fen', sql<string | null>`d.signed_on::text`.as('signed_on'), 'd.rfq_id',
    ]);
}

type MatchRow = Awaited<ReturnType<ReturnType<typeof matchQuery>['execute']>>[number];

function toMatch(r: MatchRow): MatchRecord {
  return {
    id: r.id, needId: r.need_id, needTitle: r.need_title, buyerEnterpriseId: r.buyer_enterprise_id, buyerUscc: r.buyer_uscc, buyerName: r.buyer_name,
    supplierEnterpriseId: r.supplier_enterprise_id, supplierUscc: r.supplier_uscc, supplierName: r.supplier_name, regionCode: r.region_code,
    supplierRegionCode: r.supplier_region_code, stage: r.stage, score: r.score, message: r.message, declineReason: r.decline_reason,
    declineNote: r.decline_note, declinedBy: r.declined_by, createdAt: r.created_at, updatedAt: r.updated_at,
    deal: r.deal_id ? { id: r.deal_id, amountFen: BigInt(r.amount_fen!), signedOn: r.signed_on!, rfqId: r.rfq_id } : null,
  };
}

/** One match in the scope. */
export async function selectMatch(db: Db | Tx, id: string, scope: PartyScope, options: { isForUpdate?: boolean } = {}): Promise<MatchRecord | undefined> {
  let q = matchQuery(db).where('m.id', '=', id).where(() => partyWhere(scope, MATCH_PARTIES.buyer, MATCH_PARTIES.supplier));
  if (options.isForUpdate) q = q.forUpdate('m');
  const row = await q.executeTakeFirst();
  return row ? toMatch(row) : undefined;
}

/** The match of a (need, supplier) pair, unscoped (the caller has checked the need). */
export async function selectMatchOfPair(db: Db | Tx, needId: string, supplierEnterpriseId: string): Promise<MatchRecord | undefined> {
  const row = await matchQuery(db).where('m.need_id', '=', needId).where('m.supplier_enterprise_id', '=', supplierEnterpriseId).forUpdate('m').executeTakeFirst();
  return row ? toMatch(row) : undefined;
}

/** Filters of the match list. */
export interface MatchFilter {
  needId?: string;
  stage?: string;
  buyerEnterpriseId?: string;
  supplierEnterpriseId?: string;
  beforeId?: string;
}

/** A page of matches in the scope, newest first. */
export async function selectMatches(db: Db, scope: PartyScope, filter: MatchFilter, limit: number): Promise<MatchRecord[]> {
  let q = matchQuery(db).where(() => partyWhere(scope, MATCH_PARTIES.buyer, MATCH_PARTIES.supplier));
  if (filter.needId) q = q.where('m.need_id', '=', filter.needId);
  if (filter.stage) q = q.where('m.stage', '=', filter.stage);
  if (filter.buyerEnterpriseId) q = q.where('m.buyer_enterprise_id', '=', filter.buyerEnterpriseId);
  if (filter.supplierEnterpriseId) q = q.where('m.supplier_enterprise_id', '=', filter.supplierEnterpriseId);
  if (filter.beforeId) q = q.where('m.id', '<', filter.beforeId);
  return (await q.orderBy('m.id', 'desc').limit(limit).execute()).map(toMatch);
}

/** Insert a match; returns its id. */
export async function insertMatch(tx: Tx, row: { needId: string; buyerEnterpriseId: string; supplierEnterpriseId: string; regionCode: string; supplierRegionCode: string; stage: string; score: number | null; message: string; invitedBy: string | null }): Promise<string> {
  const inserted = await tx
    .insertInto('matches')
    .values({
      need_id: row.needId, buyer_enterprise_id: row.buyerEnterpriseId, supplier_enterprise_id: row.supplierEnterpriseId, region_code: row.regionCode,
      supplier_region_code: row.supplierRegionCode, stage: row.stage, score: row.score, message: row.message, invited_by: row.invitedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Move a match to another stage (a decline records its reason and side). */
export async function setMatchStage(tx: Tx, id: string, change: { stage: string; declineReason?: string; declineNote?: string | null; declinedBy?: string }): Promise<void> {
  await tx
    .updateTable('matches')
    .set({
      stage: change.stage,
      updated_at: sql`now()`,
      ...(change.declineReason ? { decline_reason: change.declineReason, decline_note: change.declineNote ?? null, declined_by: change.declinedBy ?? null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Insert the deal of a match; returns its id. */
export async function insertDeal(tx: Tx, row: { matchId: string; needId: string; buyerEnterpriseId: string; supplierEnterpriseId: string; amountFen: bigint; signedOn: string; buyerRegionCode: string; supplierRegionCode: string; rfqId: string | null; quoteId: string | null; note: string; recordedBy: string | null }): Promise<string> {
  const inserted = await tx
    .insertInto('deals')
    .values({
      match_id: row.matchId, need_id: row.needId, buyer_enterprise_id: row.buyerEnterpriseId, supplier_enterprise_id: row.supplierEnterpriseId,
      amount_fen: row.amountFen.toString(), signed_on: row.signedOn, buyer_region_code: row.buyerRegionCode, supplier_region_code: row.supplierRegionCode,
      rfq_id: row.rfqId, quote_id: row.quoteId, note: row.note, recorded_by: row.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

const DEAL_PARTIES = { buyer: { id: 'd.buyer_enterprise_id', region: 'd.buyer_region_code' }, supplier: { id: 'd.supplier_enterprise_id', region: 'd.supplier_region_code' } };

/** A page of deals in the scope, newest first; `regionPrefix` narrows to a buyer or supplier region subtree. */
export async function selectDeals(db: Db, scope: PartyScope, filter: { regionPrefix?: string; beforeId?: string }, limit: number): Promise<DealRecord[]> {
  let q = db
    .selectFrom('deals as d')
    .innerJoin('needs as n', 'n.id', 'd.need_id')
    .innerJoin('enterprises as b', 'b.id', 'd.buyer_enterprise_id')
    .innerJoin('enterprises as s', 's.id', 'd.supplier_enterprise_id')
    .select([
      'd.id', 'd.match_id', 'd.need_id', 'n.title as need_title', 'b.uscc as buyer_uscc', 'b.name as buyer_name', 's.uscc as supplier_uscc', 's.name as supplier_name',
      'd.amount_fen', sql<string>`d.signed_on::text`.as('signed_on'), 'd.buyer_region_code', 'd.supplier_region_code', 'd.rfq_id', 'd.created_at',
    ])
    .where(() => partyWhere(scope, DEAL_PARTIES.buyer, DEAL_PARTIES.supplier));
  if (filter.regionPrefix !== undefined) q = q.where(() => partyWhere({ kind: 'region', prefix: filter.regionPrefix! }, DEAL_PARTIES.buyer, DEAL_PARTIES.supplier));
  if (filter.beforeId) q = q.where('d.id', '<', filter.beforeId);
  const rows = await q.orderBy('d.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, matchId: r.match_id, needId: r.need_id, needTitle: r.need_title, buyerUscc: r.buyer_uscc, buyerName: r.buyer_name, supplierUscc: r.supplier_uscc,
    supplierName: r.supplier_name, amountFen: BigInt(r.amount_fen), signedOn: r.signed_on, buyerRegionCode: r.buyer_region_code,
    supplierRegionCode: r.supplier_region_code, rfqId: r.rfq_id, createdAt: r.created_at,
  }));
}

/** Counts of matches by stage and decline reason, deals and their amount, and RFQs in the scope. */
export async function selectStats(db: Db, scope: PartyScope, regionPrefix?: string): Promise<{ byStage: Record<string, number>; declineReasons: Record<string, number>; dealCount: number; dealAmountFen: bigint; rfqCount: number }> {
  const narrow = (parties: typeof MATCH_PARTIES) => (regionPrefix === undefined ? sql<boolean>`true` : partyWhere({ kind: 'region', prefix: regionPrefix }, parties.buyer, parties.supplier));
  const stages = await db
    .selectFrom('matches as m')
    .select(['m.stage', 'm.decline_reason', sql<string>`count(*)`.as('n')])
    .where(() => partyWhere(scope, MATCH_PARTIES.buyer, MATCH_PARTIES.supplier))
    .where(() => narrow(MATCH_PARTIES))
    .groupBy(['m.stage', 'm.decline_reason'])
    .execute();
  const deals = await db
    .selectFrom('deals as d')
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(d.amount_fen), 0)`.as('amount')])
    .where(() => partyWhere(scope, DEAL_PARTIES.buyer, DEAL_PARTIES.supplier))
    .where(() => narrow(DEAL_PARTIES))
    .executeTakeFirstOrThrow();
  const rfqs = await db
    .selectFrom('rfqs as r')
    .select(sql<string>`count(*)`.as('n'))
    .where(() => rfqWhere(scope))
    .where(() => (regionPrefix === undefined ? sql<boolean>`true` : sql<boolean>`r.region_code like ${`${regionPrefix}%`}`))
    .executeTakeFirstOrThrow();
  const byStage: Record<string, number> = {};
  const declineReasons: Record<string, number> = {};
  for (const row of stages) {
    byStage[row.stage] = (byStage[row.stage] ?? 0) + Number(row.n);
    if (row.decline_reason) declineReasons[row.decline_reason] = (declineReasons[row.decline_reason] ?? 0) + Number(row.n);
  }
  return { byStage, declineReasons, dealCount: Number(deals.n), dealAmountFen: BigInt(deals.amount), rfqCount: Number(rfqs.n) };
}

function rfqQuery(db: Db | Tx) {
  return db
    .selectFrom('rfqs as r')
    .innerJoin('needs as n', 'n.id', 'r.need_id')
    .innerJoin('enterprises as b', 'b.id', 'r.enterprise_id')
    .select([
      'r.id', 'r.need_id', 'n.title as need_title', 'r.enterprise_id', 'b.uscc as buyer_uscc', 'b.name as buyer_name', 'r.region_code', 'r.title', 'r.description',
      'r.deadline_at', 'r.status', 'r.awarded_quote_id', 'r.awarded_at', 'r.created_at',
    ]);
}

type RfqRow = Awaited<ReturnType<ReturnType<typeof rfqQuery>['execute']>>[number];

function toRfq(r: RfqRow): RfqRecord {
  return {
    id: r.id, needId: r.need_id, needTitle: r.need_title, enterpriseId: r.enterprise_id, buyerUscc: r.buyer_uscc, buyerName: r.buyer_name, regionCode: r.region_code,
    title: r.title, description: r.description, deadlineAt: r.deadline_at, status: r.status, awardedQuoteId: r.awarded_quote_id, awardedAt: r.awarded_at, createdAt: r.created_at,
  };
}

/**
 * RFQs in a scope: members read their own enterprise's RFQs and those it is invited to; gov users
 * those of buyers in their region (an invited supplier's region does not open an RFQ to its gov:
 * who was invited stays between the buyer and each supplier).
 */
function rfqWhere(scope: PartyScope): Expression<SqlBool> {
  return scopeWhere(
    scope,
    (id) => sql<boolean>`(r.enterprise_id = ${id} or exists (select 1 from rfq_invitations i where i.rfq_id = r.id and i.supplier_enterprise_id = ${id}))`,
    (like) => sql<boolean>`r.region_code like ${like}`,
  );
}

/** One RFQ in the scope. */
export async function selectRfq(db: Db | Tx, id: string, scope: PartyScope, options: { isForUpdate?: boolean } = {}): Promise<RfqRecord | undefined> {
  let q = rfqQuery(db).where('r.id', '=', id).where(() => rfqWhere(scope));
  if (options.isForUpdate) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  return row ? toRfq(row) : undefined;
}

/** A page of RFQs in the scope, newest first. */
export async function selectRfqs(db: Db, scope: PartyScope, filter: { needId?: string; buyerEnterpriseId?: string; invitedEnterpriseId?: string; beforeId?: string }, limit: number): Promise<RfqRecord[]> {
  let q = rfqQuery(db).where(() => rfqWhere(scope));
  if (filter.needId) q = q.where('r.need_id', '=', filter.needId);
  if (filter.buyerEnterpriseId) q = q.where('r.enterprise_id', '=', filter.buyerEnterpriseId);
  if (filter.invitedEnterpriseId) q = q.where(sql<boolean>`exists (select 1 from rfq_invitations i where i.rfq_id = r.id and i.supplier_enterprise_id = ${filter.invitedEnterpriseId})`);
  if (filter.beforeId) q = q.where('r.id', '<', filter.beforeId);
  return (await q.orderBy('r.id', 'desc').limit(limit).execute()).map(toRfq);
}

/** Insert an RFQ; returns its id. */
export async function insertRfq(tx: Tx, row: { needId: string; enterpriseId: string; regionCode: string; title: string; description: string; deadlineAt: Date; createdBy: string | null }): Promise<string> {
  const inserted = await tx
    .insertInto('rfqs')
    .values({ need_id: row.needId, enterprise_id: row.enterpriseId, region_code: row.regionCode, title: row.title, description: row.description, deadline_at: row.deadlineAt, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Invite suppliers to an RFQ (already invited ones are kept); returns the newly invited ids. */
export async function insertInvitations(tx: Tx, rfqId: string, supplierEnterpriseIds: readonly string[]): Promise<string[]> {
  if (supplierEnterpriseIds.length === 0) return [];
  const rows = await tx
    .insertInto('rfq_invitations')
    .values(supplierEnterpriseIds.map((id) => ({ rfq_id: rfqId, supplier_enterprise_id: id })))
    .onConflict((oc) => oc.columns(['rfq_id', 'supplier_enterprise_id']).doNothing())
    .returning('supplier_enterprise_id')
    .execute();
  return rows.map((r) => r.supplier_enterprise_id);
}

/** Whether an enterprise is invited to an RFQ. */
export async function isInvited(db: Db | Tx, rfqId: string, enterpriseId: string): Promise<boolean> {
  const row = await db.selectFrom('rfq_invitations').select('rfq_id').where('rfq_id', '=', rfqId).where('supplier_enterprise_id', '=', enterpriseId).executeTakeFirst();
  return Boolean(row);
}

/** The invited suppliers of an RFQ with whether each has quoted (buyer and gov only). */
export async function selectInvitations(db: Db | Tx, rfqId: string): Promise<{ uscc: string; name: string; hasQuoted: boolean }[]> {
  const rows = await db
    .selectFrom('rfq_invitations as i')
    .innerJoin('enterprises as e', 'e.id', 'i.supplier_enterprise_id')
    .leftJoin('quotes as q', (join) => join.onRef('q.rfq_id', '=', 'i.rfq_id').onRef('q.supplier_enterprise_id', '=', 'i.supplier_enterprise_id'))
    .select(['e.uscc', 'e.name', 'q.id as quote_id'])
    .where('i.rfq_id', '=', rfqId)
    .orderBy('e.name')
    .execute();
  return rows.map((r) => ({ uscc: r.uscc, name: r.name, hasQuoted: r.quote_id !== null }));
}

function quoteQuery(db: Db | Tx) {
  return db
    .selectFrom('quotes as q')
    .innerJoin('enterprises as e', 'e.id', 'q.supplier_enterprise_id')
    .select(['q.id', 'q.rfq_id', 'q.supplier_enterprise_id', 'e.uscc', 'e.name', 'q.supplier_region_code', 'q.price_fen', 'q.lead_time_days', 'q.moq', 'q.terms', 'q.submitted_at', 'q.updated_at']);
}

type QuoteRow = Awaited<ReturnType<ReturnType<typeof quoteQuery>['execute']>>[number];

function toQuote(r: QuoteRow): QuoteRecord {
  return {
    id: r.id, rfqId: r.rfq_id, supplierEnterpriseId: r.supplier_enterprise_id, supplierUscc: r.uscc, supplierName: r.name, supplierRegionCode: r.supplier_region_code,
    priceFen: BigInt(r.price_fen), leadTimeDays: r.lead_time_days, moq: r.moq, terms: r.terms, submittedAt: r.submitted_at, updatedAt: r.updated_at,
  };
}

/** Quotes of an RFQ, cheapest first; only one supplier's when `supplierEnterpriseId` is given. The caller decides who may see them. */
export async function selectQuotes(db: Db | Tx, rfqId: string, supplierEnterpriseId?: string): Promise<QuoteRecord[]> {
  let q = quoteQuery(db).where('q.rfq_id', '=', rfqId);
  if (supplierEnterpriseId) q = q.where('q.supplier_enterprise_id', '=', supplierEnterpriseId);
  return (await q.orderBy('q.price_fen').orderBy('q.id').execute()).map(toQuote);
}

/** Number of quotes of an RFQ (not their content). */
export async function countQuotes(db: Db | Tx, rfqId: string): Promise<number> {
  const row = await db.selectFrom('quotes').select(sql<string>`count(*)`.as('n')).where('rfq_id', '=', rfqId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Submit or revise a supplier's quote; returns its id and whether it was new. */
export async function upsertQuote(tx: Tx, row: { rfqId: string; supplierEnterpriseId: string; supplierRegionCode: string; priceFen: bigint; leadTimeDays: number; moq: string; terms: string }): Promise<{ id: string; isNew: boolean }> {
  const values = { price_fen: row.priceFen.toString(), lead_time_days: row.leadTimeDays, moq: row.moq, terms: row.terms };
  const inserted = await tx
    .insertInto('quotes')
    .values({ rfq_id: row.rfqId, supplier_enterprise_id: row.supplierEnterpriseId, supplier_region_code: row.supplierRegionCode, ...values })
    .onConflict((oc) => oc.columns(['rfq_id', 'supplier_enterprise_id']).doUpdateSet({ ...values, updated_at: sql`now()` }))
    .returning(['id', sql<boolean>`(xmax = 0)`.as('is_new')])
    .executeTakeFirstOrThrow();
  return { id: inserted.id, isNew: inserted.is_new };
}

/** Mark an RFQ awarded to a quote. */
export async function setRfqAwarded(tx: Tx, id: string, quoteId: string): Promise<void> {
  await tx.updateTable('rfqs').set({ status: 'awarded', awarded_quote_id: quoteId, awarded_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Enterprise id, USCC, name and region by USCCs. */
export async function selectEnterprisesByUscc(db: Db | Tx, usccs: readonly string[]): Promise<{ id: string; uscc: string; name: string; regionCode: string }[]> {
  if (usccs.length === 0) return [];
  const rows = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code']).where('uscc', 'in', usccs).execute();
  return rows.map((r) => ({ id: r.id, uscc: r.uscc, name: r.name, regionCode: r.region_code }));
}
