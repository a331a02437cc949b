/** Rows → API shapes: explicit field lists. */
import type { NeedView, OfferView } from '../../../contracts/matching.js';
import { regionFullName } from '../../platform/regions.js';
import type { NeedRecord, OfferRecord } from './matching.repo.js';

/** A need as the API shows it (money in fen). */
export function presentNeed(n: NeedRecord): NeedView {
  return {
    id: n.id,
    uscc: n.uscc,
    enterpriseName: n.enterpriseName,
    ownerRegionCode: n.regionCode,
    title: n.title,
    description: n.description,
    kind: n.kind as NeedView['kind'],
    products: n.products,
    industryCode: n.industryCode,
    regionCode: n.targetRegionCode,
    regionName: n.targetRegionCode ? (regionFullName(n.targetRegionCode) ?? null) : null,
    visibility: n.visibility as NeedView['visibility'],
    quantity: n.quantity,
    budgetMinFen: n.budgetMinFen === null ? null : Number(n.budgetMinFen),
    budgetMaxFen: n.budgetMaxFen === null ? null : Number(n.budgetMaxFen),
    requiredCertifications: n.requiredCertifications,
    requiredLevel: n.requiredLevel as NeedView['requiredLevel'],
    deadline: n.deadline,
    invitedUsccs: n.invitedUsccs,
    status: n.status as NeedView['status'],
    reviewComment: n.reviewComment,
    titleEn: n.titleEn,
    descriptionEn: n.descriptionEn,
    crossBorder: n.isCrossBorder,
    targetCountries: n.targetCountries,
    publishedAt: n.publishedAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

/** An offer as the API shows it. */
export function presentOffer(o: OfferRecord): OfferView {
  return {
    id: o.id,
    uscc: o.uscc,
    enterpriseName: o.enterpriseName,
    regionCode: o.regionCode,
    title: o.title,
    description: o.description,
    products: o.products,
    capacity: o.capacity,
    leadTimeDays: o.leadTimeDays,
    certifications: o.certifications,
    regionsServed: o.regionsServed,
    titleEn: o.titleEn,
    descriptionEn: o.descriptionEn,
    crossBorder: o.isCrossBorder,
    targetCountries: o.targetCountries,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
