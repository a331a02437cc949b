import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../server/platform/uscc.js';
import { runCli, type CliRun } from '../../test/cli.js';

// The CLI as an operator runs it: a real process, its own embedded PostgreSQL in a temp data dir
// (no server running), real files.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-cli-'));
fs.chmodSync(dir, 0o755);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return runCli({ XIESHOU_DATA_DIR: path.join(dir, 'data'), ...env }, ...args);
}

describe('xieshou CLI', () => {
  it('migrates, imports a file, creates users and exports, with exit codes', async () => {
    const migrated = await cli('db', 'migrate');
    expect(migrated.code).toBe(0);
    expect((migrated.json.migrations as unknown[]).length).toBeGreaterThan(0);

    const uscc = makeUscc({ regionCode: '320505', body8: 'CLX00001' });
    const csv = path.join(dir, 'list.csv');
    fs.writeFileSync(csv, `统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员,营业收入(万元),资产总额(万元)\n${uscc},苏州命令行测试有限公司,320505,C3484,1500,50000,45000\n`);
    const badCsv = path.join(dir, 'bad.csv');
    fs.writeFileSync(badCsv, `统一社会信用代码,企业名称,行政区划代码,行业代码\n123,坏数据有限公司,999999,C3484\n`);

    const dry = await cli('import', badCsv, '--dry-run');
    expect(dry.code).toBe(1);
    expect((dry.json.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['regionCode', 'uscc']);
    const refused = await cli('import', badCsv);
    expect(refused.code).toBe(1);
    expect(refused.json.code).toBe('validation_failed');

    const imported = await cli('import', csv);
    expect(imported.code).toBe(0);
    expect(imported.json).toMatchObject({ committed: true, created: 1 });

    const gov = await cli('user', 'create', '--username', 'gov_cli', '--password', 'cli-password-1', '--role', 'gov', '--region', '320500');
    expect(gov.code).toBe(0);
    expect(gov.json).toMatchObject({ username: 'gov_cli', role: 'gov', regionName: '江苏省苏州市' });
    const member = await cli('user', 'create', '--username', 'member_cli', '--password', 'cli-password-1', '--role', 'member', '--org', uscc);
    expect(member.code).toBe(0);
    expect(member.json).toMatchObject({ org: { uscc, kind: 'large_enterprise' } });
    const noRegion = await cli('user', 'create', '--username', 'gov_bad', '--password', 'cli-password-1', '--role', 'gov');
    expect(noRegion.code).toBe(1);
    expect((noRegion.json.errors as Array<{ path: string }>)[0].path).toBe('regionCode');

    const out = path.join(dir, 'export.xlsx');
    const exported = await cli('export', '--out', out, '--region', '320500');
    expect(exported.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(String(workbook.worksheets[0].getRow(2).getCell(1).value)).toBe(uscc);
  }, 480_000);

  it('backs up a data dir and restores it into a fresh one, refusing a second restore without --force', async () => {
    const uscc = makeUscc({ regionCode: '320505', body8: 'CLX00002' });
    const csv = path.join(dir, 'backup.csv');
    fs.writeFileSync(csv, `统一社会信用代码,企业名称,行政区划代码,行业代码\n${uscc},苏州备份命令测试有限公司,320505,C3484\n`);
    expect((await cli('import', csv)).code).toBe(0);
    const file = path.join(dir, 'cli-backup.xsb');
    const backup = await cli('db', 'backup', file);
    expect(backup.code).toBe(0);
    expect(backup.json.file).toBe(file);
    expect((backup.json.tables as Array<{ name: string; rows: number }>).find((t) => t.name === 'enterprises')?.rows).toBeGreaterThanOrEqual(1);

    const fresh = { XIESHOU_DATA_DIR: path.join(dir, 'restored') };
    const restored = await cliWith(fresh, 'db', 'restore', file);
    expect(restored.code).toBe(0);
    const exported = path.join(dir, 'restored.xlsx');
    expect((await cliWith(fresh, 'export', '--out', exported, '--region', '320505')).code).toBe(0);
    const again = await cliWith(fresh, 'db', 'restore', file);
    expect(again.code).toBe(1);
    expect(String(again.json.detail)).toContain('--force');
    expect((await cliWith(fresh, 'db', 'restore', file, '--force')).code).toBe(0);
    expect((await cliWith(fresh, 'db', 'restore', path.join(dir, 'missing.xsb'))).code).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported);
    expect(workbook.worksheets[0].getColumn(1).values.map(String)).toContain(uscc);
  }, 600_000);
});
