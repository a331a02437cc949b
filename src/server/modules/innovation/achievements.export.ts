/** First-use records (首试首用 / 首台套) the caller may see, as an Excel workbook. */
import type { ListFirstUsesQuery } from '../../../contracts/achievements.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listFirstUses } from './achievements.service.js';
import { allPages } from './collab.export.js';

const KIND_LABELS: Record<string, string> = { first_use: '首试首用', first_of_kind: '首台(套)' };
const OUTCOME_LABELS: Record<string, string> = { in_progress: '进行中', succeeded: '成功', failed: '未成功' };
/** Rows per page read while exporting. */
const PAGE = 500;

/** Every record matching the filters the caller may see (gov: suppliers in their region), as `.xlsx`. */
export async function exportFirstUses(db: Db, actor: Actor, query: Omit<ListFirstUsesQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const records = await allPages((cursor) => listFirstUses(db, actor, { ...query, cursor, limit: PAGE }));
  return writeWorkbook({
    name: '首试首用',
    columns: [
      { header: '编号', key: 'id', width: 8 },
      { header: '类型', key: 'kind', width: 12 },
      { header: '产品', key: 'product', width: 32 },
      { header: '供应方（中小企业）', key: 'supplier', width: 30 },
      { header: '供应方信用代码', key: 'supplierUscc', width: 22 },
      { header: '供应方所在地', key: 'region', width: 24 },
      { header: '使用方（大企业）', key: 'user', width: 30 },
      { header: '使用方信用代码', key: 'userUscc', width: 22 },
      { header: '开始日期', key: 'startedOn', width: 12 },
      { header: '结果', key: 'outcome', width: 10 },
      { header: '结果说明', key: 'outcomeNote', width: 40 },
    ],
    rows: records.map((f) => ({
      id: Number(f.id), kind: KIND_LABELS[f.kind], product: f.product, supplier: f.supplierName, supplierUscc: f.supplierUscc, region: regionFullName(f.regionCode) ?? f.regionCode,
      user: f.userName, userUscc: f.userUscc, startedOn: f.startedOn, outcome: OUTCOME_LABELS[f.outcome], outcomeNote: f.outcomeNote,
    })),
  });
}
