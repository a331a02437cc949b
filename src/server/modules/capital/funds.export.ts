/** A fund's investments as an Excel workbook. */
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { getFund, listInvestments } from './funds.service.js';

export const INVESTMENTS_EXPORT_MAX = 1000;
const STAGE_NAMES: Record<string, string> = { seed: '种子轮', angel: '天使轮', a: 'A轮', b: 'B轮', c: 'C轮', pre_ipo: 'Pre-IPO', growth: '成长期' };

/** @throws not_found for a fund outside the caller's scope. */
export async function exportInvestments(db: Db, actor: Actor, fundId: string): Promise<Buffer> {
  const fund = await getFund(db, actor, fundId);
  const page = await listInvestments(db, actor, fundId, { limit: INVESTMENTS_EXPORT_MAX });
  return writeWorkbook({
    name: '基金投资记录',
    columns: [
      { header: '投资编号', key: 'id', width: 10 },
      { header: '被投企业', key: 'name', width: 32 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '投资日期', key: 'on', width: 12 },
      { header: '轮次', key: 'stage', width: 10 },
      { header: '金额(元)', key: 'amount', width: 16 },
      { header: '持股比例(%)', key: 'share', width: 12 },
      { header: '所在产业链环节', key: 'chains', width: 60 },
    ],
    rows: page.items.map((i) => ({ id: Number(i.id), name: i.enterprise.name, uscc: i.enterprise.uscc, on: i.investedOn, stage: STAGE_NAMES[i.stage], amount: i.amountFen / 100, share: i.sharePct, chains: i.chains.map((c) => `${c.chainName}/${c.segmentName}`).join('；') })),
    notes: [`${fund.name}（管理人 ${fund.manager.name}）规模 ${fund.sizeFen / 100} 元，已投 ${fund.investedFen / 100} 元`],
  });
}
