/** A challenge's applications with their aggregated review results as an Excel workbook (managers only). */
import type { Db } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { businessDateTime } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listApplications } from './challenges.service.js';
import { resultsOf } from './reviews.service.js';

const STATUS_LABELS: Record<string, string> = { submitted: '已提交', shortlisted: '入围', awarded: '揭榜成功', rejected: '未入选', withdrawn: '已撤回' };

/** The workbook, as a buffer, and the challenge title for the file name. @throws not_found unless the caller manages the challenge. */
export async function exportApplications(db: Db, actor: Actor, challengeId: string): Promise<{ title: string; body: Buffer }> {
  const page = await listApplications(db, actor, challengeId, { limit: 5000 });
  if (!page.isManager) throw notFound('榜单');
  const results = await resultsOf(db, page.challenge.id, page.challenge.disagreementThreshold);
  const body = await writeWorkbook({
    name: '揭榜申报',
    columns: [
      { header: '申报编号', key: 'id', width: 10 },
      { header: '申报单位', key: 'name', width: 32 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '所在地', key: 'region', width: 24 },
      { header: '状态', key: 'status', width: 10 },
      { header: '已评/指派', key: 'reviews', width: 10 },
      { header: '平均分', key: 'mean', width: 10 },
      { header: '最低分', key: 'min', width: 10 },
      { header: '最高分', key: 'max', width: 10 },
      { header: '分歧较大', key: 'disagreement', width: 10 },
      { header: '提交时间（北京时间）', key: 'createdAt', width: 20 },
      { header: '技术方案', key: 'proposal', width: 60 },
    ],
    rows: page.items.map((a) => {
      const r = results.get(a.id);
      return {
        id: Number(a.id), name: a.applicantName, uscc: a.applicantUscc, region: regionFullName(a.regionCode) ?? a.regionCode, status: STATUS_LABELS[a.status] ?? a.status,
        reviews: r ? `${r.submitted}/${r.reviews}` : '0/0', mean: r?.mean ?? null, min: r?.min ?? null, max: r?.max ?? null, disagreement: r?.isDisagreement ? '是' : '',
        createdAt: businessDateTime(a.createdAt), proposal: a.proposal,
      };
    }),
  });
  return { title: page.challenge.title, body };
}
