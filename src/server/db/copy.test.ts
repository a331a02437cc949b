import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support.js';
import { copyJson, copyLine, copyNumber, copyRows, copyText, copyTextArray, transactionWithCopy } from './copy.js';
import type { Db } from './database.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await createTestDb());
});

describe(copyText.name, () => {
  it.each([
    ['plain 文本', 'plain 文本'],
    ['tab\there', 'tab\\there'],
    ['line\nbreak', 'line\\nbreak'],
    ['carriage\rreturn', 'carriage\\rreturn'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
    ['"quotes" and \'apostrophes\'', '"quotes" and \'apostrophes\''],
  ])('writes %j as %j', (input, expected) => {
    expect(copyText(input)).toBe(expected);
  });

  it('writes NULL as \\N', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
    expect(copyNumber(null)).toBe('\\N');
    expect(copyJson(null)).toBe('\\N');
  });
});

describe(copyTextArray.name, () => {
  it('quotes every element and escapes quotes and backslashes inside them', () => {
    expect(copyTextArray([])).toBe('{}');
    expect(copyTextArray(['齿轮', '轴承'])).toBe('{"齿轮","轴承"}');
    // Array literal {"a,b","c\"d"} then COPY escaping of its backslash.
    expect(copyTextArray(['a,b', 'c"d'])).toBe('{"a,b","c\\\\"d"}');
  });
});

describe(transactionWithCopy.name, () => {
  it('sends values that need escaping through COPY and reads them back unchanged', async () => {
    const rows = [
      { name: '苏州\t"甲"\\精密\n有限公司\r', products: ['a,b', '{brace}', 'quote"d', 'back\\slash', 'NULL', '', 'tab\tnew\nline'], extra: { note: 'tab\t"q"\\ 中文' }, amount: 12_345_678_901_234n },
      { name: '\\N', products: [], extra: null, amount: null },
    ];
    const back = await transactionWithCopy(db, async (tx) => {
      await sql`CREATE TEMP TABLE copy_probe (seq int, name text, products text[], extra jsonb, amount bigint) ON COMMIT DROP`.execute(tx);
      await copyRows(tx, 'copy_probe', ['seq', 'name', 'products', 'extra', 'amount'], rows, (r) =>
        copyLine([copyNumber(rows.indexOf(r)), copyText(r.name), copyTextArray(r.products), copyJson(r.extra), copyNumber(r.amount)]),
      );
      const result = await sql<{ name: string; products: string[]; extra: unknown; amount: string | null }>`SELECT name, products, extra, amount FROM copy_probe ORDER BY seq`.execute(tx);
      return result.rows;
    });
    expect(back).toEqual(rows.map((r) => ({ name: r.name, products: r.products, extra: r.extra, amount: r.amount === null ? null : String(r.amount) })));
  });

  it('rolls COPYed rows back with the transaction, and the connection serves again afterwards', async () => {
    const key = `copy-test-${Date.now()}`;
    const attempt = transactionWithCopy(db, async (tx) => {
      await copyRows(tx, 'change_log', ['entity_type', 'entity_key', 'op'], [key], (k) => copyLine([copyText('test'), copyText(k), copyText('insert')]));
      throw new Error('changed my mind');
    });
    await expect(attempt).rejects.toThrow('changed my mind');
    // A row the server refuses (op outside its CHECK) fails the COPY and the transaction.
    const refused = transactionWithCopy(db, (tx) => copyRows(tx, 'change_log', ['entity_type', 'entity_key', 'op'], [key], (k) => copyLine([copyText('test'), copyText(k), copyText('upsert')])));
    await expect(refused).rejects.toMatchObject({ code: '23514' }); // check_violation, translated like any driver error
    const count = await db.selectFrom('change_log').select((eb) => eb.fn.countAll<string>().as('n')).where('entity_key', '=', key).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const committed = await transactionWithCopy(db, async (tx) => {
      await copyRows(tx, 'change_log', ['entity_type', 'entity_key', 'op'], [key], (k) => copyLine([copyText('test'), copyText(k), copyText('insert')]));
      return 'done';
    });
    expect(committed).toBe('done');
    const after = await db.selectFrom('change_log').select('op').where('entity_key', '=', key).execute();
    expect(after).toEqual([{ op: 'insert' }]);
  });
});
