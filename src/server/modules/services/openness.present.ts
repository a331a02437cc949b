/** Row → API shapes of SOE openings, applications and openness figures (explicit fields). */
import type { ApplicationStatus, ApplicationView, OpeningKind, OpeningView, OpennessRow, SoeOwnership } from '../../../contracts/soe-openness.js';
import { regionFullName } from '../../platform/regions.js';
import type { ApplicationRecord, OpeningRecord } from './openness.repo.js';

const regionName = (code: string) => regionFullName(code) ?? code;

/** An opening as the API shows it (`today`: the business date deciding whether it is open). */
export function presentOpening(view: { opening: OpeningRecord; canManage: boolean; today: string }): OpeningView {
  const o = view.opening;
  return {
    id: o.id, enterpriseUscc: o.enterpriseUscc, enterpriseName: o.enterpriseName, regionCode: o.regionCode, regionName: regionName(o.regionCode), ownership: o.ownership as SoeOwnership, kind: o.kind as OpeningKind,
    title: o.title, description: o.description, chainId: o.chainId, chainName: o.chainName, budgetFen: o.budgetFen === null ? null : Number(o.budgetFen), applyBy: o.applyBy, isOpen: o.applyBy >= view.today,
    applicationCount: o.applicationCount, acceptedCount: o.acceptedCount, canManage: view.canManage, createdAt: o.createdAt.toISOString(),
  };
}

/** An application as the API shows it. */
export function presentApplication(a: ApplicationRecord): ApplicationView {
  return { enterpriseUscc: a.enterpriseUscc, enterpriseName: a.enterpriseName, size: a.size, note: a.note, status: a.status as ApplicationStatus, createdAt: a.createdAt.toISOString(), decidedAt: a.decidedAt?.toISOString() ?? null };
}

/** A firm's openness figures as the API shows them. */
export function presentOpenness(r: { enterpriseUscc: string; enterpriseName: string; regionCode: string; ownership: string; openingCount: number; openCount: number; budgetFen: string; applicationCount: number; acceptedSmeCount: number; smeSupplierCount: number }): OpennessRow {
  return {
    enterpriseUscc: r.enterpriseUscc, enterpriseName: r.enterpriseName, regionCode: r.regionCode, regionName: regionName(r.regionCode), ownership: r.ownership as SoeOwnership, openingCount: r.openingCount, openCount: r.openCount,
    budgetFen: Number(r.budgetFen), applicationCount: r.applicationCount, acceptedSmeCount: r.acceptedSmeCount, smeSupplierCount: r.smeSupplierCount,
  };
}
