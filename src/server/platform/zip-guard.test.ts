import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { readSheet } from '../modules/enterprises/enterprises.sheet.js';
import { assertZipInflatesWithin } from './zip-guard.js';

/** A one-entry zip (deflate) whose central directory may lie about the inflated size. */
function zipOf(name: string, content: Buffer, declaredSize = content.length): Buffer {
  const data = zlib.deflateRawSync(content, { level: 9 });
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + nameBytes.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBytes.length, 12);
  eocd.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, eocd]);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('zip bombs and hostile spreadsheets', () => {
  it('refuses a zip that inflates beyond the cap, even when its directory claims a small size', () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => assertZipInflatesWithin(bomb, 10 * 1024 * 1024)).toThrow(/inflates beyond/);
    const liar = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024), 100);
    expect(() => assertZipInflatesWithin(liar, 10 * 1024 * 1024)).toThrow(/inflates beyond/);
    expect(() => assertZipInflatesWithin(zipOf('a.xml', Buffer.alloc(1024)), 10 * 1024 * 1024)).not.toThrow();
  });

  it('answers a bomb uploaded as .xlsx with unsupported_file (422) and a message, before loading it', async () => {
    // A directory announcing 450 MB (over the default 400 MB cap); the inflating path is covered above.
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(1024 * 1024), 450 * 1024 * 1024);
    const err = await refusal(readSheet(bomb, 1000));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('unsupported_file');
    expect(err.userMessage).toMatch(/压缩炸弹/);
  });

  it('refuses a PNG renamed .xlsx and a truncated zip with a message', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect((await refusal(readSheet(png, 1000))).code).toBe('unsupported_file');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRow(['a']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await refusal(readSheet(xlsx.subarray(0, xlsx.length - 40), 1000))).code).toBe('unsupported_file');
  });

  it('reads formulas as their cached text and never evaluates them; reads GBK CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['name', 'value']);
    sheet.addRow(["=cmd|' /C calc'!A0", { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }]);
    const read = await readSheet(Buffer.from(await workbook.xlsx.writeBuffer()), 1000);
    expect(read.rows[0]).toEqual(["=cmd|' /C calc'!A0", 'x']);
    const gbk = iconv.encode('企业名称,地区\n苏州测试有限公司,320505\n', 'gbk');
    expect((await readSheet(gbk, 1000)).rows[0]).toEqual(['苏州测试有限公司', '320505']);
  });
});
