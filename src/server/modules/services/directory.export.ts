/** The service directory as an Excel workbook: providers with their active products. */
import type { ListProvidersQuery } from '../../../contracts/service-directory.js';
import type { Db } from '../../db/database.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook, type SheetRow } from '../../platform/workbook.js';
import { listProducts, listProvidersForExport } from './directory.service.js';

/** Most providers in one export. */
const EXPORT_MAX = 5_000;
/** Chinese labels of provider kinds and product categories (the workbook is for gov staff). */
export const PROVIDER_KIND_LABELS: Record<string, string> = { platform: '公共服务平台', base: '基地', park: '园区', science_park: '科技园', maker_space: '众创空间', other: '其他' };
export const PRODUCT_CATEGORY_LABELS: Record<string, string> = { testing: '检验检测', consulting: '咨询诊断', training: '培训', digital: '数字化', finance: '融资', ip: '知识产权', incubation: '孵化', legal: '法律', other: '其他' };

/** Providers matching the filters (newest first) with their products and ratings, as `.xlsx`. */
export async function exportDirectory(db: Db, query: Omit<ListProvidersQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const providers = await listProvidersForExport(db, query, EXPORT_MAX);
  const wanted = new Set(providers.map((p) => p.id));
  const productRows: SheetRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await listProducts(db, { limit: 500, cursor });
    for (const sp of page.items.filter((item) => wanted.has(item.providerId))) {
      productRows.push({ id: Number(sp.id), title: sp.title, category: PRODUCT_CATEGORY_LABELS[sp.category] ?? sp.category, provider: sp.providerName, price: sp.priceFen === null ? '面议' : Number(sp.priceFen) / 100, requests: sp.requestCount, rating: sp.ratingCount ? Math.round((sp.ratingSum / sp.ratingCount) * 10) / 10 : '' });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return writeWorkbook(
    {
      name: '服务机构',
      columns: [
        { header: '编号', key: 'id', width: 8 },
        { header: '机构名称', key: 'name', width: 36 },
        { header: '类型', key: 'kind', width: 14 },
        { header: '地区', key: 'region', width: 24 },
        { header: '运营企业', key: 'operator', width: 30 },
        { header: '地址', key: 'address', width: 30 },
        { header: '联系方式', key: 'contact', width: 20 },
        { header: '服务产品数', key: 'products', width: 10 },
        { header: '平均评分', key: 'rating', width: 10 },
        { header: '评价数', key: 'ratings', width: 8 },
      ],
      rows: providers.map((p) => ({
        id: Number(p.id), name: p.name, kind: PROVIDER_KIND_LABELS[p.kind] ?? p.kind, region: regionFullName(p.regionCode) ?? p.regionCode, operator: p.operatorName ?? '', address: p.address, contact: p.contact,
        products: p.productCount, rating: p.ratingCount ? Math.round((p.ratingSum / p.ratingCount) * 10) / 10 : '', ratings: p.ratingCount,
      })),
    },
    {
      name: '服务产品',
      columns: [
        { header: '编号', key: 'id', width: 8 },
        { header: '服务产品', key: 'title', width: 36 },
        { header: '类别', key: 'category', width: 12 },
        { header: '服务机构', key: 'provider', width: 36 },
        { header: '价格（元）', key: 'price', width: 12 },
        { header: '申请数', key: 'requests', width: 8 },
        { header: '平均评分', key: 'rating', width: 10 },
      ],
      rows: productRows,
    },
  );
}
