import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueUscc } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

let app: App;
let db: Db;
type Headers = { authorization: string };
let suzhou: Headers;
let admin: Headers;

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
});

const HEADER = '统一社会信用代码,企业名称,行政区划代码,行业代码,从业人员,营业收入(万元),资产总额(万元),主要产品,企业能力,标签';

function multipart(file: Buffer, filename: string, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----xieshou-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(headers: Headers, file: Buffer, filename: string, options: { dryRun: boolean; decisions?: unknown }) {
  const body = multipart(file, filename, options.decisions ? { decisions: JSON.stringify(options.decisions) } : {});
  return app.inject({ method: 'POST', url: `/api/v1/enterprises/import?dryRun=${options.dryRun}`, headers: { ...headers, ...body.headers }, payload: body.payload });
}

async function countByUscc(usccs: string[]): Promise<number> {
  const row = await db.selectFrom('enterprises').select((eb) => eb.fn.countAll<string>().as('n')).where('uscc', 'in', usccs).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /api/v1/enterprises/import', () => {
  it('reports row-level errors, refuses to commit them, then imports the fixed file in full', async () => {
    const good = uniqueUscc('320505');
    const dup = uniqueUscc('320506');
    const valid = uniqueUscc('320505');
    const badCheck = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`; // wrong check character
    const broken = [
      HEADER,
      `${good},苏州甲精密有限公司,320505,C3484,80,5000,3000,齿轮；轴承,五轴加工,专精特新`,
      `${badCheck},苏州乙有限公司,320505,C3484,,,,,,`,
      `${dup},苏州丙有限公司,999999,C3484,,,,,,`,
      `${dup},苏州丁有限公司,320506,Z12,,,,,,`,
      `${uniqueUscc('320507')},,320507,C3484,abc,,,,,`,
      `${uniqueUscc('320508')},苏州戊有限公司,320508,C3484,,,,,,神秘标签`,
    ].join('\n');
    const dry = await upload(suzhou, Buffer.from(broken), 'list.csv', { dryRun: true });
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ rows: 6, valid: 1, committed: false });
    const found = report.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(found).toEqual(expect.arrayContaining(['3:uscc', '4:regionCode', '5:industryCode', '6:name', '6:employees', '7:tags']));

    const refused = await upload(suzhou, Buffer.from(broken), 'list.csv', { dryRun: false });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().report.errors.length).toBe(report.errors.length);
    expect(await countByUscc([good])).toBe(0); // nothing written

    const fixed = [
      HEADER,
      `${good},苏州甲精密有限公司,320505,C3484,80,5000,3000,齿轮；轴承,五轴加工,专精特新`,
      `${dup},苏州丙有限公司,320506,C3484,12,200,100,,,`,
    ].join('\n');
    const committed = await upload(suzhou, Buffer.from(fixed), 'list.csv', { dryRun: false });
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toMatchObject({ committed: true, created: 2, updated: 0, errors: [] });
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/enterprises/${good}`, headers: suzhou })).json();
    expect(detail).toMatchObject({ size: 'small', tags: ['specialized'], products: ['齿轮', '轴承'] });
    expect((await app.inject({ method: 'GET', url: `/api/v1/enterprises/${dup}`, headers: suzhou })).json().size).toBe('micro');
  });

  it('flags duplicates within the file and updates existing enterprises by USCC', async () => {
    const existing = await makeEnterprise(db, { regionCode: '320505' });
    const again = uniqueUscc('320505');
    const csv = [HEADER, `${existing.uscc},${existing.name},320505,C3484,,,,新产品,,`, `${again},苏州己有限公司,320505,C3484,,,,,,`, `${again},苏州己有限公司,320505,C3484,,,,,,`].join('\n');
    const dry = (await upload(suzhou, Buffer.from(csv), 'dup.csv', { dryRun: true })).json();
    expect(dry.errors).toEqual([{ row: 4, field: 'uscc', message: '与第 3 行的统一社会信用代码重复' }]);
    const fixed = csv.split('\n').slice(0, 3).join('\n');
    const done = (await upload(suzhou, Buffer.from(fixed), 'dup.csv', { dryRun: false })).json();
    expect(done).toMatchObject({ created: 1, updated: 1 });
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/enterprises/${existing.uscc}`, headers: suzhou })).json();
    expect(detail.products).toEqual(['新产品']);
    expect(detail.restricted.financials[0].employees).toBe(120); // figures kept when the file has none
  });

  it('reads GBK-encoded CSV as Chinese Excel saves it', async () => {
    const uscc = uniqueUscc('320581');
    const gbk = iconv.encode([HEADER, `${uscc},常熟市庚纺织有限公司,320581,C1713,50,800,600,棉纱,,`].join('\r\n'), 'gbk');
    const r = (await upload(suzhou, gbk, 'gbk.csv', { dryRun: false })).json();
    expect(r).toMatchObject({ committed: true, created: 1 });
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/enterprises/${uscc}`, headers: suzhou })).json();
    expect(detail.name).toBe('常熟市庚纺织有限公司');
  });

  it('reads .xlsx with English headers, and formula cells by their value', async () => {
    const uscc = uniqueUscc('320583');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['uscc', 'name', 'regionCode', 'industryCode', 'employees', 'revenue', 'assets', 'products', 'capabilities', 'tags']);
    sheet.addRow([uscc, '昆山辛电子有限公司', 320583, 'C3982', { formula: '100+20', result: 120 }, 9000, 7000, 'PCB;FPC', '', 'little_giant']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const r = (await upload(suzhou, buffer, 'list.xlsx', { dryRun: false })).json();
    expect(r).toMatchObject({ committed: true, created: 1, errors: [] });
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/enterprises/${uscc}`, headers: suzhou })).json();
    expect(detail).toMatchObject({ products: ['PCB', 'FPC'], tags: ['little_giant'] });
    expect(detail.restricted.financials[0].employees).toBe(120);
  });

  it('asks about same-name enterprises with another USCC once, and remembers the answer', async () => {
    const existing = await makeEnterprise(db, { regionCode: '320505', name: '苏州同名精密有限公司' });
    const other = uniqueUscc('320505');
    const csv = Buffer.from([HEADER, `${other},苏州同名精密有限公司,320505,C3484,,,,,,`].join('\n'));
    const first = (await upload(suzhou, csv, 'same.csv', { dryRun: true })).json();
    expect(first.uncertain).toEqual([{ row: 2, uscc: other, name: '苏州同名精密有限公司', existingUscc: existing.uscc, existingName: existing.name, decision: null }]);
    expect(first.valid).toBe(0);
    const undecided = await upload(suzhou, csv, 'same.csv', { dryRun: false });
    expect(undecided.statusCode).toBe(422);
    const decided = await upload(suzhou, csv, 'same.csv', { dryRun: false, decisions: [{ uscc: other, existingUscc: existing.uscc, decision: 'distinct' }] });
    expect(decided.json()).toMatchObject({ committed: true, created: 1 });
    // Next upload: the decision is remembered, nothing to ask.
    const next = (await upload(suzhou, csv, 'same.csv', { dryRun: true })).json();
    expect(next.uncertain).toEqual([]); // now matched by USCC: an update
    expect(next.updated).toBe(1);
    const third = uniqueUscc('320505');
    const skipCsv = Buffer.from([HEADER, `${third},苏州同名精密有限公司,320505,C3484,,,,,,`].join('\n'));
    const skipped = (await upload(suzhou, skipCsv, 'same.csv', { dryRun: false, decisions: [{ uscc: third, existingUscc: existing.uscc, decision: 'skip' }, { uscc: third, existingUscc: other, decision: 'skip' }] })).json();
    expect(skipped).toMatchObject({ committed: true, created: 0, skipped: 1 });
    const again = (await upload(suzhou, skipCsv, 'same.csv', { dryRun: true })).json();
    expect(again.uncertain.every((u: { decision: string }) => u.decision === 'skip')).toBe(true);
    expect(await countByUscc([third])).toBe(0);
  });

  it('refuses rows outside a gov user’s region', async () => {
    const csv = Buffer.from([HEADER, `${uniqueUscc('320214')},无锡壬有限公司,320214,C3484,,,,,,`].join('\n'));
    const r = (await upload(suzhou, csv, 'out.csv', { dryRun: true })).json();
    expect(r.errors).toEqual([{ row: 2, field: 'regionCode', message: expect.stringContaining('不在您的管辖范围内') }]);
  });

  it('answers files that are not spreadsheets with 422 and writes nothing', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const r1 = await upload(admin, png, 'x.png', { dryRun: false });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().code).toBe('unsupported_file');
    const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    const r2 = await upload(admin, corrupt, 'x.xlsx', { dryRun: false });
    expect(r2.statusCode).toBe(422);
    expect(r2.json().detail).toMatch(/损坏|不是有效/);
    const headerless = await upload(admin, Buffer.from('a,b,c\n1,2,3'), 'x.csv', { dryRun: true });
    expect(headerless.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['industryCode', 'name', 'regionCode', 'uscc']);
    const noFile = await app.inject({ method: 'POST', url: '/api/v1/enterprises/import?dryRun=true', headers: { ...admin, 'content-type': 'application/json' }, payload: '{}' });
    expect(noFile.statusCode).toBe(422);
    expect(noFile.json().errors[0].path).toBe('file');
  });

  it('writes nothing when a problem turns up after the first rows were already written', async () => {
    // Larger than the first write chunk, so that writing has started when the last row fails.
    const usccs = Array.from({ length: 1500 }, () => uniqueUscc('320505'));
    const lines = usccs.map((u, i) => `${u},苏州批量${i}号精密有限公司,320505,C3484,${10 + (i % 50)},${100 + i},${200 + i},齿轮,,`);
    lines[lines.length - 1] = lines[lines.length - 1].replace(',C3484,', ',Z99,');
    const r = await upload(suzhou, Buffer.from([HEADER, ...lines].join('\n')), 'late.csv', { dryRun: false });
    expect(r.statusCode).toBe(422);
    expect(r.json().report.errors).toEqual([{ row: 1501, field: 'industryCode', message: expect.stringContaining('Z99') }]);
    expect(await countByUscc(usccs)).toBe(0);
    const audits = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('entity_key', 'in', usccs.slice(0, 100)).executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(0);

    const fixed = [HEADER, ...lines.slice(0, -1)].join('\n');
    const done = await upload(suzhou, Buffer.from(fixed), 'late.csv', { dryRun: false });
    expect(done.json()).toMatchObject({ committed: true, created: 1499 });
    expect(await countByUscc(usccs)).toBe(1499);
    const changes = await db.selectFrom('change_log').select((eb) => eb.fn.countAll<string>().as('n')).where('entity_key', 'in', usccs).executeTakeFirstOrThrow();
    expect(Number(changes.n)).toBe(1499);
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/enterprises/${usccs[1400]}`, headers: suzhou })).json();
    expect(detail).toMatchObject({ name: '苏州批量1400号精密有限公司', products: ['齿轮'] });
    expect(detail.restricted.financials[0]).toMatchObject({ employees: 10 });
  });

  it('is refused to members and experts', async () => {
    const expert = await loginAs(app, db, { role: 'expert' });
    const r = await upload(expert.headers, Buffer.from(HEADER), 'x.csv', { dryRun: true });
    expect(r.statusCode).toBe(403);
  });

  it('serves a template that imports cleanly', async () => {
    for (const format of ['xlsx', 'csv']) {
      const t = await app.inject({ method: 'GET', url: `/api/v1/enterprises/import/template?format=${format}`, headers: admin });
      expect(t.statusCode).toBe(200);
      const dry = (await upload(admin, t.rawPayload, `template.${format}`, { dryRun: true })).json();
      expect(dry).toMatchObject({ rows: 1, valid: 1, errors: [] });
    }
  });
});
