/** Case rows → API shapes (explicit fields). */
import type { CaseModel, CaseStatus, CaseView, CaseEnterpriseRole } from '../../../contracts/services.js';
import type { FileView } from '../../../contracts/files.js';
import type { StoredFile } from '../../platform/files.js';
import { regionFullName } from '../../platform/regions.js';
import type { CaseDetail } from './cases.service.js';

/** A case as the caller may see it; the review comment only for its authors and reviewers. */
export function presentCase(detail: CaseDetail): CaseView {
  const r = detail.record;
  return {
    id: r.id,
    title: r.title,
    model: r.model as CaseModel,
    chainId: r.chainId,
    chainName: r.chainName,
    regionCode: r.regionCode,
    regionName: regionFullName(r.regionCode) ?? r.regionCode,
    summary: r.summary,
    results: r.results,
    status: r.status as CaseStatus,
    enterprises: detail.enterprises.map((e) => ({ uscc: e.uscc, name: e.name, role: e.role as CaseEnterpriseRole })),
    files: detail.files.map(presentFile),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    reviewComment: detail.isInsider ? r.reviewComment : null,
    canEdit: detail.canEdit,
    canReview: detail.canReview,
  };
}

/** A stored file as the API shows it (no owner fields). */
export function presentFile(f: StoredFile): FileView {
  return { id: f.id, name: f.name, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedAt: f.uploadedAt };
}
