import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName, uniqueUscc } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';
import { businessDate } from '../../platform/dates.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let fund: string;
let leader: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let wuxiSme: Awaited<ReturnType<typeof makeEnterprise>>;
let admin: Headers;
let suzhou: Headers;
let wuxi: Headers;
let smeUser: Headers;
let leaderUser: Headers;
let expert: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, payload });

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  fund = uniqueUscc('320500');
  leader = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州链主电池'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州固态材料') });
  wuxiSme = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡电解质') });
  admin = (await loginAs(app, db, { role: 'platform_admin' })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  leaderUser = (await loginAs(app, db, { role: 'member', orgUscc: leader.uscc })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

describe('investments', () => {
  it('gov records, lists, edits and deletes in its region, with audit; others see 403 / 404; bad input names the field', async () => {
    const created = await send('POST', '/api/v1/investments', suzhou, { investorUscc: fund, investorName: '苏州创新产业基金', investeeUscc: sme.uscc, sharePct: 12.5, since: '2024-03-01' });
    expect(created.statusCode, created.body).toBe(201);
    const inv = created.json();
    expect(inv).toMatchObject({ investorName: '苏州创新产业基金', investeeName: sme.name, sharePct: 12.5, since: '2024-03-01', regionCode: '320506' });
    expect((await send('POST', '/api/v1/investments', suzhou, { investorUscc: fund, investeeUscc: sme.uscc, sharePct: 5 })).statusCode).toBe(409);

    // Scope: Wuxi's gov, members and experts never see it.
    expect((await get(`/api/v1/investments/${inv.id}`, wuxi)).statusCode).toBe(404);
    expect((await get(`/api/v1/investments/${inv.id}`, smeUser)).statusCode).toBe(404);
    expect((await send('PUT', `/api/v1/investments/${inv.id}`, wuxi, { investorUscc: fund, investeeUscc: sme.uscc, sharePct: 1 })).statusCode).toBe(404);
    expect((await send('DELETE', `/api/v1/investments/${inv.id}`, wuxi)).statusCode).toBe(404);
    expect((await get('/api/v1/investments', smeUser)).statusCode).toBe(403);
    expect((await get('/api/v1/investments', expert)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/investments', smeUser, { investorUscc: fund, investeeUscc: leader.uscc, sharePct: 3 })).statusCode).toBe(403);
    expect((await get(`/api/v1/investments?uscc=${sme.uscc}`, wuxi)).json().items).toEqual([]);
    expect((await get(`/api/v1/investments?uscc=${sme.uscc}`, suzhou)).json().items.map((i: { id: string }) => i.id)).toEqual([inv.id]);
    expect((await get(`/api/v1/investments?uscc=${sme.uscc}`, admin)).json().items).toHaveLength(1);

    // Bad input: an invalid check character, the same party twice, no party on the platform, out of region, share above 100.
    const bad = (body: object) => send('POST', '/api/v1/investments', suzhou, { investorUscc: fund, investeeUscc: leader.uscc, sharePct: 10, ...body });
    const broken = `${fund.slice(0, 17)}${fund[17] === '0' ? '1' : '0'}`;
    expect((await bad({ investorUscc: broken })).json().errors[0].path).toBe('investorUscc');
    expect((await bad({ investeeUscc: fund })).json().errors[0].path).toBe('investeeUscc');
    expect((await bad({ investeeUscc: uniqueUscc('110105') })).json().errors[0].message).toContain('平台在册');
    expect((await bad({ investeeUscc: wuxiSme.uscc })).json().errors[0].message).toContain('辖区');
    const share = await bad({ sharePct: 120 });
    expect(share.statusCode).toBe(422);
    expect(share.json().errors[0].path).toBe('sharePct');

    const edited = await send('PUT', `/api/v1/investments/${inv.id}`, suzhou, { investorUscc: fund, investorName: '苏州创新产业基金', investeeUscc: sme.uscc, sharePct: 20 });
    expect(edited.json()).toMatchObject({ sharePct: 20, since: null });
    const xlsx = await get('/api/v1/investments/export', suzhou);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0][0]).toBe('投资方统一社会信用代码');
    expect(rows.some((r) => r[2] === sme.uscc && r[4] === 20)).toBe(true);
    expect((await send('DELETE', `/api/v1/investments/${inv.id}`, suzhou)).statusCode).toBe(204);
    expect((await get(`/api/v1/investments/${inv.id}`, suzhou)).statusCode).toBe(404);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'investment').where('entity_key', '=', inv.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['investment.create', 'investment.update', 'investment.delete']);
  });

  it('imports a sheet: a dry run reports row errors and writes nothing; a commit with errors writes nothing; a clean commit inserts and updates', async () => {
    const other = uniqueUscc('320500');
    const csv = (lines: string[]) => Buffer.from(['投资方统一社会信用代码,投资方名称,被投资方统一社会信用代码,被投资方名称,持股比例(%),投资日期,来源', ...lines].join('\n'));
    const upload = (body: Buffer, dryRun: boolean) => app.inject({
      method: 'POST', url: `/api/v1/investments/import?dryRun=${dryRun}`, headers: { ...admin, 'content-type': 'multipart/form-data; boundary=X' },
      payload: Buffer.concat([Buffer.from('--X\r\nContent-Disposition: form-data; name="file"; filename="inv.csv"\r\nContent-Type: text/csv\r\n\r\n'), body, Buffer.from('\r\n--X--\r\n')]),
    });
    const lines = [`${other},天使基金,${leader.uscc},,5%,2023-06-30,公示系统`, `${leader.uscc},,${wuxiSme.uscc},,30,,`, `${other},,${other},,5,,`, `${other},,${leader.uscc},,200,,`];
    const dry = await upload(csv(lines), true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ isDryRun: true, rows: 4, valid: 2, created: 0 });
    expect(dry.json().errors.map((e: { row: number; path: string }) => `${e.row}:${e.path}`)).toEqual(['4:investeeUscc', '5:sharePct']);
    const refused = await upload(csv(lines), false);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('rows.4.investeeUscc');
    expect((await get(`/api/v1/investments?uscc=${other}`, admin)).json().items).toEqual([]);
    const done = await upload(csv(lines.slice(0, 2)), false);
    expect(done.json()).toMatchObject({ created: 2, updated: 0, errors: [] });
    const again = await upload(csv([`${other},天使基金,${leader.uscc},,7.25,2023-06-30,公示系统`]), false);
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
    const listed = (await get(`/api/v1/investments?uscc=${other}`, admin)).json().items;
    expect(listed).toMatchObject([{ investorName: '天使基金', investeeName: leader.name, sharePct: 7.25, since: '2023-06-30', source: '公示系统' }]);
    expect((await get('/api/v1/investments/template', suzhou)).headers['content-type']).toContain('spreadsheetml');
  });

  it('an expert whose organisation invests in or is invested by the applicant is never assigned — automatically or by hand (409 with the reason)', async () => {
    const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));
    const challenge = await send('POST', '/api/v1/challenges', leaderUser, { title: '高安全固态电池电解质揭榜', type: 'proposal', problem: '需要室温离子电导率高于1mS/cm的固态电解质', targets: ['离子电导率≥1mS/cm'], deadline: inDays(10), fields: ['固态电池'], reviewsPerApplication: 1 });
    expect(challenge.statusCode, challenge.body).toBe(201);
    const id = challenge.json().id;
    const application = await send('POST', `/api/v1/challenges/${id}/applications`, smeUser, { uscc: sme.uscc, proposal: '采用硫化物固态电解质与界面包覆工艺，室温电导率达到2mS/cm', team: '博士3人', schedule: '12个月' });
    expect(application.statusCode, application.body).toBe(201);
    // Two field experts: one works at a fund that holds shares of the SME, one at a firm the SME invested in; a third, unrelated, covers another field.
    const investee = uniqueUscc('320500');
    const ids: string[] = [];
    for (const [i, affiliationUscc] of [fund, investee, null].entries()) {
      const headers = (await loginAs(app, db, { role: 'expert' })).headers;
      const saved = await send('PUT', '/api/v1/experts/me', headers, { name: `投资专家${i}`, fields: i < 2 ? ['固态电池'] : ['电机'], regionCode: '320500', maxLoad: 5 });
      expect(saved.statusCode, saved.body).toBe(200);
      ids.push(saved.json().id);
      if (affiliationUscc) await db.updateTable('experts').set({ affiliation_uscc: affiliationUscc }).where('id', '=', saved.json().id).execute();
    }
    expect((await send('POST', '/api/v1/investments', admin, { investorUscc: fund, investeeUscc: sme.uscc, sharePct: 8 })).statusCode).toBe(201);
    expect((await send('POST', '/api/v1/investments', admin, { investorUscc: sme.uscc, investeeUscc: investee, sharePct: 51 })).statusCode).toBe(201);

    for (const expertId of ids.slice(0, 2)) {
      const byHand = await send('POST', `/api/v1/challenges/${id}/reviewers`, leaderUser, { applicationId: application.json().id, expertId });
      expect(byHand.statusCode).toBe(409);
      expect(byHand.json().reasons).toEqual(['org_investment']);
      expect(byHand.json().detail).toContain('股权投资');
    }
    const assigned = await send('POST', `/api/v1/challenges/${id}/assign-reviewers`, leaderUser, { perApplication: 1 });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const chosen = assigned.json().assignments.map((a: { expertId: string }) => a.expertId);
    expect(chosen).toHaveLength(1);
    expect(ids.slice(0, 2)).not.toContain(chosen[0]);
  });
});
