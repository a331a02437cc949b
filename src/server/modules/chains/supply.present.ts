import type { SupplyEdge } from '../../../contracts/supply.js';
import type { SupplyEdgeRecord } from './supply.repo.js';

/** Edge row → API shape (explicit fields; the owner organisation is not shown). */
export function presentSupplyEdge(r: SupplyEdgeRecord): SupplyEdge {
  return {
    id: r.id,
    supplier: { uscc: r.supplierUscc, name: r.supplierName, regionCode: r.supplierRegion, countryCode: r.supplierCountry },
    customer: { uscc: r.customerUscc, name: r.customerName, regionCode: r.regionCode, countryCode: 'CN' },
    product: r.product,
    share: r.share === null ? null : Math.round(r.share * 10_000) / 10_000,
    since: r.since,
    source: r.source,
    isPrivate: r.isPrivate,
    createdAt: r.createdAt.toISOString(),
  };
}
