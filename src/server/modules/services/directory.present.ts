/** Row → API shapes of the service directory (explicit fields). */
import type { ProductView, ProviderKind, ProductCategory, ProviderView, RequestStatus, RequestView } from '../../../contracts/service-directory.js';
import { regionFullName } from '../../platform/regions.js';
import type { ProductRecord, ProviderRecord, RequestRecord } from './directory.repo.js';

const average = (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 10) / 10);
const regionName = (code: string) => regionFullName(code) ?? code;

/** A provider as the API shows it. */
export function presentProvider(view: { provider: ProviderRecord; canManage: boolean }): ProviderView {
  const p = view.provider;
  return {
    id: p.id, name: p.name, kind: p.kind as ProviderKind, regionCode: p.regionCode, regionName: regionName(p.regionCode), operatorUscc: p.operatorUscc, operatorName: p.operatorName,
    address: p.address, contact: p.contact, description: p.description, productCount: p.productCount, ratingAverage: average(p.ratingSum, p.ratingCount), ratingCount: p.ratingCount, canManage: view.canManage,
  };
}

/** A product as the API shows it. */
export function presentProduct(p: ProductRecord): ProductView {
  return {
    id: p.id, providerId: p.providerId, providerName: p.providerName, providerKind: p.providerKind as ProviderKind, regionCode: p.regionCode, regionName: regionName(p.regionCode), title: p.title,
    category: p.category as ProductCategory, description: p.description, priceFen: p.priceFen === null ? null : Number(p.priceFen), isActive: p.isActive, requestCount: p.requestCount,
    ratingAverage: average(p.ratingSum, p.ratingCount), ratingCount: p.ratingCount,
  };
}

/** A request as the API shows it. */
export function presentRequest(view: { request: RequestRecord; canHandle: boolean; canRate: boolean }): RequestView {
  const r = view.request;
  return {
    id: r.id, productId: r.productId, productTitle: r.productTitle, providerId: r.providerId, providerName: r.providerName, uscc: r.uscc, name: r.name, regionCode: r.regionCode, note: r.note,
    status: r.status as RequestStatus, reply: r.reply, rating: r.rating, review: r.review, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), canHandle: view.canHandle, canRate: view.canRate,
  };
}
