/** SOE openness figures per firm as an Excel workbook. */
import type { OpennessQuery } from '../../../contracts/soe-openness.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { writeWorkbook } from '../../platform/workbook.js';
import { presentOpenness } from './openness.present.js';
import { listOpenness } from './openness.service.js';

const OWNERSHIP_LABELS: Record<string, string> = { central: '央企', local: '地方国企' };

/** The firms the caller may see with their openness figures, as `.xlsx`. */
export async function exportOpenness(db: Db, actor: Actor, query: OpennessQuery): Promise<Buffer> {
  const figures = (await listOpenness(db, actor, query)).map(presentOpenness);
  return writeWorkbook({
    name: '国企开放度',
    columns: [
      { header: '企业', key: 'name', width: 32 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '地区', key: 'region', width: 24 },
      { header: '类型', key: 'ownership', width: 10 },
      { header: '开放清单数', key: 'openings', width: 12 },
      { header: '征集中', key: 'open', width: 10 },
      { header: '预算（元）', key: 'budget', width: 16 },
      { header: '中小企业申请数', key: 'applications', width: 14 },
      { header: '接纳中小企业数', key: 'accepted', width: 14 },
      { header: '中小企业供应商数', key: 'suppliers', width: 16 },
    ],
    rows: figures.map((r) => ({ name: r.enterpriseName, uscc: r.enterpriseUscc, region: r.regionName, ownership: OWNERSHIP_LABELS[r.ownership] ?? r.ownership, openings: r.openingCount, open: r.openCount, budget: r.budgetFen / 100, applications: r.applicationCount, accepted: r.acceptedSmeCount, suppliers: r.smeSupplierCount })),
  });
}
