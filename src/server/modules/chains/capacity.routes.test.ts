import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { addChainMember, createChain } from './chains.service.js';
import { addMonths, currentMonth } from './capacity.service.js';

/**
 * A chain in 苏州 (320500) with two segments:
 *   cells: housing (吴中 320506, idle), parts (相城 320507, sharp drop), wuxiFirm (无锡 320214), big (large, not an SME)
 *   bms:   silent (昆山 320583, has not reported the latest month), parts (also here)
 */
let app: App;
let db: Db;
type Headers = { authorization: string };
type Firm = Awaited<ReturnType<typeof makeEnterprise>>;
let housing: Firm, parts: Firm, wuxiFirm: Firm, silent: Firm, big: Firm, other: Firm;
let chainId: string;
let admin: Headers, govSz: Headers, govWx: Headers, govWz: Headers, partsUser: Headers, otherUser: Headers, expert: Headers;
const latest = addMonths(currentMonth(), -1);
const previous = addMonths(latest, -1);

const post = (url: string, payload: unknown, headers?: Headers) => app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });
const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM capacity_reports`.execute(db)).rows[0].n);
const month = (uscc: string, m: string, capacity: number, output: number, extra: Record<string, unknown> = {}) => ({ uscc, month: m, capacity, output, ...extra });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  housing = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州电池壳体') });
  parts = await makeEnterprise(db, { regionCode: '320507', name: uniqueName('苏州结构件') });
  wuxiFirm = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡电芯配件') });
  silent = await makeEnterprise(db, { regionCode: '320583', name: uniqueName('昆山电路') });
  big = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州大型电池'), employees: 3000, revenue: 900_000, assets: 900_000 });
  other = await makeEnterprise(db, { regionCode: '320505', name: uniqueName('苏州无关') });
  chainId = await createChain(db, { actor: SYSTEM_ACTOR }, {
    name: uniqueName('苏州电池链'), regionCode: '320500',
    segments: [
      { key: 'cells', name: '电芯', stage: 'midstream', upstream: [], products: [] },
      { key: 'bms', name: '电池管理系统', stage: 'midstream', upstream: [], products: [] },
    ],
  });
  for (const [firm, key] of [[housing, 'cells'], [parts, 'cells'], [wuxiFirm, 'cells'], [big, 'cells'], [silent, 'bms'], [parts, 'bms']] as const) {
    await addChainMember(db, { actor: SYSTEM_ACTOR }, chainId, { uscc: firm.uscc, segmentKey: key, role: 'supplier' });
  }
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  govSz = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  govWx = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  govWz = (await loginAs(app, db, { role: 'gov', regionCode: '320506' })).headers;
  partsUser = (await loginAs(app, db, { role: 'member', orgUscc: parts.uscc })).headers;
  otherUser = (await loginAs(app, db, { role: 'member', orgUscc: other.uscc })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

describe('POST /api/v1/capacity/reports', () => {
  it('records an SME’s own months, computes utilisation, replaces a month with history in the audit log', async () => {
    const first = await post('/api/v1/capacity/reports', { items: [month(parts.uscc, previous, 1_000_000_00, 900_000_00, { ordersOnHandFen: 5_000_000_00, employees: 120 }), month(parts.uscc, latest, 1_000_000_00, 500_000_00)] }, partsUser);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, updated: 0 });
    const again = await post('/api/v1/capacity/reports', { items: [month(parts.uscc, latest, 1_000_000_00, 550_000_00)] }, partsUser);
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    const months = await get(`/api/v1/capacity/enterprises/${parts.uscc}`, partsUser);
    expect(months.statusCode, months.body).toBe(200);
    expect(months.json().months).toEqual([
      expect.objectContaining({ month: previous, unit: 'fen', utilisation: 0.9, ordersOnHandFen: 5_000_000_00, employees: 120, source: 'self_report' }),
      expect.objectContaining({ month: latest, output: 550_000_00, utilisation: 0.55, source: 'self_report' }),
    ]);
    const audit = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'capacity_report').where('entity_key', '=', `${parts.id}:${latest}`).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['capacity_report.create', 'capacity_report.update']);
    expect(audit[1].before).toMatchObject({ output: 500_000_00 });
    expect(audit[1].after).toMatchObject({ output: 550_000_00, utilisation: 0.55 });
  });

  it('refuses bad items naming the field, and writes none of the batch', async () => {
    const before = await count();
    const cases: Array<[unknown, string, Headers]> = [
      [month(parts.uscc, latest, 100, 120), 'items.0.output', partsUser],
      [month(parts.uscc, latest, 100.5, 50), 'items.0.capacity', partsUser],
      [month(parts.uscc, addMonths(currentMonth(), 1), 100, 50), 'items.0.month', partsUser],
      [month(parts.uscc, '2026-13', 100, 50), 'items.0.month', partsUser],
      [month(parts.uscc, latest, 0, 0), 'items.0.capacity', partsUser],
      [month(other.uscc, latest, 100, 50), 'items.0.uscc', partsUser],
      [month(wuxiFirm.uscc, latest, 100, 50), 'items.0.uscc', govSz],
      [month('91320500NOTAREAL1', latest, 100, 50), 'items.0.uscc', govSz],
    ];
    for (const [item, path, headers] of cases) {
      const r = await post('/api/v1/capacity/reports', { items: [item] }, headers);
      expect(r.statusCode, `${path} ${r.body}`).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // One good and one bad item: nothing is written.
    const mixed = await post('/api/v1/capacity/reports', { items: [month(housing.uscc, latest, 100, 40), month(wuxiFirm.uscc, latest, 100, 50)] }, govSz);
    expect(mixed.statusCode).toBe(422);
    expect(mixed.json().errors).toEqual([{ path: 'items.1.uscc', message: expect.any(String) }]);
    const duplicate = await post('/api/v1/capacity/reports', { items: [month(housing.uscc, latest, 100, 40), month(housing.uscc, latest, 100, 50)] }, govSz);
    expect(duplicate.json().errors).toEqual([{ path: 'items.1.month', message: expect.any(String) }]);
    expect(await count()).toBe(before);
    expect((await post('/api/v1/capacity/reports', { items: [month(parts.uscc, latest, 100, 50)] }, expert)).statusCode).toBe(403);
  });
});

describe('POST /api/v1/capacity/import', () => {
  async function upload(rows: unknown[][], dryRun: boolean, headers: Headers) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('产能');
    sheet.addRow(['统一社会信用代码', '月份', '单位', '产能', '产量', '在手订单（分）', '从业人数']);
    for (const row of rows) sheet.addRow(row);
    const { payload, headers: multipart } = multipartBody(Buffer.from(await book.xlsx.writeBuffer()), 'capacity.xlsx');
    return app.inject({ method: 'POST', url: `/api/v1/capacity/import?dryRun=${dryRun}`, headers: { ...headers, ...multipart }, payload });
  }
  const good = () => [
    [housing.uscc, previous, 'fen', 2_000_000_00, 1_000_000_00, '', 80],
    [housing.uscc, latest, 'fen', 2_000_000_00, 800_000_00, 3_000_000_00, 80],
    [silent.uscc, previous, '吨', 500, 400, '', ''],
    [wuxiFirm.uscc, latest, 'fen', 1_000_000_00, 900_000_00, '', ''],
  ];

  it('reports row errors naming row and field, refuses a commit with any of them, then writes all rows in one go', async () => {
    const bad = [...good(), [parts.uscc, latest, 'fen', 'abc', 10, '', ''], [silent.uscc, latest, '吨', 100, 150, '', '']];
    const dry = await upload(bad, true, govSz);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ isDryRun: true, rows: 6, valid: 3 });
    expect(dry.json().errors).toEqual([
      { row: 5, path: 'uscc', message: expect.stringContaining('不在您的管辖范围内') },
      { row: 6, path: 'capacity', message: expect.any(String) },
      { row: 7, path: 'output', message: expect.any(String) },
    ]);
    const before = await count();
    const refused = await upload(bad, false, govSz);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toEqual(['rows.5.uscc', 'rows.6.capacity', 'rows.7.output']);
    expect(await count()).toBe(before);
    const committed = await upload(good().slice(0, 3), false, govSz);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ isDryRun: false, rows: 3, valid: 3, created: 3, errors: [] });
    expect(await count()).toBe(before + 3);
    const row = await db.selectFrom('capacity_reports').select(['source', 'utilisation']).where('enterprise_id', '=', housing.id).where('month', '=', `${latest}-01`).executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'government_import', utilisation: '0.4000' });
    // 无锡 imports its own firm.
    expect((await upload([good()[3]], false, govWx)).json()).toMatchObject({ created: 1 });
    expect((await upload(good(), true, partsUser)).statusCode).toBe(403);
  });
});

describe('GET /api/v1/chains/{id}/capacity', () => {
  it('aggregates the SMEs in the caller’s scope per segment, equal to SQL, with idle, drop and missing alerts', async () => {
    const r = await get(`/api/v1/chains/${chainId}/capacity?from=${previous}&to=${latest}`, govSz);
    expect(r.statusCode, r.body).toBe(200);
    const view = r.json();
    const cells = view.segments.find((s: { key: string }) => s.key === 'cells');
    // Direct SQL over the same SMEs: 苏州 members of `cells` below `large`.
    const { rows } = await sql<{ reporting: string; utilisation: string; capacity: string; output: string }>`
      SELECT count(*) AS reporting, round(avg(r.utilisation), 4) AS utilisation,
             sum(r.capacity) FILTER (WHERE r.unit = 'fen') AS capacity, sum(r.output) FILTER (WHERE r.unit = 'fen') AS output
      FROM capacity_reports r JOIN chain_members m ON m.enterprise_id = r.enterprise_id JOIN enterprises e ON e.id = r.enterprise_id
      WHERE m.chain_id = ${chainId} AND m.segment_key = 'cells' AND e.size <> 'large' AND e.region_code LIKE '3205%' AND r.month = ${`${latest}-01`}::date`.execute(db);
    expect(cells).toMatchObject({ smes: 2, reporting: Number(rows[0].reporting), utilisation: Number(rows[0].utilisation), capacityFen: Number(rows[0].capacity), outputFen: Number(rows[0].output) });
    expect(cells.reporting).toBe(2);
    expect(cells.utilisation).toBe(0.475); // (0.40 + 0.55) / 2
    expect(cells.momPoints).toBe(-22.5); // from (0.50 + 0.90) / 2
    expect(cells.months.map((m: { month: string }) => m.month)).toEqual([previous, latest]);
    expect(view.totals).toMatchObject({ smes: 3, reporting: 2, idle: 2, drops: 1, missing: 1 });
    const alerts = view.alerts.map((a: { kind: string; uscc: string; segmentKey: string }) => `${a.kind}:${a.uscc}:${a.segmentKey}`);
    expect(alerts).toEqual(expect.arrayContaining([`idle:${housing.uscc}:cells`, `idle:${parts.uscc}:cells`, `drop:${parts.uscc}:cells`, `missing:${silent.uscc}:bms`]));
    expect(alerts.some((a: string) => a.includes(wuxiFirm.uscc) || a.includes(big.uscc))).toBe(false);
    // Thresholds are settable: at 30% nothing is idle, at 50 points nothing dropped.
    const loose = (await get(`/api/v1/chains/${chainId}/capacity?from=${previous}&to=${latest}&idleBelow=0.3&dropPoints=50`, govSz)).json();
    expect(loose.totals).toMatchObject({ idle: 0, drops: 0, missing: 1 });
  });

  it('counts only a county’s own SMEs, is for gov users only, and refuses bad ranges naming the field', async () => {
    const wz = (await get(`/api/v1/chains/${chainId}/capacity?to=${latest}`, govWz)).json();
    expect(wz.totals).toMatchObject({ smes: 1, reporting: 1, idle: 1 });
    expect(wz.alerts.map((a: { uscc: string }) => a.uscc)).toEqual([housing.uscc]);
    const wx = (await get(`/api/v1/chains/${chainId}/capacity?to=${latest}`, govWx)).json();
    expect(wx.totals).toMatchObject({ smes: 1, reporting: 1, idle: 0 });
    expect((await get(`/api/v1/chains/${chainId}/capacity`, partsUser)).statusCode).toBe(403);
    expect((await get(`/api/v1/chains/987654321/capacity`, govSz)).statusCode).toBe(404);
    const reversed = await get(`/api/v1/chains/${chainId}/capacity?from=${latest}&to=${previous}`, govSz);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors[0].path).toBe('from');
    const future = await get(`/api/v1/chains/${chainId}/capacity?to=${addMonths(currentMonth(), 2)}`, govSz);
    expect(future.json().errors[0].path).toBe('to');
    expect((await get(`/api/v1/chains/${chainId}/capacity?idleBelow=2`, govSz)).statusCode).toBe(422);
  });

  it('drills down from a segment to its SMEs and from an SME to its months; out of scope is 404', async () => {
    const list = await get(`/api/v1/chains/${chainId}/capacity/enterprises?segment=cells&to=${latest}`, govSz);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { uscc: string }) => i.uscc)).toEqual([housing.uscc, parts.uscc]);
    expect(list.json().items[1]).toMatchObject({ utilisation: 0.55, previousUtilisation: 0.9, momPoints: -35, alerts: ['idle', 'drop'], source: 'self_report' });
    const paged = await get(`/api/v1/chains/${chainId}/capacity/enterprises?to=${latest}&limit=1`, govSz);
    expect(paged.json()).toMatchObject({ total: 4, nextCursor: expect.any(String) });
    const missing = await get(`/api/v1/chains/${chainId}/capacity/enterprises?to=${latest}&alert=missing`, govSz);
    expect(missing.json().items).toEqual([expect.objectContaining({ uscc: silent.uscc, lastReportedMonth: previous, alerts: ['missing'] })]);
    const unknown = await get(`/api/v1/chains/${chainId}/capacity/enterprises?segment=nope`, govSz);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('segment');

    expect((await get(`/api/v1/capacity/enterprises/${housing.uscc}`, govSz)).json().months).toHaveLength(2);
    expect((await get(`/api/v1/capacity/enterprises/${housing.uscc}`, admin)).statusCode).toBe(200);
    expect((await get(`/api/v1/capacity/enterprises/${housing.uscc}`, govWx)).statusCode).toBe(404);
    expect((await get(`/api/v1/capacity/enterprises/${parts.uscc}`, govWz)).statusCode).toBe(404);
    expect((await get(`/api/v1/capacity/enterprises/${parts.uscc}`, otherUser)).statusCode).toBe(404);
    expect((await get(`/api/v1/capacity/enterprises/${housing.uscc}`, expert)).statusCode).toBe(404);
  });

  it('exports the segments and the SMEs to Excel', async () => {
    const r = await get(`/api/v1/chains/${chainId}/capacity/export?to=${latest}`, govSz);
    expect(r.statusCode, r.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['环节汇总', '中小企业明细']);
    const smes = book.getWorksheet('中小企业明细')!;
    const values = smes.getColumn(1).values.map(String);
    expect(values).toEqual(expect.arrayContaining([housing.uscc, parts.uscc, silent.uscc]));
    expect(values).not.toContain(big.uscc);
    const template = await get('/api/v1/capacity/import/template', partsUser);
    expect(template.statusCode).toBe(200);
  });
});
