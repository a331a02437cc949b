import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../errors.js';
import { assertZipInflatesWithin } from '../../platform/zip-guard.js';

/** A sheet read from an upload: header cells and data rows, every cell as trimmed text. */
export interface Sheet {
  header: string[];
  rows: string[][];
}

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
}

function isOleCompound(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer[0] === 0xd0 && buffer[1] === 0xcf && buffer[2] === 0x11 && buffer[3] === 0xe0;
}

/** Decode CSV bytes: UTF-8 (with or without BOM), else GBK/GB18030 as Chinese Excel writes it. */
export function decodeText(buffer: Buffer): string {
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return buffer.subarray(3).toString('utf8');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value.trim();
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((t) => t.text).join('').trim();
    }
    // Formulas: the cached result is what the user saw; the formula itself is never evaluated.
    if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      return result === undefined || typeof result === 'object' ? '' : cellText(result as ExcelJS.CellValue);
    }
    if ('text' in value) {
      return String((value as { text: unknown }).text).trim();
    }
    if ('error' in value) {
      return '';
    }
  }
  return '';
}

async function readXlsx(buffer: Buffer, maxRows: number): Promise<Sheet> {
  assertZipInflatesWithin(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('unsupported_file', `Corrupt xlsx: ${(err as Error).message}`, { userMessage: 'Excel 文件已损坏或不是有效的 .xlsx 文件' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw new AppError('unsupported_file', 'Workbook has no sheet', { userMessage: 'Excel 文件中没有工作表' });
  }
  if (sheet.actualRowCount > maxRows + 1) {
    throw new AppError('validation_failed', 'Too many rows', { userMessage: `文件行数超过上限 ${maxRows}`, errors: [{ path: 'file', message: `最多 ${maxRows} 行` }] });
  }
  const rows: string[][] = [];
  let header: string[] | undefined;
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      cells.push(cellText(row.getCell(c).value));
    }
    if (rowNumber === 1) {
      header = cells;
    } else {
      rows[rowNumber - 2] = cells;
    }
  });
  for (let i = 0; i < rows.length; i++) {
    rows[i] ??= [];
  }
  return { header: header ?? [], rows };
}

function readCsv(text: string, maxRows: number): Sheet {
  // papaparse: RFC 4180 quoting, delimiter sniffing (comma, tab, semicolon), any line ending.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, preview: maxRows + 2 });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new AppError('unsupported_file', `Bad CSV: ${fatal.message}`, { userMessage: `CSV 文件第 ${(fatal.row ?? 0) + 1} 行引号不匹配` });
  }
  // Trimmed in place: a large file's rows are not copied once more.
  const rows = parsed.data;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      row[i] = row[i].trim();
    }
  }
  return { header: rows[0] ?? [], rows: rows.slice(1) };
}

/**
 * Read the first sheet of an upload: `.xlsx` (by its zip signature) or CSV text in UTF-8 or GBK.
 * @throws unsupported_file for binary files that are not xlsx (old .xls, images, archives) or corrupt ones.
 */
export async function readSheet(buffer: Buffer, maxRows: number): Promise<Sheet> {
  if (buffer.length === 0) {
    throw new AppError('unsupported_file', 'Empty file', { userMessage: '文件为空' });
  }
  if (isZip(buffer)) {
    return readXlsx(buffer, maxRows);
  }
  if (isOleCompound(buffer)) {
    throw new AppError('unsupported_file', 'Legacy .xls', { userMessage: '不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 CSV' });
  }
  if (buffer.subarray(0, 8192).includes(0)) {
    throw new AppError('unsupported_file', 'Binary file', { userMessage: '文件不是电子表格（支持 .xlsx 和 .csv）' });
  }
  const sheet = readCsv(decodeText(buffer), maxRows);
  if (sheet.rows.length > maxRows) {
    throw new AppError('validation_failed', 'Too many rows', { userMessage: `文件行数超过上限 ${maxRows}`, errors: [{ path: 'file', message: `最多 ${maxRows} 行` }] });
  }
  return sheet;
}
