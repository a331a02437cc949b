import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SUPPLY_IMPORT_COLUMNS, type ListSupplyEdgesQuery } from '../../../contracts/supply.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { iterateSupplyEdges } from './supply.service.js';

/** Most rows one export writes. */
export const SUPPLY_EXPORT_MAX_ROWS = 200_000;

/**
 * Stream the actor's filtered supply edges as `.xlsx`: the import columns first (so that a list can
 * be edited and uploaded again), then names. Hidden private edges are never read.
 */
export function exportSupplyEdges(db: Db, actor: Actor, query: Pick<ListSupplyEdgesQuery, 'supplier' | 'customer' | 'product'>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('供应关系');
  sheet.columns = [
    ...SUPPLY_IMPORT_COLUMNS.map((c) => ({ header: c.key, key: c.key, width: c.key.endsWith('uscc') || c.key === 'supplier_name' ? 24 : 14 })),
    { header: '供应商', key: 'supplierLabel', width: 36 },
    { header: '客户', key: 'customerLabel', width: 36 },
  ];
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const batch of iterateSupplyEdges(db, actor, query, SUPPLY_EXPORT_MAX_ROWS)) {
      for (const e of batch) {
        sheet.addRow({
          supplier_uscc: e.supplierUscc ?? '',
          customer_uscc: e.customerUscc,
          product: e.product,
          share: e.share === null ? null : Math.round(e.share * 10_000) / 10_000,
          since: e.since ?? '',
          source: e.source,
          supplier_name: e.supplierUscc ? '' : e.supplierName,
          supplier_country: e.supplierCountry,
          private: e.isPrivate ? '是' : '否',
          supplierLabel: e.supplierName,
          customerLabel: e.customerName,
        }).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** An empty supplier list with the import columns (and one example row) for download. */
export async function supplyImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('供应商清单');
  sheet.columns = SUPPLY_IMPORT_COLUMNS.map((c) => ({ header: c.key, key: c.key, width: 22 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({ supplier_uscc: '', customer_uscc: '（本企业信用代码）', product: '光刻胶', share: 0.6, since: '2024-01-01', source: '采购台账', supplier_name: 'JSR株式会社', supplier_country: 'JP', private: '是' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
