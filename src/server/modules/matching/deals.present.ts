/** Matches, deals, RFQs and quotes → API shapes: explicit field lists, each side sees its own. */
import type { DealView, DeclineReason, MatchStage, MatchView, QuoteView, RfqView } from '../../../contracts/deals.js';
import type { FileView } from '../../../contracts/files.js';
import type { StoredFile } from '../../platform/files.js';
import { sideOf } from './deals.policy.js';
import type { DealRecord, MatchRecord, QuoteRecord } from './deals.repo.js';
import { isSealed, type RfqAccess, type rfqDetails } from './deals.rfq.js';

/** A match as the caller (whose enterprise id is `ownEnterpriseId`) sees it. */
export function presentMatch(m: MatchRecord, ownEnterpriseId: string | undefined): MatchView {
  return {
    id: m.id,
    needId: m.needId,
    needTitle: m.needTitle,
    buyerUscc: m.buyerUscc,
    buyerName: m.buyerName,
    supplierUscc: m.supplierUscc,
    supplierName: m.supplierName,
    regionCode: m.regionCode,
    supplierRegionCode: m.supplierRegionCode,
    stage: m.stage as MatchStage,
    side: sideOf(ownEnterpriseId, m),
    score: m.score,
    message: m.message,
    declineReason: m.declineReason as DeclineReason | null,
    declineNote: m.declineNote,
    declinedBy: m.declinedBy as MatchView['declinedBy'],
    deal: m.deal ? { id: m.deal.id, amountFen: Number(m.deal.amountFen), signedOn: m.deal.signedOn, rfqId: m.deal.rfqId } : null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** A deal. */
export function presentDeal(d: DealRecord): DealView {
  return {
    id: d.id,
    matchId: d.matchId,
    needId: d.needId,
    needTitle: d.needTitle,
    buyerUscc: d.buyerUscc,
    buyerName: d.buyerName,
    supplierUscc: d.supplierUscc,
    supplierName: d.supplierName,
    amountFen: Number(d.amountFen),
    signedOn: d.signedOn,
    buyerRegionCode: d.buyerRegionCode,
    supplierRegionCode: d.supplierRegionCode,
    rfqId: d.rfqId,
    createdAt: d.createdAt.toISOString(),
  };
}

/** A stored file as the API shows it. */
export function presentFile(f: StoredFile): FileView {
  return { id: f.id, name: f.name, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt };
}

/** A quote's content with its files (the caller has checked it may be read). */
export function presentQuote(q: QuoteRecord, awardedQuoteId: string | null, files: readonly StoredFile[]): QuoteView {
  return {
    id: q.id,
    rfqId: q.rfqId,
    supplierUscc: q.supplierUscc,
    supplierName: q.supplierName,
    priceFen: Number(q.priceFen),
    leadTimeDays: q.leadTimeDays,
    moq: q.moq,
    terms: q.terms,
    isAwarded: q.id === awardedQuoteId,
    files: files.map(presentFile),
    submittedAt: q.submittedAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

/** An RFQ as the caller's side sees it (suppliers: no invitees, no count, only their own quote). */
export function presentRfq(access: RfqAccess, details: Awaited<ReturnType<typeof rfqDetails>>, myQuoteFiles: readonly StoredFile[] = []): RfqView {
  const r = access.rfq;
  return {
    id: r.id,
    needId: r.needId,
    needTitle: r.needTitle,
    buyerUscc: r.buyerUscc,
    buyerName: r.buyerName,
    regionCode: r.regionCode,
    title: r.title,
    description: r.description,
    deadlineAt: r.deadlineAt.toISOString(),
    status: r.status as RfqView['status'],
    isSealed: isSealed(r),
    side: access.side,
    invited: details.invited,
    quoteCount: details.quoteCount,
    myQuote: details.myQuote ? presentQuote(details.myQuote, r.awardedQuoteId, myQuoteFiles) : null,
    awardedQuoteId: access.side === 'supplier' && details.myQuote?.id !== r.awardedQuoteId ? null : r.awardedQuoteId,
    awardedAt: r.awardedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
