import zlib from 'node:zlib';
import { AppError } from '../errors.js';

/** Largest total a spreadsheet upload may inflate to (every entry of the .xlsx zip together). */
export const ZIP_MAX_INFLATED_BYTES = 400 * 1024 * 1024;
/** Most entries a spreadsheet upload may hold (a real .xlsx has a few dozen). */
export const ZIP_MAX_ENTRIES = 10_000;

function tooLarge(limit: number): AppError {
  return new AppError('unsupported_file', `Zip inflates beyond ${limit} bytes`, {
    userMessage: `文件解压后超过 ${Math.round(limit / 1024 / 1024)} MB（疑似压缩炸弹），请拆分后再上传`,
  });
}

function corrupt(why: string): AppError {
  return new AppError('unsupported_file', `Corrupt zip: ${why}`, { userMessage: 'Excel 文件已损坏或不是有效的 .xlsx 文件' });
}

/**
 * Refuse a zip (an .xlsx) that would inflate beyond `maxBytes` before anything loads it whole
 * into memory: zip bombs. Every entry is actually inflated with a cap (sizes written in the
 * central directory can lie), so the check costs one streaming pass and never more than the cap.
 * @throws unsupported_file (422) for a bomb or a zip whose directory cannot be read.
 */
export function assertZipInflatesWithin(buffer: Buffer, maxBytes = ZIP_MAX_INFLATED_BYTES): void {
  // End of central directory: the last 22 + up to 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count > ZIP_MAX_ENTRIES) throw corrupt(`${count} entries`);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw corrupt('bad central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const declaredSize = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    offset += 46 + nameLength + extraLength + commentLength;
    if (declaredSize > maxBytes - total) throw tooLarge(maxBytes);
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw corrupt('bad local header');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressedSize);
    if (method === 0) {
      total += data.length;
    } else if (method === 8) {
      try {
        total += zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes - total) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge(maxBytes);
        throw corrupt((err as Error).message);
      }
    } else {
      throw corrupt(`compression method ${method}`);
    }
    if (total > maxBytes) throw tooLarge(maxBytes);
  }
}
