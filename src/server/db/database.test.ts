import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support.js';
import type { Db } from './database.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
});

describe('column types as read back', () => {
  it('gives a date column as its YYYY-MM-DD text, whatever the server time zone', async () => {
    const { rows } = await sql<{ d: unknown; leap: unknown }>`SELECT '2026-11-28'::date AS d, '2028-02-29'::date AS leap`.execute(db);
    expect(rows[0]).toEqual({ d: '2026-11-28', leap: '2028-02-29' });
  });

  it('gives bigint as exact text and timestamptz as a Date', async () => {
    const { rows } = await sql<{ n: unknown; at: unknown }>`SELECT 9007199254740993::int8 AS n, '2026-11-28T00:00:00Z'::timestamptz AS at`.execute(db);
    expect(rows[0].n).toBe('9007199254740993');
    expect(rows[0].at).toEqual(new Date('2026-11-28T00:00:00Z'));
  });
});
