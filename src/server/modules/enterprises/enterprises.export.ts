import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, SIZE_LABELS, TAG_LABELS, type EnterpriseTag, type ListEnterprisesQuery, type Size } from '../../../contracts/enterprises.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { findIndustry } from '../../platform/industries.js';
import { fenToWan } from '../../platform/money.js';
import { regionFullName } from '../../platform/regions.js';
import { makeUscc } from '../../platform/uscc.js';
import { canSeeRestricted, readScopeOf } from './enterprises.policy.js';
import * as repo from './enterprises.repo.js';
import { toFilter } from './enterprises.service.js';

/** Most rows one export writes. */
export const EXPORT_MAX_ROWS = 1_000_000;

const EXTRA_COLUMNS = [
  { header: '地区名称', key: 'regionName', width: 26 },
  { header: '行业名称', key: 'industryName', width: 28 },
  { header: '企业规模', key: 'size', width: 10 },
];

/** Columns of the export: the import columns first (so that an export can be re-imported), then names. */
function columns(): Partial<ExcelJS.Column>[] {
  return [
    ...IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.key === 'name' || c.key === 'capabilities' ? 36 : 20 })),
    ...EXTRA_COLUMNS,
  ];
}

/**
 * Stream the actor's filtered registry as `.xlsx`. Figures (restricted) are filled only where
 * the actor may see them. Rows outside the actor's scope are never read.
 */
export function exportEnterprises(db: Db, actor: Actor, query: Pick<ListEnterprisesQuery, 'region' | 'industry' | 'q' | 'size' | 'tag'>): Readable {
  const filter = toFilter(query); // throws before streaming starts
  const { scope, onlyUscc } = readScopeOf(actor);
  if (onlyUscc !== undefined) {
    filter.onlyUscc = onlyUscc;
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('企业名录');
  sheet.columns = columns();
  sheet.getRow(1).font = { bold: true };
  (async () => {
    let written = 0;
    for await (const batch of repo.iterateEnterprises(db, filter, scope)) {
      const figures = await repo.selectLatestFinancials(db, batch.filter((e) => canSeeRestricted(actor, e)).map((e) => e.id));
      for (const e of batch) {
        const f = figures.get(e.id);
        sheet.addRow({
          uscc: e.uscc,
          name: e.name,
          regionCode: e.regionCode,
          industryCode: e.industryCode,
          employees: f?.employees ?? null,
          revenue: f?.revenueFen != null ? fenToWan(f.revenueFen) : null,
          assets: f?.assetsFen != null ? fenToWan(f.assetsFen) : null,
          products: e.products.join('；'),
          capabilities: e.capabilities,
          tags: e.tags.map((t) => TAG_LABELS[t as EnterpriseTag] ?? t).join('；'),
          regionName: regionFullName(e.regionCode) ?? '',
          industryName: findIndustry(e.industryCode)?.name ?? '',
          size: e.size ? SIZE_LABELS[e.size as Size] : '',
        }).commit();
        written += 1;
      }
      if (written >= EXPORT_MAX_ROWS) {
        break;
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}

/** The import template: headers, one example row, and a sheet explaining each column. */
export async function importTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const example = {
    uscc: makeUscc({ regionCode: '320505', body8: 'MA1MXK7P' }),
    name: '苏州示例精密机械有限公司',
    regionCode: '320505',
    industryCode: 'C3484',
    employees: 120,
    revenue: 8500,
    assets: 6200,
    products: '精密齿轮；减速器壳体',
    capabilities: '五轴加工中心12台，IATF 16949 认证，年产齿轮 50 万件',
    tags: '专精特新；创新型',
  };
  if (format === 'csv') {
    const header = IMPORT_COLUMNS.map((c) => c.zh).join(',');
    const row = IMPORT_COLUMNS.map((c) => String(example[c.key]).replace(/,/g, '，')).join(',');
    return Buffer.from(`\uFEFF${header}\r\n${row}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('企业名录');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.key === 'capabilities' ? 40 : 22 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(example);
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 20 }, { header: '英文列名', width: 16 }, { header: '是否必填', width: 10 }, { header: '说明', width: 80 }];
  const notes: Record<string, string> = {
    uscc: '18 位统一社会信用代码（GB 32100-2015），系统校验校验码',
    name: '企业全称',
    regionCode: '6 位行政区划代码（GB/T 2260），如 320505 苏州市虎丘区',
    industryCode: '国民经济行业代码（GB/T 4754-2017），门类字母加数字，如 C3841；也可只填 4 位数字',
    employees: '上年末从业人员（人）',
    revenue: '上年度营业收入（万元）',
    assets: '上年末资产总额（万元）',
    products: '多个产品用分号（；或 ;）分隔',
    capabilities: '生产能力、设备、认证、技术等描述',
    tags: '可填：创新型中小企业、专精特新中小企业、专精特新“小巨人”、链主企业、高新技术企业，用分号分隔',
  };
  for (const c of IMPORT_COLUMNS) {
    help.addRow([c.zh, c.en, c.required ? '是' : '否', notes[c.key]]);
  }
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
