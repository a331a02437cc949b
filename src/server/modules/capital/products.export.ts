/** The bank product catalogue in the caller's scope as an Excel workbook. */
import type { ListBankProductsQuery } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listBankProducts } from './products.service.js';

/** Most products one export writes. */
export const PRODUCTS_EXPORT_MAX = 500;

const KIND_NAMES: Record<string, string> = { receivable: '应收账款融资', order: '订单融资', warehouse_receipt: '仓单质押', inventory: '存货质押', credit_loan: '信用贷款', tax_loan: '税易贷' };

/** The catalogue workbook (元 for reading; the API has exact fen), with the caller's eligibility when it is an SME. */
export async function exportBankProducts(db: Db, actor: Actor, query: Omit<ListBankProductsQuery, 'limit' | 'cursor'>): Promise<Buffer> {
  const page = await listBankProducts(db, actor, { ...query, limit: PRODUCTS_EXPORT_MAX });
  const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  return writeWorkbook({
    name: '银行金融产品',
    columns: [
      { header: '产品编号', key: 'id', width: 10 },
      { header: '产品名称', key: 'name', width: 28 },
      { header: '银行', key: 'bank', width: 32 },
      { header: '类型', key: 'kind', width: 14 },
      { header: '金额(元)', key: 'amount', width: 24 },
      { header: '年利率', key: 'rate', width: 16 },
      { header: '期限(天)', key: 'term', width: 12 },
      { header: '准入条件', key: 'rules', width: 80 },
      { header: '状态', key: 'status', width: 8 },
      { header: '申请数', key: 'requests', width: 8 },
      { header: '本企业是否符合', key: 'eligible', width: 14 },
      { header: '不符合的原因', key: 'why', width: 60 },
    ],
    rows: page.items.map((p) => {
      const failed = p.eligibility?.reasons.filter((r) => r.passed !== true) ?? [];
      return {
      id: Number(p.id), name: p.name, bank: p.bank.name, kind: KIND_NAMES[p.kind], amount: `${p.minAmountFen / 100}–${p.maxAmountFen / 100}`, rate: `${pct(p.minRateBp)}–${pct(p.maxRateBp)}`,
      term: `${p.minTermDays}–${p.maxTermDays}`, rules: p.ruleTexts.join('；'), status: p.status === 'active' ? '在售' : '已下架', requests: p.requestCount,
        eligible: p.eligibility ? (p.eligibility.isEligible ? '符合' : '不符合') : '—', why: failed.map((r) => `${r.text}（${r.detail}）`).join('；'),
      };
    }),
  });
}
