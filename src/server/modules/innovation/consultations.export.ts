/** The consultations a caller may see as an Excel workbook (up to 5,000, newest first). */
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { businessDateTime } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listConsultations } from './consultations.service.js';

const STATUS = { open: '待答复', answered: '已答复', closed: '已评价' } as const;
const URGENCY = { low: '不急', normal: '一般', high: '紧急' } as const;

/** The workbook as a buffer. */
export async function exportConsultations(db: Db, actor: Actor, status?: 'open' | 'answered' | 'closed'): Promise<Buffer> {
  const page = await listConsultations(db, actor, { status, limit: 5000 });
  return writeWorkbook({
    name: '专家咨询',
    columns: [
      { header: '编号', key: 'id', width: 8 },
      { header: '提出企业', key: 'name', width: 30 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '所在地', key: 'region', width: 24 },
      { header: '领域', key: 'field', width: 14 },
      { header: '紧急程度', key: 'urgency', width: 10 },
      { header: '状态', key: 'status', width: 10 },
      { header: '专家咨询委员会', key: 'committee', width: 24 },
      { header: '受邀专家', key: 'experts', width: 30 },
      { header: '已答复', key: 'answered', width: 8 },
      { header: '评分', key: 'rating', width: 8 },
      { header: '提出时间（北京时间）', key: 'createdAt', width: 20 },
      { header: '问题', key: 'question', width: 60 },
    ],
    rows: page.items.map(({ consultation: c, routes }) => ({
      id: Number(c.id), name: c.requesterName, uscc: c.requesterUscc, region: regionFullName(c.regionCode) ?? c.regionCode, field: c.field, urgency: URGENCY[c.urgency], status: STATUS[c.status],
      committee: c.committeeName ?? '', experts: routes.map((r) => r.expertName).join('、'), answered: routes.filter((r) => r.answer !== null).length, rating: c.rating,
      createdAt: businessDateTime(c.createdAt), question: c.question,
    })),
  });
}
