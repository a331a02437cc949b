/** Leaders' actions as an Excel workbook. */
import type { ListLeaderActionsQuery } from '../../../contracts/leaders.js';
import type { Db } from '../../db/database.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listLeaderActions } from './leaders.service.js';

/** Most rows in one export. */
const EXPORT_MAX = 10_000;
const KIND_LABELS: Record<string, string> = { incubation_base: '孵化基地/园区', supplier_programme: '供应商提升计划', equity_investment: '投资中小企业', internal_startup: '内部创业/分拆' };

/** The actions matching the list filters, newest first, as `.xlsx`. */
export async function exportLeaderActions(db: Db, query: Omit<ListLeaderActionsQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const actions = [];
  let cursor: string | undefined;
  do {
    const page = await listLeaderActions(db, { ...query, cursor, limit: 500 });
    actions.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && actions.length < EXPORT_MAX);
  return writeWorkbook({
    name: '链主行动',
    columns: [
      { header: '编号', key: 'id', width: 8 },
      { header: '产业链', key: 'chain', width: 30 },
      { header: '链主企业', key: 'leader', width: 30 },
      { header: '地区', key: 'region', width: 24 },
      { header: '类型', key: 'kind', width: 16 },
      { header: '名称', key: 'title', width: 36 },
      { header: '合作/被投企业', key: 'partner', width: 30 },
      { header: '金额（元）', key: 'amount', width: 14 },
      { header: '带动中小企业数', key: 'smeCount', width: 14 },
      { header: '开始日期', key: 'startedOn', width: 12 },
    ],
    rows: actions.map((a) => ({ id: Number(a.id), chain: a.chainName, leader: a.leaderName, region: regionFullName(a.regionCode) ?? a.regionCode, kind: KIND_LABELS[a.kind] ?? a.kind, title: a.title, partner: a.partnerName ?? '', amount: a.amountFen === null ? '' : Number(a.amountFen) / 100, smeCount: a.smeCount ?? '', startedOn: a.startedOn })),
  });
}
