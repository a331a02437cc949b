/**
 * Excel workbooks for the list exports: one sheet per table, a bold header row, one row per item.
 * Every `*.export.ts` builds its sheets with these, so the workbooks look alike.
 */
import ExcelJS from 'exceljs';

/** A column: its header, the row field it shows, its width in characters and an optional number format. */
export interface SheetColumn {
  header: string;
  key: string;
  width: number;
  /** Excel number format, e.g. `'0.0%'`. */
  numFmt?: string;
  /** Wrap long text in the cell (top-aligned). */
  wrap?: boolean;
}

export type SheetCell = string | number | boolean | Date | null | undefined;
export type SheetRow = Record<string, SheetCell>;

/** A sheet to write: its tab name, columns and rows (objects keyed by the columns' `key`). */
export interface SheetSpec {
  name: string;
  columns: readonly SheetColumn[];
  rows: Iterable<SheetRow>;
  /** Lines written above the header (e.g. a title), each as one bold cell. */
  preamble?: readonly string[];
  /** Lines written below the rows after a blank row (e.g. how a figure was computed), each in the first column. */
  notes?: readonly string[];
}

/** Add one sheet to a workbook. */
export function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name);
  for (const line of spec.preamble ?? []) {
    sheet.addRow([line]).font = { bold: true };
  }
  if (spec.preamble?.length) sheet.addRow([]);
  sheet.columns = spec.columns.map((c) => ({ key: c.key, width: c.width, style: { ...(c.numFmt ? { numFmt: c.numFmt } : {}), ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}) } }));
  sheet.addRow(spec.columns.map((c) => c.header)).font = { bold: true };
  for (const row of spec.rows) {
    sheet.addRow(row);
  }
  if (spec.notes?.length) sheet.addRow([]);
  for (const line of spec.notes ?? []) {
    sheet.addRow([line]);
  }
  return sheet;
}

/** A workbook of these sheets as `.xlsx` bytes. */
export async function writeWorkbook(...sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    addSheet(workbook, spec);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
