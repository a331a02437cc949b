import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../server/platform/uscc.js';

// The CLI as an operator runs it: a real process, its own embedded PostgreSQL in a temp data dir
// (no server running), real files.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshou-cli-'));
fs.chmodSync(dir, 0o755);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/xieshou.mjs', '--json', ...args], {
    env: { ...process.env, XIESHOU_DATA_DIR: path.join(dir, 'data'), XIESHOU_LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { code: result.status, json: json as Record<string, unknown>, stdout: result.stdout, stderr: result.stderr };
}

describe('xieshou CLI', () => {
  it('migrates, imports a file, creates users and exports, with exit codes', () => {
    const migrated = cli('db', 'migrate');
    expect(migrated.code).toBe(0);
    expect((migrated.json.migrations as unknown[]).length).toBeGreaterThan(0);

    const uscc = makeUscc({ regionCode: '320505', body8: 'CLX00001' });
    const csv = path.join(dir, 'list.csv');
    fs.writeFileSync(csv, `统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员,营业收入(万元),资产总额(万元)\n${uscc},苏州命令行测试有限公司,320505,C3484,1500,50000,45000\n`);
    const badCsv = path.join(dir, 'bad.csv');
    fs.writeFileSync(badCsv, `统一社会信用代码,企业名称,行政区划代码,行业代码\n123,坏数据有限公司,999999,C3484\n`);

    const dry = cli('import', badCsv, '--dry-run');
    expect(dry.code).toBe(1);
    expect((dry.json.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['regionCode', 'uscc']);
    const refused = cli('import', badCsv);
    expect(refused.code).toBe(1);
    expect(refused.json.code).toBe('validation_failed');

    const imported = cli('import', csv);
    expect(imported.code).toBe(0);
    expect(imported.json).toMatchObject({ committed: true, created: 1 });

    const gov = cli('user', 'create', '--username', 'gov_cli', '--password', 'cli-password-1', '--role', 'gov', '--region', '320500');
    expect(gov.code).toBe(0);
    expect(gov.json).toMatchObject({ username: 'gov_cli', role: 'gov', regionName: '江苏省苏州市' });
    const member = cli('user', 'create', '--username', 'member_cli', '--password', 'cli-password-1', '--role', 'member', '--org', uscc);
    expect(member.code).toBe(0);
    expect(member.json).toMatchObject({ org: { uscc, kind: 'large_enterprise' } });
    const noRegion = cli('user', 'create', '--username', 'gov_bad', '--password', 'cli-password-1', '--role', 'gov');
    expect(noRegion.code).toBe(1);
    expect((noRegion.json.errors as Array<{ path: string }>)[0].path).toBe('regionCode');

    const out = path.join(dir, 'export.xlsx');
    const exported = cli('export', '--out', out, '--region', '320500');
    expect(exported.code).toBe(0);
    return (async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      expect(String(workbook.worksheets[0].getRow(2).getCell(1).value)).toBe(uscc);
    })();
  }, 180_000);
});
