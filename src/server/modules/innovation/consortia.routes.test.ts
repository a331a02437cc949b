import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import { loginAs, makeEnterprise, uniqueName } from '../../../../test/factories.js';
import type { Db } from '../../db/database.js';
import type { App } from '../../http/context.js';

type Headers = { authorization: string };
let app: App;
let db: Db;
let lead: Awaited<ReturnType<typeof makeEnterprise>>;
let sme: Awaited<ReturnType<typeof makeEnterprise>>;
let university: Awaited<ReturnType<typeof makeEnterprise>>;
let outsider: Awaited<ReturnType<typeof makeEnterprise>>;
let leadUser: Headers;
let smeUser: Headers;
let universityUser: Headers;
let outsiderUser: Headers;
let suzhou: Headers;
let wuxi: Headers;
let expert: Headers;

const get = (url: string, headers: Headers) => app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => app.inject({ method, url, headers, payload: payload ?? {} });
const post = (url: string, headers: Headers, payload?: object) => send('POST', url, headers, payload);

beforeAll(async () => {
  ({ app, db } = await createTestApp());
  lead = await makeEnterprise(db, { regionCode: '320571', name: uniqueName('苏州联合体牵头电池'), employees: 5000, revenue: 900000, assets: 900000 });
  sme = await makeEnterprise(db, { regionCode: '320506', name: uniqueName('苏州联合体精密') });
  university = await makeEnterprise(db, { regionCode: '320508', name: uniqueName('苏州联合体大学') });
  outsider = await makeEnterprise(db, { regionCode: '320214', name: uniqueName('无锡联合体外部') });
  leadUser = (await loginAs(app, db, { role: 'member', orgUscc: lead.uscc })).headers;
  smeUser = (await loginAs(app, db, { role: 'member', orgUscc: sme.uscc })).headers;
  universityUser = (await loginAs(app, db, { role: 'member', orgUscc: university.uscc })).headers;
  outsiderUser = (await loginAs(app, db, { role: 'member', orgUscc: outsider.uscc })).headers;
  suzhou = (await loginAs(app, db, { role: 'gov', regionCode: '320500' })).headers;
  wuxi = (await loginAs(app, db, { role: 'gov', regionCode: '320200' })).headers;
  expert = (await loginAs(app, db, { role: 'expert' })).headers;
});

async function form(body: object = {}): Promise<string> {
  const r = await post('/api/v1/consortia', leadUser, { name: uniqueName('固态电池创新联合体'), field: '固态电池', members: [{ uscc: sme.uscc, role: 'sme' }], ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

describe('consortia', () => {
  it('forms with the lead active and invitees pending; invitees accept or decline; audit entries follow', async () => {
    const id = await form({ members: [{ uscc: sme.uscc, role: 'sme' }, { uscc: university.uscc, role: 'university' }] });
    const view = (await get(`/api/v1/consortia/${id}`, leadUser)).json();
    expect(view.members.map((m: { uscc: string; role: string; status: string }) => [m.uscc, m.role, m.status])).toEqual([
      [lead.uscc, 'lead', 'active'], [sme.uscc, 'sme', 'invited'], [university.uscc, 'university', 'invited'],
    ]);
    expect(view).toMatchObject({ canManage: true, myInvitation: 'active', activeMemberCount: 1 });
    expect((await get(`/api/v1/consortia/${id}`, smeUser)).json()).toMatchObject({ canManage: false, myInvitation: 'invited' });
    expect((await post(`/api/v1/consortia/${id}/respond`, smeUser, { accept: true })).statusCode).toBe(204);
    expect((await post(`/api/v1/consortia/${id}/respond`, smeUser, { accept: false })).statusCode).toBe(409);
    expect((await post(`/api/v1/consortia/${id}/respond`, universityUser, { accept: false })).statusCode).toBe(204);
    expect((await get(`/api/v1/consortia/${id}`, leadUser)).json().activeMemberCount).toBe(2);
    // Declined: the university no longer sees it.
    expect((await get(`/api/v1/consortia/${id}`, universityUser)).statusCode).toBe(404);
    const audit = await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'consortium').where('entity_key', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['consortium.create', 'consortium.accept', 'consortium.decline']);
  });

  it('scope: a non-member firm and gov outside the lead’s region get 404 (detail, writes) and an empty list; gov of the region sees it', async () => {
    const id = await form();
    for (const headers of [outsiderUser, wuxi, expert]) {
      expect((await get(`/api/v1/consortia/${id}`, headers)).statusCode).toBe(404);
      expect((await post(`/api/v1/consortia/${id}/members`, headers, { uscc: outsider.uscc, role: 'sme' })).statusCode).toBe(404);
      expect((await post(`/api/v1/consortia/${id}/respond`, headers, { accept: true })).statusCode).toBe(404);
      expect((await post(`/api/v1/consortia/${id}/projects`, headers, { title: '项目', goal: '目标目标', budgetFen: 1, startsOn: '2026-01-01', endsOn: '2026-12-31' })).statusCode).toBe(404);
    }
    expect((await get('/api/v1/consortia?limit=500', outsiderUser)).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await get('/api/v1/consortia?limit=500', wuxi)).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await get('/api/v1/consortia?limit=500', suzhou)).json().items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await get(`/api/v1/consortia/${id}`, suzhou)).json().canManage).toBe(true);
    expect((await get('/api/v1/consortia?limit=500', smeUser)).json().items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await get('/api/v1/consortia/99999999', leadUser)).statusCode).toBe(404);
  });

  it('an invited member may read but not manage (403); the lead invites, a second invitation is 409', async () => {
    const id = await form();
    expect((await post(`/api/v1/consortia/${id}/members`, smeUser, { uscc: university.uscc, role: 'university' })).statusCode).toBe(403);
    expect((await post(`/api/v1/consortia/${id}/members`, leadUser, { uscc: university.uscc, role: 'university' })).statusCode).toBe(204);
    expect((await post(`/api/v1/consortia/${id}/members`, suzhou, { uscc: university.uscc, role: 'institute' })).statusCode).toBe(409);
    const bad = await post(`/api/v1/consortia/${id}/members`, leadUser, { uscc: 'NOPE', role: 'sme' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('uscc');
    expect((await post(`/api/v1/consortia/${id}/members`, leadUser, { uscc: outsider.uscc, role: 'lead' })).json().errors[0].path).toBe('role');
  });

  it('bad input names the field and writes nothing', async () => {
    const before = await db.selectFrom('consortia').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const [body, path] of [
      [{ name: 'x' }, 'name'], [{ members: [{ uscc: 'NOPE', role: 'sme' }] }, 'members[0].uscc'], [{ members: [{ uscc: lead.uscc, role: 'sme' }] }, 'members[0].uscc'],
      [{ members: [{ uscc: sme.uscc, role: 'sme' }, { uscc: sme.uscc, role: 'sme' }] }, 'members[1].uscc'], [{ chainId: '99999999' }, 'chainId'], [{ uscc: outsider.uscc }, 'uscc'],
    ] as const) {
      const r = await post('/api/v1/consortia', leadUser, { ...{ name: '测试联合体', members: [] }, ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await post('/api/v1/consortia', expert, { name: '专家联合体' })).statusCode).toBe(403);
    const after = await db.selectFrom('consortia').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('joint projects: budget, period, milestones with progress; status and milestones update; another consortium’s project is 404', async () => {
    const id = await form();
    const other = await form();
    const created = await post(`/api/v1/consortia/${id}/projects`, leadUser, {
      title: '硫化物电解质中试', goal: '建成百吨级中试线', budgetFen: 3_000_000_000, startsOn: '2026-03-01', endsOn: '2027-02-28',
      milestones: [{ title: '中试线设计', dueOn: '2026-06-30', isDone: true }, { title: '中试线投运', dueOn: '2026-12-31' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const pid = created.json().id;
    let view = (await get(`/api/v1/consortia/${id}`, smeUser)).json();
    expect(view.projects[0]).toMatchObject({ title: '硫化物电解质中试', budgetFen: 3_000_000_000, startsOn: '2026-03-01', endsOn: '2027-02-28', status: 'planned', progress: 0.5 });
    expect(view.budgetFen).toBe(3_000_000_000);
    const patch = await send('PATCH', `/api/v1/consortia/${id}/projects/${pid}`, leadUser, { status: 'active', milestones: [{ title: '中试线设计', dueOn: '2026-06-30', isDone: true }, { title: '中试线投运', dueOn: '2026-12-31', isDone: true }] });
    expect(patch.statusCode, patch.body).toBe(204);
    view = (await get(`/api/v1/consortia/${id}`, leadUser)).json();
    expect(view.projects[0]).toMatchObject({ status: 'active', progress: 1 });
    expect((await send('PATCH', `/api/v1/consortia/${other}/projects/${pid}`, leadUser, { status: 'completed' })).statusCode).toBe(404);
    const inverted = await post(`/api/v1/consortia/${id}/projects`, leadUser, { title: '倒置项目', goal: '目标目标', budgetFen: 1, startsOn: '2026-05-01', endsOn: '2026-04-01' });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().errors[0].path).toBe('endsOn');
    expect((await post(`/api/v1/consortia/${id}/projects`, leadUser, { title: '分数预算', goal: '目标目标', budgetFen: 1.5, startsOn: '2026-05-01', endsOn: '2026-06-01' })).json().errors[0].path).toBe('budgetFen');
  });

  it('links challenges (409 twice, 422 unknown) and exports the list to Excel', async () => {
    const id = await form({ name: '导出测试创新联合体' });
    const challenge = await post('/api/v1/challenges', leadUser, { title: '固态电池界面阻抗攻关', type: 'proposal', problem: '降低硫化物固态电池界面阻抗，提升循环寿命。', targets: ['界面阻抗<10Ω·cm²'], deadline: '2099-12-31' });
    expect(challenge.statusCode, challenge.body).toBe(201);
    const challengeId = challenge.json().id;
    expect((await post(`/api/v1/consortia/${id}/challenges`, leadUser, { challengeId })).statusCode).toBe(204);
    expect((await post(`/api/v1/consortia/${id}/challenges`, leadUser, { challengeId })).statusCode).toBe(409);
    expect((await post(`/api/v1/consortia/${id}/challenges`, leadUser, { challengeId: '99999999' })).statusCode).toBe(422);
    expect((await get(`/api/v1/consortia/${id}`, smeUser)).json().challenges).toEqual([{ id: challengeId, title: '固态电池界面阻抗攻关' }]);

    const r = await get('/api/v1/consortia/export?q=导出测试', suzhou);
    expect(r.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('创新联合体')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe('导出测试创新联合体');
    expect(sheet.getRow(2).getCell(4).value).toBe(lead.name);
    const none = await get('/api/v1/consortia/export?q=导出测试', wuxi);
    await workbook.xlsx.load(none.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('创新联合体')!.rowCount).toBe(1);
  });

  it('chain and segment: set on forming, edited (PATCH) by managers only, validated by field, audited; a new chain clears the old segment', async () => {
    const chain = await post('/api/v1/chains', suzhou, { templateKey: 'ev-battery', regionCode: '320500', name: `苏州联合体动力电池产业链${Date.now()}` });
    expect(chain.statusCode, chain.body).toBe(201);
    const chainId = chain.json().id as string;
    const segments = (await get(`/api/v1/chains/${chainId}`, suzhou)).json().segments as { key: string; name: string }[];
    const [first, second] = segments;
    const id = await form({ chainId, segmentKey: first.key, members: [{ uscc: sme.uscc, role: 'sme' }, { uscc: university.uscc, role: 'university' }] });
    let view = (await get(`/api/v1/consortia/${id}`, smeUser)).json();
    expect(view).toMatchObject({ chainId, segmentKey: first.key, segmentName: first.name });
    expect(view.members.filter((m: { status: string }) => m.status === 'invited')).toHaveLength(2);

    const edit = (headers: Headers, body: object) => send('PATCH', `/api/v1/consortia/${id}`, headers, body);
    expect((await edit(leadUser, { segmentKey: second.key, field: '钠离子电池' })).statusCode).toBe(204);
    view = (await get(`/api/v1/consortia/${id}`, leadUser)).json();
    expect(view).toMatchObject({ field: '钠离子电池', segmentKey: second.key, segmentName: second.name, name: expect.stringContaining('固态电池创新联合体') });
    expect((await edit(smeUser, { field: '改名' })).statusCode).toBe(403);
    for (const headers of [outsiderUser, wuxi, expert]) expect((await edit(headers, { field: '改名' })).statusCode).toBe(404);

    for (const [body, path] of [[{ segmentKey: 'no-such-segment' }, 'segmentKey'], [{ chainId: '99999999' }, 'chainId'], [{ chainId: null, segmentKey: first.key }, 'segmentKey'], [{ name: 'x' }, 'name']] as const) {
      const r = await edit(leadUser, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(422);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const bad = await post('/api/v1/consortia', leadUser, { name: '测试联合体', segmentKey: first.key });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('segmentKey');
    expect((await get(`/api/v1/consortia/${id}`, leadUser)).json()).toMatchObject({ field: '钠离子电池', segmentKey: second.key });

    // Another chain without a segment: the old segment (of the old chain) goes.
    const other = await post('/api/v1/chains', suzhou, { templateKey: 'ev-battery', regionCode: '320500', name: `苏州联合体另一产业链${Date.now()}` });
    expect((await edit(suzhou, { chainId: other.json().id })).statusCode).toBe(204);
    expect((await get(`/api/v1/consortia/${id}`, leadUser)).json()).toMatchObject({ chainId: other.json().id, segmentKey: null, segmentName: null });
    expect((await edit(leadUser, { chainId: null })).statusCode).toBe(204);
    expect((await get(`/api/v1/consortia/${id}`, leadUser)).json()).toMatchObject({ chainId: null, chainName: null, segmentKey: null });
    const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'consortium').where('entity_key', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['consortium.create', 'consortium.update', 'consortium.update', 'consortium.update']);
    expect(audit[1].after).toMatchObject({ field: '钠离子电池', segmentKey: second.key, chainId });
  });

  it('candidates to invite: by name words or a USCC prefix, name/USCC/region only; experts 403; a one-letter query 422', async () => {
    const byName = await get(`/api/v1/consortia/candidates?q=${encodeURIComponent(sme.name)}`, leadUser);
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().items).toEqual([{ uscc: sme.uscc, name: sme.name, regionCode: '320506', regionName: '江苏省苏州市吴中区' }]);
    const byUscc = (await get(`/api/v1/consortia/candidates?q=${university.uscc.toLowerCase()}`, suzhou)).json().items;
    expect(byUscc.map((c: { uscc: string }) => c.uscc)).toEqual([university.uscc]);
    expect((await get('/api/v1/consortia/candidates?q=%25%25', leadUser)).json().items).toEqual([]);
    expect((await get('/api/v1/consortia/candidates?q=苏州', expert)).statusCode).toBe(403);
    const short = await get('/api/v1/consortia/candidates?q=苏', leadUser);
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0].path).toContain('q');
  });
});
