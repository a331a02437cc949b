/** Cross-border listings as an Excel workbook, Chinese and English side by side. */
import type { ListListingsQuery } from '../../../contracts/cross-border.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { businessDateTime } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listListings } from './crossborder.service.js';

/** Most listings one export writes. */
export const LISTINGS_EXPORT_MAX = 500;

const KIND_LABELS: Record<string, string> = { need: '需求 Need', offer: '供给 Offer' };
const COUNTRY_NAMES = new Intl.DisplayNames(['zh-CN'], { type: 'region' });

/** The workbook of the listings the actor may read (filters as the list), as a buffer. */
export async function exportListings(db: Db, actor: Actor, query: Omit<ListListingsQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const { items } = await listListings(db, actor, { ...query, limit: LISTINGS_EXPORT_MAX });
  return writeWorkbook({
    name: '跨境对接 Cross-border',
    columns: [
      { header: '类型 Kind', key: 'kind', width: 12 },
      { header: '编号 ID', key: 'id', width: 8 },
      { header: '标题', key: 'title', width: 36 },
      { header: 'Title (English)', key: 'titleEn', width: 40 },
      { header: '描述', key: 'description', width: 50 },
      { header: 'Description (English)', key: 'descriptionEn', width: 50 },
      { header: '企业 Enterprise', key: 'enterprise', width: 30 },
      { header: '统一社会信用代码 USCC', key: 'uscc', width: 22 },
      { header: '所在地 Region', key: 'region', width: 24 },
      { header: '行业 Industry', key: 'industry', width: 10 },
      { header: '目标国家/地区 Countries', key: 'countries', width: 30 },
      { header: '产品 Products', key: 'products', width: 30 },
      { header: '发布时间（北京时间）Listed (UTC+8)', key: 'listedAt', width: 20 },
    ],
    rows: items.map((l) => ({
      kind: KIND_LABELS[l.kind], id: Number(l.id), title: l.title, titleEn: l.titleEn ?? '', description: l.description, descriptionEn: l.descriptionEn ?? '',
      enterprise: l.enterpriseName, uscc: l.uscc, region: regionFullName(l.regionCode) ?? l.regionCode, industry: l.industryCode ?? '',
      countries: l.targetCountries.map((c) => `${c} ${COUNTRY_NAMES.of(c) ?? ''}`.trim()).join('；'), products: l.products.join('；'),
      listedAt: businessDateTime(l.listedAt),
    })),
  });
}
