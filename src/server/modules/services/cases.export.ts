/** The caller's typical cases as an Excel workbook. */
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { businessDateTime } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listCasesForExport } from './cases.service.js';

/** Most rows in one export. */
const EXPORT_MAX = 10_000;
const MODEL_LABELS: Record<string, string> = { supply_chain: '供应链协同', innovation: '创新协同', data: '数据协同', capacity: '产能共享', capital: '资金链协同', talent: '人才协同', service: '服务协同', other: '其他' };
const STATUS_LABELS: Record<string, string> = { draft: '草稿', submitted: '待审核', returned: '退回修改', published: '已发布' };
const ROLE_LABELS: Record<string, string> = { leader: '大企业', sme: '中小企业', other: '其他' };

/** Cases of the caller's scope (gov: region; members: own organisation), newest first, as `.xlsx`. */
export async function exportCases(db: Db, actor: Actor): Promise<Buffer> {
  const cases = await listCasesForExport(db, actor, EXPORT_MAX);
  const at = (d: Date | null) => (d ? businessDateTime(d) : '');
  return writeWorkbook({
    name: '典型案例',
    columns: [
      { header: '编号', key: 'id', width: 8 },
      { header: '案例名称', key: 'title', width: 36 },
      { header: '融通模式', key: 'model', width: 12 },
      { header: '产业链', key: 'chain', width: 20 },
      { header: '地区', key: 'region', width: 24 },
      { header: '状态', key: 'status', width: 10 },
      { header: '参与企业', key: 'enterprises', width: 50 },
      { header: '案例简介', key: 'summary', width: 60 },
      { header: '成效', key: 'results', width: 60 },
      { header: '材料数', key: 'files', width: 8 },
      { header: '提交时间（北京时间）', key: 'submittedAt', width: 20 },
      { header: '发布时间（北京时间）', key: 'publishedAt', width: 20 },
    ],
    rows: cases.map((c) => {
      const r = c.record;
      return {
      id: Number(r.id), title: r.title, model: MODEL_LABELS[r.model] ?? r.model, chain: r.chainName ?? '', region: regionFullName(r.regionCode) ?? r.regionCode, status: STATUS_LABELS[r.status] ?? r.status,
      enterprises: c.enterprises.map((e) => `${e.name}（${ROLE_LABELS[e.role] ?? e.role}，${e.uscc}）`).join('；'), summary: r.summary, results: r.results, files: c.files.length,
        submittedAt: at(r.submittedAt), publishedAt: at(r.publishedAt),
      };
    }),
  });
}
