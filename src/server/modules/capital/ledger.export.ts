/** The payables ledger in the caller's scope as an Excel workbook. */
import type { LedgerQuery } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { listLedger } from './ledger.service.js';

/** Most deliveries one export writes. */
export const LEDGER_EXPORT_MAX = 500;

/** The ledger workbook (元 with two decimals for reading; fen are exact in the API), as a buffer. */
export async function exportLedger(db: Db, actor: Actor, query: Omit<LedgerQuery, 'limit' | 'cursor'>): Promise<Buffer> {
  const page = await listLedger(db, actor, { ...query, limit: LEDGER_EXPORT_MAX });
  const yuan = (fen: bigint) => Number(fen) / 100;
  return writeWorkbook({
    name: '应付账款台账',
    columns: [
      { header: '交付编号', key: 'id', width: 10 },
      { header: '合同编号', key: 'contractId', width: 10 },
      { header: '合同名称', key: 'title', width: 28 },
      { header: '买方', key: 'buyer', width: 30 },
      { header: '供方', key: 'supplier', width: 30 },
      { header: '交付日期', key: 'deliveredOn', width: 12 },
      { header: '验收日期', key: 'acceptedOn', width: 12 },
      { header: '金额(元)', key: 'amount', width: 14 },
      { header: '已付(元)', key: 'paid', width: 14 },
      { header: '尚欠(元)', key: 'owed', width: 14 },
      { header: '法定到期日', key: 'dueOn', width: 12 },
      { header: '逾期天数', key: 'daysLate', width: 10 },
      { header: '逾期利息(元)', key: 'interest', width: 14 },
      { header: '到期日依据', key: 'dueBasis', width: 80 },
    ],
    rows: page.items.map(({ delivery: d, lateness: l }) => ({
      id: Number(d.id), contractId: Number(d.contract.id), title: d.contract.title, buyer: d.contract.buyerName, supplier: d.contract.supplierName,
      deliveredOn: d.deliveredOn, acceptedOn: d.acceptedOn, amount: yuan(d.amountFen), paid: yuan(l.paidFen), owed: yuan(l.owedFen), dueOn: d.dueOn,
      daysLate: l.daysLate, interest: yuan(l.interestFen), dueBasis: d.dueBasis,
    })),
    notes: [`计算日 ${page.asOf}；逾期利息按约定利率，未约定的按每日万分之五，以分为单位四舍五入`],
  });
}
