import { invalid } from '../errors.js';

/** Encode a keyset position (a bigint id) as an opaque cursor. */
export function encodeCursor(id: string | number): string {
  return Buffer.from(`k:${id}`).toString('base64url');
}

/**
 * Decode a cursor made by {@link encodeCursor}; undefined for none.
 * @throws validation_failed when the cursor is not one of ours.
 */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) {
    return undefined;
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^k:(\d{1,19})$/.exec(text);
  if (!match) {
    throw invalid([{ path: 'cursor', message: '分页游标无效' }]);
  }
  return match[1];
}
