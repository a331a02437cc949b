import type { Certification, Contact, EnterpriseDetail, EnterpriseSummary, EnterpriseTag, Financials, Size } from '../../../contracts/enterprises.js';
import { immutableJson } from '../../http/json-once.js';
import { classifyEnterpriseSize } from '../../platform/enterprise-size.js';
import { findIndustry } from '../../platform/industries.js';
import { fenToWan } from '../../platform/money.js';
import { regionFullName } from '../../platform/regions.js';
import type { EnterpriseRecord, FinancialRecord } from './enterprises.repo.js';
import type { EnterpriseView } from './enterprises.service.js';

/** Public profile fields of a listed enterprise. */
export function presentSummary(r: EnterpriseRecord): EnterpriseSummary {
  return {
    uscc: r.uscc,
    name: r.name,
    regionCode: r.regionCode,
    regionName: regionFullName(r.regionCode) ?? r.regionCode,
    industryCode: r.industryCode,
    industryName: findIndustry(r.industryCode)?.name ?? r.industryCode,
    size: r.size as Size | null,
    tags: r.tags as EnterpriseTag[],
    updatedAt: r.updatedAt.toISOString(),
  };
}

function presentFinancials(f: FinancialRecord): Financials {
  return {
    year: f.year,
    employees: f.employees,
    revenue: f.revenueFen != null ? fenToWan(f.revenueFen) : null,
    assets: f.assetsFen != null ? fenToWan(f.assetsFen) : null,
    rdSpend: f.rdSpendFen != null ? fenToWan(f.rdSpendFen) : null,
  };
}

/** Presented details per record object: cached records are immutable and read far more often than written. */
const memo = new WeakMap<object, { restricted?: EnterpriseDetail; public?: EnterpriseDetail }>();

/** The full profile; restricted fields and the size basis (which shows figures) only when allowed. */
export function presentDetail(view: EnterpriseView): EnterpriseDetail {
  const slot = memo.get(view.record) ?? {};
  const key = view.canSeeRestricted ? 'restricted' : 'public';
  const hit = slot[key];
  if (hit) {
    return hit;
  }
  // Shared by every request for this record: never mutated, so its JSON text is reused as well.
  const presented = immutableJson(buildDetail(view));
  slot[key] = presented;
  memo.set(view.record, slot);
  return presented;
}

function buildDetail(view: EnterpriseView): EnterpriseDetail {
  const { record } = view;
  const latest = view.financials[0];
  const basis = view.canSeeRestricted
    ? classifyEnterpriseSize({
        industryCode: record.industryCode,
        employees: latest?.employees ?? undefined,
        revenue: latest?.revenueFen != null ? fenToWan(latest.revenueFen) : undefined,
        assets: latest?.assetsFen != null ? fenToWan(latest.assetsFen) : undefined,
      }).basis
    : [];
  return {
    ...presentSummary(record),
    sizeCategory: record.sizeCategory,
    sizeBasis: basis.map((b) => ({ indicator: b.indicator, value: b.value, unit: b.unit, size: b.size, band: b.band, explanation: b.explanation })),
    products: record.products,
    capabilities: record.capabilities,
    certifications: record.certifications as Certification[],
    createdAt: record.createdAt.toISOString(),
    ...(view.canSeeRestricted
      ? { restricted: { contacts: record.contacts as Contact[], financials: view.financials.map(presentFinancials) } }
      : {}),
  };
}
