/** The expert pool (专家库) the caller may see, filtered as the list is, as an Excel workbook. */
import type { ListExpertsQuery } from '../../../contracts/innovation.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { allPages } from './collab.export.js';
import { selectConflictCounts } from './reviews.repo.js';
import { listExperts } from './reviews.service.js';

/** Every expert matching the filters, one row each, as `.xlsx`. @throws forbidden for experts (as the list). */
export async function exportExperts(db: Db, actor: Actor, query: Omit<ListExpertsQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const experts = await allPages((cursor) => listExperts(db, actor, { ...query, cursor, limit: 500 }));
  const conflicts = await selectConflictCounts(db, experts.map((x) => x.id));
  return writeWorkbook({
    name: '专家库',
    columns: [
      { header: '编号', key: 'id', width: 8 },
      { header: '姓名', key: 'name', width: 14 },
      { header: '专业领域', key: 'fields', width: 36 },
      { header: '工作单位', key: 'affiliation', width: 30 },
      { header: '所在地', key: 'region', width: 24 },
      { header: '可接受任务', key: 'available', width: 10 },
      { header: '评审上限', key: 'maxLoad', width: 10 },
      { header: '在审任务', key: 'openReviews', width: 10 },
      { header: '申报回避单位数', key: 'conflicts', width: 14 },
    ],
    rows: experts.map((x) => ({
      id: Number(x.id), name: x.name, fields: x.fields.join('、'), affiliation: x.affiliation, region: regionFullName(x.regionCode) ?? x.regionCode, available: x.isAvailable ? '是' : '否',
      maxLoad: x.maxLoad, openReviews: x.openReviews, conflicts: conflicts.get(x.id) ?? 0,
    })),
  });
}
