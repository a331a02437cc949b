import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor, makeEnterprise } from '../../../test/factories.js';
import { createTestDb } from '../../../test/support.js';
import { storeFile } from '../platform/files.js';
import { backupDatabase, backupToFile, BackupError, restoreDatabase } from './backup.js';
import { poolOf, type Db } from './database.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let source: Db;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256))]);

/** Every table's rows as one digest, so two databases compare equal only if every stored value does. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations' order by 1`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ digest: string | null; n: string }>`
      select md5(string_agg(t::text, '|' order by t::text)) as digest, count(*) as n from ${sql.table(name)} t`.execute(db);
    out[name] = `${row.rows[0].n}:${row.rows[0].digest ?? '-'}`;
  }
  return out;
}

beforeAll(async () => {
  ({ db: source } = await createTestDb());
  const owner = await makeEnterprise(source, { name: '苏州备份测试电池有限公司' });
  await makeEnterprise(source, { name: '无锡备份测试材料有限公司', regionCode: '320205' });
  const actor = await makeActor(source, { role: 'gov', regionCode: '320500' });
  await storeFile(source, { ownerKind: 'test_backup', ownerId: owner.uscc, upload: { name: '资质证书.pdf', bytes: PDF }, uploadedBy: actor.userId });
});

describe('db backup and restore', () => {
  it('restores every table exactly, with sequences past the restored ids, into an empty database', async () => {
    const file = path.join(dir, 'full.xsb');
    const progress: string[] = [];
    const summary = await backupToFile(poolOf(source)!, file, (name) => progress.push(name));
    expect(summary.tables.find((t) => t.name === 'enterprises')?.rows).toBe(2);
    expect(summary.tables.find((t) => t.name === 'files')?.rows).toBe(1);
    expect(progress).toContain('users');
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const { db: target } = await createTestDb();
    const restored = await restoreDatabase(poolOf(target)!, fs.createReadStream(file));
    expect(restored.newerMigrationsApplied).toEqual([]);
    expect(await fingerprint(target)).toEqual(await fingerprint(source));

    // The attachment's bytes survive byte for byte, and new rows get fresh ids.
    const file1 = await target.selectFrom('files').select(['bytes', 'name']).executeTakeFirstOrThrow();
    expect(file1.bytes.equals(PDF)).toBe(true);
    const maxId = await target.selectFrom('enterprises').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    const added = await makeEnterprise(target, { name: '恢复后新增企业有限公司' });
    expect(BigInt(added.id)).toBeGreaterThan(BigInt(String(maxId.m)));
  });

  it('applies migrations newer than the backup after loading it', async () => {
    const file = path.join(dir, 'older.xsb');
    await backupToFile(poolOf(source)!, file);
    // This version of the code has one migration more than the backup.
    const migrationsDir = path.join(dir, 'migrations');
    fs.cpSync(path.resolve('migrations'), migrationsDir, { recursive: true });
    const newer = '29990101000000_add_restore_probe.sql';
    fs.writeFileSync(path.join(migrationsDir, newer), `CREATE TABLE restore_probe (n int NOT NULL);\nINSERT INTO restore_probe SELECT count(*) FROM enterprises;\n`);
    const { db: target } = await createTestDb();
    const restored = await restoreDatabase(poolOf(target)!, fs.createReadStream(file), { migrationsDir });
    expect(restored.newerMigrationsApplied).toEqual([newer]);
    // It ran after the data was loaded: it saw both enterprises.
    const probe = await sql<{ n: number }>`select n from restore_probe`.execute(target);
    expect(probe.rows).toEqual([{ n: 2 }]);
  });

  it('refuses a database that holds data unless forced, and then replaces it', async () => {
    const file = path.join(dir, 'force.xsb');
    await backupToFile(poolOf(source)!, file);
    const { db: target } = await createTestDb();
    await makeEnterprise(target, { name: '会被覆盖的企业有限公司' });
    await expect(restoreDatabase(poolOf(target)!, fs.createReadStream(file))).rejects.toThrow(/holds data/);
    expect((await target.selectFrom('enterprises').select('name').execute()).map((r) => r.name)).toEqual(['会被覆盖的企业有限公司']);
    await restoreDatabase(poolOf(target)!, fs.createReadStream(file), { force: true });
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
  });

  it('rejects files that are not backups, truncated or from a newer version, changing nothing', async () => {
    const { db: target } = await createTestDb();
    const before = await fingerprint(target);
    await expect(restoreDatabase(poolOf(target)!, Readable.from([Buffer.from('id,name\n1,x\n')]))).rejects.toBeInstanceOf(BackupError);

    const file = path.join(dir, 'cut.xsb');
    await backupToFile(poolOf(source)!, file);
    const zlib = await import('node:zlib');
    const raw = zlib.gunzipSync(fs.readFileSync(file));
    const cut = zlib.gzipSync(raw.subarray(0, raw.length - 40));
    await expect(restoreDatabase(poolOf(target)!, Readable.from([cut]))).rejects.toThrow(/truncated|incomplete/);

    const headerLength = raw.readUInt32BE(1);
    const header = JSON.parse(raw.subarray(5, 5 + headerLength).toString('utf8'));
    header.migrations.push('29991231000000_from_the_future.sql');
    const newHeader = Buffer.from(JSON.stringify(header));
    const head = Buffer.alloc(5);
    head.writeUInt8(0x48, 0);
    head.writeUInt32BE(newHeader.length, 1);
    const future = zlib.gzipSync(Buffer.concat([head, newHeader, raw.subarray(5 + headerLength)]));
    await expect(restoreDatabase(poolOf(target)!, Readable.from([future]))).rejects.toThrow(/newer version/);
    expect(await fingerprint(target)).toEqual(before);
  });
});
