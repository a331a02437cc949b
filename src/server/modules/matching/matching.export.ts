/** The region's 需求清单 (published needs in the caller's scope) as an Excel workbook. */
import type { ListNeedsQuery } from '../../../contracts/matching.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { fenToWan } from '../../platform/money.js';
import { businessDateTime } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listPublishedNeeds } from './matching.service.js';

/** Most needs one export writes. */
export const NEEDS_EXPORT_MAX = 500;

const KIND_LABELS: Record<string, string> = { procurement: '采购', supporting: '配套', technology: '技术', capacity: '产能', service: '服务', talent: '人才' };

/** The workbook of published needs, as a buffer. @throws validation_failed on a bad region filter. */
export async function exportNeeds(db: Db, actor: Actor, query: Pick<ListNeedsQuery, 'kind' | 'region' | 'q'>): Promise<Buffer> {
  const needs = await listPublishedNeeds(db, actor, query, NEEDS_EXPORT_MAX);
  return writeWorkbook({
    name: '需求清单',
    columns: [
      { header: '需求编号', key: 'id', width: 10 },
      { header: '需求标题', key: 'title', width: 36 },
      { header: '类别', key: 'kind', width: 8 },
      { header: '发布企业', key: 'enterprise', width: 32 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '企业所在地', key: 'region', width: 24 },
      { header: '产品/技术', key: 'products', width: 32 },
      { header: '数量', key: 'quantity', width: 14 },
      { header: '预算下限(万元)', key: 'budgetMin', width: 14 },
      { header: '预算上限(万元)', key: 'budgetMax', width: 14 },
      { header: '资质要求', key: 'certifications', width: 24 },
      { header: '截止日期', key: 'deadline', width: 12 },
      { header: '需求描述', key: 'description', width: 60 },
      { header: '发布时间（北京时间）', key: 'publishedAt', width: 20 },
    ],
    rows: needs.map((n) => ({
      id: Number(n.id), title: n.title, kind: KIND_LABELS[n.kind] ?? n.kind, enterprise: n.enterpriseName, uscc: n.uscc,
      region: regionFullName(n.regionCode) ?? n.regionCode, products: n.products.join('；'), quantity: n.quantity,
      budgetMin: n.budgetMinFen === null ? null : fenToWan(n.budgetMinFen), budgetMax: n.budgetMaxFen === null ? null : fenToWan(n.budgetMaxFen),
      certifications: n.requiredCertifications.join('；'), deadline: n.deadline, description: n.description,
      publishedAt: n.publishedAt ? businessDateTime(n.publishedAt) : null,
    })),
  });
}
