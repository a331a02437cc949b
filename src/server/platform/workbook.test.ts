import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeWorkbook } from './workbook.js';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe('writeWorkbook', () => {
  it('writes each sheet with a bold header, rows by key, widths and number formats', async () => {
    const book = await load(await writeWorkbook(
      { name: '企业', columns: [{ header: '名称', key: 'name', width: 30 }, { header: '占比', key: 'share', width: 10, numFmt: '0.0%' }], rows: [{ name: '甲', share: 0.25 }, { share: 0.5, name: '乙', ignored: 'x' }] },
      { name: '空表', columns: [{ header: '列', key: 'c', width: 8 }], rows: [] },
    ));
    expect(book.worksheets.map((w) => w.name)).toEqual(['企业', '空表']);
    const sheet = book.getWorksheet('企业')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '占比']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(3).values).toEqual([undefined, '乙', 0.5]);
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.getCell('B2').numFmt).toBe('0.0%');
    expect(sheet.rowCount).toBe(3);
    expect(book.getWorksheet('空表')!.rowCount).toBe(1);
  });

  it('wraps the text of a column marked wrap, and only that column', async () => {
    const book = await load(await writeWorkbook({ name: 'W', columns: [{ header: '周期', key: 'p', width: 8 }, { header: '摘要', key: 't', width: 40, wrap: true }], rows: [{ p: '每日', t: '第一行\n第二行' }] }));
    const sheet = book.worksheets[0];
    expect(sheet.getCell('B2').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(sheet.getCell('A2').alignment?.wrapText).toBeFalsy();
  });

  it('puts the preamble above the header and the notes below the rows, each after a blank row', async () => {
    const book = await load(await writeWorkbook({ name: 'S', preamble: ['标题'], notes: ['计算日 2026-11-28'], columns: [{ header: 'H', key: 'h', width: 8 }], rows: [{ h: 1 }] }));
    const sheet = book.worksheets[0];
    expect([1, 2, 3, 4, 5, 6].map((i) => sheet.getRow(i).values)).toEqual([[undefined, '标题'], [], [undefined, 'H'], [undefined, 1], [], [undefined, '计算日 2026-11-28']]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(3).font?.bold).toBe(true);
  });
});
