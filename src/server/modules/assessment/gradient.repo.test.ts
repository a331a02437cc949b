import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import type { Db } from '../../db/database.js';
import { selectEnterprisePage, selectRawFacts, selectScreeningPage, selectScreeningRanges } from './gradient.repo.js';

let db: Db;
/** Ids whose text order differs from their numeric order (10000000 < 9999999 as text). */
const IDS = ['9999999', '10000000', '10000001'];
const REGION = '650102';

beforeAll(async () => {
  ({ db } = await createTestApp());
  await sql`
    INSERT INTO enterprises (id, uscc, name, name_norm, name_initials, region_code, industry_code, size, tags)
    SELECT i, 'P' || lpad(i::text, 17, '0'), '分页测试' || i, 'fycs' || i, 'fycs', ${REGION}, 'C3484', 'small', '{}'::text[]
    FROM unnest(${IDS}::bigint[]) AS i`.execute(db);
  await sql`INSERT INTO gradient_yearly (enterprise_id, year, region_code, revenue_fen, rd_spend_fen, employees) VALUES (10000000, 2025, ${REGION}, 123456789012, 5000000000, 80)`.execute(db);
});

describe('screening reads', () => {
  it('pages a region in numeric id order (the JSON page carries ids as text)', async () => {
    const seen: string[] = [];
    let after = '0';
    for (;;) {
      const page = await selectEnterprisePage(db, REGION, after, 2);
      if (page.length === 0) break;
      seen.push(...page.map((e) => e.id));
      after = page[page.length - 1].id;
    }
    expect(seen).toEqual(IDS);
  });

  it('splits a region into id ranges in numeric order, the last one open', async () => {
    const ranges = await selectScreeningRanges(db, REGION, 2);
    expect(ranges).toEqual([{ afterId: '0', uptoId: '10000000' }, { afterId: '10000000', uptoId: null }]);
    const pages = await Promise.all(ranges.map((r) => selectScreeningPage(db, REGION, r, 2023, 2025, '2026-03-01')));
    expect(pages.map((p) => p.map((e) => e.id))).toEqual([['9999999', '10000000'], ['10000001']]);
    expect(pages[0][1].raw.years.get(2025)).toMatchObject({ revenueFen: 123456789012, rdSpendFen: 5000000000, employees: 80, source: 'declared' });
  });

  it('reads yearly figures as numbers keyed by the id text', async () => {
    const raw = await selectRawFacts(db, IDS, 2023, 2025, '2026-03-01');
    expect(raw.get('10000000')?.years.get(2025)).toMatchObject({ revenueFen: 123456789012, rdSpendFen: 5000000000, employees: 80, source: 'declared' });
    expect(raw.has('9999999')).toBe(false);
  });
});
