/**
 * Complaints (投诉) about late payment. Deadlines: the result within 30 days of acceptance,
 * extendable once to 90 (条例 (2025) §25 ✅). The acceptance deadline is not in our reference:
 * {@link ACCEPT_DAYS} is a configurable default (❓), shown as such in the UI.
 */
import type { ComplaintVerb, CreateComplaintBody, ListComplaintsQuery } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { isInRegionScope } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { notify } from '../workbench/notifications.service.js';
import * as repo from './complaints.repo.js';
import { ledgerScopeOf } from './ledger.policy.js';
import { addDays } from './ledger.rules.js';
import { getDelivery } from './ledger.service.js';

/** Days the authority has to accept or reject a complaint (❓ our default; configurable). */
export const ACCEPT_DAYS = 7;
/** Days from acceptance to the result (✅ 2025 §25). */
export const RESULT_DAYS = 30;
/** Longest time from acceptance to the result with an extension (✅ 2025 §25). */
export const RESULT_MAX_DAYS = 90;
export const COMPLAINT_ENTITY = 'payment_complaint';
/** Web path notifications about a complaint lead to. */
const COMPLAINTS_LINK = '/finance/complaints';
const ID = /^\d{1,18}$/;

/**
 * The regions whose gov users are told of a new complaint: the buyer's own (county-level) region and
 * its city, both of which may handle it (§25: 县级以上 authorities); not the province or the ministry.
 */
export function handlingRegions(regionCode: string): string[] {
  const city = `${regionCode.slice(0, 4)}00`;
  return regionCode.endsWith('0000') || city === regionCode ? [regionCode] : [regionCode, city];
}

/** A complaint in scope. @throws not_found (also outside the scope). */
export async function getComplaint(db: Db, actor: Actor, id: string): Promise<repo.ComplaintRecord> {
  if (!ID.test(id)) throw notFound('投诉');
  const complaint = await repo.selectComplaint(db, id, await ledgerScopeOf(db, actor));
  if (!complaint) throw notFound('投诉');
  return complaint;
}

/** A page of complaints in scope: the complainant's, those against the buyer, a gov region's. */
export async function listComplaints(db: Db, actor: Actor, query: ListComplaintsQuery): Promise<{ items: repo.ComplaintRecord[]; nextCursor: string | null }> {
  const rows = await repo.selectComplaints(db, await ledgerScopeOf(db, actor), { status: query.status, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Whether a complaint's running deadline has passed today. */
export function isPastDeadline(c: repo.ComplaintRecord, today = businessDate()): boolean {
  if (c.status === 'submitted') return today > c.acceptDueOn;
  if (c.status === 'accepted') return c.resultDueOn !== null && today > c.resultDueOn;
  return false;
}

/**
 * The supplier files a complaint about a late payment of one of its deliveries.
 * @throws not_found; forbidden unless a member of the supplier (a contract party, §25); validation_failed
 *   when the delivery was not paid late; conflict when a complaint about it is still open.
 */
export async function createComplaint(db: Db, context: WriteContext, body: CreateComplaintBody): Promise<repo.ComplaintRecord> {
  const { actor } = context;
  const { delivery, lateness } = await getDelivery(db, actor, body.deliveryId);
  if (!(actor.role === 'member' && actor.orgUscc === delivery.contract.supplierUscc)) {
    throw new AppError('forbidden', 'Only the supplier files', { userMessage: '只有合同的供方（中小企业）可以就拖欠款项投诉' });
  }
  if (!lateness.isOverdue && lateness.daysLate === 0) throw invalid([{ path: 'deliveryId', message: `该笔款项未逾期（法定到期日 ${delivery.dueOn}）` }]);
  const today = businessDate();
  const id = await db.transaction().execute(async (tx) => {
    if (await repo.hasOpenComplaint(tx, delivery.id)) throw new AppError('conflict', 'Open complaint exists', { userMessage: '该笔款项已有正在处理的投诉' });
    const complaintId = await repo.insertComplaint(tx, {
      deliveryId: delivery.id, complainantId: delivery.contract.supplierId, buyerId: delivery.contract.buyerId, regionCode: delivery.contract.regionCode,
      description: body.description, evidence: body.evidence ?? [], claimedFen: lateness.owedFen + lateness.interestFen > 0n ? lateness.owedFen + lateness.interestFen : 1n,
      filedOn: today, acceptDueOn: addDays(today, ACCEPT_DAYS), createdBy: actor.userId === '0' ? null : actor.userId,
    });
    await recordWrites(tx, context, [{ action: 'complaint.file', entityType: COMPLAINT_ENTITY, entityKey: complaintId, regionCode: delivery.contract.regionCode, after: { deliveryId: delivery.id, claimedFen: Number(lateness.owedFen + lateness.interestFen), daysLate: lateness.daysLate } }]);
    const about = { link: COMPLAINTS_LINK, entityType: COMPLAINT_ENTITY, entityKey: complaintId };
    const params = { supplier: delivery.contract.supplierName, buyer: delivery.contract.buyerName, title: delivery.contract.title };
    for (const regionCode of handlingRegions(delivery.contract.regionCode)) {
      await notify(tx, actor, { govOfRegion: regionCode }, { kind: 'complaint.filed', params: { ...params, dueOn: addDays(today, ACCEPT_DAYS) }, ...about });
    }
    await notify(tx, actor, { membersOfUscc: delivery.contract.buyerUscc }, { kind: 'complaint.named', params, ...about });
    return complaintId;
  });
  return getComplaint(db, actor, id);
}

const VERBS: Record<ComplaintVerb, { from: readonly string[]; who: 'gov' | 'buyer'; needsText: boolean }> = {
  accept: { from: ['submitted'], who: 'gov', needsText: false },
  reject: { from: ['submitted'], who: 'gov', needsText: true },
  respond: { from: ['submitted', 'accepted'], who: 'buyer', needsText: true },
  extend: { from: ['accepted'], who: 'gov', needsText: true },
  resolve: { from: ['accepted'], who: 'gov', needsText: true },
};

/**
 * Move a complaint: gov users of the buyer's region accept, reject, extend (once, to 90 days) and
 * resolve it; the buyer responds.
 * @throws not_found; forbidden for the wrong party; invalid_state (409) from the wrong state or a
 *   second extension; validation_failed when the text is missing.
 */
export async function actOnComplaint(db: Db, context: WriteContext, id: string, verb: ComplaintVerb, text: string | undefined): Promise<repo.ComplaintRecord> {
  const { actor } = context;
  if (!ID.test(id)) throw notFound('投诉');
  const rule = VERBS[verb];
  const scope = await ledgerScopeOf(db, actor);
  await db.transaction().execute(async (tx) => {
    const c = await repo.selectComplaint(tx, id, scope, { isForUpdate: true });
    if (!c) throw notFound('投诉');
    const isGov = (actor.role === 'gov' || actor.role === 'platform_admin') && isInRegionScope(actor, c.regionCode);
    const isBuyer = actor.role === 'member' && actor.orgUscc === c.buyerUscc;
    if (rule.who === 'gov' ? !isGov : !isBuyer) {
      throw new AppError('forbidden', `${verb} not allowed`, { userMessage: rule.who === 'gov' ? '只有被投诉方所在地区的主管部门可以处理投诉' : '只有被投诉的买方可以答复' });
    }
    if (!rule.from.includes(c.status) || (verb === 'extend' && c.isExtended)) {
      throw new AppError('invalid_state', `Complaint is ${c.status}`, { userMessage: verb === 'extend' && c.isExtended ? '处理期限只能延长一次' : '当前状态不允许此操作' });
    }
    if (rule.needsText && !text) throw invalid([{ path: 'text', message: '请填写内容' }]);
    const today = businessDate();
    const handledBy = actor.userId === '0' ? null : actor.userId;
    const set =
      verb === 'accept' ? { status: 'accepted', acceptedOn: today, resultDueOn: addDays(today, RESULT_DAYS), handledBy }
      : verb === 'reject' ? { status: 'rejected', outcome: text, closedOn: today, handledBy }
      : verb === 'respond' ? { buyerResponse: text }
      : verb === 'extend' ? { isExtended: true, resultDueOn: addDays(c.acceptedOn ?? today, RESULT_MAX_DAYS), handledBy }
      : { status: 'resolved', outcome: text, closedOn: today, handledBy };
    await repo.updateComplaint(tx, id, set);
    await recordWrites(tx, context, [{ action: `complaint.${verb}`, entityType: COMPLAINT_ENTITY, entityKey: id, regionCode: c.regionCode, before: { status: c.status }, after: { ...set, handledBy: undefined } }]);
    if (verb === 'accept' || verb === 'reject' || verb === 'resolve') {
      await notify(tx, actor, { membersOfUscc: c.complainantUscc }, {
        kind: 'complaint.decided', params: { buyer: c.buyerName, title: c.contractTitle, status: verb === 'accept' ? 'accepted' : verb === 'reject' ? 'rejected' : 'resolved', outcome: text ?? null },
        link: COMPLAINTS_LINK, entityType: COMPLAINT_ENTITY, entityKey: id,
      });
    }
  });
  return getComplaint(db, actor, id);
}
