/** Excel exports of the deals module: matches, deals, and an RFQ's quote comparison. */
import type { ListDealsQuery, ListMatchesQuery } from '../../../contracts/deals.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { businessDateTime } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { type SheetColumn, type SheetRow, writeWorkbook } from '../../platform/workbook.js';
import { listDeals, listMatches } from './deals.service.js';
import { listQuotes } from './deals.rfq.js';
import { AppError } from '../../errors.js';

/** fen → 元 as a number for spreadsheet cells (exact up to 2^53 fen). */
function fenToYuan(fen: bigint): number {
  return Number(fen) / 100;
}

/** Most rows one export writes. */
export const DEALS_EXPORT_MAX = 2000;

const STAGE_LABELS: Record<string, string> = { invited: '已邀请', negotiating: '洽谈中', deal: '已签约', declined: '已婉拒' };
/** Chinese labels of the decline reasons (the fixed list). */
export const DECLINE_LABELS: Record<string, string> = { price: '价格不符', delivery: '交期不符', qualification: '资质不符', capacity: '产能不足', other_supplier: '已选定其他供应商', other: '其他' };


/** The caller's matches (its side only) as a workbook. */
export async function exportMatches(db: Db, actor: Actor, query: Omit<ListMatchesQuery, 'limit' | 'cursor'>): Promise<Buffer> {
  const page = await listMatches(db, actor, { ...query, limit: DEALS_EXPORT_MAX });
  return writeWorkbook({ name: '供需对接跟踪', columns: [
    { header: '编号', key: 'id', width: 8 }, { header: '需求', key: 'need', width: 36 }, { header: '需求方', key: 'buyer', width: 32 },
    { header: '供应方', key: 'supplier', width: 32 }, { header: '阶段', key: 'stage', width: 10 }, { header: '婉拒原因', key: 'reason', width: 18 },
    { header: '签约金额(元)', key: 'amount', width: 16 }, { header: '签约日期', key: 'signedOn', width: 12 }, { header: '更新时间（北京时间）', key: 'updatedAt', width: 20 },
  ], rows: page.items.map((m) => ({
    id: Number(m.id), need: m.needTitle, buyer: m.buyerName, supplier: m.supplierName, stage: STAGE_LABELS[m.stage] ?? m.stage,
    reason: m.declineReason ? DECLINE_LABELS[m.declineReason] : null, amount: m.deal ? fenToYuan(m.deal.amountFen) : null, signedOn: m.deal?.signedOn ?? null,
    updatedAt: businessDateTime(m.updatedAt),
  })) });
}

/** The deals in the caller's scope as a workbook. @throws validation_failed on a bad region. */
export async function exportDeals(db: Db, actor: Actor, query: Omit<ListDealsQuery, 'limit' | 'cursor'>): Promise<Buffer> {
  const page = await listDeals(db, actor, { ...query, limit: DEALS_EXPORT_MAX });
  return writeWorkbook({ name: '签约成果', columns: [
    { header: '编号', key: 'id', width: 8 }, { header: '需求', key: 'need', width: 36 }, { header: '需求方', key: 'buyer', width: 32 },
    { header: '需求方地区', key: 'buyerRegion', width: 24 }, { header: '供应方', key: 'supplier', width: 32 }, { header: '供应方地区', key: 'supplierRegion', width: 24 },
    { header: '签约金额(元)', key: 'amount', width: 16 }, { header: '签约日期', key: 'signedOn', width: 12 }, { header: '来源', key: 'source', width: 10 },
  ], rows: page.items.map((d) => ({
    id: Number(d.id), need: d.needTitle, buyer: d.buyerName, buyerRegion: regionFullName(d.buyerRegionCode) ?? d.buyerRegionCode, supplier: d.supplierName,
    supplierRegion: regionFullName(d.supplierRegionCode) ?? d.supplierRegionCode, amount: fenToYuan(d.amountFen), signedOn: d.signedOn, source: d.rfqId ? '询价定标' : '对接洽谈',
  })) });
}

/**
 * An RFQ's quotes side by side (one column per supplier) as a workbook, after the deadline.
 * @throws not_found; invalid_state while sealed (the caller is not a supplier: those export nothing).
 */
export async function exportComparison(db: Db, actor: Actor, rfqId: string): Promise<Buffer> {
  const { access, isSealed, items } = await listQuotes(db, actor, rfqId);
  if (access.side === 'supplier' || isSealed) throw new AppError('invalid_state', 'Quotes are sealed', { userMessage: '报价截止前不能比价' });
  const columns: SheetColumn[] = [{ header: '项目', key: 'field', width: 14 }, ...items.map((q, i) => ({ header: q.supplierName, key: `q${i}`, width: 28 }))];
  const row = (field: string, value: (q: (typeof items)[number]) => SheetRow[string]): SheetRow => ({ field, ...Object.fromEntries(items.map((q, i) => [`q${i}`, value(q)])) });
  return writeWorkbook({ name: '报价比较', columns, rows: [
    row('报价(元)', (q) => fenToYuan(q.priceFen)),
    row('交期(天)', (q) => q.leadTimeDays),
    row('最小起订量', (q) => q.moq),
    row('商务条款', (q) => q.terms),
    row('统一社会信用代码', (q) => q.supplierUscc),
    row('中标', (q) => (q.id === access.rfq.awardedQuoteId ? '是' : '')),
  ] });
}
