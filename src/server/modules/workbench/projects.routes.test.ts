import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartBody } from '../../../../test/support.js';
import { loginAs, makeEnterprise } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { PROJECT_COLUMNS } from './projects.sheet.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let suzhou: Headers;
let wuxi: Headers;
let jiangsu: Headers;
let member: Headers;
let chainId: string;
let segmentKey: string;
let segmentName: string;
let firms: { uscc: string }[];

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, payload });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  jiangsu = (await loginAs(app, db, { role: 'gov', regionCode: '320000' })).headers;
  firms = [await makeEnterprise(db, { regionCode: '320506' }), await makeEnterprise(db, { regionCode: '320571' })];
  member = (await loginAs(app, db, { role: 'member', orgUscc: firms[0].uscc })).headers;
  const chain = await inject('POST', '/api/v1/chains', suzhou, { templateKey: 'ev-battery', regionCode: '320500', name: '苏州动力电池产业链' });
  expect(chain.statusCode, chain.body).toBe(201);
  chainId = chain.json().id;
  ({ key: segmentKey, name: segmentName } = await db.selectFrom('chain_segments').select(['key', 'name']).where('chain_id', '=', chainId).orderBy('position').limit(1).executeTakeFirstOrThrow());
});

const project = () => ({
  name: '固态电池电解质补链项目', type: 'fill', chainId, segmentKey, weakLinkKind: 'break', investmentFen: 120_000_000_00, startsOn: '2026-01-01', endsOn: '2027-06-30',
  enterprises: [{ uscc: firms[0].uscc, role: 'lead' }, { uscc: firms[1].uscc }], milestones: [{ title: '立项', dueOn: '2026-02-01', doneOn: '2026-01-20' }, { title: '中试线投产', dueOn: '2026-09-30' }],
});

describe('/api/v1/projects', () => {
  it('creates a project tied to chain and segment, with enterprises, milestones and a timeline of changes', async () => {
    const created = await inject('POST', '/api/v1/projects', suzhou, project());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const detail = (await inject('GET', `/api/v1/projects/${id}`, suzhou)).json();
    expect(detail).toMatchObject({ regionCode: '320500', chainName: '苏州动力电池产业链', segmentKey, segmentName, type: 'fill', weakLinkKind: 'break', investmentFen: 120_000_000_00, status: 'planned', enterpriseCount: 2 });
    expect(detail.enterprises[0]).toMatchObject({ uscc: firms[0].uscc, role: 'lead' });
    expect(detail.milestones.map((m: { title: string }) => m.title)).toEqual(['立项', '中试线投产']);
    expect(detail.nextMilestone).toEqual({ title: '中试线投产', dueOn: '2026-09-30' });

    const updated = await inject('PATCH', `/api/v1/projects/${id}`, suzhou, { status: 'in_progress', progressPct: 35, note: '设备进场' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ status: 'in_progress', progressPct: 35 });
    const history = (await inject('GET', `/api/v1/projects/${id}/history`, suzhou)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['chain_project.update', 'chain_project.create']);
    expect(history.items[0]).toMatchObject({ before: { status: 'planned', progressPct: 0 }, after: { status: 'in_progress', progressPct: 35, note: '设备进场' } });
    // The province sees its city's project; a sibling city and a member do not.
    expect((await inject('GET', `/api/v1/projects/${id}`, jiangsu)).statusCode).toBe(200);
    expect((await inject('GET', `/api/v1/projects/${id}`, wuxi)).statusCode).toBe(404);
    expect((await inject('PATCH', `/api/v1/projects/${id}`, wuxi, { progressPct: 90 })).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/projects/${id}/history`, wuxi)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/projects', wuxi)).json().items.some((p: { id: string }) => p.id === id)).toBe(false);
    expect((await inject('GET', '/api/v1/projects', member)).statusCode).toBe(403);
    const list = (await inject('GET', `/api/v1/projects?chain=${chainId}&type=fill`, jiangsu)).json();
    expect(list.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('names the field on bad input and writes nothing; out of scope is 404', async () => {
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM chain_projects`.execute(db)).rows[0].n);
    const cases: [object, string][] = [
      [{ segmentKey: 'no-such-segment' }, 'segmentKey'],
      [{ enterprises: [{ uscc: '91320500XXXXXXXXXX' }] }, 'enterprises.0.uscc'],
      [{ endsOn: '2025-01-01' }, 'endsOn'],
      [{ chainId: '999999999' }, 'chainId'],
      [{ type: '补链' }, 'type'],
      [{ investmentFen: -1 }, 'investmentFen'],
    ];
    for (const [change, path] of cases) {
      const r = await inject('POST', '/api/v1/projects', suzhou, { ...project(), ...change });
      expect(r.statusCode, r.body).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(r.json().errors)).toContain(`"${path}"`);
    }
    // 无锡 may read 苏州's chain map (maps are shared) but its own region is not within the chain's region.
    const wx = await inject('POST', '/api/v1/projects', wuxi, project());
    expect([wx.statusCode, wx.json().errors?.[0]?.path]).toEqual([422, 'regionCode']);
    expect((await inject('POST', '/api/v1/projects', suzhou, { ...project(), regionCode: '320200' })).statusCode).toBe(404);
    expect((await inject('PATCH', '/api/v1/projects/1', suzhou, { progressPct: 101 })).statusCode).toBe(422);
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM chain_projects`.execute(db)).rows[0].n)).toBe(before);
  });

  it('exports to Excel and imports it back: dry run with row errors, then all rows in one transaction', async () => {
    const exported = await inject('GET', `/api/v1/projects/export?chain=${chainId}`, suzhou);
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as string[]).slice(1, PROJECT_COLUMNS.length + 1)).toEqual([...PROJECT_COLUMNS]);
    expect(sheet.getRow(2).getCell(1).value).toBe('固态电池电解质补链项目');
    expect(sheet.getRow(2).getCell(7).value).toBe(12000);
    // Two good rows (one by segment name) and one bad one.
    sheet.addRow(['隔膜强链项目', '强链', chainId, segmentName, '', '320506', 500, '在建', 20, '2026-03-01', '2026-12-31', firms[0].uscc, '设备招标@2026-05-01', '']);
    sheet.addRow(['坏行', '补链', chainId, 'nope', '卡点', '', 'abc', '', '', '', '', '91320500XXXXXXXXXX', '', '']);
    const upload = async (dryRun: boolean) => {
      const file = Buffer.from(await book.xlsx.writeBuffer());
      const { payload, headers } = multipartBody(file, 'projects.xlsx');
      return app.inject({ method: 'POST', url: `/api/v1/projects/import?dryRun=${dryRun}`, headers: { ...suzhou, ...headers }, payload });
    };
    const dry = await upload(true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ isDryRun: true, rows: 3, valid: 2, created: 0 });
    expect(dry.json().errors).toEqual([{ row: 4, path: 'investmentFen', message: expect.any(String) }]);
    const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM chain_projects`.execute(db)).rows[0].n);
    const before = await count();
    expect((await upload(false)).statusCode).toBe(422);
    expect(await count()).toBe(before);
    sheet.spliceRows(4, 1);
    const committed = await upload(false);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ isDryRun: false, rows: 2, created: 2, errors: [] });
    expect(await count()).toBe(before + 2);
    const imported = (await inject('GET', '/api/v1/projects?type=strengthen', suzhou)).json().items[0];
    expect(imported).toMatchObject({ name: '隔膜强链项目', segmentKey, regionCode: '320506', investmentFen: 500_000_000, status: 'in_progress', progressPct: 20 });
    const history = (await inject('GET', `/api/v1/projects/${imported.id}/history`, suzhou)).json();
    expect(history.items[0].action).toBe('chain_project.import');
  });
});
