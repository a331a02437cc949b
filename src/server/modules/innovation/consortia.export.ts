/** Consortia the caller sees, as an Excel workbook. */
import type { ListConsortiaQuery } from '../../../contracts/consortia.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { allPages } from './collab.export.js';
import { listConsortia } from './consortia.service.js';

const STATUS_LABELS: Record<string, string> = { active: '运行中', closed: '已结束' };

/** Every consortium matching the filters the caller may see, as `.xlsx`. */
export async function exportConsortia(db: Db, actor: Actor, query: Omit<ListConsortiaQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const consortia = await allPages((cursor) => listConsortia(db, actor, { ...query, cursor, limit: 500 }));
  return writeWorkbook({
    name: '创新联合体',
    columns: [
      { header: '编号', key: 'id', width: 8 },
      { header: '名称', key: 'name', width: 36 },
      { header: '技术领域', key: 'field', width: 16 },
      { header: '牵头单位', key: 'lead', width: 30 },
      { header: '牵头单位信用代码', key: 'leadUscc', width: 22 },
      { header: '所在地', key: 'region', width: 24 },
      { header: '产业链', key: 'chain', width: 24 },
      { header: '攻关环节', key: 'segment', width: 16 },
      { header: '成员数', key: 'members', width: 8 },
      { header: '项目数', key: 'projects', width: 8 },
      { header: '项目预算（万元）', key: 'budget', width: 14 },
      { header: '状态', key: 'status', width: 8 },
    ],
    rows: consortia.map((c) => ({
      id: Number(c.id), name: c.name, field: c.field, lead: c.leadName, leadUscc: c.leadUscc, region: regionFullName(c.regionCode) ?? c.regionCode, chain: c.chainName ?? '', segment: c.segmentName ?? '',
      members: c.activeMemberCount, projects: c.projectCount, budget: Number(c.budgetFen) / 1_000_000, status: STATUS_LABELS[c.status],
    })),
  });
}
